import { describe, expect, it } from "vitest";
import { assembleTrack, BED_DB, BREATH_TONE_DB } from "../audio-builder/audio/assemble-track.js";
import { msToSamples } from "../audio-builder/audio/sample-clock.js";
import type { SilenceEvent, SpeechEvent } from "../audio-builder/timeline/timeline-types.js";
import { breathingTrack, toneBurst } from "./helpers/synthetic-track.js";

const plain = { breathTones: false, bed: "none" } as const;

function rms(x: Float32Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return Math.sqrt(sum / x.length);
}

function span(pcm: Float32Array, e: { startMs: number; durationMs: number }): Float32Array {
  return pcm.subarray(msToSamples(e.startMs), msToSamples(e.startMs + e.durationMs));
}

/** Zero crossings per second: tracks the pitch of a single sine. */
function crossingsPerSecond(x: Float32Array): number {
  let n = 0;
  for (let i = 1; i < x.length; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) n++;
  return (n / 2) / (x.length / 22050);
}

describe("assembleTrack", () => {
  const { timeline, speech, audio } = breathingTrack();
  const speechEvents = timeline.events.filter((e): e is SpeechEvent => e.kind === "speech");
  const silenceEvents = timeline.events.filter((e): e is SilenceEvent => e.kind === "silence");
  const voiceRms = rms(assembleTrack(timeline, speech, plain).filter((v) => v !== 0));

  it("is exactly round(durationMs * 22.05) samples long", () => {
    const pcm = assembleTrack(timeline, speech, plain);
    expect(pcm.length).toBe(Math.round(timeline.durationMs * 22.05));
  });

  it("places every speech segment at its start sample, unchanged", () => {
    const pcm = assembleTrack(timeline, speech, plain);
    for (const e of speechEvents) {
      const src = audio.get(e.text)!.samples;
      const at = Math.round(e.startMs * 22.05);
      expect(pcm[at - 1] ?? 0).toBe(0);
      for (const i of [0, 1, 100, src.length >> 1, src.length - 1]) expect(pcm[at + i]).toBe(src[i]! / 32768);
    }
  });

  it("leaves every silence exact digital zero when no aids are asked for", () => {
    const pcm = assembleTrack(timeline, speech, plain);
    for (const e of silenceEvents) expect(span(pcm, e).every((v) => v === 0)).toBe(true);
  });

  it("refuses speech that runs past its event, naming the text and the fix", () => {
    const long = { sampleRate: 22050 as const, samples: toneBurst(5000).samples };
    expect(() => assembleTrack(timeline, () => long, plain)).toThrow(/Welkom bij deze oefening.*measured speech durations/);
  });

  it("lays a soft rising tone under inhales and a falling one under exhales, nothing elsewhere", () => {
    const pcm = assembleTrack(timeline, speech, { breathTones: true, bed: "none" });
    for (const e of silenceEvents) {
      const s = span(pcm, e);
      if (e.purpose !== "inhale" && e.purpose !== "exhale") {
        expect(s.every((v) => v === 0)).toBe(true);
        continue;
      }
      // Fades in from and out to silence: no click at either edge.
      expect(Math.abs(s[0]!)).toBeLessThan(1e-4);
      expect(Math.abs(s[s.length - 1]!)).toBeLessThan(1e-3);
      // About 30 dB under the voice (the fades make the whole-span RMS a little lower; the
      // voice's level here is ungated, a little under the gated level the assembly uses).
      const levelDb = 20 * Math.log10(rms(s) / voiceRms);
      expect(levelDb).toBeGreaterThan(BREATH_TONE_DB - 3);
      expect(levelDb).toBeLessThan(BREATH_TONE_DB + 3);
      const third = Math.floor(s.length / 3);
      const early = crossingsPerSecond(s.subarray(0, third));
      const late = crossingsPerSecond(s.subarray(2 * third));
      if (e.purpose === "inhale") expect(late).toBeGreaterThan(early * 1.2);
      else expect(late).toBeLessThan(early / 1.2);
      expect(Math.min(early, late)).toBeGreaterThan(200);
      expect(Math.max(early, late)).toBeLessThan(350);
    }
  });

  it("adds a noise bed 35 dB under the voice, fading in over 3 s, identical on every build", () => {
    const a = assembleTrack(timeline, speech, { breathTones: false, bed: "brown" });
    const b = assembleTrack(timeline, speech, { breathTones: false, bed: "brown" });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const pink = assembleTrack(timeline, speech, { breathTones: false, bed: "pink" });
    expect(Buffer.from(a.buffer).equals(Buffer.from(pink.buffer))).toBe(false);

    const exhale = silenceEvents.find((e) => e.purpose === "exhale" && e.durationMs === 6000)!;
    const voice = assembleTrack(timeline, speech, plain);
    for (const pcm of [a, pink]) {
      const bed = pcm.map((v, i) => v - voice[i]!);
      const bedDb = 20 * Math.log10(rms(span(bed, exhale)) / voiceRms);
      expect(bedDb).toBeGreaterThan(BED_DB - 3);
      expect(bedDb).toBeLessThan(BED_DB + 3);
      expect(Math.abs(bed[0]!)).toBeLessThan(1e-6);
      // The first 300 ms are deep in the 3 s fade-in, the last 300 ms deep in the fade-out.
      expect(rms(bed.subarray(0, msToSamples(300)))).toBeLessThan(rms(span(bed, exhale)) / 10);
      expect(rms(bed.subarray(bed.length - msToSamples(300)))).toBeLessThan(rms(span(bed, exhale)) / 10);
    }
  });

  it("fades a sleep ending to silence by the last sample and leaves everything before the fade alone", () => {
    const sleep = breathingTrack({ sleep: { fadeMs: 4000 } });
    const faded = assembleTrack(sleep.timeline, sleep.speech, { breathTones: true, bed: "brown" });
    const fadeStart = msToSamples(sleep.timeline.fadeOutStartMs!);
    // Same bed seed for both (same identity), so only the fade differs.
    const noFade = assembleTrack({ ...sleep.timeline, fadeOutStartMs: undefined }, sleep.speech, { breathTones: true, bed: "brown" });
    expect(Buffer.from(noFade.buffer, 0, fadeStart * 4).equals(Buffer.from(faded.buffer, 0, fadeStart * 4))).toBe(true);
    expect(faded[faded.length - 1]).toBe(0);
    const quarter = Math.floor((faded.length - fadeStart) / 4);
    const levels = [0, 1, 2, 3].map((q) => rms(faded.subarray(fadeStart + q * quarter, fadeStart + (q + 1) * quarter)) / rms(noFade.subarray(fadeStart + q * quarter, fadeStart + (q + 1) * quarter)));
    for (let q = 1; q < 4; q++) expect(levels[q]!).toBeLessThan(levels[q - 1]!);
    expect(levels[3]!).toBeLessThan(0.2);
  });
});
