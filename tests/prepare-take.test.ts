// A take as the build speaks it: the room's silence trimmed, rumble filtered, and the level
// matched whether the narrator spoke softly or close to the microphone.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integratedLoudness } from "../audio-builder/audio/loudness-meter.js";
import { prepareTake, TAKE_TARGET_LUFS } from "../audio-builder/recordings/prepare-take.js";
import { saveTake } from "../audio-builder/recordings/save-take.js";
import { sentenceKey } from "../audio-builder/recordings/sentence-key.js";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";
import { parseWav } from "../audio-builder/speech/wav.js";
import { micWav } from "./helpers/spoken-takes.js";

const TEXT = "Trek je schouders op.";

/** Amplitude of one frequency (Goertzel), relative to full scale. */
function toneLevel(samples: Float32Array | Int16Array, rate: number, hz: number, scale: number): number {
  const w = (2 * Math.PI * hz) / rate;
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s = x / scale + 2 * Math.cos(w) * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return (2 * Math.sqrt(s1 * s1 + s2 * s2 - 2 * Math.cos(w) * s1 * s2)) / samples.length;
}

const float = (s: Int16Array) => Float32Array.from(s, (v) => v / 32768);

describe("preparing a take for the pipeline", () => {
  let dir: string;
  const takes: Record<string, { wav: Int16Array; prepared: Int16Array }> = {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "rustpunt-prepare-"));
    const espeak = new EspeakEngine({ threads: 1 });
    try {
      for (const [voice, gain] of [["soft", 0.3], ["close", 0.9]] as const) {
        const wav = await micWav(espeak, "nl-NL", TEXT, { padMs: 800, gain });
        const saved = await saveTake({ recordingsDir: dir, locale: "nl-NL", voice, key: sentenceKey("nl-NL", TEXT), text: TEXT, places: [], wav });
        takes[voice] = { wav: parseWav(wav).samples, prepared: await prepareTake(path.join(dir, "nl-NL", voice, saved.entry.file), "test", saved.entry.samples) };
      }
    } finally {
      await espeak.close();
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("trims the 0.8 s of room before and after to the same short margin, at the pipeline's rate", () => {
    for (const { wav, prepared } of Object.values(takes)) {
      const recordedSeconds = wav.length / 48000;
      const preparedSeconds = prepared.length / PIPELINE_SAMPLE_RATE;
      expect(preparedSeconds).toBeLessThan(recordedSeconds - 1.4);
      expect(preparedSeconds).toBeGreaterThan(recordedSeconds - 1.7);
    }
    expect(Math.abs(takes.soft!.prepared.length - takes.close!.prepared.length)).toBeLessThan(PIPELINE_SAMPLE_RATE * 0.05);
  });

  it("brings a soft and a close take to the same loudness", () => {
    const soft = integratedLoudness(float(takes.soft!.prepared), PIPELINE_SAMPLE_RATE);
    const close = integratedLoudness(float(takes.close!.prepared), PIPELINE_SAMPLE_RATE);
    expect(Math.abs(soft - close)).toBeLessThan(0.5);
    expect(Math.abs(close - TAKE_TARGET_LUFS)).toBeLessThan(1);
  });

  it("removes the low rumble under the voice", () => {
    const { wav, prepared } = takes.close!;
    const before = toneLevel(wav, 48000, 30, 32768);
    const after = toneLevel(prepared, PIPELINE_SAMPLE_RATE, 30, 32768);
    // Leveling changed the gain too: compare the rumble to the speech's own level in each.
    const speechBefore = integratedLoudness(float(wav), 48000);
    const speechAfter = integratedLoudness(float(prepared), PIPELINE_SAMPLE_RATE);
    const reductionDb = 20 * Math.log10(before / after) + (speechAfter - speechBefore);
    expect(reductionDb).toBeGreaterThan(12);
  });
});
