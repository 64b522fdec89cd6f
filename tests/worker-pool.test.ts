// The worker pool under the espeak engine and the track workers: jobs spread over workers and
// come back in any order, a job's own error keeps its message, a crashed worker fails only its
// job and is replaced, and closing rejects what has not run.
import { describe, expect, it } from "vitest";
import { WorkerCrashedError, WorkerPool } from "../audio-builder/workers/worker-pool.js";

/** A worker as a data: URL: "fail:<text>" answers with an error, "crash" exits the thread, "<n>" sleeps n ms and answers n * 2 with its thread id. */
const WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort, threadId } from "node:worker_threads";
    parentPort.on("message", async ({ id, request }) => {
      if (request === "crash") process.exit(3);
      if (typeof request === "string") return parentPort.postMessage({ id, error: request.slice(5) });
      await new Promise((r) => setTimeout(r, request));
      parentPort.postMessage({ id, result: { doubled: request * 2, threadId } });
    });
  `)}`,
);

type Req = number | string;
type Res = { doubled: number; threadId: number };

describe("worker pool", () => {
  it("runs jobs on up to `size` workers at once and resolves each with its own result", async () => {
    const pool = new WorkerPool<Req, Res>({ name: "test", url: WORKER, size: 2 });
    try {
      const results = await Promise.all([40, 10, 30, 20].map((ms) => pool.run(ms)));
      expect(results.map((r) => r.doubled)).toEqual([80, 20, 60, 40]);
      expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("passes a job's error message through unchanged and keeps the worker", async () => {
    const pool = new WorkerPool<Req, Res>({ name: "test", url: WORKER, size: 1 });
    try {
      await expect(pool.run("fail:dist/x.mp3: encoded duration differs")).rejects.toThrow(/^dist\/x\.mp3: encoded duration differs$/);
      expect((await pool.run(1)).doubled).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("fails only the crashed worker's job, names the pool, and carries on with a fresh worker", async () => {
    const pool = new WorkerPool<Req, Res>({ name: "track", url: WORKER, size: 1 });
    try {
      const crashed = pool.run("crash");
      const after = pool.run(5);
      const error = await crashed.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashedError);
      expect((error as Error).message).toMatch(/^track worker crashed: exited with code 3$/);
      expect((await after).doubled).toBe(10);
    } finally {
      await pool.close();
    }
  });

  it("rejects queued jobs on close, and refuses new ones", async () => {
    const pool = new WorkerPool<Req, Res>({ name: "test", url: WORKER, size: 1 });
    const running = expect(pool.run(200)).rejects.toThrow(/test pool closed while the job ran/);
    const queued = expect(pool.run(1)).rejects.toThrow(/test pool closed before the job ran/);
    await pool.close();
    await queued;
    await running;
    await expect(pool.run(1)).rejects.toThrow(/test pool is closed/);
  });

  it("refuses a size that is not a positive integer", () => {
    expect(() => new WorkerPool({ name: "test", url: WORKER, size: 0 })).toThrow(RangeError);
  });
});
