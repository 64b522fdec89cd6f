// PCM → finished MP3 for one profile, in one ffmpeg pass per attempt: the linear gain and the
// true-peak limiter are applied in JS as the PCM streams to ffmpeg's stdin, ffmpeg resamples
// and libmp3lame encodes once. No loudnorm: it is dynamic (it would reshape the quiet/loud
// pacing of a relaxation track) and slow; a measured linear gain is faithful and fast.
// The result is measured again on the file itself and written atomically.
import { createHash } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import type { TimelineChapter } from "../timeline/timeline-types.js";
import { PROFILES, type AudioProfile, type ProfileSpec } from "./audio-profiles.js";
import { runFfmpeg } from "./ffmpeg-tool.js";
import { withTags, type TrackTags } from "./id3-tags.js";
import { EBUR128_FILTER, measureLoudness, parseEbur128Summary, type Loudness } from "./loudness.js";
import { dbToGain } from "./sample-clock.js";
import { analysePeaks, applyCurve, limiterCurve, limiterLossDb, truePeak, type PeakAnalysis } from "./true-peak-limiter.js";

export type { AudioProfile } from "./audio-profiles.js";
export type { TrackTags } from "./id3-tags.js";

export interface EncodeResult {
  bytes: number;
  sha256: string;
  integratedLufs: number;
  truePeakDbtp: number;
}

/** How far the encoded file may land from the target before it is re-encoded (bounds are ±1). */
const LOUDNESS_AIM_LU = 0.5;
const MAX_ATTEMPTS = 3;
/** The make-up gain for limiting losses is capped: beyond this the voice would be squashed. */
const MAX_MAKEUP_DB = 6;
/** The file's duration must equal the timeline's (design.md; tests check the same bound). */
const DURATION_TOLERANCE_MS = 50;
/** Below this the track is silence; there is nothing to normalise. */
const SILENT_LUFS = -69;

/** Measured once per track and shared by both profiles (the PCM is the cache key). */
const sourceLoudness = new WeakMap<Float32Array, Promise<Loudness>>();

/**
 * The track's integrated loudness (ffmpeg ebur128) and true peak. The true peak comes from the
 * limiter's own 4x-oversampled analysis, which the encode needs anyway, so ffmpeg skips its
 * costly 192 kHz true-peak pass here; the finished files get ffmpeg's full measurement.
 */
export function measureSource(pcm: Float32Array): Promise<Loudness> {
  let hit = sourceLoudness.get(pcm);
  if (!hit) {
    hit = measureLoudness(pcm, { truePeak: false }).then(({ integratedLufs }) => ({
      integratedLufs,
      truePeakDbtp: 20 * Math.log10(truePeak(analysePeaks(pcm))),
    }));
    sourceLoudness.set(pcm, hit);
    hit.catch(() => sourceLoudness.delete(pcm));
  }
  return hit;
}

