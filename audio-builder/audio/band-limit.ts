// A zero-phase low-pass for profiles whose encoder cuts the top of the band anyway (48 kb/s
// LAME keeps ~7.5 kHz). Removing that band before the true-peak limiter matters because the
// encoder's own low-pass reshapes every peak the limiter has just placed: on espeak speech, whose
// glottal pulses are wide-band, that brought 2.5-4 dB of true peak back. Filtered first, the
// limiter sees the waveform the listener will get and the codec adds about 1 dB.
//
// A symmetric (linear-phase) FIR applied centred on each sample has no delay at all, so every
// pause stays where the timeline puts it. Kaiser-windowed sinc, 50 dB stop band (what the codec removes need not be gone, only small).
import { besselI0, kaiserBeta } from "./kaiser-window.js";

export interface BandLimit {
  /** Edge of the pass band, Hz: the filter is ~-6 dB midway between this and `stopHz`. */
  passHz: number;
  /** Start of the stop band (≥ 50 dB down), Hz. */
  stopHz: number;
}

const STOP_BAND_DB = 50;

/** Half of a symmetric low-pass kernel, centre tap first. */
export function lowPassKernel(limit: BandLimit, sampleRate: number): Float64Array {
  const transition = (2 * Math.PI * (limit.stopHz - limit.passHz)) / sampleRate;
  const half = Math.ceil((STOP_BAND_DB - 8) / (2.285 * transition) / 2);
  const beta = kaiserBeta(STOP_BAND_DB);
  const fc = (limit.passHz + limit.stopHz) / 2 / sampleRate; // cycles per sample
  const taps = new Float64Array(half + 1);
  let sum = 0;
  for (let k = 0; k <= half; k++) {
    const sinc = k === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
    const r = k / (half + 1);
    taps[k] = sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta));
    sum += k === 0 ? taps[k]! : 2 * taps[k]!;
  }
  // Unity gain at DC: the pass band keeps the voice's level exactly.
  for (let k = 0; k <= half; k++) taps[k]! /= sum;
  return taps;
}

/**
 * Filters `x` in place with the zero-phase kernel. Samples past either end count as silence,
 * as they are in the file. Works chunk by chunk on a padded copy of the chunk's original
 * samples, so the inner loop is branch-free and the track is never copied whole.
 *
 * Each output is one chain of additions, centre tap first, in double precision; four outputs
 * run side by side so their chains overlap in the CPU (one chain alone waits on every add).
 * The copy is kept in doubles, which hold every float sample exactly and spare a conversion
 * per read. The arithmetic per output is unchanged, so the result is bit for bit the same.
 */
export function lowPassInPlace(x: Float32Array, limit: BandLimit, sampleRate: number): void {
  const taps = Float64Array.from(Float32Array.from(lowPassKernel(limit, sampleRate)));
  const half = taps.length - 1;
  const n = x.length;
  const CHUNK = 1 << 14;
  const win = new Float64Array(CHUNK + 2 * half);
  // The original samples just before the chunk: already overwritten in x, so carried over.
  const carry = new Float64Array(half);
  const c0 = taps[0]!;
  /** Taps 1 .. pairs - 1 go two at a time. */
  const pairs = half & ~1;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const len = end - start;
    win.set(carry, 0);
    const aheadEnd = Math.min(n, end + half);
    win.set(x.subarray(start, aheadEnd), half);
    win.fill(0, half + aheadEnd - start);
    let j = 0;
    for (; j + 4 <= len; j += 4) {
      const c = j + half;
      let a0 = c0 * win[c]!;
      let a1 = c0 * win[c + 1]!;
      let a2 = c0 * win[c + 2]!;
      let a3 = c0 * win[c + 3]!;
      // Two taps per pass (the loop's own work is a good part of the time); then the odd one.
      let k = 1;
      for (; k < pairs; k += 2) {
        const t = taps[k]!;
        const u = taps[k + 1]!;
        const l = c - k;
        const r = c + k;
        a0 += t * (win[l]! + win[r]!);
        a1 += t * (win[l + 1]! + win[r + 1]!);
        a2 += t * (win[l + 2]! + win[r + 2]!);
        a3 += t * (win[l + 3]! + win[r + 3]!);
        a0 += u * (win[l - 1]! + win[r + 1]!);
        a1 += u * (win[l]! + win[r + 2]!);
        a2 += u * (win[l + 1]! + win[r + 3]!);
        a3 += u * (win[l + 2]! + win[r + 4]!);
      }
      for (; k <= half; k++) {
        const t = taps[k]!;
        const l = c - k;
        const r = c + k;
        a0 += t * (win[l]! + win[r]!);
        a1 += t * (win[l + 1]! + win[r + 1]!);
        a2 += t * (win[l + 2]! + win[r + 2]!);
        a3 += t * (win[l + 3]! + win[r + 3]!);
      }
      x[start + j] = a0;
      x[start + j + 1] = a1;
      x[start + j + 2] = a2;
      x[start + j + 3] = a3;
    }
    for (; j < len; j++) {
      const c = j + half;
      let acc = c0 * win[c]!;
      for (let k = 1; k <= half; k++) acc += taps[k]! * (win[c - k]! + win[c + k]!);
      x[start + j] = acc;
    }
    carry.set(win.subarray(len, len + half));
  }
}
