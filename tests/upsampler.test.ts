// The upsampler in front of LAME for a profile at another rate (Alexa: 22,050 → 24,000 Hz): the
// band LAME keeps comes through at its level and in its place, the images of the pass band are
// gone, and reading the output in chunks gives exactly the samples of one read.
import { describe, expect, it } from "vitest";
import { Upsampler } from "../audio-builder/audio/upsampler.js";

const FROM = 22_050;
const TO = 24_000;
const PASS = 7_500;

function upsample(x: Float32Array, chunk = Infinity): Float32Array {
  const u = new Upsampler(FROM, TO, PASS);
  const out = new Float32Array(u.outputLength(x.length));
  const step = Math.min(chunk, out.length);
  for (let from = 0; from < out.length; from += step) {
    const to = Math.min(out.length, from + step);
    const span = u.inputSpan(from, to);
    const start = Math.max(0, span.start);
    const part = new Float32Array(out.length);
    u.render(x.subarray(start, Math.min(x.length, span.end)), start, x.length, from, to, part);
    out.set(part.subarray(0, to - from), from);
  }
  return out;
}

function sine(hz: number, seconds: number, amplitude = 0.5): Float32Array {
  const x = new Float32Array(Math.round(FROM * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / FROM);
  return x;
}

/** Amplitude of the `hz` component over the middle of `y` (Goertzel, Hann-windowed). */
function amplitudeAt(y: Float32Array, hz: number, rate: number): number {
  const from = Math.floor(y.length / 4);
  const n = Math.floor(y.length / 2);
  const w = (2 * Math.PI * hz) / rate;
  let re = 0;
  let im = 0;
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    re += y[from + i]! * hann * Math.cos(w * i);
    im -= y[from + i]! * hann * Math.sin(w * i);
    windowSum += hann;
  }
  return (2 * Math.hypot(re, im)) / windowSum;
}

const db = (ratio: number) => 20 * Math.log10(ratio);

describe("Upsampler", () => {
  it("keeps the duration to the sample and every event in its place", () => {
    const x = new Float32Array(FROM * 3 + 17);
    for (const at of [5, 10_000, 40_000, x.length - 3]) x[at] = 1;
    const y = upsample(x);
    expect(y.length).toBe(Math.round((x.length * TO) / FROM));
    for (const at of [10_000, 40_000]) {
      const expected = (at * TO) / FROM;
      let best = Math.round(expected) - 3;
      for (let j = best; j <= Math.round(expected) + 3; j++) if (y[j]! > y[best]!) best = j;
      expect(Math.abs(best - expected)).toBeLessThanOrEqual(0.5);
    }
  });

  it.each([100, 1_000, 4_000, 7_500])("passes %i Hz at its level (within 0.02 dB)", (hz) => {
    const y = upsample(sine(hz, 2));
    expect(Math.abs(db(amplitudeAt(y, hz, TO) / 0.5))).toBeLessThan(0.02);
  });

  it.each([1_000, 3_000, 7_500])("leaves no image of %i Hz: its alias is at least 65 dB down", (hz) => {
    const y = upsample(sine(hz, 2));
    // The first image of hz sits at FROM - hz; above TO / 2 it folds back to TO - (FROM - hz).
    const alias = TO - (FROM - hz);
    expect(db(amplitudeAt(y, alias, TO) / 0.5)).toBeLessThan(-65);
  });

  it("gives the same samples read in chunks as in one read, silence past both ends", () => {
    const x = sine(440, 1.3);
    const whole = upsample(x);
    expect(upsample(x, 4_096)).toEqual(whole);
    expect(upsample(x, 777)).toEqual(whole);
    expect(upsample(new Float32Array(500))).toEqual(new Float32Array(Math.round((500 * TO) / FROM)));
  });

  it("refuses what it is not built for", () => {
    expect(() => new Upsampler(TO, FROM, PASS)).toThrow(/upsampling only/);
    expect(() => new Upsampler(FROM, TO, 12_000)).toThrow(/must lie under 11025 Hz/);
  });
});
