// PCM → finished MP3 for one profile, in one ffmpeg pass per attempt: the linear gain and the
// true-peak limiter are applied in JS as the PCM is written to a scratch file, ffmpeg resamples
// and libmp3lame encodes once. No loudnorm: it is dynamic (it would reshape the quiet/loud
// pacing of a relaxation track) and slow; a measured linear gain is faithful and fast.
// The result is measured again on the file itself and written atomically. A profile whose
// loudness target needs it (alexa) shapes the speech first (speech-shaper.ts); where the codec
// then pushes a true peak over the limit, the next attempt lowers the ceiling only there.
import { createHash } from "node:crypto";
import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import type { TimelineChapter } from "../timeline/timeline-types.js";
import { PROFILES, type AudioProfile, type ProfileSpec } from "./audio-profiles.js";
import { PCM_INPUT_OPTIONS, runFfmpeg } from "./ffmpeg-tool.js";
import { withTags, type TrackTags } from "./id3-tags.js";
import { PIPELINE_SAMPLE_RATE } from "../speech/tts-engine.js";
import { LoudnessMeter, type Loudness } from "./loudness-meter.js";
import { dbToGain } from "./sample-clock.js";
import { shapeSpeech } from "./speech-shaper.js";
import { StreamedPeakMeter } from "./streamed-peak-meter.js";
import { analysePeaks, applyCurve, BLOCK, forgetPeaks, limiterCurve, truePeak, type PeakAnalysis } from "./true-peak-limiter.js";

export type { AudioProfile } from "./audio-profiles.js";
export type { TrackTags } from "./id3-tags.js";

export interface EncodeResult {
  bytes: number;
  sha256: string;
  integratedLufs: number;
  truePeakDbtp: number;
  /** MP3 encodes it took to land within the profile's bounds. */
  attempts: number;
  /** Set when the file keeps the true-peak limit but misses target ±1 (within the platform's window). */
  warning?: string;
}

/** How far the encoded file may land from the target before it is re-encoded: the bounds are ±1, less a margin for a listener-side meter. */
const LOUDNESS_AIM_LU = 0.8;
/** Readings are rounded to 0.1 LU; a difference computed from them carries float noise. */
const EPS = 1e-9;
const LOUDNESS_BOUND_LU = 1;
const MAX_ATTEMPTS = 4;
/** Where the codec pushed a true peak over the limit, the ceiling drops by that much plus this. */
const PEAK_GUARD_DB = 0.3;
/** ebur128 reports the true peak per 100 ms frame; a local fix reaches this far either side. */
const FRAME_MS = 100;
const FIX_REACH_MS = 50;
/**
 * The make-up gain for limiting losses is capped: beyond this the voice would be squashed. A
 * shaped track has had its peaks dealt with already; pushing it into the slow limiter does not
 * make it louder (the limiter holds whole syllables down while pauses and bed come up).
 */
const MAX_MAKEUP_DB = 6;
const MAX_MAKEUP_SHAPED_DB = 1;
/** The gain search stops this close to its aim, or after this many measurements. */
const PLAN_TOLERANCE_LU = 0.1;
const PLAN_ROUNDS = 5;
/**
 * How far the first try's plan may fall short of its aim before the extra first-try headroom is
 * dropped: well inside the file's ±1 LU, measured to keep every catalogue track within it.
 */
const FIRST_TRY_SHORTFALL_LU = 0.5;
/** The file's duration must equal the timeline's (design.md; tests check the same bound). */
const DURATION_TOLERANCE_MS = 50;
/** Below this the track is silence; there is nothing to normalise. */
const SILENT_LUFS = -69;
/** 4x oversampling can read a few hundredths of a dB under a finer meter (ffmpeg's is 192 kHz). */
const METER_ALLOWANCE_DB = 0.05;

/** Measured once per track and shared by both profiles (the PCM is the cache key). */
const sourceLoudness = new WeakMap<Float32Array, Loudness & { meter: LoudnessMeter }>();

