// The recording page as a narrator uses it: Chromium with a fake microphone fed from a speech
// WAV made with espeak-ng, keys only (record, stop, play back, redo, keep), then the saved FLAC
// and index checked on disk. Then the server's answers to bad takes, including a full disk.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScriptsOrThrow } from "../audio-builder/model/load-scripts.js";
import { startRecordServer, type RecordServer } from "../audio-builder/record/record-server.js";
import { scriptSentences } from "../audio-builder/recordings/script-sentences.js";
import { readTakeIndex } from "../audio-builder/recordings/take-index.js";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { encodeWav } from "../audio-builder/speech/wav.js";
import { launchChromium } from "./helpers/browser.js";
import { exerciseYaml, removeFixtures, writeScripts } from "./helpers/script-fixtures.js";
import { micWav } from "./helpers/spoken-takes.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FFMPEG = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const run = promisify(execFile);

/** Sample rate, channels, format and duration of a file, as ffmpeg reads it. */
async function audioFacts(file: string): Promise<{ codec: string; rate: number; layout: string; format: string; seconds: number }> {
  const { stderr } = await run(FFMPEG, ["-hide_banner", "-nostdin", "-i", file, "-f", "null", "-"]);
  const s = /Audio: (\w+), (\d+) Hz, (\w+), (\w+)/.exec(stderr)!;
  const times = [...stderr.matchAll(/time=(\d+):(\d+):([\d.]+)/g)].at(-1)!;
  return { codec: s[1]!, rate: Number(s[2]), layout: s[3]!, format: s[4]!, seconds: Number(times[1]) * 3600 + Number(times[2]) * 60 + Number(times[3]) };
}

