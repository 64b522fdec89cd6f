// Worker thread for espeak-ng (WebAssembly). Synthesis is CPU-bound, so the engine spreads
// segments over a few of these to use every core. Plain JavaScript on purpose: a worker starts
// outside vitest's and tsx's TypeScript loaders, so this file must run on bare Node.
// Protocol (workers/worker-pool.ts): { id, request: args } in; { id, result } (the WAV file
// espeak wrote) or { id, error } out.
// The last arg is the text; it goes after "--" so text such as "--help" is spoken, not obeyed.
// @ts-check
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort } from "node:worker_threads";
import ESpeakNg from "espeak-ng";

const OUT = "/out.wav";
// Emscripten's own notice when main() returns while the runtime is kept alive: not an error.
const RUNTIME_NOTICE = /keepRuntimeAlive|program exited/;

if (!parentPort) throw new Error("espeak-worker.mjs must run as a worker thread");
const port = parentPort;

// Every call leaves a dead WebAssembly instance (~50 MB of linear memory) behind, and V8 does
// not count that as heap pressure, so without a nudge a worker holds several of them at once.
setFlagsFromString("--expose-gc");
const collect = /** @type {() => void} */ (runInNewContext("gc"));

// The package is an assertions build: every failed lookup while it sets up its in-memory file
// system (thousands per call) creates an ErrnoError that captures a stack trace, which under a
// source-map-aware loader cost about a third of each call. Nothing here reads those stacks;
// this worker's own failures travel as messages.
Error.stackTraceLimit = 0;

// Compiled once per worker; left to itself the glue code reads and compiles the 18 MB module
// (it embeds the voice data) on every call.
const wasmPath = createRequire(import.meta.url).resolve("espeak-ng").replace(/\.js$/, ".wasm");
const compiled = WebAssembly.compile(readFileSync(wasmPath));
compiled.catch(() => {}); // reported with each job below

port.on("message", async (/** @type {{ id: number; request: string[] }} */ msg) => {
  const args = msg.request;
  /** @type {string[]} */
  const stderr = [];
  try {
    const module = await compiled;
    /** @type {(err: unknown) => void} */
    let instantiateFailed = () => {};
    /** @type {Promise<never>} */
    const failed = new Promise((_, reject) => (instantiateFailed = reject));
    // A fresh instance per call: the CLI's main() cannot be re-entered (callMain is not exported).
    const running = ESpeakNg({
      arguments: [...args.slice(0, -1), "-w", OUT, "--", args[args.length - 1] ?? ""],
      // Emscripten's hook for supplying the instance ourselves, from the module compiled once.
      instantiateWasm(/** @type {WebAssembly.Imports} */ imports, /** @type {(i: WebAssembly.Instance, m: WebAssembly.Module) => void} */ done) {
        WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), instantiateFailed);
        return {};
      },
      print: () => {},
      printErr: (/** @type {string} */ line) => {
        if (!RUNTIME_NOTICE.test(line)) stderr.push(line);
      },
    });
    const espeak = await Promise.race([running, failed]);
    /** @type {Uint8Array} */
    let wav;
    try {
      wav = espeak.FS.readFile(OUT);
    } catch {
      throw new Error("espeak-ng wrote no audio");
    }
    const copy = new Uint8Array(wav); // detach from the instance's heap so it can be transferred
    port.postMessage({ id: msg.id, result: copy }, [copy.buffer]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ id: msg.id, error: stderr.length ? `${message} (${stderr.join(" ")})` : message });
  } finally {
    collect();
  }
});