/**
 * The track's integrated loudness (loudness-meter.ts) and true peak. The true peak comes from
 * the limiter's own 4x-oversampled analysis, which the encode needs anyway.
 */
export function measureSource(pcm: Float32Array): Loudness {
  return sourceWithMeter(pcm);
}

/** measureSource, plus the block meter the gain search reads (kept out of the public result). */
function sourceWithMeter(pcm: Float32Array): Loudness & { meter: LoudnessMeter } {
  let hit = sourceLoudness.get(pcm);
  if (!hit) {
    const meter = blockMeter(pcm);
    hit = {
      integratedLufs: meter.integratedLufs(),
      truePeakDbtp: 20 * Math.log10(truePeak(analysePeaks(pcm))),
      meter,
    };
    sourceLoudness.set(pcm, hit);
  }
  return hit;
}

/** A loudness meter over `pcm` that keeps its energy per limiter block, for the gain search. */
function blockMeter(pcm: Float32Array): LoudnessMeter {
  const meter = new LoudnessMeter(PIPELINE_SAMPLE_RATE, BLOCK, pcm.length);
  meter.push(pcm);
  return meter;
}

export async function encodeTrack(
  pcm: Float32Array,
  profile: AudioProfile,
  outFile: string,
  meta: { tags: TrackTags; chapters: TimelineChapter[]; durationMs: number },
  /**
   * `consumePcm`: the caller needs `pcm` no more (its last profile), so a profile that shapes
   * the speech may do so in place instead of holding a second copy of the track.
   * `release`: frees garbage now (a worker's forced collection); called once shaping has left
   * its track-length working arrays behind, just before the gain search allocates its own.
   */
  opts: { consumePcm?: boolean; release?: () => void } = {},
): Promise<EncodeResult> {
  const spec = PROFILES[profile];
  const tmp = `${outFile}.tmp-${process.pid}`;
  const best = `${tmp}-best`;
  const fallback = `${tmp}-fallback`;
  try {
    const source = sourceWithMeter(pcm);
    const silent = !(source.integratedLufs > SILENT_LUFS);
    let work = pcm;
    let workMeter = source.meter;
    if (spec.shaping && !silent) {
      const inPlace = opts.consumePcm === true;
      if (inPlace) {
        // What was measured of the original no longer describes it.
        forgetPeaks(pcm);
        sourceLoudness.delete(pcm);
      }
      work = shapeSpeech(pcm, source.integratedLufs, spec.targetLufs, spec.shaping, { inPlace });
      opts.release?.();
      workMeter = blockMeter(work);
    }
    const shaped = Boolean(spec.shaping) && !silent;
    const analysis = analysePeaks(work, { remember: !shaped });
    // What the limited PCM should measure so that the file lands on target: the codec takes a little.
    let aimLufs = spec.targetLufs + spec.codecLossDb;
    // One ceiling per limiter block: where MP3 coding pushes a peak over, only there it drops.
    const ceiling = dbToGain(spec.maxTruePeakDbtp - spec.limiterMarginDb);
    const ceilings = new Float32Array(analysis.samplePeak.length).fill(ceiling * dbToGain(-(spec.firstTryMarginDb ?? 0)));
    let kept: Loudness | undefined;
    let acceptable: Loudness | undefined;
    let last: Loudness | undefined;
    let previous: { lufs: number; gain: number } | undefined;
    let attempts = 0;
    const plan = () => planGain(workMeter, analysis, { aimLufs, ceilings, maxMakeUpDb: shaped ? MAX_MAKEUP_SHAPED_DB : MAX_MAKEUP_DB });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      attempts = attempt;
      let planned = silent ? { gain: 1, curve: new Float32Array(ceilings.length + 1).fill(1), offLu: 0 } : plan();
      if (attempt === 1 && spec.firstTryMarginDb && Math.abs(planned.offLu) > FIRST_TRY_SHORTFALL_LU) {
        // The extra headroom costs this track its loudness: plan with the profile's own margin.
        ceilings.fill(ceiling);
        planned = plan();
      }
      const { gain, curve } = planned;
      await encodeMp3(work, gain, curve, spec, tmp);
      const { measured, frames } = await verifyFile(tmp, spec, meta.durationMs, outFile);
      last = measured;
      const peakOver = measured.truePeakDbtp + METER_ALLOWANCE_DB - spec.maxTruePeakDbtp;
      const loudnessOff = spec.targetLufs - measured.integratedLufs;
      if (silent || (peakOver <= 0 && Math.abs(loudnessOff) <= LOUDNESS_AIM_LU + EPS)) {
        kept = measured;
        await rename(tmp, best);
        break;
      }
      // Within bounds but off the aim: kept unless a later attempt lands closer.
      if (peakOver <= 0 && Math.abs(loudnessOff) <= LOUDNESS_BOUND_LU && (!kept || Math.abs(loudnessOff) < Math.abs(spec.targetLufs - kept.integratedLufs))) {
        kept = measured;
        await rename(tmp, best);
      }
      // Outside ±1 but safe for the platform: the last resort, closest to target.
      const [acceptLow, acceptHigh] = spec.acceptLufs ?? [Infinity, -Infinity];
      if (!kept && peakOver <= 0 && measured.integratedLufs >= acceptLow && measured.integratedLufs <= acceptHigh &&
        (!acceptable || Math.abs(loudnessOff) < Math.abs(spec.targetLufs - acceptable.integratedLufs))) {
        acceptable = measured;
        await rename(tmp, fallback);
      }
      if (attempt === MAX_ATTEMPTS) break;
      // Peaks and loudness are corrected separately, so one does not undo the other: the ceiling
      // drops only where the codec pushed a peak over the limit, the gain moves only for loudness.
      lowerCeilingsWhereOver(ceilings, frames, spec.maxTruePeakDbtp - PEAK_GUARD_DB);
      // A gain change moves every peak the codec makes, so loudness within the aim is left alone.
      // More gain that bought no loudness last time will not now: stop rather than squash.
      if (Math.abs(loudnessOff) > LOUDNESS_AIM_LU + EPS) {
        const raisedDb = previous ? 20 * Math.log10(gain / previous.gain) : 0;
        if (previous && loudnessOff > 0 && raisedDb > 0.3 && measured.integratedLufs - previous.lufs < raisedDb / 2) break;
        aimLufs += loudnessOff;
      }
      previous = { lufs: measured.integratedLufs, gain };
    }
    let warning: string | undefined;
    if (!kept && acceptable) {
      kept = acceptable;
      await rename(fallback, best);
      warning =
        `${profile} profile at ${acceptable.integratedLufs} LUFS / ${acceptable.truePeakDbtp} dBTP: outside ${spec.targetLufs} ±${LOUDNESS_BOUND_LU} LUFS ` +
        `but within the true-peak limit and the platform's accepted ${spec.acceptLufs![0]} to ${spec.acceptLufs![1]} LUFS`;
    }
    await rm(fallback, { force: true });
    if (!kept) {
      throw new Error(
        `${outFile}: after ${attempts} encode(s) the ${profile} profile measures ${last!.integratedLufs} LUFS / ${last!.truePeakDbtp} dBTP; ` +
          `it needs ${spec.targetLufs} ±${LOUDNESS_BOUND_LU} LUFS and at most ${spec.maxTruePeakDbtp} dBTP. The speech is unusually peaky: check the TTS output for clipping.`,
      );
    }
    const tagged = withTags(await readFile(best), meta.tags, meta.chapters, meta.durationMs);
    await rm(best, { force: true });
    await writeFile(tmp, tagged);
    await rename(tmp, outFile);
    return {
      bytes: tagged.length,
      sha256: createHash("sha256").update(tagged).digest("hex"),
      integratedLufs: kept.integratedLufs,
      truePeakDbtp: kept.truePeakDbtp,
      attempts,
      ...(warning ? { warning } : {}),
    };
  } catch (err) {
    await rm(tmp, { force: true });
    await rm(best, { force: true });
    await rm(fallback, { force: true });
    throw err;
  }
}

