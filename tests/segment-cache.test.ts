// The on-disk speech segment cache with the real espeak engine.
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { SegmentCache, segmentKey } from "../audio-builder/speech/segment-cache.js";
import type { SpeechAudio, SpeechRequest, TtsEngine } from "../audio-builder/speech/tts-engine.js";
import { encodeWav, parseWav } from "../audio-builder/speech/wav.js";

/** The real engine, counting what it is asked to synthesise. */
class CountingEngine implements TtsEngine {
  readonly id = "espeak";
  calls: string[] = [];
  constructor(private readonly inner: TtsEngine) {}
  voice = (l: SpeechRequest["locale"]) => this.inner.voice(l);
  prosodyKey = (r: SpeechRequest["rate"]) => this.inner.prosodyKey(r);
  synthesize(req: SpeechRequest): Promise<SpeechAudio> {
    this.calls.push(req.text);
    return this.inner.synthesize(req);
  }
  close = () => Promise.resolve();
}

const espeak = new EspeakEngine({ threads: 2 });
const engine = new CountingEngine(espeak);
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "rustpunt-speech-cache-"));
});
afterAll(async () => {
  await espeak.close();
  await rm(root, { recursive: true, force: true });
});

const reqs: SpeechRequest[] = [
  { text: "Adem in.", locale: "nl-NL", rate: "slow" },
  { text: "Adem uit.", locale: "nl-NL", rate: "slow" },
  { text: "Welkom bij Rustpunt.", locale: "nl-NL", rate: "normal" },
  { text: "Breathe in.", locale: "en-US", rate: "slow" },
];
const wavOf = (req: SpeechRequest) => join(root, "espeak", `${segmentKey(engine, req)}.wav`);

