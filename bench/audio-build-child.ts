// Runs one build in its own process, the way `npm run build` runs (audio-bench.ts), so the bench
// can read the build's own peak memory (process.resourceUsage().maxRSS), free of the bench's.
// Prints one JSON line on stdout.
import { buildDist, type BuildDistOptions } from "../audio-builder/pipeline/build-dist.js";

const opts = JSON.parse(process.argv[2] ?? "{}") as BuildDistOptions;
const started = performance.now();
const result = await buildDist({ ...opts, quiet: true });
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ms,
    built: result.built,
    skipped: result.skipped,
    synthesized: result.synthesized,
    builtAudioMs: result.builtAudioMs,
    catalogAudioMs: result.catalogAudioMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    warnings: result.warnings,
  }),
);
