// The cold build's memory savers must not change a single sample or peak: the finished file's
// peaks are metered as the decoded PCM streams, and the last profile shapes the track in place.
import { describe, expect, it } from "vitest";
import { PROFILES } from "../audio-builder/audio/audio-profiles.js";
import { shapeSpeech } from "../audio-builder/audio/speech-shaper.js";
import { StreamedPeakMeter } from "../audio-builder/audio/streamed-peak-meter.js";
import { analysePeaks, frameTruePeaks, truePeak } from "../audio-builder/audio/true-peak-limiter.js";

/** Deterministic speech-like test signal: a tone with sparse loud bursts, louder towards the end. */
function signal(n: number): Float32Array {
  const x = new Float32Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    x[i] = Math.sin(i * 0.9) * (0.3 + 0.7 * (s / 2147483647) ** 8) * (i / n + 0.2);
  }
  return x;
}

describe("streamed peak meter", () => {
  it.each([1, 17, 65_536, 65_553, 1_000_003])("matches the whole-track meter on %i samples, in any byte chunking", (n) => {
    const x = signal(n);
    for (const frameSamples of [2205, 2400]) {
      const whole = analysePeaks(x, { remember: false });
      const meter = new StreamedPeakMeter(frameSamples, 0.5);
      const bytes = new Uint8Array(x.buffer);
      // Chunks that split samples mid-float, as a pipe may.
      const steps = [7, 4093, 65_536, 1, 100_003];
      for (let at = 0, k = 0; at < bytes.length; at += steps[k++ % steps.length]!) {
        meter.push(bytes.subarray(at, at + steps[k % steps.length]!));
      }
      const streamed = meter.finish();
      expect(streamed.samples).toBe(n);
      expect(streamed.truePeak).toBe(truePeak(whole));
      expect(Array.from(streamed.framePeaks)).toEqual(Array.from(frameTruePeaks(whole, frameSamples, 0.5)));
    }
  });
});

describe("speech shaping in place", () => {
  it("gives the same samples as shaping a copy", () => {
    const shaping = PROFILES.alexa.shaping!;
    const original = signal(200_000).map((v) => v * 0.2);
    const copy = shapeSpeech(original, -20, -14, shaping);
    const own = Float32Array.from(original);
    const inPlace = shapeSpeech(own, -20, -14, shaping, { inPlace: true });
    expect(inPlace).toBe(own);
    expect(Buffer.from(inPlace.buffer).equals(Buffer.from(copy.buffer))).toBe(true);
    expect(Buffer.from(copy.buffer).equals(Buffer.from(original.buffer))).toBe(false);
  });
});
