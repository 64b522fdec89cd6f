// Worker thread for espeak-ng (WebAssembly). Synthesis is CPU-bound, so the engine spreads
// segments over a few of these to use every core. Plain JavaScript on purpose: a worker starts
// outside vitest's and tsx's TypeScript loaders, so this file must run on bare Node.
// Protocol (workers/worker-pool.ts): { id, request: args } in; { id, result } (the WAV file
// espeak wrote) or { id, error } out.
// The last arg is the text; it goes after "--" so text such as "--help" is spoken, not obeyed.
// @ts-check
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
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
    // The glue makes this object its Module: its file system appears on it as `FS`.
    /** @type {Record<string, any>} */
    const moduleArg = {
      arguments: [...args.slice(0, -1), "-w", OUT, "--", args[args.length - 1] ?? ""],
      // Emscripten's hook for supplying the instance ourselves, from the module compiled once.
      instantiateWasm(/** @type {WebAssembly.Imports} */ imports, /** @type {(i: WebAssembly.Instance, m: WebAssembly.Module) => void} */ done) {
        const instantiated = WebAssembly.instantiate(module, imports);
        onlyOwnDictionary(imports, instantiated, () => moduleArg.FS, voiceOf(args));
        instantiated.then((instance) => done(instance, module), instantiateFailed);
        return {};
      },
      print: () => {},
      printErr: (/** @type {string} */ line) => {
        if (!RUNTIME_NOTICE.test(line)) stderr.push(line);
      },
    };
    const running = ESpeakNg(moduleArg);
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

/** The `-v` argument: the voice, whose language names the one dictionary espeak-ng reads. */
function voiceOf(/** @type {string[]} */ args) {
  const at = args.indexOf("-v");
  return at >= 0 ? (args[at + 1] ?? "") : "";
}

/**
 * At start-up the module puts each of its 445 embedded files into its in-memory file system,
 * one lookup-heavy call per file: a quarter of each call's time. 113 of them are dictionaries,
 * and espeak-ng reads only its voice's ("nl" reads nl_dict, "en-us" en_dict), so the others are
 * left out. The table Emscripten hands its loader is a zero-terminated list of (name, length,
 * data) pointers into the instance's memory; if this Emscripten has no such loader, nothing
 * changes.
 * @param {WebAssembly.Imports} imports
 * @param {Promise<WebAssembly.Instance>} instantiated
 * @param {() => any} fs the module's FS, once the glue has made it
 * @param {string} voice
 */
function onlyOwnDictionary(imports, instantiated, fs, voice) {
  const env = /** @type {Record<string, unknown>} */ (imports.env);
  if (typeof env._emscripten_fs_load_embedded_files !== "function" || !voice) return;
  const keep = `${voice.split("-")[0]}_dict`;
  /** @type {WebAssembly.Instance | undefined} */
  let instance;
  instantiated.then((i) => (instance = i), () => {});
  env._emscripten_fs_load_embedded_files = (/** @type {number} */ ptr) => {
    // Called from the instance's start-up, after instantiation: `instance` is set by then.
    const memory = /** @type {WebAssembly.Memory} */ (instance?.exports.memory);
    const words = new Uint32Array(memory.buffer);
    const bytes = new Uint8Array(memory.buffer);
    for (let at = ptr >> 2; words[at]; at += 3) {
      const start = words[at] ?? 0;
      const end = bytes.indexOf(0, start);
      const name = Buffer.from(bytes.subarray(start, end)).toString("utf8");
      if (name.endsWith("_dict") && path.posix.basename(name) !== keep) continue;
      const data = words[at + 2] ?? 0;
      fs().createPath("/", path.posix.dirname(name), true, true);
      // canOwn: a view of the module's own data segment, as Emscripten's loader does.
      fs().createDataFile(name, null, new Int8Array(memory.buffer, data, words[at + 1]), true, true, true);
    }
  };
}
