// The build's promises, checked on real files: the shared fixture dist/ (short variants, every
// exercise, both locales, both endings, espeak + ffmpeg) and, in a scratch folder, incremental
// and failed rebuilds.
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildDist } from "../audio-builder/pipeline/build-dist.js";
import { buildCommandArgs } from "../audio-builder/cli/build-command.js";
import { emptyManifest, readManifest, type BuildManifest } from "../audio-builder/pipeline/build-manifest.js";
import { commitDist } from "../audio-builder/pipeline/commit-dist.js";
import { measureTimelines } from "../audio-builder/pipeline/measure-timelines.js";
import { planTracks } from "../audio-builder/pipeline/plan-tracks.js";
import { toSkillCatalog } from "../audio-builder/pipeline/skill-catalog.js";
import type { Catalog, CatalogFile, CatalogTrack } from "../audio-builder/catalog/catalog-types.js";
import { loadScriptsOrThrow, ScriptLoadError } from "../audio-builder/model/load-scripts.js";
import { createEngine } from "../audio-builder/speech/create-engine.js";
import { SegmentCache, segmentKey } from "../audio-builder/speech/segment-cache.js";
import type { SilenceEvent, Timeline } from "../audio-builder/timeline/timeline-types.js";
import { fixtureDist } from "./helpers/fixture-dist.js";
import { decodedDurationMs, ebur128, firstFrame, peakDb, probe, silences, type Span } from "./helpers/mp3-inspect.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const scriptsDir = path.join(repo, "scripts");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Profile bounds from issue 3 / design.md: download is mono (-19 LUFS), alexa -14 LUFS. */
const BOUNDS = {
  download: { lufs: -19, maxTp: -1.5 },
  alexa: { lufs: -14, maxTp: -2 },
} as const;

