// PCM → finished MP3 for one profile: the short loop that tries and accepts. Each attempt plans
// a linear gain and a true-peak limiter curve (gain-plan.ts), encodes once (mp3-encoder.ts:
// LAME in WebAssembly or ffmpeg's libmp3lame), and checks the file itself (verify-mp3.ts). No
// loudnorm: it is dynamic (it would reshape the quiet/loud pacing of a relaxation track) and
// slow; a measured linear gain is faithful and fast. The accepted file is tagged and written
// atomically. A profile whose loudness target needs it (alexa) shapes the speech first
// (speech-shaper.ts); where the codec then pushes a true peak over the limit, the next attempt
// lowers the ceiling only there.
import { createHash } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import type { TimelineChapter } from "../timeline/timeline-types.js";
import { PROFILES, type AudioProfile } from "./audio-profiles.js";
import { planGain, type GainPlan } from "./gain-plan.js";
import { withTags, type TrackTags } from "./id3-tags.js";
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import { LoudnessMeter, type Loudness } from "./loudness-meter.js";
import { chooseMp3Encoder, encodeMp3, type Mp3EncoderChoice } from "./mp3-encoder.js";
import { dbToGain } from "./sample-clock.js";
import { shapeSpeech } from "./speech-shaper.js";
import { analysePeaks, BLOCK, forgetPeaks, truePeak } from "./true-peak-limiter.js";
import { FRAME_MS, verifyMp3 } from "./verify-mp3.js";

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
/** A local fix of a frame's true peak reaches this far either side. */
const FIX_REACH_MS = 50;
/**
 * The make-up gain for limiting losses is capped: beyond this the voice would be squashed. A
 * shaped track has had its peaks dealt with already; pushing it into the slow limiter does not
 * make it louder (the limiter holds whole syllables down while pauses and bed come up).
 */
const MAX_MAKEUP_DB = 6;
const MAX_MAKEUP_SHAPED_DB = 1;
/**
 * How far the first try's plan may fall short of its aim before the extra first-try headroom is
 * dropped: well inside the file's ±1 LU, measured to keep every catalogue track within it.
 */
const FIRST_TRY_SHORTFALL_LU = 0.5;
/**
 * A loudness retry whose plan moves the reading less than this towards the target is not
 * encoded: the codec's own loss varies by about half of it from one encode to the next.
 */
const MIN_PLANNED_MOVE_LU = 0.25;
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
   * `encoder`: chosen once per build (mp3-encoder.ts); by default from the environment.
   */
  opts: { consumePcm?: boolean; release?: () => void; encoder?: Mp3EncoderChoice } = {},
): Promise<EncodeResult> {
  const spec = PROFILES[profile];
  const tmp = `${outFile}.tmp-${process.pid}`;
  const best = `${tmp}-best`;
  const fallback = `${tmp}-fallback`;
  try {
    const encoder = opts.encoder ?? chooseMp3Encoder();
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
    /** The next attempt's plan, when it was made early to see whether the attempt is worth its encode. */
    let pending: GainPlan | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      attempts = attempt;
      let planned = silent ? { gain: 1, curve: new Float32Array(ceilings.length + 1).fill(1), offLu: 0 } : (pending ?? plan());
      pending = undefined;
      if (attempt === 1 && spec.firstTryMarginDb && Math.abs(planned.offLu) > FIRST_TRY_SHORTFALL_LU) {
        // The extra headroom costs this track its loudness: plan with the profile's own margin.
        ceilings.fill(ceiling);
        planned = plan();
      }
      const { gain, curve } = planned;
      /** What the plan expects the limited PCM to measure. */
      const plannedLufs = aimLufs - planned.offLu;
      await encodeMp3(encoder, work, gain, curve, spec, tmp);
      const { measured, frames } = await verifyMp3(tmp, spec, {
        durationMs: meta.durationMs,
        outFile,
        peakLimitDb: spec.maxTruePeakDbtp - PEAK_GUARD_DB,
        ffmpeg: encoder.ffmpeg,
      });
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
        // A file that keeps the peak limit and is usable (within bounds, or within the
        // platform's window) is only retried for loudness. Where the limiter (and the cap on its
        // make-up) leaves the new plan hardly louder, or quieter, than this one, its encode would
        // land about where this file did: keep this file instead of encoding again.
        if ((kept === measured || acceptable === measured) && peakOver <= 0 && !silent) {
          pending = plan();
          const moved = aimLufs - pending.offLu - plannedLufs;
          if (Math.sign(moved) !== Math.sign(loudnessOff) || Math.abs(moved) < MIN_PLANNED_MOVE_LU) break;
        }
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