describe("segment cache", () => {
  it("keys segments by engine, voice, prosody and text", () => {
    const base = reqs[0]!;
    const keys = new Set([
      segmentKey(engine, base),
      segmentKey(engine, { ...base, rate: "normal" }),
      segmentKey(engine, { ...base, locale: "en-US" }),
      segmentKey(engine, { ...base, text: "Adem in" }),
    ]);
    expect(keys.size).toBe(4);
    expect(segmentKey(engine, { ...base })).toBe(segmentKey(engine, base));
  });

  it("synthesises each distinct segment once and reports progress", async () => {
    const cache = new SegmentCache(root, engine, 3);
    expect(cache.durationMs(reqs[0]!)).toBeUndefined();
    const progress: [number, number][] = [];
    const result = await cache.ensure([...reqs, reqs[0]!, { ...reqs[1]! }], (done, total) => progress.push([done, total]));
    expect(result.synthesized).toBe(4);
    expect(engine.calls).toHaveLength(4);
    expect(progress[0]).toEqual([0, 4]);
    expect(progress.at(-1)).toEqual([4, 4]);
    for (const req of reqs) {
      const audio = await cache.audio(req);
      expect(cache.durationMs(req)).toBe(Math.ceil((audio.samples.length * 1000) / 22050));
    }
    // Slow "Adem uit." is spoken, not a blip.
    expect(cache.durationMs(reqs[1]!)).toBeGreaterThan(400);
    // Only WAVs and the index; no temp files left behind.
    expect((await readdir(join(root, "espeak"))).sort()).toEqual([...reqs.map((r) => `${segmentKey(engine, r)}.wav`).sort(), "index.json"].sort());
  });

  it("synthesises nothing the second time, also after a reload from disk", async () => {
    engine.calls = [];
    const again = new SegmentCache(root, engine);
    for (const req of reqs) expect(again.durationMs(req)).toBeGreaterThan(0);
    expect(await again.ensure(reqs)).toEqual({ synthesized: 0 });
    expect(engine.calls).toEqual([]);
  });

  it("synthesises only the segment whose text changed", async () => {
    engine.calls = [];
    const cache = new SegmentCache(root, engine);
    const edited = reqs.map((r, i) => (i === 2 ? { ...r, text: "Welkom terug bij Rustpunt." } : r));
    expect(await cache.ensure(edited)).toEqual({ synthesized: 1 });
    expect(engine.calls).toEqual(["Welkom terug bij Rustpunt."]);
    expect(cache.durationMs(edited[2]!)).toBeGreaterThan(cache.durationMs(reqs[2]!)!);
  });

  it("re-synthesises a truncated WAV found by ensure", async () => {
    const victim = reqs[0]!;
    const before = await readFile(wavOf(victim));
    await truncate(wavOf(victim), 100);
    engine.calls = [];
    const cache = new SegmentCache(root, engine);
    expect(await cache.ensure(reqs)).toEqual({ synthesized: 1 });
    expect(engine.calls).toEqual([victim.text]);
    expect(await readFile(wavOf(victim))).toEqual(before); // espeak is deterministic
  });

  it("re-synthesises a WAV whose content is damaged when its audio is read", async () => {
    const victim = reqs[3]!;
    const bytes = await readFile(wavOf(victim));
    const damaged = Buffer.from(bytes);
    damaged.write("JUNK", 0, "ascii"); // same size, so ensure's size check passes
    await writeFile(wavOf(victim), damaged);
    engine.calls = [];
    const cache = new SegmentCache(root, engine);
    const audio = await cache.audio(victim);
    expect(engine.calls).toEqual([victim.text]);
    expect(Buffer.from(audio.samples.buffer)).toEqual(Buffer.from(parseWav(bytes).samples.buffer));
    expect(await readFile(wavOf(victim))).toEqual(bytes);
  });

  it("re-synthesises a WAV whose samples changed but whose header and size are intact (its hash differs)", async () => {
    const victim = reqs[2]!;
    const bytes = await readFile(wavOf(victim));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100]! ^= 0x40; // one sample, still a perfectly valid WAV of the same size
    expect(parseWav(flipped, { strict: true }).samples.length).toBe(parseWav(bytes).samples.length);
    await writeFile(wavOf(victim), flipped);
    engine.calls = [];
    const cache = new SegmentCache(root, engine);
    expect(await cache.ensure([victim])).toEqual({ synthesized: 0 }); // size alone looks fine
    const audio = await cache.audio(victim);
    expect(engine.calls).toEqual([victim.text]);
    expect(cache.repaired).toBe(1);
    expect(Buffer.from(audio.samples.buffer)).toEqual(Buffer.from(parseWav(bytes).samples.buffer));
    expect(await readFile(wavOf(victim))).toEqual(bytes);
  });

  it("adopts WAVs written by a run that stopped before saving its index", async () => {
    await rm(join(root, "espeak", "index.json"));
    engine.calls = [];
    const cache = new SegmentCache(root, engine);
    expect(cache.durationMs(reqs[0]!)).toBeUndefined();
    expect(await cache.ensure(reqs)).toEqual({ synthesized: 0 });
    expect(cache.durationMs(reqs[0]!)).toBeGreaterThan(0);
    expect(new SegmentCache(root, engine).durationMs(reqs[0]!)).toBe(cache.durationMs(reqs[0]!));
  });

  it("keeps finished segments when one synthesis fails, so the next run resumes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rustpunt-speech-fail-"));
    try {
      const flaky: TtsEngine = {
        id: "espeak",
        voice: (l) => espeak.voice(l),
        prosodyKey: (r) => espeak.prosodyKey(r),
        synthesize: (req) => (req.text === "Breathe in." ? Promise.reject(new Error("engine down")) : espeak.synthesize(req)),
        close: async () => {},
      };
      await expect(new SegmentCache(dir, flaky, 1).ensure(reqs)).rejects.toThrow("engine down");
      const resumed = new SegmentCache(dir, engine);
      const known = reqs.filter((r) => resumed.durationMs(r) !== undefined);
      expect(known.length).toBeGreaterThanOrEqual(1);
      expect(known.map((r) => r.text)).not.toContain("Breathe in.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("WAV parsing", () => {
  it("finds the data chunk after other chunks and rejects truncation when strict", () => {
    const plain = encodeWav(Int16Array.from([1, -2, 3, -4]), 22050);
    // Insert a LIST chunk of odd size (padded) between fmt and data, as some writers do.
    const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([3, 0, 0, 0]), Buffer.from("abc\0")]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    expect(Array.from(parseWav(withList).samples)).toEqual([1, -2, 3, -4]);
    const cut = plain.subarray(0, plain.length - 2);
    expect(Array.from(parseWav(cut).samples)).toEqual([1, -2, 3]);
    expect(() => parseWav(cut, { strict: true })).toThrow(/truncated/);
    expect(() => parseWav(Buffer.from("not a wav at all"))).toThrow(/RIFF/);
  });
});
