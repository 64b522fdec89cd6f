// A look-ahead true-peak limiter on the pipeline PCM, in JS rather than ffmpeg's alimiter: the
// bundled alimiter limits sample peaks only (the peaks between samples are what a true-peak
// meter and a DAC see) and delays its output by its attack time, which would shift every
// scripted pause. Here the whole track is in memory, so looking ahead costs nothing and the
// output stays sample-aligned with the timeline.
//
// The track is analysed once per block of BLOCK samples (sample peak and energy); the costly
// 4x oversampling runs only on blocks whose sample peaks come near the ceiling, and its result
// is kept, so the second profile's curve reuses the first's work.
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";

export const BLOCK = 16;
/** Interpolation taps on each side of the point between two samples. */
const HALF_TAPS = 8;
const OVERSAMPLE = 4;
/** The true-peak limiter's timing: slow enough to ride syllables, not single glottal pulses. */
export const LIMITER_TIMING: LimiterTiming = { attackMs: 5, releaseMs: 120, truePeaks: true };

export interface LimiterTiming {
  attackMs: number;
  releaseMs: number;
  /** false: limit sample peaks only, skipping the 4x oversampling (for a stage a true-peak limiter follows). */
  truePeaks: boolean;
}

export interface PeakAnalysis {
  pcm: Float32Array;
  /** Highest |x| over each block's samples. */
  samplePeak: Float32Array;
  /**
   * Highest |x| over each block including the 4x-oversampled points after each sample;
   * NaN until asked for. Only blocks loud enough to matter are ever oversampled.
   */
  truePeak: Float32Array;
  /** Sum of x² over each block (single precision: it only weighs blocks against each other). */
  blockEnergy: Float32Array;
}

/** Blackman-windowed sinc for the fractional offsets 1/4, 2/4, 3/4 (BS.1770 meters use 4x). */
const PHASES: Float64Array[] = Array.from({ length: OVERSAMPLE - 1 }, (_, p) => {
  const frac = (p + 1) / OVERSAMPLE;
  const taps = new Float64Array(2 * HALF_TAPS);
  for (let i = 0; i < taps.length; i++) {
    const k = i - HALF_TAPS + 1; // sample n+k, k in [-HALF_TAPS+1, HALF_TAPS]
    const t = frac - k;
    const sinc = Math.sin(Math.PI * t) / (Math.PI * t);
    const w = (t + HALF_TAPS) / (2 * HALF_TAPS); // 0..1 across the window
    const blackman = 0.42 - 0.5 * Math.cos(2 * Math.PI * w) + 0.08 * Math.cos(4 * Math.PI * w);
    taps[i] = sinc * blackman;
  }
  return taps;
});

/** No interpolated point can exceed the largest nearby sample by more than this factor. */
const OVERSHOOT_BOUND = Math.max(1, ...PHASES.map((taps) => taps.reduce((sum, t) => sum + Math.abs(t), 0)));

const cache = new WeakMap<Float32Array, PeakAnalysis>();

/**
 * One cheap pass per track (block peaks and energy), remembered for as long as the PCM lives;
 * `remember: false` for PCM that is about to be changed in place.
 */
export function analysePeaks(pcm: Float32Array, opts: { remember: boolean } = { remember: true }): PeakAnalysis {
  const hit = cache.get(pcm);
  if (hit) return hit;
  const blocks = Math.ceil(pcm.length / BLOCK);
  const samplePeak = new Float32Array(blocks);
  const blockEnergy = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(pcm.length, (b + 1) * BLOCK);
    let peak = 0;
    let energy = 0;
    for (let i = b * BLOCK; i < end; i++) {
      const v = pcm[i]!;
      energy += v * v;
      const a = v < 0 ? -v : v;
      if (a > peak) peak = a;
    }
    samplePeak[b] = peak;
    blockEnergy[b] = energy;
  }
  const analysis = { pcm, samplePeak, truePeak: new Float32Array(blocks).fill(Number.NaN), blockEnergy };
  if (opts.remember) cache.set(pcm, analysis);
  return analysis;
}