/**
 * Decodes the finished file once and measures the PCM as it is read back: integrated loudness
 * (loudness-meter.ts), the true peak overall and per 100 ms frame (the limiter's own 4x-
 * oversampled meter, exact only for frames that can be over the encode loop's limit), and the
 * duration from its sample count.
 */
async function verifyFile(
  file: string,
  spec: ProfileSpec,
  durationMs: number,
  outFile: string,
): Promise<{ measured: Loudness; frames: { endMs: number; dbtp: number }[] }> {
  const frameSamples = Math.round((spec.sampleRate * FRAME_MS) / 1000);
  const meter = new StreamedPeakMeter(frameSamples, dbToGain(spec.maxTruePeakDbtp - PEAK_GUARD_DB));
  const loudness = new LoudnessMeter(spec.sampleRate);
  // Decoded to a scratch file and read back through one reused buffer. Through a pipe, every
  // 64 KB chunk was a new buffer that only a garbage collection frees: a long track's whole
  // decoded PCM (58 MB at 24 kHz) piled up first, and the allocator kept the pages afterwards.
  const decoded = `${file}.decoded.f32`;
  try {
    await runFfmpeg({
      input: file,
      format: "f32le",
      output: decoded,
      // The file's own rate and the decoder's own samples: nothing to resample before metering.
      outputOptions: ["-c:a", "pcm_f32le", "-ar", String(spec.sampleRate), "-ac", "1"],
    });
    const reader = await open(decoded, "r");
    try {
      const chunk = new Uint8Array(1 << 18);
      for (;;) {
        const { bytesRead } = await reader.read(chunk, 0, chunk.length);
        if (bytesRead === 0) break;
        const bytes = chunk.subarray(0, bytesRead);
        meter.push(bytes);
        loudness.pushBytes(bytes);
      }
    } finally {
      await reader.close();
    }
  } finally {
    await rm(decoded, { force: true });
  }
  // Rounded as ffmpeg's ebur128 prints it, so a retry decision never hangs on a hundredth.
  const integratedLufs = Math.round(loudness.integratedLufs() * 10) / 10;
  const { samples, truePeak: peak, framePeaks } = meter.finish();
  checkDuration((samples * 1000) / spec.sampleRate, durationMs, outFile);
  const frames = Array.from(framePeaks, (p, f) => ({ endMs: (f + 1) * FRAME_MS, dbtp: 20 * Math.log10(p) }));
  return { measured: { integratedLufs, truePeakDbtp: Math.round(2000 * Math.log10(peak)) / 100 }, frames };
}

