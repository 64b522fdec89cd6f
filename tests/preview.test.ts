// `npm run preview`: a part of a track from the build's own pipeline, with real espeak.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integratedLoudness } from "../audio-builder/audio/loudness-meter.js";
import { msToSamples } from "../audio-builder/audio/sample-clock.js";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { segmentKey } from "../audio-builder/speech/segment-cache.js";
import { parseWav } from "../audio-builder/speech/wav.js";
import { parseClock, previewSpan } from "../audio-builder/preview/preview-span.js";
import { renderPreview, type PreviewOptions } from "../audio-builder/preview/render-preview.js";
import type { Timeline } from "../audio-builder/timeline/timeline-types.js";
import { edit, exerciseYaml, removeFixtures, writeScripts } from "./helpers/script-fixtures.js";

const repo = path.resolve(import.meta.dirname, "..");
/** The fixture exercise with a second chapter, so a chapter can be picked by number and title. */
const twoChapters = edit(exerciseYaml("nl-NL"), "  - tense:", "  - chapter: Spieren\n  - tense:");

let scratch: string;
let base: Omit<PreviewOptions, "exercise">;
const speechFiles = async () => (await readdir(path.join(scratch, "cache", "speech", "espeak")).catch(() => [])).filter((f) => f.endsWith(".wav")).sort();

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "rustpunt-preview-test-"));
  const scriptsDir = await writeScripts({ "nl-NL/ademhaling.yaml": twoChapters });
  base = { locale: "nl-NL", scriptsDir, cacheDir: path.join(scratch, "cache"), outDir: path.join(scratch, "out"), tts: "espeak" };
});
afterAll(async () => {
  await removeFixtures();
  await rm(scratch, { recursive: true, force: true });
});

async function wavSamples(file: string): Promise<Int16Array> {
  const wav = parseWav(await readFile(file), { strict: true });
  expect(wav.sampleRate).toBe(22050);
  expect(wav.channels).toBe(1);
  return wav.samples;
}

