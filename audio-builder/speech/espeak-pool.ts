// espeak-ng (WebAssembly) on worker threads. Each call instantiates the module and runs the CLI,
// which is CPU-bound; on the main thread concurrent calls would still run one after another,
// so they are spread over one worker per core.
import { availableParallelism } from "node:os";
import { WorkerCrashedError, WorkerPool } from "../workers/worker-pool.js";

const WORKER_URL = new URL("./espeak-worker.mjs", import.meta.url);

export class EspeakPool {
  private readonly pool: WorkerPool<string[], Uint8Array>;

  constructor(readonly size = availableParallelism()) {
    this.pool = new WorkerPool({
      name: "espeak",
      url: WORKER_URL,
      size,
      // A worker's JS is only Emscripten's glue; its memory is the WebAssembly instance. V8's
      // default young generation (tens of MB per isolate, touched and kept) cost ~35 MB of peak
      // memory per worker for nothing; 8 MB measured the same synthesis speed.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
  }

  /** Runs `espeak-ng <args...> -w out.wav -- <text>`; resolves with the WAV file espeak wrote. */
  async run(args: string[], text: string): Promise<Uint8Array> {
    try {
      return await this.pool.run([...args, text]);
    } catch (err) {
      if (err instanceof WorkerCrashedError || !(err instanceof Error)) throw err;
      throw new Error(`espeak-ng failed: ${err.message}`);
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
