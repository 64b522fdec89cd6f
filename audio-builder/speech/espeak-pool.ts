// A small pool of worker threads running espeak-ng. Each call instantiates the WebAssembly
// module and runs the CLI, which is CPU-bound; on the main thread concurrent calls would
// still run one after another, so they are spread over one worker per core.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

interface Job {
  id: number;
  args: string[];
  resolve: (wav: Uint8Array) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

type Reply = { id: number; wav: Uint8Array } | { id: number; error: string };

const WORKER_URL = new URL("./espeak-worker.mjs", import.meta.url);

export class EspeakPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(readonly size = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`espeak pool size must be a positive integer, got ${size}`);
  }

  /** Runs `espeak-ng <args...> -w out.wav -- <text>`; resolves with the WAV file espeak wrote. */
  run(args: string[], text: string): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error("espeak pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, args: [...args, text], resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("espeak pool closed before the job ran"));
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.job?.reject(new Error("espeak pool closed while the job ran"));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // busy workers keep the process alive until their answer arrives
      slot.worker.postMessage({ id: job.id, args: job.args });
    }
  }

  private spawn(): Slot {
    // A worker's JS is only Emscripten's glue; its memory is the WebAssembly instance. V8's
    // default young generation (tens of MB per isolate, touched and kept) cost ~35 MB of peak
    // memory per worker for nothing; 8 MB measured the same synthesis speed.
    const slot: Slot = { worker: new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 8 } }) };
    slot.worker.unref(); // an idle pool never holds the process open, even if close() is forgotten
    slot.worker.on("message", (reply: Reply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      slot.worker.unref();
      if ("error" in reply) job.reject(new Error(`espeak-ng failed: ${reply.error}`));
      else job.resolve(reply.wav);
      this.dispatch();
    });
    slot.worker.on("error", (err) => this.retire(slot, err));
    slot.worker.on("exit", (code) => {
      if (!this.closed) this.retire(slot, new Error(`espeak worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** A crashed worker fails its own job only; the next job gets a fresh worker. */
  private retire(slot: Slot, err: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    slot.job?.reject(new Error(`espeak worker crashed: ${err.message}`));
    slot.job = undefined;
    void slot.worker.terminate();
    this.dispatch();
  }
}
