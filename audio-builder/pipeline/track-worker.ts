// A track worker (track-workers.ts): builds one track's files at a time, off the main thread.
// Protocol (workers/worker-pool.ts): { id, request: TrackJob } in; { id, result } or { id, error } out.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort } from "node:worker_threads";
import { buildTrackFiles, type TrackJob } from "./build-track.js";

if (!parentPort) throw new Error("track-worker.ts runs as a worker thread (see track-workers.ts)");
const port = parentPort;

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

port.on("message", async (msg: { id: number; request: TrackJob }) => {
  try {
    port.postMessage({ id: msg.id, result: await buildTrackFiles(msg.request, collect) });
  } catch (err) {
    // The message is the user's: "<file>: encoded duration ... differs", "ffmpeg failed: ...".
    port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
  setImmediate(collect);
});
