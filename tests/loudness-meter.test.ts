// The build's own BS.1770 meter against the standard's reference points and against ffmpeg's
// ebur128 filter (called directly, see helpers/mp3-inspect.ts) on real encoded tracks.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { integratedLoudness, LoudnessMeter } from "../audio-builder/audio/loudness-meter.js";
import { analysePeaks, applyCurve, BLOCK, limiterCurve } from "../audio-builder/audio/true-peak-limiter.js";
import { fixtureDist } from "./helpers/fixture-dist.js";
import { ebur128 } from "./helpers/mp3-inspect.js";

const FFMPEG = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

function sine(rate: number, seconds: number, hz: number, amplitude: number): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

async function decode(file: string, rate: number): Promise<Float32Array> {
  const { stdout } = await promisify(execFile)(FFMPEG, ["-v", "error", "-i", file, "-f", "f32le", "-ac", "1", "-ar", String(rate), "-"], {
    encoding: "buffer",
    maxBuffer: 512 << 20,
  });
  return new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
}

describe("loudness meter", () => {
  it.each([22050, 24000, 48000])("reads a full-scale 997 Hz sine at %i Hz as -3.01 LUFS (BS.1770's reference)", (rate) => {
    expect(integratedLoudness(sine(rate, 5, 997, 1), rate)).toBeCloseTo(-3.01, 1);
  });

  it("follows a linear gain dB for dB", () => {
    const rate = 22050;
    const loud = integratedLoudness(sine(rate, 5, 440, 0.5), rate);
    const soft = integratedLoudness(sine(rate, 5, 440, 0.05), rate);
    expect(loud - soft).toBeCloseTo(20, 1);
  });

  it("gates: silence around a tone does not lower its loudness, digital silence reads -70", () => {
    const rate = 24000;
    const tone = sine(rate, 3, 1000, 0.25);
    const padded = new Float32Array(tone.length * 4);
    padded.set(tone, tone.length);
    expect(integratedLoudness(padded, rate)).toBeCloseTo(integratedLoudness(tone, rate), 0);
    expect(integratedLoudness(new Float32Array(rate * 2), rate)).toBe(-70);
  });

  it("gives the same reading however the bytes are chunked", () => {
    const rate = 22050;
    const pcm = sine(rate, 2, 300, 0.3);
    const bytes = new Uint8Array(pcm.buffer);
    const meter = new LoudnessMeter(rate);
    for (let at = 0; at < bytes.length; at += 4099) meter.pushBytes(bytes.subarray(at, at + 4099));
    expect(meter.integratedLufs()).toBeCloseTo(integratedLoudness(pcm, rate), 6);
  });

  it("reads a limited track's loudness from block energies as the limited samples measure (the gain search's estimate)", () => {
    const rate = 22050;
    // Speech-like: 440 Hz bursts of changing level between pauses, so the limiter works in places.
    const pcm = new Float32Array(rate * 30);
    for (let i = 0; i < pcm.length; i++) {
      const second = Math.floor(i / rate);
      const level = second % 3 === 2 ? 0 : 0.05 + 0.3 * ((second * 7) % 5) / 4;
      pcm[i] = level * Math.sin((2 * Math.PI * 440 * i) / rate) * (0.6 + 0.4 * Math.sin((2 * Math.PI * 3 * i) / rate));
    }
    const meter = new LoudnessMeter(rate, BLOCK, pcm.length);
    meter.push(pcm);
    // Fine grains change nothing of the plain reading.
    expect(meter.integratedLufs()).toBeCloseTo(integratedLoudness(pcm, rate), 2);
    // A light limiter reads within hundredths of a LU; one taking 5 dB within 0.2 (the file is
    // measured after encoding either way, and the encode loop corrects its aim from that).
    for (const [gain, tolerance] of [
      [1.5, 0.05],
      [2.5, 0.2],
    ] as const) {
      const curve = limiterCurve(analysePeaks(pcm, { remember: false }), gain, 0.5);
      expect(Math.min(...curve)).toBeLessThan(1); // the limiter really bites
      const limited = new Float32Array(pcm.length);
      applyCurve(pcm, gain, curve, 0, pcm.length, limited);
      const estimate = meter.integratedLufs((b) => (gain * gain * (curve[b]! ** 2 + curve[b]! * curve[b + 1]! + curve[b + 1]! ** 2)) / 3);
      expect(Math.abs(estimate - integratedLoudness(limited, rate)), `gain ${gain}`).toBeLessThan(tolerance);
    }
  });

  it("agrees with ffmpeg's ebur128 within 0.1 LU on finished tracks of both profiles", async () => {
    const dist = fixtureDist();
    for (const [file, rate] of [
      ["audio/nl-NL/ademhaling-short-wake.mp3", 22050],
      ["audio/en-US/bodyscan-short-sleep.mp3", 22050],
      ["audio/nl-NL/alexa/ademhaling-short-wake.mp3", 24000],
    ] as const) {
      const full = path.join(dist, file);
      const reference = await ebur128(full);
      const ours = integratedLoudness(await decode(full, rate), rate);
      // ffmpeg prints one decimal: its reading is within 0.05 of the true value.
      expect(Math.abs(ours - reference.integratedLufs), file).toBeLessThanOrEqual(0.1);
    }
  });
});
