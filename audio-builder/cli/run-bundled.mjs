// Runs one of this repository's TypeScript entry points on bare Node, for the long-running,
// memory-bound commands (`npm run build`). esbuild bundles the entry (dependencies stay in
// node_modules) into node_modules/.cache/rustpunt-cli/ in a fraction of a second; tsx would
// instead keep a loader thread and its transform cache alive beside the build, about 20 MB of
// the build's peak memory. The bundle is written atomically, so two builds starting at once
// never import half a file.
// Usage: node run-bundled.mjs <entry.ts> [args...]; the entry sees its own path as argv[1].
// @ts-check
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  console.error("usage: node audio-builder/cli/run-bundled.mjs <entry.ts> [args...]");
  process.exit(2);
}
const entry = path.resolve(entryArg);
const outfile = path.join(repo, "node_modules", ".cache", "rustpunt-cli", `${path.relative(repo, entry).replace(/[\\/]/g, "__").replace(/\.ts$/, "")}.mjs`);

/**
 * Modules find their files (the repository's scripts/, the espeak worker) relative to their own
 * `import.meta.url`; in one bundle that would be the bundle's. Each module keeps its own URL.
 * @type {import("esbuild").Plugin}
 */
const ownUrls = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (file) => ({
      contents: (await readFile(file.path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(file.path).href)),
      loader: "ts",
    }));
  },
};

/** @type {import("esbuild").BuildResult<{ write: false }>} */
let result;
try {
  result = await build({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    plugins: [ownUrls],
    logLevel: "error",
  });
} catch {
  stop();
  process.exit(1); // esbuild has printed the file, line and problem
}
stop(); // esbuild's service process would otherwise live as long as the build
const bundled = result.outputFiles.find((f) => f.path === outfile);
if (!bundled) throw new Error(`esbuild wrote no ${outfile}`);
await mkdir(path.dirname(outfile), { recursive: true });
const temp = `${outfile}.${process.pid}.tmp`;
await writeFile(temp, bundled.contents);
await rename(temp, outfile);
process.argv = [process.argv[0] ?? "node", entry, ...args];
await import(pathToFileURL(outfile).href);