describe("the fixture dist/", () => {
  let dist: string;
  let catalog: Catalog;
  let timelines: Map<string, Timeline>;

  beforeAll(async () => {
    dist = fixtureDist();
    catalog = JSON.parse(await readFile(path.join(dist, "catalog.json"), "utf8")) as Catalog;
    // The measured timelines, from the fixture's speech cache (nothing is synthesised here).
    const scripts = await loadScriptsOrThrow(scriptsDir);
    const engine = await createEngine({ tts: "espeak", env: {} });
    try {
      const cache = new SegmentCache(path.join(inject("fixtureCache"), "speech"), engine);
      const planned = planTracks(scripts, { lengths: ["short"] });
      const measured = await measureTimelines(planned, cache);
      expect(measured.synthesized).toBe(0);
      timelines = measured.timelines;
    } finally {
      await engine.close();
    }
  });

  const refOf = (t: CatalogTrack) => `${t.locale}/${t.id}`;
  const filesOf = (t: CatalogTrack): CatalogFile[] => [t.files.download, t.files.alexa, t.transcript];

  it("lists every exercise in both locales, short, with both endings", () => {
    expect(catalog.locales).toEqual(["nl-NL", "en-US"]);
    const refs = catalog.tracks.map(refOf).sort();
    const expected = ["nl-NL", "en-US"].flatMap((l) =>
      ["ademhaling", "bodyscan", "spierontspanning", "visualisatie"].flatMap((e) => [`${l}/${e}-short-sleep`, `${l}/${e}-short-wake`]),
    );
    expect(refs).toEqual(expected.sort());
    expect(catalog.info.length).toBe(8);
    for (const info of catalog.info) {
      expect(info.ssml).toMatch(/^<speak>[\s\S]*<\/speak>$/);
      expect(info.items.every((i) => i.ssml.startsWith("<speak>"))).toBe(true);
    }
  });

  it("has every catalog file on disk with the catalog's size and sha256", async () => {
    for (const track of catalog.tracks) {
      expect(track.files.download.path).toBe(`audio/${track.locale}/${track.id}.mp3`);
      expect(track.files.alexa.path).toBe(`audio/${track.locale}/alexa/${track.id}.mp3`);
      expect(track.transcript.path).toBe(`transcripts/${track.locale}/${track.id}.vtt`);
      for (const file of filesOf(track)) {
        const bytes = await readFile(path.join(dist, file.path));
        expect(bytes.length, file.path).toBe(file.bytes);
        expect(sha256(bytes), file.path).toBe(file.sha256);
      }
      expect(track.files.download.mime).toBe("audio/mpeg");
      expect(track.transcript.mime).toBe("text/vtt");
    }
  });

  it("gives each track the timeline's duration and chapters, and the files play that long (±50 ms)", async () => {
    for (const track of catalog.tracks) {
      const timeline = timelines.get(refOf(track))!;
      expect(track.durationMs).toBe(timeline.durationMs);
      expect(track.chapters).toEqual(timeline.chapters.map((c) => ({ id: c.id, title: c.title, startMs: c.startMs })));
      for (const file of [track.files.download, track.files.alexa]) {
        const played = await decodedDurationMs(path.join(dist, file.path));
        expect(Math.abs(played - track.durationMs), `${file.path}: ${played} ms`).toBeLessThanOrEqual(50);
        const probed = await probe(path.join(dist, file.path));
        expect(Math.abs(probed.durationMs - track.durationMs), `${file.path} (ffprobe): ${probed.durationMs} ms`).toBeLessThanOrEqual(50);
      }
      expect(track.ssml.alexa.length).toBeGreaterThan(0);
      expect(track.ssml.alexa.every((doc) => doc.startsWith("<speak>") && doc.endsWith("</speak>"))).toBe(true);
    }
  });

  /** Runs of back-to-back silence events of 1 s or more: one silence in the file each. */
  function scriptedSilences(timeline: Timeline): (Span & { purposes: SilenceEvent["purpose"][] })[] {
    const runs: (Span & { purposes: SilenceEvent["purpose"][] })[] = [];
    for (const e of timeline.events) {
      const last = runs.at(-1);
      if (e.kind !== "silence") continue;
      if (last && last.endMs === e.startMs) {
        last.endMs += e.durationMs;
        last.purposes.push(e.purpose);
      } else runs.push({ startMs: e.startMs, endMs: e.startMs + e.durationMs, purposes: [e.purpose] });
    }
    return runs.filter((r) => r.endMs - r.startMs >= 1000);
  }

  /**
   * Every scripted silence found by silencedetect where the timeline puts it (±50 ms). The noise
   * bed lies under the whole track, so the threshold sits 6 dB over the bed's own peak, measured
   * in the longest silence: far under any speech, over the bed.
   */
  async function expectSilencesWhereScripted(track: CatalogTrack, skip: (purposes: SilenceEvent["purpose"][]) => boolean) {
    const timeline = timelines.get(refOf(track))!;
    const file = path.join(dist, track.files.download.path);
    const scripted = scriptedSilences(timeline).filter((s) => !skip(s.purposes));
    // Measure the bed away from the fades: the middle of the longest silence that is not faded.
    const end = timeline.fadeOutStartMs ?? timeline.durationMs;
    const quiet = scripted.filter((s) => s.endMs < end && s.startMs > 5000).sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))[0]!;
    const bedPeak = await peakDb(file, quiet.startMs + 200, quiet.endMs - quiet.startMs - 400);
    const threshold = Math.min(-30, Math.ceil(bedPeak + 6));
    const found = await silences(file, threshold, 500);
    expect(scripted.length).toBeGreaterThan(3);
    for (const s of scripted) {
      if (s.startMs >= end) continue; // the sleep fade's tail is silent to the end of the file
      const match = found.find((f) => Math.abs(f.startMs - s.startMs) <= 50 && (Math.abs(f.endMs - s.endMs) <= 50 || s.endMs >= end));
      const near = found.filter((f) => Math.abs(f.startMs - s.startMs) < 2000).map((f) => `${f.startMs.toFixed(0)}–${f.endMs.toFixed(0)}`);
      expect(match, `${track.id}: silence ${s.startMs}–${s.endMs} ms (${s.purposes.join("+")}); found near: ${near.join(", ") || "none"}`).toBeDefined();
    }
  }

  it("puts every scripted silence of 1 s or more where the timeline says (body scan: bed, no tones)", async () => {
    const track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.id === "bodyscan-short-wake")!;
    await expectSilencesWhereScripted(track, () => false);
  });

  it("puts the breathing track's silences where the timeline says (those without a breath tone under them)", async () => {
    const track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.id === "ademhaling-short-wake")!;
    const withTone = (p: SilenceEvent["purpose"][]) => p.includes("inhale") || p.includes("exhale");
    const timeline = timelines.get(refOf(track))!;
    expect(scriptedSilences(timeline).filter((s) => withTone(s.purposes)).length).toBeGreaterThan(0);
    await expectSilencesWhereScripted(track, withTone);
  });

  it("keeps loudness and true peak within each profile's bounds", async () => {
    for (const track of catalog.tracks) {
      for (const profile of ["download", "alexa"] as const) {
        const file = track.files[profile].path;
        const measured = await ebur128(path.join(dist, file));
        expect(Math.abs(measured.integratedLufs - BOUNDS[profile].lufs), `${file}: ${measured.integratedLufs} LUFS`).toBeLessThanOrEqual(1);
        expect(measured.truePeakDbtp, `${file}: true peak`).toBeLessThanOrEqual(BOUNDS[profile].maxTp);
      }
    }
  });

  it("encodes the alexa profile as Alexa takes it: MPEG-2 Layer III, 24 kHz, mono, 48 kb/s", async () => {
    for (const track of catalog.tracks) {
      const file = path.join(dist, track.files.alexa.path);
      const { stream, bitRate } = await probe(file);
      expect(stream.codec_name).toBe("mp3");
      expect(Number(stream.sample_rate)).toBe(24000);
      expect(stream.channels).toBe(1);
      expect(Math.round(bitRate / 1000)).toBe(48);
      const header = firstFrame(await readFile(file));
      expect(header).toMatchObject({ version: "2", layer: 3 });
    }
  });

  it("tags every MP3 with ID3v2 title, language and one chapter per script chapter", async () => {
    for (const track of catalog.tracks) {
      for (const profile of ["download", "alexa"] as const) {
        const tags = NodeID3.read(path.join(dist, track.files[profile].path));
        expect(tags.title).toBe(track.title);
        expect(tags.artist).toBe("Rustpunt");
        expect(tags.language).toBe(track.locale === "nl-NL" ? "dut" : "eng");
        expect(tags.year).toBe("2026");
        expect(tags.comment?.text).toContain(`scripts/${track.locale}/${track.exercise}.yaml`);
        const chapters = (tags.chapter ?? []).map((c) => ({ title: c.tags?.title, startMs: c.startTimeMs }));
        expect(chapters).toEqual(track.chapters.map((c) => ({ title: c.title, startMs: c.startMs })));
      }
    }
  });

  it("writes a WebVTT transcript per track", async () => {
    for (const track of catalog.tracks) {
      const vtt = await readFile(path.join(dist, track.transcript.path), "utf8");
      expect(vtt.startsWith("WEBVTT")).toBe(true);
      expect(vtt).toMatch(/(\d\d:)?\d\d:\d\d\.\d{3} --> (\d\d:)?\d\d:\d\d\.\d{3}/);
      // Every spoken line of the track is in its captions.
      const timeline = timelines.get(refOf(track))!;
      for (const e of timeline.events) if (e.kind === "speech") expect(vtt).toContain(e.text.split(/\s+/)[0]);
    }
  });

  it("writes skill-catalog.json as the compact projection of catalog.json", async () => {
    const text = await readFile(path.join(dist, "skill-catalog.json"), "utf8");
    const skill = JSON.parse(text) as unknown;
    expect(skill).toEqual(toSkillCatalog(catalog));
    expect(text).not.toContain("sha256");
    expect(text).not.toContain("transcripts/");
    expect(text.length).toBeLessThan((await stat(path.join(dist, "catalog.json"))).size);
  });
});

