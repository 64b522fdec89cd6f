// The Google (Dialogflow ES) Lambda as it is deployed: bundle size (infra/bundle-options.ts, the
// same esbuild settings infra uses), cold load in a fresh Node process (import the bundle, which
// checks config, reads the catalog and builds the app) minus an empty Node start, and warm
// in-process latency of the whole Function URL handler over the test fixtures' requests.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { bundleSkill, SKILL_ENTRIES } from "../infra/bundle-options.js";
import { createWebhookHandler } from "../skill/google/webhook-handler.js";
import { WEBHOOK_SECRET_HEADER } from "../skill/google/webhook-secret.js";
import type { BenchRow } from "./bench-types.js";
import { benchCatalog, COLD_RUNS, latencyPercentiles, measureColdLoad, MemoryStore, repo, WARM_REQUESTS, WARM_UP_REQUESTS } from "./lambda-bench-support.js";

const SECRET = "bench-secret-0123456789abcdef";
const TOP_INPUTS = 6;

export const description = "Google (Dialogflow ES) Lambda bundle: size, cold load, warm handler latency";

export async function run(log: (line: string) => void): Promise<BenchRow[]> {
  // Inside the repository (.tmp-* is ignored): the bundle finds @aws-sdk/* in node_modules, as
  // the Lambda runtime provides them next to the handler.
  const scratch = await mkdtemp(path.join(repo, ".tmp-google-bench-"));
  try {
    const { file: catalogFile, note: catalogNote } = await benchCatalog(scratch);
    log(`catalog: ${catalogNote}`);

    const outdir = path.join(scratch, "lambda");
    const bundle = await bundleSkill(path.join(repo, SKILL_ENTRIES.google), outdir, { catalogFile });
    const kb = bundle.bytes / 1024;
    log(`bundle ${SKILL_ENTRIES.google} → ${kb.toFixed(1)} KB; largest inputs:`);
    for (const line of largestInputs(bundle.metafile)) log(`  ${line}`);

    log(`cold load: ${COLD_RUNS} fresh processes each, bundle vs empty node ...`);
    const env = {
      ...process.env,
      AWS_LAMBDA_FUNCTION_NAME: "rustpunt-google-bench",
      LAMBDA_TASK_ROOT: outdir,
      AWS_REGION: process.env.AWS_REGION ?? "eu-west-1",
      AUDIO_BASE_URL: "https://audio.example.org/",
      // The DynamoDB client is built, nothing is called. The secret comes from the environment:
      // in Lambda it is read from SSM after load, asynchronously, which is not load time.
      TABLE_NAME: "rustpunt-bench",
      CATALOG_FILE: "skill-catalog.json",
      GOOGLE_WEBHOOK_SECRET: SECRET,
    };
    const { empty, sdk, loaded } = measureColdLoad(bundle.file, env);
    const coldMs = loaded - empty;
    log(`  node alone ${empty.toFixed(1)} ms, node + AWS SDK ${sdk.toFixed(1)} ms, node + bundle ${loaded.toFixed(1)} ms`);

    log(`warm: ${WARM_REQUESTS} fixture requests through the Function URL handler, in-memory state ...`);
    const { p50, p99 } = await warmLatency(catalogFile);

    return [
      { metric: "google bundle", value: kb, unit: "KB", target: "≤ 1024 KB", ok: kb <= 1024, note: "esbuild minified ESM, @aws-sdk external" },
      { metric: "google cold load", value: coldMs, unit: "ms", target: "≤ 80 ms", ok: coldMs <= 80, note: `median of ${COLD_RUNS}, minus empty node (${empty.toFixed(0)} ms)` },
      { metric: "google AWS SDK load", value: sdk - empty, unit: "ms", note: "paid by the first request that reads or writes state, not at load" },
      { metric: "google warm p50", value: p50, unit: "ms", note: `${WARM_REQUESTS} requests (tests/fixtures/dialogflow)` },
      { metric: "google warm p99", value: p99, unit: "ms" },
    ];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What makes the bundle big, by package: the first place to look when the size grows. */
function largestInputs(metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }): string[] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const parts = input.split("node_modules/");
      const name = parts.length > 1 ? parts[parts.length - 1]!.split("/").slice(0, parts[parts.length - 1]!.startsWith("@") ? 2 : 1).join("/") : "(rustpunt)";
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_INPUTS)
    .map(([name, bytes]) => `${(bytes / 1024).toFixed(1).padStart(7)} KB  ${name}`);
}

async function warmLatency(catalogFile: string): Promise<{ p50: number; p99: number }> {
  const handler = createWebhookHandler({
    env: { AUDIO_BASE_URL: "https://audio.example.org/", GOOGLE_WEBHOOK_SECRET: SECRET, CATALOG_FILE: catalogFile },
    store: new MemoryStore(),
    log: () => undefined,
  });
  const dir = path.join(repo, "tests/fixtures/dialogflow");
  const bodies = await Promise.all((await readdir(dir)).filter((f) => f.endsWith(".json")).sort().map((f) => readFile(path.join(dir, f), "utf8")));
  const times: number[] = [];
  for (let i = 0; i < WARM_UP_REQUESTS + WARM_REQUESTS; i++) {
    const event = { headers: { [WEBHOOK_SECRET_HEADER]: SECRET, "content-type": "application/json" }, body: bodies[i % bodies.length]!, isBase64Encoded: false };
    const started = performance.now();
    const result = await handler(event);
    if (i >= WARM_UP_REQUESTS) times.push(performance.now() - started);
    if (result.statusCode !== 200) throw new Error(`fixture request answered ${result.statusCode}`);
  }
  return latencyPercentiles(times);
}
