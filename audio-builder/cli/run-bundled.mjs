// Runs one of this repository's TypeScript entry points on bare Node, for the long-running,
// memory-bound commands (`npm run build`): esbuild bundles the entry in a fraction of a second
// (workers/bundle-entry.mjs), where tsx would keep a loader thread and its transform cache alive
// beside the build, about 20 MB of the build's peak memory.
// Usage: node run-bundled.mjs <entry.ts> [args...]; the entry sees its own path as argv[1].
// @ts-check
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleEntry } from "../workers/bundle-entry.mjs";

const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  console.error("usage: node audio-builder/cli/run-bundled.mjs <entry.ts> [args...]");
  process.exit(2);
}
const entry = path.resolve(entryArg);
/** @type {string} */
let bundle;
try {
  bundle = await bundleEntry(entry);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error)); // esbuild's: file, line, problem
  process.exit(1);
}
process.argv = [process.argv[0] ?? "node", entry, ...args];
await import(pathToFileURL(bundle).href);