/** Every file under dir with its bytes' hash: "byte-identical" made checkable. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = sha256(await readFile(file));
  }
  return out;
}

const withoutManifest = ({ [".build-manifest.json"]: _, ...files }: Record<string, string>) => files;

describe("rebuilding (one exercise, one locale, short)", () => {
  let scratch: string;
  let opts: Parameters<typeof buildDist>[0] & {};
  const yaml = () => path.join(opts.scriptsDir!, "nl-NL/ademhaling.yaml");
  /** A sentence of the wake ending only: the short build has exactly one track that says it. */
  const WAKE_SENTENCE = "Merk even op hoe je je nu voelt.";

  beforeAll(async () => {
    fixtureDist(); // its speech cache saves synthesising the exercise again
    scratch = await mkdtemp(path.join(os.tmpdir(), "rustpunt-build-"));
    await cp(scriptsDir, path.join(scratch, "scripts"), { recursive: true });
    await cp(inject("fixtureCache"), path.join(scratch, "cache"), { recursive: true });
    opts = {
      scriptsDir: path.join(scratch, "scripts"),
      out: path.join(scratch, "dist"),
      cacheDir: path.join(scratch, "cache"),
      only: ["ademhaling"],
      locales: ["nl-NL"],
      lengths: ["short"],
      tts: "espeak",
      quiet: true,
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    };
    const first = await buildDist(opts);
    expect(first).toMatchObject({ built: 2, skipped: 0 });
  });

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("synthesises and encodes nothing when nothing changed (ffmpeg is not even reachable)", async () => {
    const before = await snapshot(opts.out!);
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = path.join(scratch, "no-such-ffmpeg");
    try {
      const again = await buildDist(opts);
      expect(again).toMatchObject({ built: 0, skipped: 2, synthesized: 0 });
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
    expect(await snapshot(opts.out!)).toEqual(before);
  });

  it("re-synthesises one segment and rebuilds only the track that says an edited sentence", async () => {
    const before = await snapshot(opts.out!);
    const text = await readFile(yaml(), "utf8");
    expect(text).toContain(WAKE_SENTENCE);
    await writeFile(yaml(), text.replace(WAKE_SENTENCE, "Merk nu even op hoe je je voelt."));
    const result = await buildDist(opts);
    expect(result).toMatchObject({ built: 1, skipped: 1, synthesized: 1 });
    const after = await snapshot(opts.out!);
    for (const file of ["audio/nl-NL/ademhaling-short-sleep.mp3", "audio/nl-NL/alexa/ademhaling-short-sleep.mp3", "transcripts/nl-NL/ademhaling-short-sleep.vtt"]) {
      expect(after[file], file).toBe(before[file]);
    }
    for (const file of ["audio/nl-NL/ademhaling-short-wake.mp3", "audio/nl-NL/alexa/ademhaling-short-wake.mp3", "transcripts/nl-NL/ademhaling-short-wake.vtt"]) {
      expect(after[file], file).not.toBe(before[file]);
    }
    const vtt = await readFile(path.join(opts.out!, "transcripts/nl-NL/ademhaling-short-wake.vtt"), "utf8");
    expect(vtt).toContain("Merk nu even op hoe je je voelt.");
  });

  it("rebuilds a file that changed since the build, even when its size did not", async () => {
    const before = await snapshot(opts.out!);
    const vtt = path.join(opts.out!, "transcripts/nl-NL/ademhaling-short-sleep.vtt");
    const original = await readFile(vtt, "utf8");
    await writeFile(vtt, original.replace("WEBVTT", "WEBVTX")); // same size, new modification time
    const result = await buildDist(opts);
    expect(result).toMatchObject({ built: 1, skipped: 1, synthesized: 0 });
    expect(await readFile(vtt, "utf8")).toBe(original);
    // The same bytes again; only the manifest changes (it records the files' new times).
    expect(withoutManifest(await snapshot(opts.out!))).toEqual(withoutManifest(before));
  });

  it("synthesises a damaged speech segment again instead of building it into a track, and counts it", async () => {
    const before = await snapshot(opts.out!);
    const engine = await createEngine({ tts: "espeak", env: {} });
    const wav = path.join(opts.cacheDir!, "speech", "espeak", `${segmentKey(engine, { text: "Merk nu even op hoe je je voelt.", locale: "nl-NL", rate: "normal" })}.wav`);
    await engine.close();
    const bytes = await readFile(wav);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 200]! ^= 0x55; // a valid WAV of the same size: only its hash tells
    await writeFile(wav, damaged);
    await rm(path.join(opts.out!, "audio/nl-NL/ademhaling-short-wake.mp3")); // so that the track is built
    const result = await buildDist(opts);
    expect(result).toMatchObject({ built: 1, skipped: 1, synthesized: 1, repaired: 1 });
    expect(await readFile(wav)).toEqual(bytes);
    expect(withoutManifest(await snapshot(opts.out!))).toEqual(withoutManifest(before));
  });

  it("names the path it could not write on a full disk, says what to do, and keeps the previous dist/", async (ctx) => {
    // A real full disk: a small tmpfs (needs root and mount, as on the project's machine).
    const mountPoint = await mkdtemp(path.join(os.tmpdir(), "rustpunt-full-"));
    const mounted = await promisify(execFile)("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint]).then(() => true, () => false);
    if (!mounted) {
      await rm(mountPoint, { recursive: true, force: true });
      ctx.skip();
      return;
    }
    try {
      const out = path.join(mountPoint, "dist");
      await cp(opts.out!, out, { recursive: true });
      const before = await snapshot(out);
      const filler = path.join(mountPoint, "filler");
      // Leave 100 KB free: the catalog fits, a new MP3 does not.
      const { stdout } = await promisify(execFile)("df", ["-B1", "--output=avail", mountPoint]);
      await writeFile(filler, Buffer.alloc(Number(stdout.trim().split("\n").pop()) - 100 * 1024));
      const text = await readFile(yaml(), "utf8");
      await writeFile(yaml(), text.replace("Merk nu even op hoe je je voelt.", "Merk nog even op hoe je je voelt."));
      try {
        const error = (await buildDist({ ...opts, out }).then(
          () => undefined,
          (e: unknown) => e,
        )) as Error;
        expect(error).toBeInstanceOf(Error);
        expect(error.message).toMatch(new RegExp(`no space left on the disk: could not write ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\.staging-[^ ]+\\.mp3\\b`));
        expect(error.message).toContain("Free some space on that disk, or build to another one (--out <folder>");
      } finally {
        await writeFile(yaml(), text);
      }
      await rm(filler);
      expect(await snapshot(out)).toEqual(before);
    } finally {
      await promisify(execFile)("umount", [mountPoint]).catch(() => undefined);
      await rm(mountPoint, { recursive: true, force: true });
    }
  });

  it("leaves the previous dist/ byte-identical when encoding fails midway", async () => {
    const before = await snapshot(opts.out!);
    const text = await readFile(yaml(), "utf8");
    await writeFile(yaml(), text.replace("Merk nu even op hoe je je voelt.", "Merk even op hoe je nu voelt."));
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = path.join(scratch, "no-such-ffmpeg");
    try {
      await expect(buildDist(opts)).rejects.toThrow();
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
    expect(await snapshot(opts.out!)).toEqual(before);
  });

  it("leaves the previous dist/ byte-identical when a script is invalid, and the CLI says where (no stack trace)", async () => {
    const before = await snapshot(opts.out!);
    const text = await readFile(yaml(), "utf8");
    await writeFile(yaml(), text.replace(/^targetSeconds: .*$/m, "targetSeconds: { short: 10, long: 600 }"));
    try {
      await expect(buildDist(opts)).rejects.toBeInstanceOf(ScriptLoadError);
      const cli = await promisify(execFile)(
        process.execPath,
        [...buildCommandArgs(path.join(repo, "audio-builder/cli/build.ts")), "--scripts", opts.scriptsDir!, "--out", opts.out!, "--cache", opts.cacheDir!, "--only", "ademhaling", "--locale", "nl-NL", "--length", "short", "--tts", "espeak", "--quiet"],
        { cwd: repo },
      ).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/ademhaling\.yaml:\d+:\d+ targetSeconds\.short: /);
      expect(cli.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await writeFile(yaml(), text);
    }
    expect(await snapshot(opts.out!)).toEqual(before);
  });
});

