// The Alexa Lambda as it is deployed: bundle size (infra/bundle-options.ts, the same esbuild
// settings infra uses), cold load in a fresh Node process (import the bundle, which builds the
// skill) minus an empty Node start, and warm in-process latency over 1,000 mixed requests.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import type { RequestEnvelope } from "ask-sdk-model";
import type { SkillCatalog } from "../audio-builder/catalog/skill-catalog-types.js";
import { readAlexaConfig } from "../skill/alexa/config.js";
import { createAlexaSkill } from "../skill/alexa/skill-builder.js";
import { bundleSkill, SKILL_ENTRIES } from "../infra/bundle-options.js";
import { loadCatalog } from "../skill/core/load-catalog.js";
import type { BenchRow } from "./bench-types.js";
import { benchCatalog, COLD_RUNS, latencyPercentiles, measureColdLoad, MemoryStore, repo, WARM_REQUESTS, WARM_UP_REQUESTS } from "./lambda-bench-support.js";

const SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

export const description = "Alexa Lambda bundle: size, cold load, warm handler latency";

export async function run(log: (line: string) => void): Promise<BenchRow[]> {
  // Inside the repository (.tmp-* is ignored): the bundle finds @aws-sdk/* in node_modules, as
  // the Lambda runtime provides them next to the handler.
  const scratch = await mkdtemp(path.join(repo, ".tmp-alexa-bench-"));
  try {
    const { file: catalogFile, note: catalogNote } = await benchCatalog(scratch);
    log(`catalog: ${catalogNote}`);

    const outdir = path.join(scratch, "lambda");
    const bundle = await bundleSkill(path.join(repo, SKILL_ENTRIES.alexa), outdir, { catalogFile });
    const kb = bundle.bytes / 1024;
    log(`bundle ${path.relative(repo, SKILL_ENTRIES.alexa)} → ${(kb).toFixed(1)} KB`);

    log(`cold load: ${COLD_RUNS} fresh processes each, bundle vs empty node ...`);
    const env = {
      ...process.env,
      // As Lambda sets them (TABLE_NAME: the DynamoDB client is built, nothing is called).
      AWS_LAMBDA_FUNCTION_NAME: "rustpunt-bench",
      LAMBDA_TASK_ROOT: outdir,
      AWS_REGION: process.env.AWS_REGION ?? "eu-west-1",
      ALEXA_SKILL_ID: SKILL_ID,
      AUDIO_BASE_URL: "https://audio.example.org/",
      TABLE_NAME: "rustpunt-bench",
      CATALOG_FILE: "skill-catalog.json",
    };
    const { empty, sdk, loaded } = measureColdLoad(bundle.file, env);
    const coldMs = loaded - empty;
    log(`  node alone ${empty.toFixed(1)} ms, node + AWS SDK ${sdk.toFixed(1)} ms, node + bundle ${loaded.toFixed(1)} ms`);

    log(`warm: ${WARM_REQUESTS} mixed requests in process, in-memory state ...`);
    const { p50, p99 } = await warmLatency(catalogFile);

    return [
      { metric: "alexa bundle", value: kb, unit: "KB", target: "≤ 150 KB", ok: kb <= 150, note: "esbuild minified ESM, @aws-sdk external" },
      { metric: "alexa cold load", value: coldMs, unit: "ms", target: "≤ 30 ms", ok: coldMs <= 30, note: `median of ${COLD_RUNS}, minus empty node (${empty.toFixed(0)} ms)` },
      { metric: "alexa AWS SDK load", value: sdk - empty, unit: "ms", note: "paid by the first request that reads or writes state, not at load" },
      { metric: "alexa warm p50", value: p50, unit: "ms", note: `${WARM_REQUESTS} mixed requests` },
      { metric: "alexa warm p99", value: p99, unit: "ms", target: "≤ 5 ms", ok: p99 <= 5 },
    ];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function warmLatency(catalogFile: string): Promise<{ p50: number; p99: number }> {
  const catalog = loadCatalog({ file: catalogFile }) as SkillCatalog;
  const config = readAlexaConfig({ ALEXA_SKILL_ID: SKILL_ID, AUDIO_BASE_URL: "https://audio.example.org/" }, { requireSkillId: true });
  const skill = createAlexaSkill({ config, catalog, store: new MemoryStore(), log: () => undefined });
  const track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.exercise === "ademhaling")!;
  const token = `nl-NL|${track.id}`;
  const mix = requestMix(token, Math.round(track.durationMs / 2));

  const times: number[] = [];
  for (let i = 0; i < WARM_UP_REQUESTS + WARM_REQUESTS; i++) {
    const envelope = mix[i % mix.length]!(`amzn1.ask.account.bench-${i % 20}`);
    const started = performance.now();
    await skill.invoke(envelope);
    if (i >= WARM_UP_REQUESTS) times.push(performance.now() - started);
  }
  return latencyPercentiles(times);
}

type Make = (userId: string) => RequestEnvelope;

function requestMix(token: string, offset: number): Make[] {
  const envelope = (userId: string, request: Record<string, unknown>, player?: Record<string, unknown>, session = true): RequestEnvelope =>
    ({
      version: "1.0",
      ...(session ? { session: { new: false, sessionId: "bench", application: { applicationId: SKILL_ID }, user: { userId } } } : {}),
      context: {
        System: { application: { applicationId: SKILL_ID }, user: { userId }, device: { deviceId: "d", supportedInterfaces: { AudioPlayer: {} } } },
        ...(player ? { AudioPlayer: player } : {}),
      },
      request: { requestId: "r", timestamp: "2026-01-01T00:00:00Z", locale: "nl-NL", ...request },
    }) as unknown as RequestEnvelope;
  const intent = (name: string, slots: Record<string, { name: string; value: string }> = {}) => ({ type: "IntentRequest", intent: { name, slots } });
  const playing = { token, offsetInMilliseconds: offset, playerActivity: "STOPPED" };
  return [
    (u) => envelope(u, { type: "LaunchRequest" }),
    (u) => envelope(u, intent("StartExerciseIntent", { exercise: { name: "exercise", value: "ademhaling" } })),
    (u) => envelope(u, { type: "AudioPlayer.PlaybackStarted", token, offsetInMilliseconds: 0 }, undefined, false),
    (u) => envelope(u, intent("AMAZON.PauseIntent"), playing),
    (u) => envelope(u, intent("AMAZON.ResumeIntent"), playing),
    (u) => envelope(u, intent("TipIntent")),
    (u) => envelope(u, intent("WhyIntent")),
    (u) => envelope(u, intent("StartExerciseIntent", { exercise: { name: "exercise", value: "yoga" } })),
    (u) => envelope(u, intent("AMAZON.HelpIntent")),
    (u) => envelope(u, { type: "AudioPlayer.PlaybackStopped", token, offsetInMilliseconds: offset }, undefined, false),
    (u) => envelope(u, intent("AMAZON.NextIntent"), playing),
    (u) => envelope(u, intent("AMAZON.StopIntent"), playing),
    // Name-free routing's question: no session, no state.
    (u) => envelope(u, { type: "CanFulfillIntentRequest", intent: { name: "StartExerciseIntent", slots: { exercise: { name: "exercise", value: "ademhaling" } } } }, undefined, false),
  ];
}