export async function encodeTrack(
  pcm: Float32Array,
  profile: AudioProfile,
  outFile: string,
  meta: { tags: TrackTags; chapters: TimelineChapter[]; durationMs: number },
): Promise<EncodeResult> {
  const spec = PROFILES[profile];
  const tmp = `${outFile}.tmp-${process.pid}`;
  try {
    const source = await measureSource(pcm);
    const silent = !(source.integratedLufs > SILENT_LUFS);
    const analysis = analysePeaks(pcm);
    let baseGain = silent ? 1 : dbToGain(spec.targetLufs - source.integratedLufs + spec.codecLossDb);
    let ceilingDb = spec.maxTruePeakDbtp - spec.limiterMarginDb;
    let measured: Loudness | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { gain, curve } = planGain(analysis, baseGain, dbToGain(ceilingDb));
      await encodeMp3(pcm, gain, curve, spec, tmp);
      const stderr = await runFfmpeg({ input: tmp, filters: EBUR128_FILTER, format: "null", output: "-" });
      measured = parseEbur128Summary(stderr);
      checkDuration(stderr, meta.durationMs, outFile);
      const peakOver = measured.truePeakDbtp - spec.maxTruePeakDbtp;
      const loudnessOff = spec.targetLufs - measured.integratedLufs;
      if (silent || (peakOver <= 0 && Math.abs(loudnessOff) <= LOUDNESS_AIM_LU)) break;
      if (attempt === MAX_ATTEMPTS) {
        throw new Error(
          `${outFile}: after ${MAX_ATTEMPTS} encodes the ${profile} profile measures ${measured.integratedLufs} LUFS / ${measured.truePeakDbtp} dBTP; ` +
            `it needs ${spec.targetLufs} ±1 LUFS and at most ${spec.maxTruePeakDbtp} dBTP. The speech is unusually peaky: check the TTS output for clipping.`,
        );
      }
      // MP3 coding added peaks or the limiter cost more loudness than predicted: correct both.
      if (peakOver > 0) ceilingDb -= peakOver + 0.2;
      baseGain *= dbToGain(loudnessOff);
    }
    const tagged = withTags(await readFile(tmp), meta.tags, meta.chapters, meta.durationMs);
    await writeFile(tmp, tagged);
    await rename(tmp, outFile);
    return {
      bytes: tagged.length,
      sha256: createHash("sha256").update(tagged).digest("hex"),
      integratedLufs: measured!.integratedLufs,
      truePeakDbtp: measured!.truePeakDbtp,
    };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * The linear gain that brings the track to target once the limiter has taken its share: the
 * limiter lowers loudness a little where it works, so the gain is raised by that loss and the
 * curve recomputed, a few rounds until it settles.
 */
function planGain(analysis: PeakAnalysis, baseGain: number, ceiling: number): { gain: number; curve: Float32Array } {
  let gain = baseGain;
  let curve = limiterCurve(analysis, gain, ceiling);
  for (let round = 0; round < 4; round++) {
    const makeUp = Math.min(MAX_MAKEUP_DB, -limiterLossDb(analysis, curve));
    const next = baseGain * dbToGain(makeUp);
    if (Math.abs(next / gain - 1) < 0.005) break;
    gain = next;
    curve = limiterCurve(analysis, gain, ceiling);
  }
  return { gain, curve };
}

async function encodeMp3(pcm: Float32Array, gain: number, curve: Float32Array, spec: ProfileSpec, file: string): Promise<void> {
  await runFfmpeg({
    input: limitedStream(pcm, gain, curve),
    // soxr: exact 2x for downloads, 160/147 for Alexa's 24 kHz, both without audible aliasing.
    filters: `aresample=${spec.sampleRate}:resampler=soxr`,
    format: "mp3",
    output: file,
    outputOptions: [
      "-c:a", "libmp3lame",
      "-b:a", `${spec.bitrateKbps}k`,
      "-ar", String(spec.sampleRate),
      "-ac", String(spec.channels),
      "-compression_level", String(spec.lameQuality),
      // The Xing/LAME frame carries the encoder delay and padding, so players (and ffprobe)
      // report the exact duration and play gaplessly; it needs a seekable file, as here.
      "-write_xing", "1",
      // node-id3 writes the tags afterwards; ffmpeg's own ID3 tag would only be replaced.
      "-id3v2_version", "0",
      "-map_metadata", "-1",
    ],
  });
}

/** Gain × limiter curve × PCM, computed chunk by chunk as ffmpeg reads, so no second copy of the track. */
function limitedStream(pcm: Float32Array, gain: number, curve: Float32Array): Readable {
  const CHUNK = 1 << 16;
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= pcm.length) {
        this.push(null);
        return;
      }
      const end = Math.min(pcm.length, offset + CHUNK);
      const chunk = new Float32Array(end - offset);
      applyCurve(pcm, gain, curve, offset, end, chunk);
      offset = end;
      this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    },
  });
}

/**
 * The duration a player hears: ffmpeg's final report ("time=HH:MM:SS.cc") after decoding the
 * whole file, which honours the LAME tag's encoder delay and padding. (The container's
 * "Duration:" counts whole frames, delay and padding included: up to ~70 ms more at 24 kHz.)
 */
function checkDuration(stderr: string, expectedMs: number, outFile: string): void {
  const times = [...stderr.matchAll(/time=\s*(\d+):(\d+):(\d+(?:\.\d+)?)/g)];
  const m = times.at(-1);
  if (!m) throw new Error(`${outFile}: ffmpeg reported no decoded duration`);
  const ms = (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
  // ffmpeg prints centiseconds: allow for that rounding on top of the tolerance.
  if (Math.abs(ms - expectedMs) > DURATION_TOLERANCE_MS + 10) {
    throw new Error(`${outFile}: encoded duration ${ms.toFixed(0)} ms differs from the timeline's ${expectedMs} ms by more than ${DURATION_TOLERANCE_MS} ms`);
  }
}