/** Lowers the ceiling around every frame whose true peak exceeds `limitDb`. */
function lowerCeilingsWhereOver(ceilings: Float32Array, frames: { endMs: number; dbtp: number }[], limitDb: number): void {
  const blockMs = (BLOCK * 1000) / PIPELINE_SAMPLE_RATE;
  for (const f of frames) {
    const over = f.dbtp - limitDb;
    if (!(over > 0)) continue;
    const factor = dbToGain(-over);
    const from = Math.max(0, Math.floor((f.endMs - FRAME_MS - FIX_REACH_MS) / blockMs));
    const to = Math.min(ceilings.length, Math.ceil((f.endMs + FIX_REACH_MS) / blockMs));
    for (let b = from; b < to; b++) ceilings[b] = ceilings[b]! * factor;
  }
}

/**
 * The gain, and the limiter curve at that gain, whose limited PCM measures `aimLufs`. The
 * limited track's loudness is read from the track's K-weighted block energies under the curve
 * (loudness-meter.ts) rather than estimated from plain energy: on sparse speech (short breathing cues
 * between long pauses) the limiter's share of the loudness is two or three times what its
 * energy suggests, because the loudness gate then admits more of the quiet blocks. There, more
 * gain can even make the track quieter, so the closest reading wins. The gain may exceed the
 * plain gain (no limiter) by at most `maxMakeUpDb`, so speech is not squashed into loudness.
 */
