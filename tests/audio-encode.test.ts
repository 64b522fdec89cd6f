// Real encodes of a short synthetic track, checked with ffprobe, ffmpeg filters and node-id3.
import { createHash } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleTrack } from "../audio-builder/audio/assemble-track.js";
import { PROFILES, type AudioProfile } from "../audio-builder/audio/audio-profiles.js";
import { encodeTrack, measureSource, type EncodeResult, type TrackTags } from "../audio-builder/audio/encode-track.js";
import type { SilenceEvent } from "../audio-builder/timeline/timeline-types.js";
import { breathingTrack } from "./helpers/synthetic-track.js";
import { ebur128, firstFrame, silences, streamInfo } from "./helpers/mp3-inspect.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";

const tags: TrackTags = {
  title: "Ademhaling (kort)",
  artist: "Rustpunt",
  album: "Rustpunt: ontspanningsoefeningen",
  language: "dut",
  track: 3,
  year: 2025,
  comment: "Bron: seeds/ademhaling.md",
};
const PROFILE_NAMES: AudioProfile[] = ["download", "alexa"];

describe("encodeTrack", () => {
  const { timeline, speech } = breathingTrack();
  const meta = { tags, chapters: timeline.chapters, durationMs: timeline.durationMs };
  let dir: string;
  const files = {} as Record<AudioProfile, string>;
  const results = {} as Record<AudioProfile, EncodeResult>;
  let aided: string;
  let pcm: Float32Array;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-encode-"));
    // Exact silences are checked without aids; loudness also with tones and a bed.
    pcm = assembleTrack(timeline, speech, { breathTones: false, bed: "none" });
    for (const profile of PROFILE_NAMES) {
      files[profile] = path.join(dir, `${profile}.mp3`);
      results[profile] = await encodeTrack(pcm, profile, files[profile], meta);
    }
    aided = path.join(dir, "aided-alexa.mp3");
    await encodeTrack(assembleTrack(timeline, speech, { breathTones: true, bed: "brown" }), "alexa", aided, meta);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("makes the alexa profile an MPEG-2 Layer III mp3 at 24,000 Hz, mono, 48 kb/s", async () => {
    const info = await streamInfo(files.alexa);
    expect(info).toMatchObject({ codecName: "mp3", sampleRate: 24000, channels: 1, bitRate: 48000 });
    expect(firstFrame(await readFile(files.alexa))).toEqual({ version: "2", layer: 3 });
  });

  it("makes the download profile a 22,050 Hz mono mp3 at 64 kb/s", async () => {
    const info = await streamInfo(files.download);
    expect(info).toMatchObject({ codecName: "mp3", sampleRate: 22050, channels: 1, bitRate: 64000 });
    expect(firstFrame(await readFile(files.download))).toEqual({ version: "2", layer: 3 });
  });

  it.each(PROFILE_NAMES)("%s: plays exactly as long as the timeline", async (profile) => {
    const info = await streamInfo(files[profile]);
    // Decoded length honours the LAME tag: sample-exact.
    expect(Math.abs(info.decodedMs - timeline.durationMs)).toBeLessThanOrEqual(1);
    // The container counts whole frames plus encoder delay and padding, never less than the audio.
    expect(info.containerMs).toBeGreaterThanOrEqual(timeline.durationMs);
    expect(info.containerMs - timeline.durationMs).toBeLessThan(80);
  });

  it.each(PROFILE_NAMES)("%s: every scripted silence of 1 s or more is where the timeline puts it", async (profile) => {
    const found = await silences(files[profile], -60, 500);
    const scripted = timeline.events.filter((e): e is SilenceEvent => e.kind === "silence" && e.durationMs >= 1000);
    for (const s of scripted) {
      const end = s.startMs + s.durationMs;
      // The last silence runs to the end of the file.
      const match = found.find((f) => Math.abs(f.startMs - s.startMs) <= 50);
      expect(match, `silence at ${s.startMs} ms`).toBeDefined();
      if (end < timeline.durationMs) expect(Math.abs(match!.endMs - end)).toBeLessThanOrEqual(50);
    }
    // The scripted 6.0 s exhale measures 6.0 s ±20 ms.
    const exhale = scripted.find((s) => s.purpose === "exhale" && s.durationMs === 6000)!;
    const match = found.find((f) => Math.abs(f.startMs - exhale.startMs) <= 50)!;
    expect(Math.abs(match.endMs - match.startMs - 6000)).toBeLessThanOrEqual(20);
  });

  it.each(PROFILE_NAMES)("%s: loudness and true peak are within the profile's bounds, and reported truthfully", async (profile) => {
    const spec = PROFILES[profile];
    const measured = await ebur128(files[profile]);
    expect(Math.abs(measured.integratedLufs - spec.targetLufs)).toBeLessThanOrEqual(1);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(spec.maxTruePeakDbtp);
    // The build's own meter and ffmpeg's both print one decimal; they agree within 0.05 before rounding.
    expect(Math.abs(results[profile].integratedLufs - measured.integratedLufs)).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(results[profile].truePeakDbtp).toBeCloseTo(measured.truePeakDbtp, 1);
  });

  it("keeps loudness in bounds with breath tones and a noise bed too", async () => {
    const measured = await ebur128(aided);
    expect(Math.abs(measured.integratedLufs - PROFILES.alexa.targetLufs)).toBeLessThanOrEqual(1);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(PROFILES.alexa.maxTruePeakDbtp);
  });

  it.each(PROFILE_NAMES)("%s: returns the file's size and sha256", async (profile) => {
    const bytes = await readFile(files[profile]);
    expect(results[profile].bytes).toBe(bytes.length);
    expect(results[profile].sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("writes ID3 tags and one chapter per timeline chapter, listed in an ordered top-level CTOC", async () => {
    const bytes = await readFile(files.download);
    const read = NodeID3.read(bytes);
    expect(read).toMatchObject({
      title: tags.title,
      artist: "Rustpunt",
      album: tags.album,
      language: "dut",
      trackNumber: "3",
      year: "2025",
      comment: { language: "dut", text: tags.comment },
    });
    expect(read.chapter?.map((c) => ({ id: c.elementID, start: c.startTimeMs, end: c.endTimeMs, title: c.tags?.title }))).toEqual(
      timeline.chapters.map((c) => ({ id: c.id, start: c.startMs, end: c.startMs + c.durationMs, title: c.title })),
    );
    expect(read.tableOfContents).toEqual([
      expect.objectContaining({ elementID: "toc", isOrdered: true, elements: timeline.chapters.map((c) => c.id) }),
    ]);
    // The CTOC flags byte follows its NUL-terminated element id: 0x02 top-level | 0x01 ordered.
    const at = bytes.indexOf(Buffer.from("CTOC")) + 10;
    expect(bytes.subarray(at, at + 4).toString("latin1")).toBe("toc\0");
    expect(bytes[at + 4]).toBe(0x03);
  });

  it("is byte-identical when encoded again from the same PCM", async () => {
    const again = path.join(dir, "again.mp3");
    const fresh = assembleTrack(timeline, speech, { breathTones: false, bed: "none" });
    const r = await encodeTrack(fresh, "alexa", again, meta);
    expect(r.sha256).toBe(results.alexa.sha256);
  });

  describe("atomic writes", () => {
    const saved = process.env.FFMPEG_PATH;
    afterAll(() => {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    });

    it("leaves no temporary file after a successful encode", async () => {
      expect((await readdir(dir)).filter((f) => f.includes(".tmp-"))).toEqual([]);
    });

    it("keeps an existing file untouched when FFMPEG_PATH names no binary", async () => {
      const before = await readFile(files.alexa);
      process.env.FFMPEG_PATH = path.join(dir, "no-such-ffmpeg");
      await expect(encodeTrack(pcm, "alexa", files.alexa, meta)).rejects.toThrow(/FFMPEG_PATH=.*no-such-ffmpeg is not a file/);
      expect((await readFile(files.alexa)).equals(before)).toBe(true);
      expect((await readdir(dir)).filter((f) => f.includes(".tmp-"))).toEqual([]);
    });

    it("removes its half-written temporary file and keeps the old one when ffmpeg fails mid-encode", async () => {
      const before = await readFile(files.download);
      // An "ffmpeg" that writes a partial output file and then fails, like a crash mid-encode.
      const fake = path.join(dir, "failing-ffmpeg.sh");
      await writeFile(fake, '#!/bin/sh\nfor last; do :; done\ncase "$last" in *.tmp-*) echo partial > "$last";; esac\necho "simulated failure" >&2\nexit 1\n');
      await chmod(fake, 0o755);
      process.env.FFMPEG_PATH = fake;
      // The same PCM as before: its loudness is already measured, so the failure hits the encode.
      await expect(encodeTrack(pcm, "download", files.download, meta)).rejects.toThrow(/ffmpeg .* failed/);
      expect((await readFile(files.download)).equals(before)).toBe(true);
      expect((await readdir(dir)).filter((f) => f.includes(".tmp-"))).toEqual([]);
    });
  });
});

/**
 * Speech as peaky as espeak's: a cosine-phase harmonic voice (its glottal pulses line up, as in
 * espeak's wave generator), three formant humps, syllables of varying strength, words and
 * sentences separated by exact pauses, and a quiet brown-noise bed throughout.
 */
function peakySpeech(seconds: number): { pcm: Float32Array; pauses: { startMs: number; endMs: number }[] } {
  const rate = PIPELINE_SAMPLE_RATE;
  const pcm = new Float32Array(Math.round(seconds * rate));
  const pauses: { startMs: number; endMs: number }[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const formant = (f: number, centre: number, width: number) => Math.exp(-(((f - centre) / width) ** 2));
  let i = Math.round(0.3 * rate);
  let phase = 0;
  while (i < pcm.length - rate) {
    // A sentence of 3-6 words, each of 1-4 syllables, then a 1.5 s pause.
    for (let w = 3 + Math.floor(random() * 4); w > 0; w--) {
      for (let syl = 1 + Math.floor(random() * 4); syl > 0; syl--) {
        const len = Math.round((0.15 + random() * 0.15) * rate);
        const strength = 0.25 + random() * 0.75;
        const f0 = 95 + random() * 35;
        const [f1, f2] = [450 + random() * 400, 1000 + random() * 1200];
        const amps: number[] = [];
        for (let h = 1; h * f0 < 5000; h++) {
          const f = h * f0;
          amps.push((2 * formant(f, f1, 120) + 0.5 * formant(f, f2, 200) + 0.25 * formant(f, 2700, 300) + 0.01) / h);
        }
        for (let k = 0; k < len && i + k < pcm.length; k++) {
          phase += f0 / rate;
          const x = 2 * Math.PI * (phase % 1);
          let v = 0;
          for (let h = 0; h < amps.length; h++) v += amps[h]! * Math.cos((h + 1) * x);
          pcm[i + k] = v * strength * Math.sin((Math.PI * k) / len) ** 2;
        }
        i += len;
      }
      i += Math.round(0.12 * rate);
    }
    // The pause starts where the last word ended, before its word gap.
    const start = i - Math.round(0.12 * rate);
    pauses.push({ startMs: (start * 1000) / rate, endMs: ((i + 1.5 * rate) * 1000) / rate });
    i += Math.round(1.5 * rate);
  }
  let peak = 0;
  for (const v of pcm) peak = Math.max(peak, Math.abs(v));
  let brown = 0;
  for (let k = 0; k < pcm.length; k++) {
    brown = 0.995 * brown + (random() - 0.5) * 0.02;
    pcm[k] = (pcm[k]! / peak) * 0.8 + brown * 0.005;
  }
  return { pcm, pauses };
}

describe("encodeTrack: the alexa profile on peaky, espeak-like speech", () => {
  const { pcm, pauses } = peakySpeech(40);
  const durationMs = Math.round((pcm.length * 1000) / PIPELINE_SAMPLE_RATE);
  const meta = { tags, chapters: [], durationMs };
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-peaky-"));
    file = path.join(dir, "alexa.mp3");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is as peaky as espeak's speech: peak-to-loudness ratio ≥ 16 dB (Alexa allows 12)", async () => {
    const source = measureSource(pcm);
    expect(source.truePeakDbtp - source.integratedLufs).toBeGreaterThanOrEqual(16);
  });

  it("lands at -14 ±1 LUFS with true peak ≤ -2 dBTP, pauses where they were", async () => {
    const result = await encodeTrack(pcm, "alexa", file, meta);
    const measured = await ebur128(file);
    expect(Math.abs(measured.integratedLufs - PROFILES.alexa.targetLufs)).toBeLessThanOrEqual(1);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(PROFILES.alexa.maxTruePeakDbtp);
    // The build's own meter and ffmpeg's both print one decimal; they agree within 0.05 before rounding.
    expect(Math.abs(result.integratedLufs - measured.integratedLufs)).toBeLessThanOrEqual(0.1 + 1e-9);
    // The shaping is zero-phase: speech still stops and starts where the timeline put it (the
    // bed keeps the pauses above -60 dB, so they are found at -45 dB, under the speech).
    const found = await silences(file, -45, 1000);
    // The last pause runs on to the end of the track.
    for (const p of pauses.slice(0, -1)) {
      const match = found.find((f) => Math.abs(f.startMs - p.startMs) <= 50);
      expect(match, `pause at ${p.startMs.toFixed(0)} ms`).toBeDefined();
      expect(Math.abs(match!.endMs - p.endMs)).toBeLessThanOrEqual(50);
    }
  });
});

/**
 * Short buzzy cues (a pulse train through a sine envelope) between long pauses over a faint
 * bed: so peaky and sparse that the limiter, not the gain, sets the loudness.
 */
function sparseCues(seconds: number): Float32Array {
  const rate = PIPELINE_SAMPLE_RATE;
  const pcm = new Float32Array(Math.round(seconds * rate));
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  let phase = 0;
  for (let i = Math.round(0.3 * rate); i < pcm.length - rate; i += Math.round(6.8 * rate)) {
    const len = Math.round(0.8 * rate);
    const f0 = 95 + random() * 35;
    for (let k = 0; k < len && i + k < pcm.length; k++) {
      phase += f0 / rate;
      const x = 2 * Math.PI * (phase % 1);
      let v = 0;
      for (let h = 1; h * f0 < 5000; h++) v += Math.cos(h * x) / h;
      pcm[i + k] = 0.3 * v * Math.sin((Math.PI * k) / len) ** 2;
    }
  }
  let brown = 0;
  for (let k = 0; k < pcm.length; k++) {
    brown = 0.995 * brown + (random() - 0.5) * 0.02;
    pcm[k] = pcm[k]! + brown * 0.005;
  }
  return pcm;
}

describe("encodeTrack: a track the limiter holds under the alexa target", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-sparse-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps its first file, with a warning, when a second encode's plan would be no louder", async () => {
    const pcm = sparseCues(60);
    const file = path.join(dir, "alexa.mp3");
    const result = await encodeTrack(pcm, "alexa", file, { tags, chapters: [], durationMs: Math.round((pcm.length * 1000) / PIPELINE_SAMPLE_RATE) });
    expect(result.attempts).toBe(1);
    expect(result.warning).toMatch(/outside -14 ±1 LUFS but within the true-peak limit and the platform's accepted -19 to -9 LUFS/);
    const measured = await ebur128(file);
    expect(measured.integratedLufs).toBeGreaterThanOrEqual(-19);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(PROFILES.alexa.maxTruePeakDbtp);
    expect(Math.abs(result.integratedLufs - measured.integratedLufs)).toBeLessThanOrEqual(0.1 + 1e-9);
  });
});
