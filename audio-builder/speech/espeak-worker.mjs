// Worker thread for espeak-ng (WebAssembly). Synthesis is CPU-bound, so the engine spreads
// segments over a few of these to use every core. Plain JavaScript on purpose: a worker starts
// outside vitest's and tsx's TypeScript loaders, so this file must run on bare Node.
// Protocol: { id, args } in; { id, wav } (the WAV file espeak wrote) or { id, error } out.
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

// Compiled once per worker; left to itself the glue code reads and compiles the 18 MB module
// (it embeds the voice data) on every call.
const wasmPath = createRequire(import.meta.url).resolve("espeak-ng").replace(/\.js$/, ".wasm");
const compiled = WebAssembly.compile(readFileSync(wasmPath));

/** Emscripten's hook for supplying the instance ourselves. */
function instantiateWasm(/** @type {WebAssembly.Imports} */ imports, /** @type {(i: WebAssembly.Instance, m: WebAssembly.Module) => void} */ done) {
  compiled
    .then(async (module) => done(await WebAssembly.instantiate(module, imports), module))
    .catch((err) => port.postMessage({ id: -1, error: String(err) }));
  return {};
}

port.on("message", async (/** @type {{ id: number; args: string[] }} */ msg) => {
  /** @type {string[]} */
  const stderr = [];
  try {
    // A fresh instance per call: the CLI's main() cannot be re-entered (callMain is not exported).
    const espeak = await ESpeakNg({
      arguments: [...msg.args.slice(0, -1), "-w", OUT, "--", msg.args[msg.args.length - 1]],
      instantiateWasm,
      print: () => {},
      printErr: (/** @type {string} */ line) => {
        if (!RUNTIME_NOTICE.test(line)) stderr.push(line);
      },
    });
    /** @type {Uint8Array} */
    let wav;
    try {
      wav = espeak.FS.readFile(OUT);
    } catch {
      throw new Error("espeak-ng wrote no audio");
    }
    const copy = new Uint8Array(wav); // detach from the instance's heap so it can be transferred
    port.postMessage({ id: msg.id, wav: copy }, [copy.buffer]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ id: msg.id, error: stderr.length ? `${message} (${stderr.join(" ")})` : message });
  } finally {
    collect();
  }
});
