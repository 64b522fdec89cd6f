// A narrator's takes in place of TTS: takes saved as the recording page saves them (FLAC in
// recordings/<locale>/<voice>/ with an index), a small fixture exercise built from them and
// checked as the build's own tests check MP3s, then what happens when the script moves on
// (a changed sentence, --fallback-tts, a new take) and when the takes are bad.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDist } from "../audio-builder/pipeline/build-dist.js";
import { buildCommandArgs } from "../audio-builder/cli/build-command.js";
import { measureTimelines } from "../audio-builder/pipeline/measure-timelines.js";
import { planTracks } from "../audio-builder/pipeline/plan-tracks.js";
import type { Catalog, CatalogTrack } from "../audio-builder/catalog/catalog-types.js";
import { loadScriptsOrThrow } from "../audio-builder/model/load-scripts.js";
import { MissingTakesError } from "../audio-builder/recordings/missing-takes.js";
import { prepareTake } from "../audio-builder/recordings/prepare-take.js";
import { scriptSentences } from "../audio-builder/recordings/script-sentences.js";
import { TakeError } from "../audio-builder/recordings/take-format.js";
import { readTakeIndex } from "../audio-builder/recordings/take-index.js";
import { recordedVoices } from "../audio-builder/recordings/voice-config.js";
import { createEngine } from "../audio-builder/speech/create-engine.js";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { SegmentCache } from "../audio-builder/speech/segment-cache.js";
import { samplesToMs } from "../audio-builder/speech/tts-engine.js";
import type { Timeline } from "../audio-builder/timeline/timeline-types.js";
import { decodedDurationMs, ebur128, silences } from "./helpers/mp3-inspect.js";
import { removeFixtures, writeScripts } from "./helpers/script-fixtures.js";
import { recordTakes } from "./helpers/spoken-takes.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FFMPEG = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const BOUNDS = { download: { lufs: -19, maxTp: -1.5 }, alexa: { lufs: -14, maxTp: -2 } } as const;
const WAKE_SENTENCE = "Open langzaam je ogen.";
const NEW_WAKE_SENTENCE = "Open nu langzaam je ogen.";

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = sha256(await readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

describe("building an exercise from a narrator's takes", () => {
  let scratch: string;
  let scriptsDir: string;
  let yaml: string;
  let recordingsDir: string;
  let espeak: EspeakEngine;
  let opts: Parameters<typeof buildDist>[0] & {};
  let catalog: Catalog;
  let timelines: Map<string, Timeline>;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), "rustpunt-recorded-"));
    scriptsDir = await writeScripts();
    yaml = path.join(scriptsDir, "nl-NL/ademhaling.yaml");
    recordingsDir = path.join(scratch, "recordings");
    espeak = new EspeakEngine({ threads: 1 });
    const scripts = await loadScriptsOrThrow(scriptsDir);
    await recordTakes(espeak, recordingsDir, "anna", scriptSentences(scripts, "nl-NL", ["ademhaling"]), "Anna de Vries");
    opts = {
      scriptsDir,
      out: path.join(scratch, "dist"),
      cacheDir: path.join(scratch, "cache"),
      recordingsDir,
      only: ["ademhaling"],
      locales: ["nl-NL"],
      lengths: ["short"],
      voice: "recorded:anna",
      tts: "espeak",
      quiet: true,
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    };
    const first = await buildDist(opts);
    expect(first).toMatchObject({ built: 2, skipped: 0, synthesized: 7, spokenByTts: [] });
    catalog = first.catalog;
    // The timelines as the build laid them out, from its cache (nothing is processed again).
    const engine = await createEngine({ tts: "espeak", env: {}, recorded: { recordingsDir, voices: { "nl-NL": "anna" }, fallbackTts: false } });
    try {
      const measured = await measureTimelines(planTracks(scripts, { only: ["ademhaling"], locales: ["nl-NL"], lengths: ["short"] }), new SegmentCache(path.join(opts.cacheDir!, "speech"), engine));
      expect(measured.synthesized).toBe(0);
      timelines = measured.timelines;
    } finally {
      await engine.close();
    }
  });

  afterAll(async () => {
    await espeak?.close();
    await removeFixtures();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const track = (id: string): CatalogTrack => catalog.tracks.find((t) => t.id === id)!;
  const file = (t: CatalogTrack, profile: "download" | "alexa") => path.join(opts.out!, t.files[profile].path);

  it("lays each sentence out for the real length of its processed take, trimmed of the room's silence", async () => {
    const index = (await readTakeIndex(path.join(recordingsDir, "nl-NL/anna"), "nl-NL", "anna"))!;
    const timeline = timelines.get("nl-NL/ademhaling-short-wake")!;
    const entry = Object.values(index.takes).find((t) => t.text === WAKE_SENTENCE)!;
    const take = await prepareTake(path.join(recordingsDir, "nl-NL/anna", entry.file), "test");
    const event = timeline.events.find((e) => e.kind === "speech" && e.text === WAKE_SENTENCE)!;
    expect(event.durationMs).toBe(samplesToMs(take.length));
    // The saved take has 500 ms of room noise on each side; the processed one keeps 30 ms.
    expect(event.durationMs).toBeLessThan((entry.samples / 48) - 900);
  });

  it("makes MP3s that play for exactly the timeline, silent where it pauses, within each profile's loudness", async () => {
    for (const t of catalog.tracks) {
      const timeline = timelines.get(`nl-NL/${t.id}`)!;
      expect(t.durationMs).toBe(timeline.durationMs);
      for (const profile of ["download", "alexa"] as const) {
        const played = await decodedDurationMs(file(t, profile));
        expect(Math.abs(played - t.durationMs), `${t.id} ${profile}: ${played} ms`).toBeLessThanOrEqual(50);
        const measured = await ebur128(file(t, profile));
        expect(Math.abs(measured.integratedLufs - BOUNDS[profile].lufs), `${t.id} ${profile}: ${measured.integratedLufs} LUFS`).toBeLessThanOrEqual(1);
        expect(measured.truePeakDbtp).toBeLessThanOrEqual(BOUNDS[profile].maxTp);
      }
      // The fixture has no bed or tones: every pause of 1 s or more is digital silence where the timeline puts it.
      const found = await silences(file(t, "download"), -60, 500);
      const pauses = timeline.events.filter((e) => e.kind === "silence" && e.durationMs >= 1000);
      expect(pauses.length).toBeGreaterThan(2);
      for (const p of pauses) {
        const end = timeline.fadeOutStartMs !== undefined && p.startMs >= timeline.fadeOutStartMs ? Infinity : p.startMs + p.durationMs;
        const match = found.find((f) => f.startMs <= p.startMs + 60 && f.endMs >= Math.min(end, t.durationMs) - 60);
        expect(match, `${t.id}: pause ${p.startMs}-${p.startMs + p.durationMs} ms; found ${found.map((f) => `${Math.round(f.startMs)}-${Math.round(f.endMs)}`).join(", ")}`).toBeDefined();
      }
    }
  });

  it("names the narrator in the tags and the catalog", async () => {
    for (const t of catalog.tracks) {
      expect(t.narration).toEqual({ engine: "recorded", voice: "anna", narrator: "Anna de Vries" });
      const tags = NodeID3.read(file(t, "download"));
      expect(tags.artist).toBe("Rustpunt, ingesproken door Anna de Vries");
      expect(tags.comment?.text).toContain("Narrated by Anna de Vries (recorded voice anna).");
    }
    const page = await readFile(path.join(opts.out!, "index.html"), "utf8");
    expect(page).toContain("Anna de Vries");
  });

  it("rebuilds and processes nothing when nothing changed (ffmpeg is not even reachable)", async () => {
    const before = await snapshot(opts.out!);
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = path.join(scratch, "no-such-ffmpeg");
    try {
      expect(await buildDist(opts)).toMatchObject({ built: 0, skipped: 2, synthesized: 0 });
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
    expect(await snapshot(opts.out!)).toEqual(before);
  });

  describe("when the script moves on", () => {
    let original: string;
    beforeAll(async () => {
      original = await readFile(yaml, "utf8");
      await writeFile(yaml, original.replace(WAKE_SENTENCE, NEW_WAKE_SENTENCE));
    });

    it("fails with the changed sentence's file, line and both texts, leaving dist/ as it was", async () => {
      const before = await snapshot(opts.out!);
      const line = original.split("\n").findIndex((l) => l.includes(WAKE_SENTENCE)) + 1;
      const error = await buildDist(opts).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(MissingTakesError);
      const message = (error as Error).message;
      expect(message).toContain(`${yaml}:${line}: changed since its take (recorded as "${WAKE_SENTENCE}"): "${NEW_WAKE_SENTENCE}"`);
      expect(message).toContain("npm run record -- --locale nl-NL --voice anna");
      expect(message.split("\n").filter((l) => l.includes(yaml))).toHaveLength(1);
      // The CLI says the same, without a stack trace, and exits 1.
      const cli = await promisify(execFile)(
        process.execPath,
        [...buildCommandArgs(path.join(repo, "audio-builder/cli/build.ts")), "--scripts", scriptsDir, "--out", opts.out!, "--cache", opts.cacheDir!, "--recordings", recordingsDir, "--only", "ademhaling", "--locale", "nl-NL", "--length", "short", "--voice", "recorded:anna", "--quiet"],
        { cwd: repo },
      ).then(() => ({ code: 0, stderr: "" }), (e: { code: number; stderr: string }) => e);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`${yaml}:${line}: changed since its take`);
      expect(cli.stderr).not.toMatch(/^\s+at /m);
      expect(await snapshot(opts.out!)).toEqual(before);
    });

    it("with --fallback-tts speaks it with espeak, says so, and rebuilds only the track that says it", async () => {
      const before = await snapshot(opts.out!);
      const result = await buildDist({ ...opts, fallbackTts: true });
      expect(result).toMatchObject({ built: 1, skipped: 1, synthesized: 1 });
      expect(result.spokenByTts).toEqual([expect.objectContaining({ text: NEW_WAKE_SENTENCE, was: WAKE_SENTENCE })]);
      const wake = result.catalog.tracks.find((t) => t.id === "ademhaling-short-wake")!;
      expect(wake.narration).toEqual({ engine: "recorded", voice: "anna", narrator: "Anna de Vries", fallback: { engine: "espeak", voice: "nl", sentences: 1 } });
      expect(NodeID3.read(path.join(opts.out!, wake.files.download.path)).comment?.text).toContain("1 sentence(s) not yet recorded are spoken by espeak (nl).");
      const after = await snapshot(opts.out!);
      expect(after["audio/nl-NL/ademhaling-short-sleep.mp3"]).toBe(before["audio/nl-NL/ademhaling-short-sleep.mp3"]);
      expect(after["audio/nl-NL/ademhaling-short-wake.mp3"]).not.toBe(before["audio/nl-NL/ademhaling-short-wake.mp3"]);
    });

    it("a new take of that sentence rebuilds only the tracks that say it", async () => {
      const scripts = await loadScriptsOrThrow(scriptsDir);
      const fresh = scriptSentences(scripts, "nl-NL").filter((s) => s.text === NEW_WAKE_SENTENCE);
      expect(fresh).toHaveLength(1);
      await recordTakes(espeak, recordingsDir, "anna", fresh);
      const before = await snapshot(opts.out!);
      const result = await buildDist(opts);
      expect(result).toMatchObject({ built: 1, skipped: 1, synthesized: 1, spokenByTts: [] });
      const after = await snapshot(opts.out!);
      expect(after["audio/nl-NL/ademhaling-short-sleep.mp3"]).toBe(before["audio/nl-NL/ademhaling-short-sleep.mp3"]);
      expect(after["audio/nl-NL/ademhaling-short-wake.mp3"]).not.toBe(before["audio/nl-NL/ademhaling-short-wake.mp3"]);
      expect(result.catalog.tracks.every((t) => t.narration?.fallback === undefined)).toBe(true);
    });
  });

  describe("bad takes: a clear error naming the file, and dist/ left as it was", () => {
    const takeFile = async (text: string) => {
      const index = (await readTakeIndex(path.join(recordingsDir, "nl-NL/anna"), "nl-NL", "anna"))!;
      return path.join(recordingsDir, "nl-NL/anna", Object.values(index.takes).find((t) => t.text === text)!.file);
    };
    const expectFailure = async (damage: (file: string) => Promise<void>, message: RegExp) => {
      const file = await takeFile("En laat los.");
      const good = await readFile(file);
      const before = await snapshot(opts.out!);
      try {
        await damage(file);
        const error = await buildDist(opts).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(TakeError);
        expect((error as Error).message).toContain(file);
        expect((error as Error).message).toMatch(message);
        expect(await snapshot(opts.out!)).toEqual(before);
      } finally {
        await writeFile(file, good);
      }
    };

    it("a corrupt take: its frames overwritten", async () => {
      await expectFailure(async (file) => {
        const bytes = await readFile(file);
        await writeFile(file, Buffer.concat([bytes.subarray(0, bytes.length / 2), Buffer.alloc(4000, 0x5a)]));
      }, /is damaged: it decodes to [\d.]+ s of audio where [\d.]+ s were recorded: record the sentence "En laat los\." again/);
    });

    it("a corrupt take: not a FLAC file at all", async () => {
      await expectFailure((file) => writeFile(file, Buffer.alloc(4000, 0x5a)), /cannot be decoded \(a damaged or truncated file\?\)/);
    });

    it("an empty take", async () => {
      await expectFailure((file) => writeFile(file, ""), /is empty \(0 bytes\)/);
    });

    it("a take in the wrong sample format (44.1 kHz stereo)", async () => {
      await expectFailure(async (file) => {
        const wrong = `${file}.wrong.flac`;
        await promisify(execFile)(FFMPEG, ["-hide_banner", "-nostdin", "-y", "-i", file, "-ar", "44100", "-ac", "2", "-c:a", "flac", wrong]);
        await cp(wrong, file);
        await rm(wrong);
      }, /is flac, 44100 Hz, stereo, s16, not FLAC, 48000 Hz, mono, 16-bit/);
    });

    it("a recordings folder of another locale", async () => {
      await cp(path.join(recordingsDir, "nl-NL/anna"), path.join(recordingsDir, "en-US/anna"), { recursive: true });
      try {
        const error = await buildDist({ ...opts, locales: ["en-US"] }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(TakeError);
        expect((error as Error).message).toMatch(/en-US\/anna\/index\.json holds takes recorded for nl-NL, not en-US: move the folder to .*nl-NL\/anna/);
      } finally {
        await rm(path.join(recordingsDir, "en-US"), { recursive: true, force: true });
      }
    });

    it("the per-locale default (RUSTPUNT_VOICE_NL) picks the voice; --voice tts and a malformed value are handled", () => {
      expect(recordedVoices({ locales: ["nl-NL", "en-US"], env: { RUSTPUNT_VOICE_NL: "recorded:anna" } })).toEqual({ "nl-NL": "anna" });
      expect(recordedVoices({ voice: "recorded:bram", locales: ["nl-NL", "en-US"], env: { RUSTPUNT_VOICE_NL: "recorded:anna" } })).toEqual({ "nl-NL": "bram", "en-US": "bram" });
      expect(recordedVoices({ voice: "tts", locales: ["nl-NL"], env: { RUSTPUNT_VOICE_NL: "recorded:anna" } })).toEqual({});
      expect(() => recordedVoices({ locales: ["en-US"], env: { RUSTPUNT_VOICE_EN: "anna" } })).toThrow(/RUSTPUNT_VOICE_EN="anna": a voice is recorded:<name>/);
      expect(() => recordedVoices({ voice: "recorded:Anna de Vries", locales: ["en-US"], env: {} })).toThrow(/use lower-case letters/);
    });

    it("a build with the per-locale default and nothing changed is up to date", async () => {
      const { voice: _voice, ...withoutFlag } = opts;
      expect(await buildDist({ ...withoutFlag, env: { ...opts.env, RUSTPUNT_VOICE_NL: "recorded:anna" } })).toMatchObject({ built: 0, skipped: 2 });
    });

    it("a voice with no takes for the locale built says how to record them", async () => {
      const error = await buildDist({ ...opts, voice: "recorded:bram" }).then(() => undefined, (e: unknown) => e);
      expect((error as Error).message).toMatch(/holds no takes of voice bram for nl-NL: record them with npm run record -- --locale nl-NL --voice bram/);
    });
  });
});