function planGain(
  meter: LoudnessMeter,
  analysis: PeakAnalysis,
  opts: { aimLufs: number; ceilings: Float32Array; maxMakeUpDb: number },
): { gain: number; curve: Float32Array; offLu: number } {
  const workLufs = meter.integratedLufs();
  const plainDb = opts.aimLufs - workLufs;
  let gainDb = plainDb;
  let best: { gainDb: number; gain: number; curve: Float32Array; offLu: number } | undefined;
  /** Each try's curve goes into an array the best one does not hold (a fresh one when none is free). */
  let spare: Float32Array | undefined;
  let previous: { gainDb: number; lufs: number } | undefined;
  /** Set once more gain has made the track quieter: from then on the search steps down. */
  let downStep: number | undefined;
  for (let round = 0; round < PLAN_ROUNDS; round++) {
    const gain = dbToGain(gainDb);
    const curve = limiterCurve(analysis, gain, opts.ceilings, undefined, spare);
    // Where the limiter does nothing, the result is exactly the gain: nothing to measure.
    const lufs = curveIsFlat(curve) ? workLufs + gainDb : limitedLoudness(meter, gain, curve);
    const offLu = opts.aimLufs - lufs;
    const improved = !best || Math.abs(offLu) < Math.abs(best.offLu);
    if (improved) {
      spare = best?.curve;
      best = { gainDb, gain, curve, offLu };
    } else {
      spare = curve;
    }
    if (Math.abs(offLu) <= PLAN_TOLERANCE_LU) break;
    let next: number;
    if (downStep !== undefined) {
      if (!improved) break;
      next = gainDb - downStep;
    } else if (previous && gainDb > previous.gainDb && lufs <= previous.lufs) {
      // Past the loudest point: the limiter pins the speech while pauses, tones and bed come up.
      downStep = (gainDb - previous.gainDb) / 2;
      next = best!.gainDb - downStep;
    } else {
      next = Math.min(plainDb + opts.maxMakeUpDb, gainDb + offLu);
    }
    if (Math.abs(next - gainDb) < 0.01) break;
    previous = { gainDb, lufs };
    gainDb = next;
  }
  return best!;
}

function curveIsFlat(curve: Float32Array): boolean {
  for (let i = 0; i < curve.length; i++) if (curve[i]! < 1) return false;
  return true;
}

/**
 * Integrated loudness of gain × curve × PCM from the PCM's K-weighted block energies: the curve
 * runs linearly from curve[b] to curve[b + 1] over block b, so the block's power scales by the
 * mean of its square.
 */
function limitedLoudness(meter: LoudnessMeter, gain: number, curve: Float32Array): number {
  const g2 = gain * gain;
  return meter.integratedLufs((b) => {
    const c0 = curve[b]!;
    const c1 = curve[b + 1]!;
    return (g2 * (c0 * c0 + c0 * c1 + c1 * c1)) / 3;
  });
}

