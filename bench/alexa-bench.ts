// The Alexa Lambda as it is deployed: bundle size (skill/bundle-options.ts, the same esbuild
// settings infra uses), cold load in a fresh Node process (import the bundle, which builds the
// skill) minus an empty Node start, and warm in-process latency over 1,000 mixed requests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RequestEnvelope } from "ask-sdk-model";
import type { SkillCatalog } from "../audio-builder/catalog/skill-catalog-types.js";
import { readAlexaConfig } from "../skill/alexa/config.js";
import { createAlexaSkill } from "../skill/alexa/skill-builder.js";
import { bundleSkill, SKILL_ENTRIES } from "../skill/bundle-options.js";
import { loadCatalog } from "../skill/core/load-catalog.js";
import type { StateStore, StoredAttributes } from "../skill/persistence/state-store.js";
import type { BenchRow } from "./bench-types.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
const COLD_RUNS = 11;
const WARM_REQUESTS = 1000;
const SDK_MODULES = ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"];

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
    const loader = `import(${JSON.stringify(pathToFileURL(bundle.file).href)}).then((m) => { if (typeof m.handler !== "function") process.exit(2); })`;
    // The runtime's AWS SDK v3 is imported on the first storage call, not at load: measured
    // alone, so the first request's extra cost is on the table too.
    const sdkOnly = `Promise.all([${SDK_MODULES.map((m) => `import(${JSON.stringify(m)})`).join(", ")}])`;
    const empty = medianMs(() => timeProcess(["-e", ""], env));
    const sdk = medianMs(() => timeProcess(["--input-type=module", "-e", sdkOnly], env));
    const loaded = medianMs(() => timeProcess(["--input-type=module", "-e", loader], env));
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

/** The built catalog when there is one; else the same projection from the scripts (all variants). */
async function benchCatalog(scratch: string): Promise<{ file: string; note: string }> {
  for (const candidate of ["dist/skill-catalog.json", "tests/.fixtures/dist/skill-catalog.json"]) {
    const file = path.join(repo, candidate);
    if (existsSync(file)) return { file, note: candidate };
  }
  const { skillCatalogFromScripts } = await import("../tests/helpers/catalog-from-scripts.js");
  const file = path.join(scratch, "skill-catalog.json");
  await writeFile(file, JSON.stringify(await skillCatalogFromScripts()));
  return { file, note: "no dist/ built: every variant from the scripts, without audio" };
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed (${result.status}): ${result.stderr.toString().slice(0, 500)}`);
  return ms;
}

function medianMs(measure: () => number): number {
  measure(); // warm the file system cache
  const times = Array.from({ length: COLD_RUNS }, measure).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

class MemoryStore implements StateStore {
  private readonly items = new Map<string, string>();
  async get(userId: string): Promise<StoredAttributes> {
    const text = this.items.get(userId);
    return text ? (JSON.parse(text) as StoredAttributes) : {};
  }
  async save(userId: string, attributes: StoredAttributes): Promise<void> {
    this.items.set(userId, JSON.stringify(attributes));
  }
  async delete(userId: string): Promise<void> {
    this.items.delete(userId);
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
  for (let i = 0; i < WARM_REQUESTS + 100; i++) {
    const envelope = mix[i % mix.length]!(`amzn1.ask.account.bench-${i % 20}`);
    const started = performance.now();
    await skill.invoke(envelope);
    if (i >= 100) times.push(performance.now() - started); // the first 100 warm the JIT
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
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
  ];
}
