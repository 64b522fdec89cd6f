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
  /**
   * Per run of RUN blocks: the highest sample peak over the run and the block on either side,
   * so at least what peakBound sees for any block of the run. A run whose bound keeps under
   * the ceiling is passed over whole by the limiter's curve.
   */
  runPeak: Float32Array;
}

/** Blocks per run of `PeakAnalysis.runPeak`. */
const RUN = 64;

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
  const n = pcm.length;
  for (let b = 0, i = 0; i < n; b++) {
    const end = Math.min(n, i + BLOCK);
    let peak = 0;
    let energy = 0;
    for (; i < end; i++) {
      const v = pcm[i]!;
      energy += v * v;
      const a = v < 0 ? -v : v;
      if (a > peak) peak = a;
    }
    samplePeak[b] = peak;
    blockEnergy[b] = energy;
  }
  const analysis = { pcm, samplePeak, truePeak: new Float32Array(blocks).fill(Number.NaN), blockEnergy, runPeak: runPeaks(samplePeak) };
  if (opts.remember) cache.set(pcm, analysis);
  return analysis;
}

function runPeaks(samplePeak: Float32Array): Float32Array {
  const blocks = samplePeak.length;
  const runs = new Float32Array(Math.ceil(blocks / RUN));
  for (let r = 0; r < runs.length; r++) {
    const from = Math.max(0, r * RUN - 1);
    const to = Math.min(blocks, (r + 1) * RUN + 1);
    let peak = 0;
    for (let b = from; b < to; b++) if (samplePeak[b]! > peak) peak = samplePeak[b]!;
    runs[r] = peak;
  }
  return runs;
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
  let i = b * BLOCK;
  const end = Math.min(n, i + BLOCK);
  const taps = 2 * HALF_TAPS;
  // Four samples at a time where all their neighbours are in the track: twelve sums side by
  // side instead of three, each still added up tap by tap in the same order.
  if (i - HALF_TAPS + 1 >= 0) {
    for (; i + 4 <= end && i + 3 - HALF_TAPS + 1 + taps <= n; i += 4) {
      const base = i - HALF_TAPS + 1;
      let p1a = 0, p2a = 0, p3a = 0;
      let p1b = 0, p2b = 0, p3b = 0;
      let p1c = 0, p2c = 0, p3c = 0;
      let p1d = 0, p2d = 0, p3d = 0;
      for (let t = 0; t < taps; t++) {
        const t1 = TAPS_1[t]!;
        const t2 = TAPS_2[t]!;
        const t3 = TAPS_3[t]!;
        const va = pcm[base + t]!;
        const vb = pcm[base + t + 1]!;
        const vc = pcm[base + t + 2]!;
        const vd = pcm[base + t + 3]!;
        p1a += t1 * va;
        p2a += t2 * va;
        p3a += t3 * va;
        p1b += t1 * vb;
        p2b += t2 * vb;
        p3b += t3 * vb;
        p1c += t1 * vc;
        p2c += t2 * vc;
        p3c += t3 * vc;
        p1d += t1 * vd;
        p2d += t2 * vd;
        p3d += t3 * vd;
      }
      // In sample order, as the one-at-a-time loop below compares them.
      const ma = Math.max(p1a < 0 ? -p1a : p1a, p2a < 0 ? -p2a : p2a, p3a < 0 ? -p3a : p3a);
      if (ma > peak) peak = ma;
      const mb = Math.max(p1b < 0 ? -p1b : p1b, p2b < 0 ? -p2b : p2b, p3b < 0 ? -p3b : p3b);
      if (mb > peak) peak = mb;
      const mc = Math.max(p1c < 0 ? -p1c : p1c, p2c < 0 ? -p2c : p2c, p3c < 0 ? -p3c : p3c);
      if (mc > peak) peak = mc;
      const md = Math.max(p1d < 0 ? -p1d : p1d, p2d < 0 ? -p2d : p2d, p3d < 0 ? -p3d : p3d);
      if (md > peak) peak = md;
    }
  }
  for (; i < end; i++) {
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
    // A run whose bound is under the best so far holds no block that could beat it.
    if (b % RUN === 0 && a.runPeak[b / RUN]! * OVERSHOOT_BOUND <= best) {
      b += RUN - 1;
      continue;
    }
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
  const { samplePeak, runPeak } = analysis;
  const blocks = samplePeak.length;
  const attack = Math.max(1, Math.ceil((timing.attackMs / 1000) * PIPELINE_SAMPLE_RATE / BLOCK));
  const releaseStep = 1 - Math.exp(-BLOCK / ((timing.releaseMs / 1000) * PIPELINE_SAMPLE_RATE));
  const truePeaks = timing.truePeaks;
  const oneCeiling = typeof ceilings === "number" ? ceilings : 0;
  const blockCeilings = typeof ceilings === "number" ? undefined : ceilings;
  // m[k] = min(need[k-1 .. k+attack+1]), need[b] being the gain (≤ 1) block b needs on its own:
  // the -1/+1 lets interpolation between two block starts stay under both blocks' needs. The
  // needs are worked out a chunk of points at a time, into a small array rather than one as
  // long as the track (with a track per core, track-length scratch arrays cost 10 MB per 10
  // minutes of audio per core), and skipped a run of blocks at a time where none can reach
  // the ceiling: on speech with pauses, most of the track.
  const reach = attack + 2;
  const need = new Float32Array(CURVE_CHUNK + reach);
  const points = blocks + 1;
  const curve = into ?? new Float32Array(points);
  let m0 = 1;
  // Box average of m over [k-attack, k]; each term's window covers k, so the mean stays ≤ need.
  // A ring of the last attack + 1 m values (a power of two long: an index masked, no division).
  const recentMask = ringLength(attack + 2) - 1;
  const recentM = new Float32Array(recentMask + 1);
  let sum = 0;
  let level = 1;
  /** Block `first` has its need at need[0]; needs are known up to block `known`. */
  let first = 0;
  let known = -1;
  for (let k0 = 0; k0 < points; k0 += CURVE_CHUNK) {
    const k1 = Math.min(points, k0 + CURVE_CHUNK);
    // Blocks outside the track are left out of every window.
    const from = Math.max(0, k0 - 1);
    const last = Math.min(blocks - 1, k1 - 1 + attack + 1);
    // The windows overlap the previous chunk's: its needs are carried over, not worked out
    // again (a block's first oversampling is exact; what is kept of it is single precision).
    if (known >= from) need.copyWithin(0, from - first, known - first + 1);
    first = from;
    for (let b = Math.max(first, known + 1); b <= last; ) {
      const runEnd = Math.min(last, (Math.floor(b / RUN) + 1) * RUN - 1);
      // A run none of whose blocks can reach its ceiling needs nothing: no block-by-block look.
      let lowest = oneCeiling;
      if (blockCeilings !== undefined) {
        lowest = Infinity;
        for (let i = b; i <= runEnd; i++) if (blockCeilings[i]! < lowest) lowest = blockCeilings[i]!;
      }
      const runBound = truePeaks ? runPeak[Math.floor(b / RUN)]! * OVERSHOOT_BOUND * gain : runPeak[Math.floor(b / RUN)]! * gain;
      if (runBound <= lowest) {
        need.fill(1, b - first, runEnd - first + 1);
        b = runEnd + 1;
        continue;
      }
      for (; b <= runEnd; b++) {
        const ceiling = blockCeilings === undefined ? oneCeiling : blockCeilings[b]!;
        let v = 1;
        if (!truePeaks) {
          const p = samplePeak[b]! * gain;
          if (p > ceiling) v = ceiling / p;
        } else {
          // peakBound, inline: most blocks are far under the ceiling and need no oversampling.
          const before = b > 0 ? samplePeak[b - 1]! : 0;
          const after = b + 1 < blocks ? samplePeak[b + 1]! : 0;
          const near = Math.max(samplePeak[b]!, before, after);
          if (near * OVERSHOOT_BOUND * gain > ceiling) {
            const p = blockTruePeak(analysis, b) * gain;
            if (p > ceiling) v = ceiling / p;
          }
        }
        need[b - first] = v;
      }
    }
    known = last;
    // The window's minimum, looked for only when it holds a need under 1 (`low`, the last such block).
    let low = -1;
    let scanned = first - 1;
    for (let k = k0; k < k1; k++) {
      const lo = Math.max(0, k - 1);
      const hi = Math.min(blocks - 1, k + attack + 1);
      while (scanned < hi) {
        scanned++;
        if (need[scanned - first]! < 1) low = scanned;
      }
      let mk = 1;
      if (low >= lo) {
        for (let b = lo; b <= hi; b++) {
          const v = need[b - first]!;
          if (v < mk) mk = v;
        }
      }
      if (k === 0) m0 = mk;
      const leaving = recentM[(k - attack - 1) & recentMask]!; // m[k - attack - 1], once there is one
      recentM[k & recentMask] = mk;
      sum += mk;
      if (k - attack - 1 >= 0) sum -= leaving;
      const count = Math.min(k + 1, attack + 1);
      // Before the track starts, repeat m[0]: its window covers the first blocks too.
      const box = (sum + (attack + 1 - count) * m0) / (attack + 1);
      level = Math.min(box, level + (1 - level) * releaseStep);
      curve[k] = level;
    }
  }
  return curve;
}

/** Points of a limiter curve worked out per pass (see limiterCurve). */
const CURVE_CHUNK = 4096;

/** The smallest power of two ≥ n. */
function ringLength(n: number): number {
  let length = 1;
  while (length < n) length *= 2;
  return length;
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

/** The position of each sample within its block, as a fraction of the block: (i mod BLOCK) / BLOCK. */
const BLOCK_FRACTION = Float64Array.from({ length: BLOCK }, (_, j) => j / BLOCK);

/** Writes gain × curve × pcm for samples [start, end) into `out` (length ≥ end - start; may be `pcm` itself when start is 0). */
export function applyCurve(pcm: Float32Array, gain: number, curve: Float32Array, start: number, end: number, out: Float32Array): void {
  let i = start;
  while (i < end) {
    const b = Math.floor(i / BLOCK);
    const first = b * BLOCK;
    const blockEnd = Math.min(end, first + BLOCK);
    const c0 = curve[b]!;
    const d = curve[b + 1]! - c0;
    for (; i < blockEnd; i++) out[i - start] = pcm[i]! * gain * (c0 + d * BLOCK_FRACTION[i - first]!);
  }
}