/** Drops what `analysePeaks` remembers of `pcm`, before it is changed in place. */
export function forgetPeaks(pcm: Float32Array): void {
  cache.delete(pcm);
}

/** An upper bound on block b's true peak, from the sample peaks the interpolation can reach. */
export function peakBound(a: PeakAnalysis, b: number): number {
  const s = a.samplePeak;
  const near = Math.max(s[b]!, b > 0 ? s[b - 1]! : 0, b + 1 < s.length ? s[b + 1]! : 0);
  return near * OVERSHOOT_BOUND;
}

/** The three phases' taps, one array each, for the interpolation loop below. */
const [TAPS_1, TAPS_2, TAPS_3] = PHASES as [Float64Array, Float64Array, Float64Array];

/** Block b's 4x-oversampled peak, computed on first use. */
export function blockTruePeak(a: PeakAnalysis, b: number): number {
  const known = a.truePeak[b]!;
  if (!Number.isNaN(known)) return known;
  const pcm = a.pcm;
  const n = pcm.length;
  let peak = a.samplePeak[b]!;
  const end = Math.min(n, (b + 1) * BLOCK);
  const taps = 2 * HALF_TAPS;
  for (let i = b * BLOCK; i < end; i++) {
    const base = i - HALF_TAPS + 1;
    // All three phases from one read of each neighbouring sample; past either end is silence.
    const from = base < 0 ? -base : 0;
    const to = base + taps > n ? n - base : taps;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let t = from; t < to; t++) {
      const v = pcm[base + t]!;
      p1 += TAPS_1[t]! * v;
      p2 += TAPS_2[t]! * v;
      p3 += TAPS_3[t]! * v;
    }
    const m = Math.max(p1 < 0 ? -p1 : p1, p2 < 0 ? -p2 : p2, p3 < 0 ? -p3 : p3);
    if (m > peak) peak = m;
  }
  a.truePeak[b] = peak;
  return peak;
}

/** The track's true peak (linear): oversampling only blocks that could hold it. */
export function truePeak(a: PeakAnalysis): number {
  let best = 0;
  for (let b = 0; b < a.samplePeak.length; b++) best = Math.max(best, a.samplePeak[b]!);
  for (let b = 0; b < a.samplePeak.length; b++) {
    if (peakBound(a, b) > best) best = Math.max(best, blockTruePeak(a, b));
  }
  return best;
}

/**
 * The true peak (linear) of each frame of `frameSamples` samples, 4x oversampled only in blocks
 * that could exceed `limit`; elsewhere the frame's sample peak, which is then known to be under
 * it. The finished file's check needs the frames over a limit, not the exact peak of every frame.
 */
export function frameTruePeaks(a: PeakAnalysis, frameSamples: number, limit: number): Float32Array {
  const frames = new Float32Array(Math.ceil(a.pcm.length / frameSamples));
  for (let b = 0; b < a.samplePeak.length; b++) {
    const f = Math.floor((b * BLOCK) / frameSamples);
    const p = peakBound(a, b) > limit ? blockTruePeak(a, b) : a.samplePeak[b]!;
    if (p > frames[f]!) frames[f] = p;
  }
  return frames;
}

/**
 * Gain (≤ 1) at the start of every block (plus one past the end), such that `gain` times the
 * signal times this curve keeps every oversampled peak at or under `ceiling` (linear; one
 * value, or one per block where the ceiling has been lowered locally).
 * A sliding minimum looks ahead over the attack, a box average of the same length smooths it
 * without ever rising above what a block needs, and an exponential release lets go gently.
 * `into`, when given (blocks + 1 long), receives the curve: a search that tries many gains then
 * reuses two arrays instead of leaving a track-sized one behind per try.
 */
