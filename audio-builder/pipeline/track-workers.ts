// One worker thread per core builds tracks (assembly, shaping, loudness, limiter, the ffmpeg
// encodes and their checks): on the main thread the signal work of every track in flight took
// turns on one core while the other waited. The worker runs an esbuild bundle of
// track-worker.ts, made once per process: tsx's loader would start a thread of its own in
// every worker.
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleEntry } from "../workers/bundle-entry.mjs";
import { WorkerPool } from "../workers/worker-pool.js";
import type { TrackJob, TrackJobResult } from "./build-track.js";

const WORKER_ENTRY = fileURLToPath(new URL("./track-worker.ts", import.meta.url));

let bundle: Promise<string> | undefined;

export interface TrackWorkers {
  /** Builds one track; the job's speech buffers move to the worker (unusable here afterwards). */
  build(job: TrackJob): Promise<TrackJobResult>;
  close(): Promise<void>;
}

export async function startTrackWorkers(size = availableParallelism()): Promise<TrackWorkers> {
  bundle ??= bundleEntry(WORKER_ENTRY).catch((error: unknown) => {
    bundle = undefined; // a fixed source gets another try
    throw error;
  });
  const pool = new WorkerPool<TrackJob, TrackJobResult>({
    name: "track",
    url: pathToFileURL(await bundle),
    size,
    // The audio lives in typed arrays outside the JS heap; a larger young generation only holds memory.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  return {
    build: (job) => pool.run(job, [...new Set([...job.speech.values()].map((a) => a.samples.buffer as ArrayBuffer))]),
    close: () => pool.close(),
  };
}
