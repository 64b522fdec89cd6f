// The audio build on this machine, for the whole catalogue, in a scratch out/cache folder:
// cold build (own process, for its peak memory), no-op rebuild, one-sentence-edit rebuild.
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ffmpegPath } from "../audio-builder/audio/ffmpeg-tool.js";
import { buildCommandArgs } from "../audio-builder/cli/build-command.js";
import type { BuildDistOptions } from "../audio-builder/build/build-dist.js";
import type { BenchRow } from "./bench-types.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A sentence from the breathing exercise's wake ending: the tracks that use it are the two wake variants. */
const EDIT = {
  file: "nl-NL/ademhaling.yaml",
  from: "Merk even op hoe je je nu voelt.",
  to: "Merk nu even op hoe je je voelt.",
};

/**
 * The encoder is most of the build's work, and the ffmpeg in use sets its speed: the bundled
 * @ffmpeg-installer build (ffmpeg 4.1, 2018) runs libmp3lame about 3x slower here than Debian's
 * ffmpeg 5.1. Every figure below is for the binary named here (FFMPEG_PATH picks another).
 */
function ffmpegInUse(): string {
  const source = process.env.FFMPEG_PATH ? "FFMPEG_PATH" : "bundled";
  try {
    const version = execFileSync(ffmpegPath(), ["-version"], { encoding: "utf8" }).split("\n")[0]?.match(/^ffmpeg version (\S+)/)?.[1] ?? "?";
    return `${source} ffmpeg ${version}`;
  } catch (error) {
    // Named here, not thrown: bench/run.ts imports every bench, and the others need no ffmpeg.
    return `${source} ffmpeg unusable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export const description = `npm run build for the whole catalogue (espeak, ${availableParallelism()} cores, ${ffmpegInUse()})`;

export async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "rustpunt-bench-"));
  try {
    const scriptsDir = path.join(scratch, "scripts");
    await cp(path.join(repo, "scripts"), scriptsDir, { recursive: true });
    const opts: BuildDistOptions = { scriptsDir, out: path.join(scratch, "dist"), cacheDir: path.join(scratch, "cache"), tts: "espeak" };

    log("cold build (empty cache and dist, own process) ...");
    const cold = await coldBuild(opts);
    const coldSeconds = cold.ms / 1000;
    const speed = cold.catalogAudioMs / cold.ms;
    log(`  ${cold.built} tracks, ${cold.synthesized} segments, ${(cold.catalogAudioMs / 60_000).toFixed(1)} min of audio in ${coldSeconds.toFixed(1)} s`);
    // A profile kept outside its loudness target (within its hard limits) is a finding, not noise.
    for (const warning of cold.warnings) log(`  warning: ${warning}`);

    // Loaded before the clock starts: module loading is tsx's cost, not the build's.
    const { buildDist } = await import("../audio-builder/build/build-dist.js");

    log("no-op rebuild (in process) ...");
    let started = performance.now();
    const noop = await buildDist({ ...opts, quiet: true });
    const noopSeconds = (performance.now() - started) / 1000;
    log(`  built ${noop.built}, skipped ${noop.skipped}, synthesised ${noop.synthesized}`);

    log(`edit one sentence in ${EDIT.file} and rebuild (in process) ...`);
    const file = path.join(scriptsDir, EDIT.file);
    const text = await readFile(file, "utf8");
    if (!text.includes(EDIT.from)) throw new Error(`${EDIT.file} no longer says ${JSON.stringify(EDIT.from)}: update bench/audio-bench.ts`);
    await writeFile(file, text.replace(EDIT.from, EDIT.to));
    started = performance.now();
    const edit = await buildDist({ ...opts, quiet: true });
    const editSeconds = (performance.now() - started) / 1000;
    log(`  built ${edit.built} (${(edit.builtAudioMs / 60_000).toFixed(1)} min of audio), synthesised ${edit.synthesized}`);

    const peakMb = cold.maxRssBytes / 2 ** 20;
    return [
      {
        metric: "cold build",
        value: coldSeconds,
        unit: "s",
        note: `${cold.built} tracks, ${(cold.catalogAudioMs / 60_000).toFixed(1)} min audio, ${cold.synthesized} segments, ${cold.warnings.length} loudness warnings`,
      },
      { metric: "cold build speed", value: speed, unit: "× real time", target: "≥ 100×", ok: speed >= 100 },
      { metric: "no-op rebuild", value: noopSeconds, unit: "s", target: "≤ 0.5 s", ok: noopSeconds <= 0.5, note: `${noop.skipped} skipped, ${noop.built} built` },
      {
        metric: "one-sentence edit",
        value: editSeconds,
        unit: "s",
        target: "≤ 3 s",
        ok: editSeconds <= 3,
        note: `${edit.synthesized} segment, ${edit.built} tracks rebuilt (${(edit.builtAudioMs / 60_000).toFixed(1)} min audio)`,
      },
      { metric: "peak memory (cold)", value: peakMb, unit: "MB", target: "≤ 400 MB", ok: peakMb <= 400, note: "maxRSS of the build process" },
    ];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface ChildReport {
  ms: number;
  built: number;
  synthesized: number;
  builtAudioMs: number;
  catalogAudioMs: number;
  maxRssBytes: number;
  warnings: string[];
}

/**
 * The cold build runs the way `npm run build` runs (node's flags and the bundling runner, no
 * tsx), so its peak memory is the one a user sees.
 */
async function coldBuild(opts: BuildDistOptions): Promise<ChildReport> {
  const child = path.join(repo, "bench", "audio-build-child.ts");
  const { stdout } = await promisify(execFile)(process.execPath, [...buildCommandArgs(child), JSON.stringify(opts)], {
    cwd: repo,
    maxBuffer: 1 << 20,
  });
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as ChildReport;
}