async function encodeMp3(pcm: Float32Array, gain: number, curve: Float32Array, spec: ProfileSpec, file: string): Promise<void> {
  // The limited PCM goes to a scratch file first, rather than through a pipe: the encoder then
  // never waits on this thread, which meanwhile shapes and measures the other tracks (a pipe
  // stalls libmp3lame for as long as any synchronous step on this thread runs).
  const pcmFile = `${file}.f32`;
  try {
    await writeLimitedPcm(pcm, gain, curve, pcmFile);
    await runFfmpeg({
      input: pcmFile,
      inputOptions: PCM_INPUT_OPTIONS,
      // soxr: a no-op for downloads (the pipeline rate), 160/147 for Alexa's 24 kHz without audible aliasing.
      filters: `aresample=${spec.sampleRate}:resampler=soxr`,
      format: "mp3",
      output: file,
      outputOptions: [
        "-c:a", "libmp3lame",
        "-b:a", `${spec.bitrateKbps}k`,
        "-ar", String(spec.sampleRate),
        "-ac", String(spec.channels),
        "-compression_level", String(spec.lameQuality),
        ...(spec.lameCutoffHz ? ["-cutoff", String(spec.lameCutoffHz)] : []),
        // The Xing/LAME frame carries the encoder delay and padding, so players (and ffprobe)
        // report the exact duration and play gaplessly; it needs a seekable file, as here.
        "-write_xing", "1",
        // node-id3 writes the tags afterwards; ffmpeg's own ID3 tag would only be replaced.
        "-id3v2_version", "0",
        "-map_metadata", "-1",
      ],
    });
  } finally {
    await rm(pcmFile, { force: true });
  }
}

/** Gain × limiter curve × PCM, computed and written chunk by chunk: no second copy of the track. */
async function writeLimitedPcm(pcm: Float32Array, gain: number, curve: Float32Array, pcmFile: string): Promise<void> {
  const out = await open(pcmFile, "w");
  try {
    const chunk = new Float32Array(1 << 16);
    for (let start = 0; start < pcm.length; start += chunk.length) {
      const end = Math.min(pcm.length, start + chunk.length);
      applyCurve(pcm, gain, curve, start, end, chunk);
      await out.write(new Uint8Array(chunk.buffer, 0, (end - start) * 4));
    }
  } finally {
    await out.close();
  }
}

/**
 * The duration a player hears: the decoded sample count, which honours the LAME tag's encoder
 * delay and padding. (The container's "Duration:" counts whole frames, delay and padding
 * included: up to ~70 ms more at 24 kHz.)
 */
function checkDuration(ms: number, expectedMs: number, outFile: string): void {
  if (Math.abs(ms - expectedMs) > DURATION_TOLERANCE_MS) {
    throw new Error(`${outFile}: encoded duration ${ms.toFixed(0)} ms differs from the timeline's ${expectedMs} ms by more than ${DURATION_TOLERANCE_MS} ms`);
  }
}

/**
 * The loudness work of `profile`'s first encode, without the encode: the (shaped) PCM, the gain
 * and the limiter curve that encodeTrack would write, and the codec loss it aims past. For the
 * preview (preview/render-preview.ts), which plays a part of a track at the loudness of the whole
 * file. Planned on the whole track, so a quiet chapter stays as quiet as it is in the file.
 */
export function planLoudness(pcm: Float32Array, profile: AudioProfile): { work: Float32Array; gain: number; curve: Float32Array; codecLossDb: number } {
  const spec = PROFILES[profile];
  const source = sourceWithMeter(pcm);
  if (!(source.integratedLufs > SILENT_LUFS)) return { work: pcm, gain: 1, curve: new Float32Array(Math.ceil(pcm.length / BLOCK) + 1).fill(1), codecLossDb: 0 };
  const shaped = Boolean(spec.shaping);
  const work = spec.shaping ? shapeSpeech(pcm, source.integratedLufs, spec.targetLufs, spec.shaping, { inPlace: false }) : pcm;
  const analysis = analysePeaks(work, { remember: !shaped });
  const ceilings = new Float32Array(analysis.samplePeak.length).fill(dbToGain(spec.maxTruePeakDbtp - spec.limiterMarginDb));
  const { gain, curve } = planGain(shaped ? blockMeter(work) : source.meter, analysis, {
    aimLufs: spec.targetLufs + spec.codecLossDb,
    ceilings,
    maxMakeUpDb: shaped ? MAX_MAKEUP_SHAPED_DB : MAX_MAKEUP_DB,
  });
  return { work, gain, curve, codecLossDb: spec.codecLossDb };
}
