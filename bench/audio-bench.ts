// The audio build on this machine, for the whole catalogue, in a scratch out/cache folder:
// cold build (own process, for its peak memory) with the chosen encoder and, for reference, with
// npm's static ffmpeg; the encoder alone on the catalogue's PCM; no-op rebuild; one-sentence-edit
// rebuild against building just the tracks it touches from a warm cache.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chooseMp3Encoder, type Mp3EncoderChoice } from "../audio-builder/audio/mp3-encoder.js";
import type { Catalog } from "../audio-builder/catalog/catalog-types.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";
import { buildCommandArgs } from "../audio-builder/cli/build-command.js";
import type { BuildDistOptions } from "../audio-builder/pipeline/build-dist.js";
import type { BenchRow } from "./bench-types.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A sentence from the breathing exercise's wake ending: the tracks that use it are the two wake variants. */
const EDIT = {
  file: "nl-NL/ademhaling.yaml",
  from: "Merk even op hoe je je nu voelt.",
  to: "Merk nu even op hoe je je voelt.",
  /** The tracks that say it, as build filters. */
  affected: { only: ["ademhaling"], locales: ["nl-NL"], endings: ["wake"] } satisfies Partial<BuildDistOptions>,
};

/**
 * The encoder is most of the build's work, and the one chosen (mp3-encoder.ts) sets its speed:
 * LAME in WebAssembly by default, a system ffmpeg's libmp3lame when one is found (FFMPEG_PATH
 * picks another). Every figure below is for the encoder named here; the reference row is the
 * previous default, npm's static ffmpeg, measured in the same run.
 */
function encoderInUse(): Mp3EncoderChoice | string {
  try {
    return chooseMp3Encoder();
  } catch (error) {
    // Named here, not thrown: bench/run.ts imports every bench, and the others need no ffmpeg.
    return `encoder unusable: ${error instanceof Error ? error.message : String(error)}`;
  }
}
const chosen = encoderInUse();
const NPM_FFMPEG = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

export const description = `npm run build for the whole catalogue (espeak, ${availableParallelism()} cores, encoder: ${typeof chosen === "string" ? chosen : chosen.label})`;

