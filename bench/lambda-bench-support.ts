// What the Lambda benches (alexa-bench.ts, google-bench.ts) measure the same way: which catalog
// they bundle, cold load of a bundle in fresh Node processes, and percentiles of warm latency
// with state kept in memory, so the two platforms' figures stay comparable.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { StateStore, StoredAttributes } from "../skill/persistence/state-store.js";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const COLD_RUNS = 11;
export const WARM_REQUESTS = 1000;
/** Requests run before timing starts: they warm the JIT. */
export const WARM_UP_REQUESTS = 100;
const SDK_MODULES = ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"];

/** The built catalog when there is one; else the same projection from the scripts (all variants). */
export async function benchCatalog(scratch: string): Promise<{ file: string; note: string }> {
  for (const candidate of ["dist/skill-catalog.json", "tests/.fixtures/dist/skill-catalog.json"]) {
    const file = path.join(repo, candidate);
    if (existsSync(file)) return { file, note: candidate };
  }
  const { skillCatalogFromScripts } = await import("../tests/helpers/catalog-from-scripts.js");
  const file = path.join(scratch, "skill-catalog.json");
  await writeFile(file, JSON.stringify(await skillCatalogFromScripts()));
  return { file, note: "no dist/ built: every variant from the scripts, without audio" };
}

export interface ColdLoad {
  /** Median ms of an empty Node start. */
  empty: number;
  /** Median ms of Node importing the runtime's AWS SDK v3 alone. */
  sdk: number;
  /** Median ms of Node importing the bundle (which builds the skill). */
  loaded: number;
}

/** Cold load of a bundled handler, each figure the median of COLD_RUNS fresh processes. */
export function measureColdLoad(bundleFile: string, env: NodeJS.ProcessEnv): ColdLoad {
  const loader = `import(${JSON.stringify(pathToFileURL(bundleFile).href)}).then((m) => { if (typeof m.handler !== "function") process.exit(2); })`;
  // The runtime's AWS SDK v3 is imported on the first storage call, not at load: measured
  // alone, so the first request's extra cost is on the table too.
  const sdkOnly = `Promise.all([${SDK_MODULES.map((m) => `import(${JSON.stringify(m)})`).join(", ")}])`;
  return {
    empty: medianMs(() => timeProcess(["-e", ""], env)),
    sdk: medianMs(() => timeProcess(["--input-type=module", "-e", sdkOnly], env)),
    loaded: medianMs(() => timeProcess(["--input-type=module", "-e", loader], env)),
  };
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

/** p50 and p99 of warm request times (sorts `times` in place). */
export function latencyPercentiles(times: number[]): { p50: number; p99: number } {
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

/** State in memory, copied through JSON as a real store would: no storage time blurs the handler's. */
export class MemoryStore implements StateStore {
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