export function limiterCurve(
  analysis: PeakAnalysis,
  gain: number,
  ceilings: number | Float32Array,
  timing: LimiterTiming = LIMITER_TIMING,
  into?: Float32Array,
): Float32Array {
  const blocks = analysis.samplePeak.length;
  const attack = Math.max(1, Math.ceil((timing.attackMs / 1000) * PIPELINE_SAMPLE_RATE / BLOCK));
  const releaseStep = 1 - Math.exp(-BLOCK / ((timing.releaseMs / 1000) * PIPELINE_SAMPLE_RATE));
  /** The gain (≤ 1) block b needs on its own. */
  const needOf = (b: number): number => {
    const ceiling = typeof ceilings === "number" ? ceilings : ceilings[b]!;
    if (!timing.truePeaks) {
      const p = analysis.samplePeak[b]! * gain;
      return p > ceiling ? ceiling / p : 1;
    }
    if (peakBound(analysis, b) * gain <= ceiling) return 1;
    const p = blockTruePeak(analysis, b) * gain;
    return p > ceiling ? ceiling / p : 1;
  };
  // Everything below looks at most attack + 4 blocks around the current one, so it keeps only
  // those, in rings (index mod ring length), not arrays as long as the track: with a track per
  // core, track-length scratch arrays cost 10 MB per 10 minutes of audio per core.
  const span = attack + 4;
  /** need[b] of the blocks in the window, at b % span. */
  const need = new Float32Array(span);
  /** Sliding-minimum deque of block indices (absolute head/tail counters, stored mod span). */
  const deque = new Int32Array(span);
  /** m[k] of the last attack + 1 points, at k % (attack + 1). */
  const recentM = new Float32Array(attack + 1);
  // m[k] = min(need[k-1 .. k+attack+1]): the -1/+1 lets interpolation between two block
  // starts stay under both blocks' needs.
  const points = blocks + 1;
  const curve = into ?? new Float32Array(points);
  let head = 0;
  let tail = 0;
  let next = 0;
  let m0 = 1;
  // Box average of m over [k-attack, k]; each term's window covers k, so the mean stays ≤ need.
  let sum = 0;
  let level = 1;
  for (let k = 0; k < points; k++) {
    const hi = Math.min(blocks - 1, k + attack + 1);
    while (next <= hi) {
      const v = (need[next % span] = needOf(next));
      while (tail > head && need[deque[(tail - 1) % span]! % span]! >= v) tail--;
      deque[tail++ % span] = next++;
    }
    const lo = k - 1;
    while (tail > head && deque[head % span]! < lo) head++;
    const mk = tail > head ? need[deque[head % span]! % span]! : 1;
    if (k === 0) m0 = mk;
    const slot = k % (attack + 1);
    const leaving = recentM[slot]!; // m[k - attack - 1], once there is one
    recentM[slot] = mk;
    sum += mk;
    if (k - attack - 1 >= 0) sum -= leaving;
    const count = Math.min(k + 1, attack + 1);
    // Before the track starts, repeat m[0]: its window covers the first blocks too.
    const box = (sum + (attack + 1 - count) * m0) / (attack + 1);
    level = Math.min(box, level + (1 - level) * releaseStep);
    curve[k] = level;
  }
  return curve;
}

/** How much quieter (dB, ≤ 0) the limiter makes the track: energy-weighted, like integrated loudness. */
export function limiterLossDb(analysis: PeakAnalysis, curve: Float32Array): number {
  let before = 0;
  let after = 0;
  for (let b = 0; b < analysis.blockEnergy.length; b++) {
    const e = analysis.blockEnergy[b]!;
    const g = (curve[b]! + curve[b + 1]!) / 2;
    before += e;
    after += e * g * g;
  }
  return before > 0 && after > 0 ? 10 * Math.log10(after / before) : 0;
}

/** Writes gain × curve × pcm for samples [start, end) into `out` (length ≥ end - start; may be `pcm` itself when start is 0). */
export function applyCurve(pcm: Float32Array, gain: number, curve: Float32Array, start: number, end: number, out: Float32Array): void {
  let i = start;
  while (i < end) {
    const b = Math.floor(i / BLOCK);
    const blockEnd = Math.min(end, (b + 1) * BLOCK);
    const c0 = curve[b]!;
    const d = curve[b + 1]! - c0;
    for (; i < blockEnd; i++) out[i - start] = pcm[i]! * gain * (c0 + d * ((i - b * BLOCK) / BLOCK));
  }
}