describe("npm run build's own command", () => {
  it("runs the CLI from its bundle: the repository's scripts, espeak's worker and ffmpeg all found, one short track built", async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), "rustpunt-cli-"));
    try {
      const out = path.join(scratch, "dist");
      const args = ["--out", out, "--cache", path.join(scratch, "cache"), "--only", "ademhaling", "--locale", "en-US", "--length", "short", "--ending", "wake", "--tts", "espeak"];
      const { stdout } = await promisify(execFile)(process.execPath, [...buildCommandArgs(path.join(repo, "audio-builder/cli/build.ts")), ...args], { cwd: repo });
      expect(stdout).toMatch(/^1 track\(s\) built, 0 up to date; [1-9]\d* speech segment\(s\) synthesised/m);
      const catalog = JSON.parse(await readFile(path.join(out, "catalog.json"), "utf8")) as Catalog;
      expect(catalog.tracks.map((t) => t.id)).toEqual(["ademhaling-short-wake"]);
      expect((await stat(path.join(out, catalog.tracks[0]!.files.alexa.path))).size).toBe(catalog.tracks[0]!.files.alexa.bytes);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe("committing a full build", () => {
  it("removes the files of tracks that are gone, and only after the catalogs are written", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "rustpunt-commit-"));
    try {
      const file = (p: string, text: string): CatalogFile => ({ path: p, bytes: text.length, sha256: sha256(Buffer.from(text)), mime: "audio/mpeg" });
      const track = (id: string): CatalogTrack => ({
        id,
        exercise: id.split("-")[0]!,
        locale: "nl-NL",
        title: id,
        length: "short",
        ending: "wake",
        durationMs: 1000,
        chapters: [],
        files: { download: file(`audio/nl-NL/${id}.mp3`, id), alexa: file(`audio/nl-NL/alexa/${id}.mp3`, id) },
        transcript: file(`transcripts/nl-NL/${id}.vtt`, id),
        ssml: { alexa: [] },
      });
      const kept = track("ademhaling-short-wake");
      const gone = track("oud-short-wake");
      for (const t of [kept, gone]) {
        for (const f of [t.files.download, t.files.alexa, t.transcript]) {
          await mkdir(path.dirname(path.join(out, f.path)), { recursive: true });
          await writeFile(path.join(out, f.path), t.id);
        }
      }
      await writeFile(path.join(out, "index.html"), "not the build's");
      const previous: BuildManifest = { version: 1, tracks: { "nl-NL/ademhaling-short-wake": { key: "a", track: kept }, "nl-NL/oud-short-wake": { key: "b", track: gone } } };
      const manifest: BuildManifest = { ...emptyManifest(), tracks: { "nl-NL/ademhaling-short-wake": { key: "a", track: kept } } };
      const catalog: Catalog = { version: 1, locales: ["nl-NL"], exercises: [], tracks: [kept], info: [] };
      const { removed } = await commitDist({ outDir: out, stagingDir: path.join(out, ".staging-x"), staged: [], catalog, manifest, previous });
      expect(removed.sort()).toEqual([gone.files.alexa.path, gone.files.download.path, gone.transcript.path].sort());
      expect(Object.keys(await snapshot(out)).sort()).toEqual(
        [".build-manifest.json", "audio/nl-NL/ademhaling-short-wake.mp3", "audio/nl-NL/alexa/ademhaling-short-wake.mp3", "catalog.json", "index.html", "skill-catalog.json", "transcripts/nl-NL/ademhaling-short-wake.vtt"],
      );
      expect((await readManifest(out)).tracks).toEqual(manifest.tracks);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