describe("preview", () => {
  it("renders the whole track at the download file's loudness", async () => {
    const result = await renderPreview({ ...base, exercise: "ademhaling" });
    expect(result.synthesized).toBeGreaterThan(0);
    const samples = await wavSamples(result.file);
    expect(samples.length).toBe(msToSamples(result.timeline.durationMs));
    const float = Float32Array.from(samples, (s) => s / 32768);
    // The download profile: -19 LUFS, the same ±1 the finished MP3 must meet.
    expect(Math.abs(integratedLoudness(float, 22050) + 19)).toBeLessThanOrEqual(1);
    expect(float.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBeLessThan(10 ** (-1.5 / 20));
  });

  it("a chapter by number or title lasts exactly its span of the timeline", async () => {
    const byNumber = await renderPreview({ ...base, exercise: "ademhaling", chapter: "2" });
    const chapter = byNumber.timeline.chapters[1]!;
    expect(chapter.title).toBe("Spieren");
    expect(byNumber.span).toMatchObject({ startMs: chapter.startMs, endMs: chapter.startMs + chapter.durationMs });
    expect(byNumber.synthesized).toBe(0); // warm cache
    const samples = await wavSamples(byNumber.file);
    expect(samples.length).toBe(msToSamples(chapter.startMs + chapter.durationMs) - msToSamples(chapter.startMs));

    const byTitle = await renderPreview({ ...base, exercise: "ademhaling", chapter: " spieren ", from: "0:05", seconds: 3 });
    expect(byTitle.span).toMatchObject({ startMs: chapter.startMs + 5000, endMs: chapter.startMs + 8000 });
    expect((await wavSamples(byTitle.file)).length).toBe(msToSamples(chapter.startMs + 8000) - msToSamples(chapter.startMs + 5000));
  });

  it("after a one-sentence edit only that sentence is synthesised", async () => {
    const before = await speechFiles();
    const scriptsDir = await writeScripts({ "nl-NL/ademhaling.yaml": edit(twoChapters, "Trek je schouders op.", "Trek je schouders omhoog.") });
    const result = await renderPreview({ ...base, scriptsDir, exercise: "ademhaling", chapter: "Spieren" });
    expect(result.synthesized).toBe(1);
    const added = (await speechFiles()).filter((f) => !before.includes(f));
    const engine = new EspeakEngine({ threads: 1 });
    expect(added).toEqual([`${segmentKey(engine, { text: "Trek je schouders omhoog.", locale: "nl-NL", rate: "normal" })}.wav`]);
    await engine.close();
  });

  it("names what exists when the exercise, chapter or time does not", async () => {
    await expect(renderPreview({ ...base, exercise: "ademhalen" })).rejects.toThrow(/no exercise named ademhalen in nl-NL; the exercises are: ademhaling/);
    await expect(renderPreview({ ...base, exercise: "tips" })).rejects.toThrow(/tips is an info piece/);
    await expect(renderPreview({ ...base, exercise: "ademhaling", chapter: "3" })).rejects.toThrow(/there is no chapter 3; the chapters of ademhaling \(short, wake\) are: 1 "Begin", 2 "Spieren"/);
    await expect(renderPreview({ ...base, exercise: "ademhaling", chapter: "Slot" })).rejects.toThrow(/--chapter "Slot": no such chapter/);
    await expect(renderPreview({ ...base, exercise: "ademhaling", from: "9:00" })).rejects.toThrow(/--from 9:00 is past the end: ademhaling \(nl-NL, short, wake\) lasts 1:0\d/);
  });

  it("a broken script stops the preview with the validate message", async () => {
    const scriptsDir = await writeScripts({ "nl-NL/ademhaling.yaml": edit(twoChapters, "    max: 40", "    max: 400") });
    await expect(renderPreview({ ...base, scriptsDir, exercise: "ademhaling" })).rejects.toThrow(/ademhaling\.yaml:\d+:\d+ steps\[2\]\.max: must be at most 300 seconds/);
  });
});

describe("preview span", () => {
  const timeline = {
    exercise: "x",
    locale: "nl-NL",
    length: "short",
    ending: "wake",
    durationMs: 90_000,
    chapters: [
      { id: "c1", title: "Begin", startMs: 0, durationMs: 30_000 },
      { id: "c2", title: "Adem", startMs: 30_000, durationMs: 60_000 },
    ],
  } as unknown as Timeline;

  it.each([
    ["1:30", 90_000],
    ["01:05.5", 65_500],
    ["45", 45_000],
    ["0:00", 0],
  ])("parses --from %s", (text, ms) => expect(parseClock(text)).toBe(ms));

  it.each(["1:75", "abc", "1:2:3", "-5"])("refuses --from %s with the form to use", (text) => {
    expect(() => parseClock(text)).toThrow(/e\.g\. --from 1:30/);
  });

  it.each([
    [{}, 0, 90_000],
    [{ chapter: "2" }, 30_000, 90_000],
    [{ chapter: "adem", from: "0:10" }, 40_000, 90_000],
    [{ from: "1:00", seconds: 10 }, 60_000, 70_000],
    [{ chapter: "1", seconds: 100 }, 0, 30_000],
  ])("%j → %d-%d ms", (req, start, end) => {
    expect(previewSpan(timeline, req)).toMatchObject({ startMs: start, endMs: end });
  });

  it("refuses a time past the chapter's end", () => {
    expect(() => previewSpan(timeline, { chapter: "1", from: "0:30" })).toThrow(/past the end: chapter 1 "Begin" lasts 0:30/);
  });
});

describe("npm run preview", () => {
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(repo, "audio-builder/cli/run-bundled.mjs"), path.join(repo, "audio-builder/cli/preview.ts"), ...args], { cwd: repo }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("prints the file's path, and a plain error for an unknown exercise", async () => {
    const ok = await cli(["ademhaling", "--chapter", "Spieren", "--no-play", "--tts", "espeak", "--scripts", base.scriptsDir!, "--cache", base.cacheDir!, "--out", base.outDir!]);
    expect(ok.stderr).toMatch(/chapter 2 "Spieren"/);
    expect(ok.stdout.trim()).toMatch(/^\/.*nl-NL-ademhaling-short-wake-\d+s\.wav$/);
    expect(ok.code).toBe(0);

    const bad = await cli(["bodyscan", "--no-play", "--scripts", base.scriptsDir!]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe("preview failed: no exercise named bodyscan in nl-NL; the exercises are: ademhaling");
  });
});
