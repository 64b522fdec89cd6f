// esbuild bundles one of this repository's TypeScript entry points into a single ES module that
// bare Node runs (dependencies stay in node_modules): for `npm run build` (cli/run-bundled.mjs)
// and for the track workers (pipeline/track-workers.ts), which tsx's loader cannot reach cheaply:
// on Node 20 it would start its own loader thread in every worker.
// @ts-check
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(repo, "node_modules", ".cache", "rustpunt-cli");

/** Written as a pattern so that this file, bundled too, does not rewrite its own source text. */
const OWN_URL = /\bimport\.meta\.url\b/g;

/**
 * Modules find their files (the repository's scripts/, the espeak worker) relative to their own
 * `import.meta.url`; in one bundle that would be the bundle's. Each module keeps its own URL.
 * @type {import("esbuild").Plugin}
 */
const ownUrls = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.m?[jt]s$/ }, async (file) => ({
      contents: (await readFile(file.path, "utf8")).replace(OWN_URL, JSON.stringify(pathToFileURL(file.path).href)),
      loader: file.path.endsWith(".ts") ? "ts" : "js",
    }));
  },
};

/**
 * Bundles `entry` (an absolute .ts path) and returns the bundle's path. Written to a temp file
 * and renamed, so two builds starting at once never import half a file. Rejects with esbuild's
 * own message (file, line, problem) when the source does not compile.
 * @param {string} entry
 * @returns {Promise<string>}
 */
export async function bundleEntry(entry) {
  const outfile = path.join(outDir, `${path.relative(repo, entry).replace(/[\\/]/g, "__").replace(/\.ts$/, "")}.mjs`);
  try {
    const result = await build({
      entryPoints: [entry],
      outfile,
      write: false,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      plugins: [ownUrls],
      logLevel: "silent",
    });
    const bundled = result.outputFiles.find((f) => f.path === outfile);
    if (!bundled) throw new Error(`esbuild wrote no ${outfile}`);
    await mkdir(outDir, { recursive: true });
    const temp = `${outfile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, bundled.contents);
    await rename(temp, outfile);
    return outfile;
  } finally {
    // esbuild's service process would otherwise live as long as the build.
    await stop();
  }
}
