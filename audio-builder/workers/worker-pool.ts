// A small pool of worker threads, one job per worker at a time, for CPU-bound work that would
// otherwise take turns on the main thread (espeak-ng synthesis, a track's signal work).
// Protocol: { id, request } in; { id, result } or { id, error } out.
import { Worker, type ResourceLimits, type Transferable } from "node:worker_threads";

export interface WorkerPoolOptions {
  /** Named in errors: "<name> worker crashed: ...". */
  name: string;
  /** A plain ES module bare Node can run (no TypeScript loader reaches a worker cheaply). */
  url: URL | string;
  size: number;
  resourceLimits?: ResourceLimits;
}

interface Job<Req, Res> {
  id: number;
  request: Req;
  transfer: readonly Transferable[];
  resolve: (result: Res) => void;
  reject: (err: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  job?: Job<Req, Res>;
}

/** The worker itself failed (it threw outside a job, or exited), not the job it was given. */
export class WorkerCrashedError extends Error {}

type Reply<Res> = { id: number; result: Res } | { id: number; error: string };

export class WorkerPool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly queue: Job<Req, Res>[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly opts: WorkerPoolOptions) {
    if (!Number.isInteger(opts.size) || opts.size < 1) throw new RangeError(`${opts.name} pool size must be a positive integer, got ${opts.size}`);
  }

  /** Runs one job on the next free worker; `transfer` moves buffers to it instead of copying them. */
  run(request: Req, transfer: readonly Transferable[] = []): Promise<Res> {
    if (this.closed) return Promise.reject(new Error(`${this.opts.name} pool is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, transfer, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error(`${this.opts.name} pool closed before the job ran`));
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.job?.reject(new Error(`${this.opts.name} pool closed while the job ran`));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.opts.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // busy workers keep the process alive until their answer arrives
      slot.worker.postMessage({ id: job.id, request: job.request }, job.transfer);
    }
  }

  private spawn(): Slot<Req, Res> {
    const slot: Slot<Req, Res> = {
      worker: new Worker(this.opts.url, this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
    };
    slot.worker.unref(); // an idle pool never holds the process open, even if close() is forgotten
    slot.worker.on("message", (reply: Reply<Res>) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      slot.worker.unref();
      if ("error" in reply) job.reject(new Error(reply.error)); // the job's own message, as the worker put it
      else job.resolve(reply.result);
      this.dispatch();
    });
    slot.worker.on("error", (err) => this.retire(slot, err));
    slot.worker.on("exit", (code) => {
      if (!this.closed) this.retire(slot, new Error(`exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** A crashed worker fails its own job only; the next job gets a fresh worker. */
  private retire(slot: Slot<Req, Res>, err: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    slot.job?.reject(new WorkerCrashedError(`${this.opts.name} worker crashed: ${err.message}`));
    slot.job = undefined;
    void slot.worker.terminate();
    this.dispatch();
  }
}