export async function run(log: (line: string) => void): Promise<BenchRow[]> {
  if (typeof chosen === "string") throw new Error(chosen);
  const encoder = chosen;
  const scratch = await mkdtemp(path.join(tmpdir(), "rustpunt-bench-"));
  try {
    const scriptsDir = path.join(scratch, "scripts");
    await cp(path.join(repo, "scripts"), scriptsDir, { recursive: true });
    const opts: BuildDistOptions = { scriptsDir, out: path.join(scratch, "dist"), cacheDir: path.join(scratch, "cache"), tts: "espeak" };

    // Today's default before this encoder existed, unless it is the one in use: the same build
    // with npm's static ffmpeg encoding, in the same run (this machine's speed drifts).
    let reference: ChildReport | undefined;
    if (!(encoder.kind === "ffmpeg" && encoder.ffmpeg === NPM_FFMPEG)) {
      log("reference: cold build with npm's static ffmpeg encoding, own process ...");
      const refOpts = { ...opts, out: path.join(scratch, "ref-dist"), cacheDir: path.join(scratch, "ref-cache") };
      reference = await coldBuild({ ...refOpts, encoder: chooseMp3Encoder({ FFMPEG_PATH: NPM_FFMPEG }) });
      log(`  ${(reference.ms / 1000).toFixed(1)} s, ${reference.warnings.length} loudness warnings`);
      await rm(refOpts.out, { recursive: true, force: true });
      await rm(refOpts.cacheDir, { recursive: true, force: true });
    }

    log("cold build (empty cache and dist, own process) ...");
    const cold = await coldBuild({ ...opts, encoder });
    const coldSeconds = cold.ms / 1000;
    const speed = cold.catalogAudioMs / cold.ms;
    log(`  ${cold.built} tracks, ${cold.synthesized} segments, ${(cold.catalogAudioMs / 60_000).toFixed(1)} min of audio in ${coldSeconds.toFixed(1)} s`);
    // A profile kept outside its loudness target (within its hard limits) is a finding, not noise.
    for (const warning of cold.warnings) log(`  warning: ${warning}`);

    log("the encoder alone on the catalogue's PCM (both profiles, one process per core) ...");
    const alone = await encoderAlone(encoder, opts.out!, scratch);
    log(`  ${(alone.ms / 1000).toFixed(1)} s for ${(alone.audioMs / 60_000).toFixed(1)} min of audio per profile`);

    // Loaded before the clock starts: module loading is tsx's cost, not the build's.
    const { buildDist } = await import("../audio-builder/pipeline/build-dist.js");

    log("no-op rebuild (in process) ...");
    let started = performance.now();
    const noop = await buildDist({ ...opts, quiet: true, encoder });
    const noopSeconds = (performance.now() - started) / 1000;
    log(`  built ${noop.built}, skipped ${noop.skipped}, synthesised ${noop.synthesized}`);

    log(`edit one sentence in ${EDIT.file} and rebuild (in process) ...`);
    const file = path.join(scriptsDir, EDIT.file);
    const text = await readFile(file, "utf8");
    if (!text.includes(EDIT.from)) throw new Error(`${EDIT.file} no longer says ${JSON.stringify(EDIT.from)}: update bench/audio-bench.ts`);
    await writeFile(file, text.replace(EDIT.from, EDIT.to));
    started = performance.now();
    const edit = await buildDist({ ...opts, quiet: true, encoder });
    const editSeconds = (performance.now() - started) / 1000;
    log(`  built ${edit.built} (${(edit.builtAudioMs / 60_000).toFixed(1)} min of audio), synthesised ${edit.synthesized}`);

    log(`the same ${edit.built} tracks alone, from the warm cache into an empty folder (in process) ...`);
    started = performance.now();
    const affected = await buildDist({ ...opts, ...EDIT.affected, out: path.join(scratch, "affected-dist"), quiet: true, encoder });
    const affectedSeconds = (performance.now() - started) / 1000;
    if (affected.built !== edit.built || affected.builtAudioMs !== edit.builtAudioMs) {
      throw new Error(`the edit rebuilt ${edit.built} tracks but ${JSON.stringify(EDIT.affected)} holds ${affected.built}: update bench/audio-bench.ts`);
    }
    log(`  ${affectedSeconds.toFixed(1)} s`);

    const peakMb = cold.maxRssBytes / 2 ** 20;
    const aloneRatio = cold.ms / alone.ms;
    const editRatio = editSeconds / affectedSeconds;
    const rows: BenchRow[] = [
      {
        metric: "cold build",
        value: coldSeconds,
        unit: "s",
        note: `${cold.built} tracks, ${(cold.catalogAudioMs / 60_000).toFixed(1)} min audio, ${cold.synthesized} segments, ${cold.warnings.length} loudness warnings`,
      },
      { metric: "cold build speed", value: speed, unit: "× real time" },
    ];
    if (reference) {
      const gain = reference.ms / cold.ms;
      rows.push({
        metric: "cold build, npm's static ffmpeg",
        value: reference.ms / 1000,
        unit: "s",
        note: `the previous default, same run; ${reference.warnings.length} loudness warnings`,
      });
      rows.push({ metric: "faster than npm's static ffmpeg", value: gain, unit: "×", target: "≥ 1.6×", ok: gain >= 1.6 });
    }
    rows.push(
      { metric: "encoder alone", value: alone.ms / 1000, unit: "s", note: "both profiles of every track, one encode each, no signal work or check" },
      { metric: "cold build / encoder alone", value: aloneRatio, unit: "×", target: "≤ 1.3×", ok: aloneRatio <= 1.3 },
      { metric: "no-op rebuild", value: noopSeconds, unit: "s", target: "≤ 0.5 s", ok: noopSeconds <= 0.5, note: `${noop.skipped} skipped, ${noop.built} built` },
      {
        metric: "one-sentence edit",
        value: editSeconds,
        unit: "s",
        note: `${edit.synthesized} segment, ${edit.built} tracks rebuilt (${(edit.builtAudioMs / 60_000).toFixed(1)} min audio)`,
      },
      { metric: "edit / affected tracks alone", value: editRatio, unit: "×", target: "≤ 1.2×", ok: editRatio <= 1.2, note: `those ${affected.built} tracks alone: ${affectedSeconds.toFixed(1)} s` },
      { metric: "peak memory (cold)", value: peakMb, unit: "MB", target: "≤ 400 MB", ok: peakMb <= 400, note: "maxRSS of the build process" },
    );
    return rows;
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

/**
 * The encoder's own limit: every track's PCM (its download file decoded back to the pipeline
 * rate, before the clock starts) encoded for both profiles at unity gain, split over one process
 * per core as the build splits tracks over its workers.
 */
async function encoderAlone(encoder: Mp3EncoderChoice, distDir: string, scratch: string): Promise<{ ms: number; audioMs: number }> {
  const catalog = JSON.parse(await readFile(path.join(distDir, "catalog.json"), "utf8")) as Catalog;
  const pcmDir = path.join(scratch, "pcm");
  await mkdir(pcmDir, { recursive: true });
  const cores = availableParallelism();
  const groups: { files: string[]; ms: number }[] = Array.from({ length: cores }, () => ({ files: [], ms: 0 }));
  // Longest first, each to the least loaded process.
  for (const [i, track] of [...catalog.tracks].sort((a, b) => b.durationMs - a.durationMs).entries()) {
    const pcm = path.join(pcmDir, `${i}.f32`);
    await promisify(execFile)(encoder.ffmpeg, [
      "-hide_banner", "-nostdin", "-y", "-i", path.join(distDir, track.files.download.path),
      "-f", "f32le", "-c:a", "pcm_f32le", "-ar", String(PIPELINE_SAMPLE_RATE), "-ac", "1", pcm,
    ]);
    const group = groups.reduce((a, b) => (b.ms < a.ms ? b : a));
    group.files.push(pcm);
    group.ms += track.durationMs;
  }
  const child = path.join(repo, "bench", "encoder-alone-child.ts");
  const started = performance.now();
  await Promise.all(
    groups
      .filter((g) => g.files.length > 0)
      .map((g) => promisify(execFile)(process.execPath, [...buildCommandArgs(child), JSON.stringify({ encoder, files: g.files, outDir: pcmDir })], { cwd: repo })),
  );
  const ms = performance.now() - started;
  await rm(pcmDir, { recursive: true, force: true });
  return { ms, audioMs: catalog.tracks.reduce((sum, t) => sum + t.durationMs, 0) };
}
