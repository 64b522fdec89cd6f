// Rational upsampling of the pipeline's PCM to a profile's rate (Alexa: 22,050 → 24,000 Hz, ×160/147)
// before LAME encodes it. LAME's own resampler took 1.3 s of a 2.9 s encode of a 10-minute
// track; this one takes a fraction of that, because it only has to be right for what it is given:
// a profile that resamples keeps nothing above its low-pass (LAME's cutoff), so the filter passes
// that band flat and needs a wide transition only. A zero-phase polyphase FIR (Kaiser-windowed
// sinc, one table row per output phase): output sample j is read at input time j × from / to,
// so every event stays where the timeline puts it and the track keeps its exact length.

import { besselI0, kaiserBeta } from "./kaiser-window.js";

/** Image and alias suppression, dB: well under what 48 kb/s MP3 coding itself leaves. */
const STOP_BAND_DB = 70;

export class Upsampler {
  /** Output samples per `down` input samples (the rates divided by their common factor). */
  readonly up: number;
  readonly down: number;
  /** Taps on each side of the output sample's position. */
  private readonly half: number;
  /** `up` rows of 2 × half taps: row p holds the filter at fractional offset p / up. */
  private readonly table: Float64Array;

  /** `passHz`: the band that must come through flat; above `fromRate - passHz` everything goes. */
  constructor(fromRate: number, toRate: number, passHz: number) {
    if (!(toRate > fromRate)) throw new RangeError(`upsampling only: ${fromRate} Hz to ${toRate} Hz`);
    if (!(passHz > 0 && passHz < fromRate / 2)) throw new RangeError(`pass band ${passHz} Hz must lie under ${fromRate / 2} Hz`);
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    // The images of the pass band start at fromRate - passHz; the cutoff sits midway, at the
    // input's Nyquist frequency: the ideal interpolator, windowed.
    const transition = (2 * Math.PI * (fromRate - 2 * passHz)) / fromRate;
    this.half = Math.ceil((STOP_BAND_DB - 8) / (2.285 * transition) / 2);
    const beta = kaiserBeta(STOP_BAND_DB);
    const taps = 2 * this.half;
    this.table = new Float64Array(this.up * taps);
    for (let p = 0; p < this.up; p++) {
      const frac = p / this.up;
      const row = new Float64Array(taps);
      let sum = 0;
      for (let t = 0; t < taps; t++) {
        const x = t - this.half + 1 - frac; // distance from the output position to input sample
        const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const r = x / this.half;
        const w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta);
        row[t] = sinc * w;
        sum += row[t]!;
      }
      // Each phase has unity gain at DC, so no phase is louder than another (no ripple at 1/up).
      for (let t = 0; t < taps; t++) this.table[p * taps + t] = row[t]! / sum;
    }
  }

  /** Output length for `inputLength` input samples: the same duration at the new rate. */
  outputLength(inputLength: number): number {
    return Math.round((inputLength * this.up) / this.down);
  }

  /** Input samples [start, end) that output samples [from, to) read (may reach past the track). */
  inputSpan(from: number, to: number): { start: number; end: number } {
    return {
      start: Math.floor((from * this.down) / this.up) - this.half + 1,
      end: Math.floor(((to - 1) * this.down) / this.up) + this.half + 1,
    };
  }

  /**
   * Output samples [from, to) into `out`, reading input sample i at `input[i - inputStart]`;
   * input outside [0, inputLength) or outside what `input` holds counts as silence.
   */
  render(input: Float32Array, inputStart: number, inputLength: number, from: number, to: number, out: Float32Array): void {
    const { up, down, half, table } = this;
    const taps = 2 * half;
    const lo = Math.max(0, inputStart);
    const hi = Math.min(inputLength, inputStart + input.length);
    // Output j reads input from first(j) = floor(j × down / up) - half + 1 at phase (j × down) mod
    // up: both are stepped from one output to the next rather than divided out each time.
    let phase = (from * down) % up;
    let first = (from * down - phase) / up - half + 1;
    for (let j = from; j < to; j++) {
      const row = phase * taps;
      let acc = 0;
      if (first >= lo && first + taps <= hi) {
        const at = first - inputStart;
        // Two taps per step (taps is even), into two sums: half the loop's own work per tap.
        let acc2 = 0;
        for (let t = 0; t < taps; t += 2) {
          acc += table[row + t]! * input[at + t]!;
          acc2 += table[row + t + 1]! * input[at + t + 1]!;
        }
        acc += acc2;
      } else {
        for (let t = 0; t < taps; t++) {
          const i = first + t;
          if (i >= lo && i < hi) acc += table[row + t]! * input[i - inputStart]!;
        }
      }
      out[j - from] = acc;
      phase += down;
      while (phase >= up) {
        phase -= up;
        first++;
      }
    }
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