describe("npm run record", () => {
  it("serves the recording page on 127.0.0.1 and refuses a voice name that is no folder name", async () => {
    const scriptsDir = await writeScripts();
    const scratch = await mkdtemp(path.join(os.tmpdir(), "rustpunt-record-cli-"));
    const tsx = path.join(repo, "node_modules/.bin/tsx");
    const cli = path.join(repo, "audio-builder/cli/record.ts");
    const bad = await run(tsx, [cli, "--locale", "nl-NL", "--voice", "Anna de Vries", "--scripts", scriptsDir, "--recordings", scratch]).then(() => ({ code: 0, stderr: "" }), (e: { code: number; stderr: string }) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^record: voice name "Anna de Vries": use lower-case letters/m);
    const child = spawn(tsx, [cli, "--locale", "nl-NL", "--voice", "anna", "--port", "0", "--scripts", scriptsDir, "--recordings", scratch], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once("exit", (code) => reject(new Error(`record exited with ${code}: ${out}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<kbd>Space</kbd> record / stop");
    } finally {
      child.kill("SIGTERM");
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe("the recording page, in Chromium with a fake microphone", () => {
  let scratch: string;
  let recordingsDir: string;
  let server: RecordServer;
  let browser: Browser;
  let page: Page;
  let firstText: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), "rustpunt-record-"));
    recordingsDir = path.join(scratch, "recordings");
    const scriptsDir = await writeScripts();
    const espeak = new EspeakEngine({ threads: 1 });
    try {
      await writeFile(path.join(scratch, "mic.wav"), await micWav(espeak, "nl-NL", "Ga rustig zitten en leg een hand op je buik.", { padMs: 300 }));
    } finally {
      await espeak.close();
    }
    firstText = scriptSentences(await loadScriptsOrThrow(scriptsDir), "nl-NL", ["ademhaling"])[0]!.text;
    server = await startRecordServer({ scriptsDir, recordingsDir, locale: "nl-NL", voice: "anna", narrator: "Anna de Vries", only: ["ademhaling"] });
    browser = await launchChromium({
      args: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${path.join(scratch, "mic.wav")}`],
    });
    page = await browser.newPage();
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeFixtures();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("shows the first sentence with its context, pace and progress", async () => {
    await expect.poll(() => page.textContent("#sentence")).toBe(firstText);
    expect(await page.textContent("#progress")).toBe("0 of 7 sentences recorded");
    expect(await page.textContent("#exercises")).toContain("Ademhaling: 0 of 7");
    expect(await page.textContent("#after")).toContain("In");
    expect(await page.textContent("#pace")).toBe("rustig");
  });

  it("records, plays back, redoes and keeps a take with the keyboard alone", async () => {
    await page.keyboard.press("Space");
    await expect.poll(() => page.textContent("#state")).toContain("Recording");
    await page.waitForTimeout(1500);
    await page.keyboard.press("Space");
    await expect.poll(() => page.textContent("#state")).toMatch(/Take of [\d.]+ s/);
    // Play back: the take plays in the page's player.
    await page.keyboard.press("p");
    await expect.poll(() => page.$eval("#playback", (a) => (a as HTMLAudioElement).currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2);
    const firstTake = await page.$eval("#playback", (a) => (a as HTMLAudioElement).duration);
    expect(firstTake).toBeGreaterThan(1);
    // Redo: the take is thrown away and a new one recorded, a little longer.
    await page.keyboard.press("r");
    await expect.poll(() => page.textContent("#state")).toContain("Recording");
    await page.waitForTimeout(2500);
    await page.keyboard.press("Space");
    await expect.poll(() => page.textContent("#state")).toMatch(/Take of [\d.]+ s/);
    const secondTake = await page.$eval("#playback", (a) => (a as HTMLAudioElement).duration);
    expect(secondTake).toBeGreaterThan(firstTake + 0.5);
    // The fake microphone speaks: no silence warning.
    expect(await page.$$eval("#warnings li", (l) => l.map((x) => x.textContent))).toEqual([]);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#progress"), { timeout: 15_000 }).toBe("1 of 7 sentences recorded");
    expect(await page.textContent("#sentence")).not.toBe(firstText);
    expect(await page.textContent("#exercises")).toContain("Ademhaling: 1 of 7");

    const dir = path.join(recordingsDir, "nl-NL/anna");
    const index = (await readTakeIndex(dir, "nl-NL", "anna"))!;
    const entries = Object.entries(index.takes);
    expect(entries).toHaveLength(1);
    const [key, entry] = entries[0]!;
    expect(entry).toMatchObject({ text: firstText, file: `${key}.flac`, places: ["ademhaling:steps.1.say"] });
    expect(index.narrator).toBe("Anna de Vries");
    const facts = await audioFacts(path.join(dir, entry.file));
    expect(facts).toMatchObject({ codec: "flac", rate: 48000, layout: "mono", format: "s16" });
    // The kept take is the redone one, sample for sample.
    expect(Math.abs(facts.seconds - secondTake)).toBeLessThan(0.05);
    expect(Math.abs(entry.samples / 48000 - facts.seconds)).toBeLessThan(0.02);
    // Lossless and compact: FLAC well under the WAV it came from.
    expect((await stat(path.join(dir, entry.file))).size).toBeLessThan(entry.samples * 2 * 0.8);
  });

  it("plays back the kept take of a sentence already recorded", async () => {
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.textContent("#sentence")).toBe(firstText);
    expect(await page.textContent("#state")).toContain("Recorded.");
    await page.keyboard.press("p");
    await expect.poll(() => page.$eval("#playback", (a) => (a as HTMLAudioElement).currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2);
    expect(await page.$eval("#playback", (a) => (a as HTMLAudioElement).src)).toMatch(/\/api\/takes\/[0-9a-f]{16}/);
    await page.$eval("#playback", (a) => (a as HTMLAudioElement).pause());
    await page.keyboard.press("ArrowRight");
  });

  it("warns about clipping", async () => {
    await page.evaluate(() => {
      // A microphone driven far past full scale: a loud square wave.
      navigator.mediaDevices.getUserMedia = async () => {
        const ctx = new AudioContext();
        const osc = ctx.createOscillator();
        osc.type = "square";
        const gain = ctx.createGain();
        gain.gain.value = 4;
        const out = ctx.createMediaStreamDestination();
        osc.connect(gain).connect(out);
        osc.start();
        return out.stream;
      };
    });
    await page.keyboard.press("Space");
    await expect.poll(async () => `${await page.textContent("#state")} ${await page.textContent("#error")}`).toContain("Recording");
    await page.waitForTimeout(800);
    await page.keyboard.press("Space");
    await expect.poll(() => page.textContent("#warnings")).toContain("Clipping");
    expect(await page.textContent("#warnings")).not.toContain("Mostly silence");
  });

  it("warns about a take that is mostly silence", async () => {
    await page.evaluate(() => {
      // A microphone that hears nothing: the same page, a silent stream.
      navigator.mediaDevices.getUserMedia = async () => {
        const ctx = new AudioContext();
        return ctx.createMediaStreamDestination().stream;
      };
    });
    await page.keyboard.press("Space");
    await expect.poll(async () => `${await page.textContent("#state")} ${await page.textContent("#error")}`).toContain("Recording");
    await page.waitForTimeout(800);
    await page.keyboard.press("Space");
    await expect.poll(() => page.textContent("#warnings")).toContain("Mostly silence");
  });

  describe("the server's answers", () => {
    const key = async () => (await (await fetch(`${server.url}api/session`)).json() as { queue: string[] }).queue[1]!;
    const put = async (body: Uint8Array | string, type = "audio/wav", k?: string) =>
      fetch(`${server.url}api/takes/${k ?? (await key())}`, { method: "PUT", headers: { "content-type": type }, body: body as BodyInit });
    const tone = (rate: number, seconds = 1) => {
      const s = new Int16Array(rate * seconds);
      for (let i = 0; i < s.length; i++) s[i] = Math.round(Math.sin((2 * Math.PI * 220 * i) / rate) * 8000);
      return s;
    };

    it("refuses an empty take, a take in the wrong sample format, a silent take and other bodies, saving nothing", async () => {
      const index = () => readFile(path.join(recordingsDir, "nl-NL/anna/index.json"), "utf8");
      const before = await index();
      const cases: [Uint8Array | string, string, number, RegExp][] = [
        [new Uint8Array(0), "audio/wav", 422, /empty/],
        [encodeWav(new Int16Array(0), 48000), "audio/wav", 422, /empty/],
        [encodeWav(tone(44100), 44100), "audio/wav", 422, /44100 Hz with 1 channel\(s\); a take is 48000 Hz mono, 16-bit/],
        [encodeWav(new Int16Array(48000), 48000), "audio/wav", 422, /silent/],
        [Buffer.from("not a wav file at all"), "audio/wav", 422, /not a usable WAV file/],
        [encodeWav(tone(48000), 48000), "audio/webm", 415, /audio\/wav/],
      ];
      for (const [body, type, status, message] of cases) {
        const res = await put(body, type);
        expect(res.status, String(message)).toBe(status);
        expect(((await res.json()) as { error: string }).error).toMatch(message);
      }
      expect((await put(encodeWav(tone(48000), 48000), "audio/wav", "0000000000000000")).status).toBe(404);
      const foreign = await fetch(`${server.url}api/takes/${await key()}`, { method: "PUT", headers: { "content-type": "audio/wav", origin: "http://evil.example" }, body: encodeWav(tone(48000), 48000) as BodyInit });
      expect(foreign.status).toBe(403);
      expect(await index()).toBe(before);
    });

    it("answers only on its own address (a page elsewhere cannot reach it through DNS rebinding)", async () => {
      const port = new URL(server.url).port;
      const { request } = await import("node:http");
      const status = await new Promise<number>((resolve, reject) => {
        request({ host: "127.0.0.1", port, path: "/api/session", headers: { host: `rebind.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on("error", reject).end();
      });
      expect(status).toBe(403);
    });

    it("a new session walks only what has no good take (or everything with --all), and marks a changed sentence", async () => {
      const scriptsDir = await writeScripts();
      const yaml = path.join(scriptsDir, "nl-NL/ademhaling.yaml");
      await writeFile(yaml, (await readFile(yaml, "utf8")).replace(firstText, "Ga rustig liggen en leg een hand op je buik."));
      type Session = { queue: string[]; sentences: { key: string; text: string; status: string; was?: string; places: string[] }[] };
      const open = async (all: boolean) => {
        const other = await startRecordServer({ scriptsDir, recordingsDir, locale: "nl-NL", voice: "anna", only: ["ademhaling"], all });
        try {
          return (await (await fetch(`${other.url}api/session`)).json()) as Session;
        } finally {
          await other.close();
        }
      };
      const unchanged = await open(false);
      const recorded = (await readTakeIndex(path.join(recordingsDir, "nl-NL/anna"), "nl-NL", "anna"))!;
      expect(Object.keys(recorded.takes)).toHaveLength(1);
      const changed = unchanged.sentences.find((s) => s.text.startsWith("Ga rustig liggen"))!;
      expect(changed).toMatchObject({ status: "changed", was: firstText, places: [`${yaml}:12`] });
      expect(unchanged.queue).toContain(changed.key);
      expect(unchanged.queue).toHaveLength(7);
      // With the original text, the recorded sentence is left out of the walk, unless --all.
      await writeFile(yaml, (await readFile(yaml, "utf8")).replace("Ga rustig liggen en leg een hand op je buik.", firstText));
      const missingOnly = await open(false);
      expect(missingOnly.queue).toHaveLength(6);
      expect(missingOnly.sentences.find((s) => s.text === firstText)?.status).toBe("recorded");
      expect((await open(true)).queue).toHaveLength(7);
    });

    it("counts a sentence two exercises share in the progress of each", async () => {
      const scriptsDir = await writeScripts({ "nl-NL/tweede.yaml": exerciseYaml("nl-NL", "tweede"), "en-US/tweede.yaml": exerciseYaml("en-US", "tweede") });
      const other = await startRecordServer({ scriptsDir, recordingsDir, locale: "nl-NL", voice: "anna" });
      try {
        const session = (await (await fetch(`${other.url}api/session`)).json()) as { queue: string[]; sentences: unknown[]; exercises: { id: string; total: number; recorded: number }[] };
        expect(session.sentences).toHaveLength(7);
        expect(session.queue).toHaveLength(6);
        expect(session.exercises).toEqual([
          { id: "ademhaling", title: "Ademhaling", total: 7, recorded: 1 },
          { id: "tweede", title: "Ademhaling", total: 7, recorded: 1 },
        ]);
      } finally {
        await other.close();
      }
    });

    it("keeps the previous take when the disk is full", async (ctx) => {
      if (process.getuid?.() !== 0) ctx.skip(); // mounting a small tmpfs needs root
      const mount = path.join(scratch, "small-disk");
      await run("mkdir", ["-p", mount]);
      await run("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mount]);
      const small = await startRecordServer({ scriptsDir: (await writeScripts()), recordingsDir: mount, locale: "nl-NL", voice: "anna", only: ["ademhaling"] });
      try {
        const session = (await (await fetch(`${small.url}api/session`)).json()) as { queue: string[] };
        const k = session.queue[0]!;
        const first = await fetch(`${small.url}api/takes/${k}`, { method: "PUT", headers: { "content-type": "audio/wav" }, body: encodeWav(tone(48000), 48000) as BodyInit });
        expect(first.status).toBe(200);
        const dir = path.join(mount, "nl-NL/anna");
        const takeBefore = await readFile(path.join(dir, `${k}.flac`));
        const indexBefore = await readFile(path.join(dir, "index.json"), "utf8");
        // Fill the disk, then keep a longer take of the same sentence.
        await run("sh", ["-c", `dd if=/dev/zero of=${mount}/filler bs=4k 2>/dev/null || true`]);
        const second = await fetch(`${small.url}api/takes/${k}`, { method: "PUT", headers: { "content-type": "audio/wav" }, body: encodeWav(tone(48000, 3), 48000) as BodyInit });
        expect(second.status).toBe(507);
        expect(((await second.json()) as { error: string }).error).toMatch(/disk .* is full: the take was not saved and the previous one is kept/);
        expect(await readFile(path.join(dir, `${k}.flac`))).toEqual(takeBefore);
        expect(await readFile(path.join(dir, "index.json"), "utf8")).toBe(indexBefore);
        expect((await run("ls", ["-A", dir])).stdout.trim().split("\n").sort()).toEqual([`${k}.flac`, "index.json"].sort());
      } finally {
        await small.close();
        await run("umount", [mount]);
      }
    });
  });
});
