// The audio layer's hot loops are written for speed (several outputs side by side, runs of
// blocks skipped, chunked scratch arrays). Each must still compute exactly what its plain
// form computes: the same floating-point operations in the same order per output, so every
// build stays byte-identical. Here each is held, bit for bit, to that plain form, on random
// signals of awkward lengths (empty, shorter than a kernel, across chunk boundaries). The
// streamed meter and the loudness meter's chunking are held to the whole-track forms in
// audio-memory.test.ts and loudness-meter.test.ts.
import { describe, expect, it } from "vitest";
import { lowPassInPlace, lowPassKernel, type BandLimit } from "../audio-builder/audio/band-limit.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";
import {
  analysePeaks,
  BLOCK,
  blockTruePeak,
  limiterCurve,
  peakBound,
  truePeak,
  type LimiterTiming,
  type PeakAnalysis,
} from "../audio-builder/audio/true-peak-limiter.js";

const BAND: BandLimit = { passHz: 6000, stopHz: 7800 };
const LENGTHS = [0, 1, 5, 17, 37, 16_383, 16_384 + 19, 70_001, 200_000];

/** Speech-like test signal: loud bursts, quiet stretches, the odd spike, from a fixed seed. */
function signal(n: number, seed: number): Float32Array {
  let s = seed;
  const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const loud = Math.floor(i / 3000) % 3 !== 0;
    x[i] = (random() - 0.5) * (loud ? 0.6 : 0.006) * (random() < 0.001 ? 3 : 1);
  }
  return x;
}

/** Index of the first element that differs bit for bit, or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** The low-pass as a formula: centre tap, then each pair of taps, summed in double precision. */
function plainLowPass(x: Float32Array): Float32Array {
  const taps = Float32Array.from(lowPassKernel(BAND, PIPELINE_SAMPLE_RATE));
  const at = (i: number) => (i >= 0 && i < x.length ? x[i]! : 0);
  return x.map((_, i) => {
    let acc = taps[0]! * x[i]!;
    for (let k = 1; k < taps.length; k++) acc += taps[k]! * (at(i - k) + at(i + k));
    return acc;
  });
}

/** The limiter's curve as first written: a closure per block's need, a sliding-minimum deque over the whole track. */
function plainLimiterCurve(a: PeakAnalysis, gain: number, ceilings: number | Float32Array, timing: LimiterTiming): Float32Array {
  const blocks = a.samplePeak.length;
  const attack = Math.max(1, Math.ceil(((timing.attackMs / 1000) * PIPELINE_SAMPLE_RATE) / BLOCK));
  const releaseStep = 1 - Math.exp(-BLOCK / ((timing.releaseMs / 1000) * PIPELINE_SAMPLE_RATE));
  const needOf = (b: number): number => {
    const ceiling = typeof ceilings === "number" ? ceilings : ceilings[b]!;
    if (!timing.truePeaks) {
      const p = a.samplePeak[b]! * gain;
      return p > ceiling ? ceiling / p : 1;
    }
    if (peakBound(a, b) * gain <= ceiling) return 1;
    const p = blockTruePeak(a, b) * gain;
    return p > ceiling ? ceiling / p : 1;
  };
  const need = new Float32Array(blocks);
  const deque: number[] = [];
  const m = new Float32Array(blocks + 1);
  const curve = new Float32Array(blocks + 1);
  let next = 0;
  let sum = 0;
  let level = 1;
  for (let k = 0; k <= blocks; k++) {
    for (const hi = Math.min(blocks - 1, k + attack + 1); next <= hi; next++) {
      const v = (need[next] = needOf(next));
      while (deque.length > 0 && need[deque.at(-1)!]! >= v) deque.pop();
      deque.push(next);
    }
    while (deque.length > 0 && deque[0]! < k - 1) deque.shift();
    m[k] = deque.length > 0 ? need[deque[0]!]! : 1;
    sum += m[k]!;
    if (k - attack - 1 >= 0) sum -= m[k - attack - 1]!;
    const count = Math.min(k + 1, attack + 1);
    const box = (sum + (attack + 1 - count) * m[0]!) / (attack + 1);
    level = Math.min(box, level + (1 - level) * releaseStep);
    curve[k] = level;
  }
  return curve;
}

describe("signal kernels compute what their plain forms compute, bit for bit", () => {
  it.each(LENGTHS)("low-pass on %i samples", (n) => {
    const x = signal(n, 11 + n);
    const fast = x.slice();
    lowPassInPlace(fast, BAND, PIPELINE_SAMPLE_RATE);
    expect(firstDifference(fast, plainLowPass(x))).toBe(-1);
  });

  it.each(LENGTHS)("true peak, frame peaks and limiter curves on %i samples", (n) => {
    const x = signal(n, 5 + n);
    const fast = analysePeaks(x, { remember: false });
    const plain = analysePeaks(x, { remember: false });
    // The plain true peak: every block oversampled (each at least its sample peak). The fast
    // one skips the blocks that cannot hold it.
    const every = analysePeaks(x, { remember: false });
    let best = 0;
    for (let b = 0; b < every.samplePeak.length; b++) best = Math.max(best, blockTruePeak(every, b));
    expect(truePeak(analysePeaks(x, { remember: false }))).toBe(best);
    const ceilings = Float32Array.from({ length: fast.samplePeak.length }, (_, b) => 0.15 + 0.1 * Math.sin(b / 50));
    // Same calls in the same order on both analyses: a block's first oversampling is exact, a
    // remembered one single precision, so the order is part of what is compared.
    for (const timing of [
      { attackMs: 5, releaseMs: 120, truePeaks: true },
      { attackMs: 1, releaseMs: 6, truePeaks: true },
      { attackMs: 5, releaseMs: 120, truePeaks: false },
    ]) {
      for (const gain of [0.5, 1.3, 3]) {
        expect(firstDifference(limiterCurve(fast, gain, 0.2, timing), plainLimiterCurve(plain, gain, 0.2, timing))).toBe(-1);
        expect(firstDifference(limiterCurve(fast, gain, ceilings, timing), plainLimiterCurve(plain, gain, ceilings, timing))).toBe(-1);
      }
    }
  });
});
