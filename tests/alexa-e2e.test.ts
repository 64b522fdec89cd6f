// The real Alexa handler (skill/alexa/skill-builder.ts, as lambda.ts builds it) driven by
// virtual-alexa with the real, generated interaction models and the shared fixture dist's
// skill-catalog.json. State lives in the real file store in a temp folder.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { check } from "ssml-check-core";
import { VirtualAlexa } from "virtual-alexa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SkillCatalog, SkillCatalogTrack } from "../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import { modelPath } from "../skill/alexa/interaction-model/generate-model.js";
import { alexaHandler, createAlexaSkillFromEnv } from "../skill/alexa/skill-builder.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";
import { fixtureDist } from "./helpers/fixture-dist.js";

const SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";
const AUDIO_BASE = "https://audio.rustpunt.test/";

let catalogFile: string;
let catalog: SkillCatalog;
let stateDir: string;
const logLines: string[] = [];

/**
 * The Alexa Settings API on 127.0.0.1, answering as documented: GET
 * /v2/devices/{deviceId}/settings/System.timeZone with a bearer token → a JSON string. Test
 * devices named `tz:<zone>` live in that zone, `tz:fail` gets a 500; any other device lives where
 * it is early afternoon now, so no other test depends on the hour it runs at.
 */
let settingsApi: Server;
let settingsUrl: string;
const settingsCalls: { device: string; auth: string | undefined }[] = [];

/** An Etc/GMT zone where the local hour is `hour` right now. */
function zoneAtHour(hour: number): string {
  let k = (((hour - new Date().getUTCHours()) % 24) + 24) % 24;
  if (k > 12) k -= 24;
  return k === 0 ? "Etc/GMT" : k > 0 ? `Etc/GMT-${k}` : `Etc/GMT+${-k}`;
}

beforeAll(async () => {
  settingsApi = createServer((req, res) => {
    const match = /^\/v2\/devices\/([^/]+)\/settings\/System\.timeZone$/.exec(req.url ?? "");
    if (req.method !== "GET" || !match || !req.headers.authorization?.startsWith("Bearer ")) {
      res.writeHead(401).end();
      return;
    }
    const device = decodeURIComponent(match[1]!);
    settingsCalls.push({ device, auth: req.headers.authorization });
    if (device === "tz:fail") {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ type: "INTERNAL_ERROR" }));
      return;
    }
    const zone = device.startsWith("tz:") ? device.slice(3) : zoneAtHour(13);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(zone));
  });
  await new Promise<void>((resolve) => settingsApi.listen(0, "127.0.0.1", resolve));
  settingsUrl = `http://127.0.0.1:${(settingsApi.address() as AddressInfo).port}`;
  stateDir = await mkdtemp(path.join(tmpdir(), "rustpunt-alexa-"));
  catalogFile = await skillCatalogFile();
  catalog = JSON.parse(await readFile(catalogFile, "utf8")) as SkillCatalog;
});

afterAll(async () => {
  settingsApi?.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

/**
 * The shared fixture dist's skill-catalog.json (real build, short variants). When that build is
 * broken, the same projection built from the scripts without audio keeps these tests about the
 * skill; the reason is printed so nobody mistakes it for the real thing.
 */
async function skillCatalogFile(): Promise<string> {
  try {
    const dist = fixtureDist();
    if (dist) return path.join(dist, "skill-catalog.json");
  } catch (error) {
    console.warn(`alexa-e2e: using a catalog built from the scripts: ${(error as Error).message.slice(0, 200)}`);
  }
  const file = path.join(stateDir, "skill-catalog.json");
  await writeFile(file, JSON.stringify(await skillCatalogFromScripts()));
  return file;
}

interface Options {
  locale?: Locale;
  userId?: string;
  audioPlayer?: boolean;
  applicationId?: string;
  /** The device's id: `tz:<zone>` makes the Settings API answer that zone. */
  deviceId?: string;
}

function alexa(o: Options = {}): VirtualAlexa {
  const skill = createAlexaSkillFromEnv(
    { ALEXA_SKILL_ID: SKILL_ID, AUDIO_BASE_URL: AUDIO_BASE, CATALOG_FILE: catalogFile, STATE_DIR: stateDir },
    { requireSkillId: true, log: (line) => logLines.push(line) },
  );
  const handler = alexaHandler(skill);
  const locale = o.locale ?? "nl-NL";
  const va = VirtualAlexa.Builder()
    // virtual-alexa passes a callback as a third argument and uses the returned promise.
    .handler((event: unknown, context: unknown) => handler(event as Parameters<typeof handler>[0], context))
    .interactionModelFile(modelPath(locale))
    .locale(locale)
    .applicationID(o.applicationId ?? SKILL_ID)
    .create();
  // Every request reaches the Settings API on loopback, never Amazon's.
  va.filter((request: { context?: { System?: { apiEndpoint?: string } } }) => {
    if (request.context?.System?.apiEndpoint) request.context.System.apiEndpoint = settingsUrl;
  });
  va.context().user().setID(o.userId ?? `amzn1.ask.account.${Math.random().toString(36).slice(2)}`);
  if (o.audioPlayer === false) va.context().device().audioPlayerSupported(false);
  // With a device id, requests carry apiEndpoint and apiAccessToken as Alexa sends them.
  if (o.deviceId) va.context().device().setID(o.deviceId);
  return va;
}

// virtual-alexa's SkillResponse exposes the raw envelope; these read it without `any`.
interface Envelope {
  response: {
    outputSpeech?: { ssml?: string };
    reprompt?: unknown;
    card?: unknown;
    directives?: Directive[];
    shouldEndSession?: boolean;
  };
}
interface Directive {
  type: string;
  playBehavior?: string;
  audioItem?: { stream: { url: string; token: string; offsetInMilliseconds: number }; metadata?: { title?: string; subtitle?: string } };
}
const env = (r: unknown): Envelope => r as Envelope;
const speech = (r: unknown): string => env(r).response.outputSpeech?.ssml ?? "";
const directives = (r: unknown): Directive[] => env(r).response.directives ?? [];
const play = (r: unknown): Directive | undefined => directives(r).find((d) => d.type === "AudioPlayer.Play");
const stops = (r: unknown): boolean => directives(r).some((d) => d.type === "AudioPlayer.Stop");

function track(locale: Locale, id: string): SkillCatalogTrack {
  const t = catalog.tracks.find((x) => x.locale === locale && x.id === id);
  if (!t) throw new Error(`fixture catalog lacks ${locale}/${id}`);
  return t;
}

/**
 * An offset inside the second chapter (not at its start), and where resume goes for it: the last
 * of the catalog's resume points (chapter starts and, in long chapters, cycle or sentence starts)
 * at or before it.
 */
function insideLaterChapter(t: SkillCatalogTrack): { offset: number; chapterStart: number } {
  const starts = t.chapters.map((c) => c.startMs).sort((a, b) => a - b);
  expect(starts.length).toBeGreaterThanOrEqual(2);
  const end = starts[2] ?? t.durationMs;
  const offset = Math.round(starts[1]! + (end - starts[1]!) / 2);
  const resumeAt = Math.max(...(t.resumePoints ?? starts).filter((ms) => ms <= offset));
  expect(resumeAt).toBeGreaterThanOrEqual(starts[1]!);
  expect(offset - resumeAt).toBeLessThanOrEqual(60_000);
  return { offset, chapterStart: resumeAt };
}

const titles = (locale: Locale) => catalog.exercises.filter((e) => e.locale === locale).map((e) => e.title);

describe("Alexa skill end to end (nl-NL)", () => {
  it("launches, plays the breathing exercise, pauses inside a step, resumes at that step's start, stops", async () => {
    const va = alexa();
    const launch = await va.launch();
    expect(speech(launch)).toContain("Welkom bij Rustpunt");
    expect(speech(launch)).toContain("vervangt geen arts");
    expect(env(launch).response.shouldEndSession).toBe(false);

    const started = await va.utter("start ademhaling");
    const t = track("nl-NL", "ademhaling-short-wake");
    const p = play(started);
    expect(p?.playBehavior).toBe("REPLACE_ALL");
    expect(p?.audioItem?.stream).toEqual({ url: AUDIO_BASE + t.files.alexa.path, token: "nl-NL|ademhaling-short-wake", offsetInMilliseconds: 0 });
    expect(p?.audioItem?.metadata?.title).toBe(catalog.exercises.find((e) => e.locale === "nl-NL" && e.id === "ademhaling")?.title);
    expect(env(started).response.shouldEndSession).toBe(true);
    // virtual-alexa reported PlaybackStarted for the Play directive.
    expect(va.audioPlayer().isPlaying()).toBe(true);

    const { offset, chapterStart } = insideLaterChapter(t);
    va.audioPlayer().playbackOffset(offset);
    const paused = await va.intend("AMAZON.PauseIntent");
    expect(stops(paused)).toBe(true);
    expect(play(paused)).toBeUndefined();
    expect(speech(paused)).toBe("");

    const resumed = await va.intend("AMAZON.ResumeIntent");
    expect(play(resumed)?.audioItem?.stream).toEqual({ url: AUDIO_BASE + t.files.alexa.path, token: "nl-NL|ademhaling-short-wake", offsetInMilliseconds: chapterStart });

    const stopped = await va.intend("AMAZON.StopIntent");
    expect(stops(stopped)).toBe(true);
    expect(speech(stopped)).toContain("Tot de volgende keer");
  });

  it("understands the ending and the exercise's synonyms from the generated model", async () => {
    const va = alexa();
    const r = await va.utter("ik wil de buikademhaling doen in bed");
    expect(play(r)?.audioItem?.stream.token).toBe("nl-NL|ademhaling-short-sleep");
    const va2 = alexa();
    const r2 = await va2.utter("ik wil de lichaamsscan doen");
    expect(play(r2)?.audioItem?.stream.token).toBe("nl-NL|bodyscan-short-wake");
  });

  it("answers an unknown exercise with the list, never an error", async () => {
    const va = alexa();
    const r = await va.intend("StartExerciseIntent", { exercise: "yoga" });
    expect(play(r)).toBeUndefined();
    for (const title of titles("nl-NL")) expect(speech(r)).toContain(title);
    expect(env(r).response.shouldEndSession).toBe(false);
  });

  it("helps, explains why, and gives a different tip on the second ask", async () => {
    const va = alexa();
    const help = await va.intend("AMAZON.HelpIntent");
    expect(speech(help)).toContain("bodyscan");
    expect(env(help).response.shouldEndSession).toBe(false);

    const why = await va.utter("waarom ontspannen");
    const whyInfo = catalog.info.find((i) => i.locale === "nl-NL" && i.id === "waarom-ontspannen")!;
    expect(speech(why)).toContain(whyInfo.items[0]!.title.replace(/&/g, "&amp;"));

    const tip1 = await va.utter("geef me een tip");
    const tip2 = await va.utter("nog een tip");
    expect(speech(tip1)).toContain("tip");
    expect(speech(tip2)).not.toBe(speech(tip1));
  });

  it("stop and cancel during playback both remember where the person was", async () => {
    for (const intent of ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.PauseIntent"]) {
      const userId = `amzn1.ask.account.remember-${intent}`;
      const va = alexa({ userId });
      await va.utter("start spierontspanning");
      const t = track("nl-NL", "spierontspanning-short-wake");
      const { offset, chapterStart } = insideLaterChapter(t);
      va.audioPlayer().playbackOffset(offset);
      const r = await va.intend(intent);
      expect(stops(r), intent).toBe(true);

      // Another day, another device: only the stored state knows where they were.
      const later = alexa({ userId });
      const launch = await later.launch();
      expect(speech(launch), intent).toContain(catalog.exercises.find((e) => e.locale === "nl-NL" && e.id === "spierontspanning")!.title);
      const resumed = await later.intend("AMAZON.ResumeIntent");
      expect(play(resumed)?.audioItem?.stream, intent).toEqual({
        url: AUDIO_BASE + t.files.alexa.path,
        token: "nl-NL|spierontspanning-short-wake",
        offsetInMilliseconds: chapterStart,
      });
    }
  });

  it("answers player events and buttons with directives only", async () => {
    const va = alexa();
    await va.utter("start visualisatie");
    const nearly = await va.audioPlayer().playbackNearlyFinished();
    expect(env(nearly).response.outputSpeech).toBeUndefined();
    expect(env(nearly).response.shouldEndSession).toBeUndefined();

    const t = track("nl-NL", "visualisatie-short-wake");
    const { offset } = insideLaterChapter(t);
    const pause = await va
      .request()
      .requestType("PlaybackController.PauseCommandIssued")
      .set("context.AudioPlayer", { playerActivity: "PLAYING", token: "nl-NL|visualisatie-short-wake", offsetInMilliseconds: offset })
      .send();
    expect(stops(pause)).toBe(true);
    expect(env(pause).response.outputSpeech).toBeUndefined();
    expect(env(pause).response.shouldEndSession).toBeUndefined();
  });

  it("rejects a request for another skill", async () => {
    const va = alexa({ applicationId: "amzn1.ask.skill.99999999-0000-0000-0000-000000000000" });
    await expect(va.launch()).rejects.toThrow(/ID verification failed/);
  });

  it("speaks the exercise in valid SSML chunks on a device without an audio player", async () => {
    const va = alexa({ audioPlayer: false });
    const t = track("nl-NL", "ademhaling-short-wake");
    let r = await va.utter("start ademhaling");
    const heard: string[] = [];
    for (let i = 0; i < t.ssml.alexa.length + 2; i++) {
      expect(directives(r)).toEqual([]);
      const ssml = speech(r);
      expect(ssml.length).toBeGreaterThan(0);
      expect(ssml.length).toBeLessThanOrEqual(8000);
      const errors = await check(ssml, { platform: "amazon" });
      expect(errors, `chunk ${i}: ${JSON.stringify(errors)}`).toBeUndefined();
      heard.push(ssml);
      if (env(r).response.shouldEndSession) break;
      expect(ssml).toContain("verder");
      r = await va.utter("verder");
    }
    expect(heard).toHaveLength(t.ssml.alexa.length);
    expect(heard.at(-1)).toContain("Dat was de oefening");
  });
});

describe("Alexa skill end to end (en-US)", () => {
  it("welcomes in English and plays the English breathing track", async () => {
    const va = alexa({ locale: "en-US" });
    const launch = await va.launch();
    expect(speech(launch)).toMatch(/Rustpunt/);
    expect(speech(launch)).not.toContain("Welkom");
    const r = await va.utter("start breathing");
    const t = track("en-US", "ademhaling-short-wake");
    expect(play(r)?.audioItem?.stream).toEqual({ url: AUDIO_BASE + t.files.alexa.path, token: "en-US|ademhaling-short-wake", offsetInMilliseconds: 0 });

    const unknown = await va.intend("StartExerciseIntent", { exercise: "juggling" });
    for (const title of titles("en-US")) expect(speech(unknown)).toContain(title);
  });

  it("logs request kinds, never user ids or tokens", () => {
    expect(logLines.some((l) => l.startsWith("alexa: LaunchRequest"))).toBe(true);
    expect(logLines.join("\n")).not.toMatch(/amzn1\.ask\.account|virtualAlexa\.accessToken/);
  });
});

/** Alexa's documented limits for one response: 8,000 characters of speech, breaks ≤ 10 s, 24 KB in all. */
function expectWithinAlexaLimits(r: unknown, what: string): void {
  const ssml = speech(r);
  expect(ssml.length, what).toBeLessThanOrEqual(8000);
  for (const [, value, unit] of ssml.matchAll(/<break time="(\d+(?:\.\d+)?)(ms|s)"\/>/g)) {
    expect(Number(value) * (unit === "s" ? 1000 : 1), what).toBeLessThanOrEqual(10_000);
  }
  expect(Buffer.byteLength(JSON.stringify(env(r))), what).toBeLessThanOrEqual(24 * 1024);
}

const noPlayerDirective = (r: unknown): boolean => directives(r).every((d) => !d.type.startsWith("AudioPlayer."));

describe("Alexa: devices without an audio player", () => {
  it("speaks every track of the fixture catalog one chapter per response, each within Alexa's limits", async () => {
    for (const t of catalog.tracks) {
      const va = alexa({ locale: t.locale, audioPlayer: false });
      const title = catalog.exercises.find((e) => e.locale === t.locale && e.id === t.exercise)!.title;
      const slots: Record<string, string> = { exercise: title, length: t.locale === "nl-NL" ? (t.length === "short" ? "kort" : "lang") : t.length };
      if (t.ending === "sleep") slots.ending = "in bed";
      let r = await va.intend("StartExerciseIntent", slots);
      for (let i = 0; i < t.ssml.alexa.length; i++) {
        const what = `${t.locale} ${t.id} chapter ${i}`;
        expect(noPlayerDirective(r), what).toBe(true);
        expect(speech(r), what).toContain(t.ssml.alexa[i]!.replace(/^<speak>|<\/speak>$/g, ""));
        if (i + 1 < t.ssml.alexa.length) expect(speech(r), what).not.toContain(t.ssml.alexa[i + 1]!.replace(/^<speak>|<\/speak>$/g, ""));
        expectWithinAlexaLimits(r, what);
        expect(await check(speech(r), { platform: "amazon" }), what).toBeUndefined();
        if (i + 1 < t.ssml.alexa.length) {
          expect(env(r).response.shouldEndSession, what).toBe(false);
          r = await va.utter(t.locale === "nl-NL" ? "verder" : "continue");
        }
      }
      expect(env(r).response.shouldEndSession, t.id).toBe(true);
    }
  });

  it("start over, repeat, next, previous, resume and every built-in intent take the speech path", async () => {
    const userId = "amzn1.ask.account.no-player";
    const builtins = [
      "AMAZON.StartOverIntent", "AMAZON.RepeatIntent", "AMAZON.NextIntent", "AMAZON.PreviousIntent", "AMAZON.ResumeIntent",
      "AMAZON.PauseIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.HelpIntent", "AMAZON.FallbackIntent",
      "AMAZON.LoopOnIntent", "AMAZON.LoopOffIntent", "AMAZON.ShuffleOnIntent", "AMAZON.ShuffleOffIntent", "AMAZON.NavigateHomeIntent",
    ];
    const t = track("nl-NL", "bodyscan-short-wake");
    const body = (i: number) => t.ssml.alexa[i]!.replace(/^<speak>|<\/speak>$/g, "");
    for (const intent of builtins) {
      const va = alexa({ userId, audioPlayer: false });
      await va.utter("start bodyscan");
      const second = await va.utter("verder");
      expect(speech(second)).toContain(body(1));
      const r = await va.intend(intent);
      expect(noPlayerDirective(r), intent).toBe(true);
      expectWithinAlexaLimits(r, intent);
      const expected: Record<string, number> = {
        "AMAZON.StartOverIntent": 0, "AMAZON.RepeatIntent": 1, "AMAZON.NextIntent": 2, "AMAZON.PreviousIntent": 0, "AMAZON.ResumeIntent": 2,
      };
      if (intent in expected) expect(speech(r), intent).toContain(body(expected[intent]!));
    }
  });

  it("'stop' keeps the chapter: 'ga verder' the next day speaks that chapter again", async () => {
    const userId = "amzn1.ask.account.stop-and-continue-tomorrow";
    const t = track("nl-NL", "spierontspanning-short-wake");
    const body = (i: number) => t.ssml.alexa[i]!.replace(/^<speak>|<\/speak>$/g, "");
    const today = alexa({ userId, audioPlayer: false });
    await today.utter("start spierontspanning");
    await today.utter("verder");
    const stopped = await today.intend("AMAZON.StopIntent");
    expect(noPlayerDirective(stopped)).toBe(true);
    expect(env(stopped).response.shouldEndSession).toBe(true);

    // The next day, a one-shot ("Alexa, vraag rustpunt om verder te gaan"): that chapter again.
    const oneShot = alexa({ userId, audioPlayer: false });
    expect(speech(await oneShot.intend("ContinueIntent"))).toContain(body(1));
    await oneShot.intend("AMAZON.CancelIntent");

    // Another day, through the launch and its offer.
    const tomorrow = alexa({ userId, audioPlayer: false });
    const launch = await tomorrow.launch();
    expect(speech(launch)).toContain("Welkom terug");
    expect(speech(launch)).toContain(catalog.exercises.find((e) => e.locale === "nl-NL" && e.id === "spierontspanning")!.title);
    const again = await tomorrow.utter("ga verder");
    expect(speech(again)).toContain(body(1));
    // Heard to its end, "verder" goes on to the next chapter.
    expect(speech(await tomorrow.utter("verder"))).toContain(body(2));
  });
});

describe("Alexa: memory, greetings and questions", () => {
  it("a one-shot launch counts as a visit: the next launch welcomes back and offers to resume", async () => {
    const userId = "amzn1.ask.account.one-shot";
    const first = alexa({ userId });
    const r = await first.intend("StartExerciseIntent", { exercise: "rustig ademen" });
    expect(play(r)?.audioItem?.stream.token).toBe("nl-NL|ademhaling-short-wake");
    // One greeting: the track says "Welkom" itself; the intro tells once what Rustpunt is.
    expect(speech(r)).not.toMatch(/welkom/i);
    expect(speech(r)).toContain("vervangt geen arts");
    first.audioPlayer().playbackOffset(40_000);
    await first.intend("AMAZON.PauseIntent");

    const later = alexa({ userId });
    const launch = await later.launch();
    expect(speech(launch)).toContain("Welkom terug");
    expect(speech(launch)).not.toContain("vervangt geen arts");
    expect(speech(launch)).toContain("ga verder");
  });

  it("'start an exercise' without a name asks which one and keeps the ending", async () => {
    const va = alexa();
    const ask = await va.intend("StartExerciseIntent", { ending: "in bed" });
    expect(speech(ask)).toContain("Welke oefening wil je doen");
    expect(speech(ask)).not.toContain("ken ik niet");
    expect(env(ask).response.shouldEndSession).toBe(false);
    const r = await va.utter("bodyscan");
    expect(play(r)?.audioItem?.stream.token).toBe("nl-NL|bodyscan-short-sleep");
  });

  it("info pieces one item at a time, 'verder' for the next, reprompts that fit", async () => {
    const va = alexa({ userId: "amzn1.ask.account.info" });
    const info = catalog.info.find((i) => i.locale === "nl-NL" && i.id === "hulp-zoeken")!;
    let r = await va.intend("SeekHelpIntent");
    for (let n = 0; n < info.items.length; n++) {
      expect(speech(r)).toContain(info.items[n]!.title);
      if (n + 1 < info.items.length) expect(speech(r)).not.toContain(info.items[n + 1]!.text.slice(0, 30));
      expect(JSON.stringify(env(r).response)).not.toMatch(/\btip\b/i);
      expect(env(r).response.shouldEndSession).toBe(false);
      if (n + 1 < info.items.length) {
        expect(speech(r)).toContain("Nog eentje?");
        r = await va.utter("verder");
      }
    }
    expect(speech(r)).toContain("Wil je een oefening doen?");
  });

  it("a track that fails to play: the next conversation says so honestly and plays it again", async () => {
    const userId = "amzn1.ask.account.failed";
    const va = alexa({ userId });
    await va.utter("start visualisatie");
    const failed = await va
      .request()
      .audioPlayer("AudioPlayer.PlaybackFailed", "nl-NL|visualisatie-short-wake", 0)
      .set("request.error", { type: "MEDIA_ERROR_SERVICE_UNAVAILABLE", message: "503" })
      .set("request.currentPlaybackState", { token: "nl-NL|visualisatie-short-wake", offsetInMilliseconds: 30_000, playerActivity: "PLAYING" })
      .send();
    expect(env(failed).response.outputSpeech).toBeUndefined();
    const later = alexa({ userId });
    const launch = await later.launch();
    expect(speech(launch)).toContain("lukte het afspelen van");
    expect(speech(launch)).not.toMatch(/apparaat|device/);
    const retry = await later.intend("AMAZON.ResumeIntent");
    expect(play(retry)?.audioItem?.stream.token).toBe("nl-NL|visualisatie-short-wake");
    expect(logLines.some((l) => l.includes("playback failed for nl-NL|visualisatie-short-wake: MEDIA_ERROR_SERVICE_UNAVAILABLE"))).toBe(true);
  });
});

describe("Alexa: quiet at night", () => {
  it.each(["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.PauseIntent"])("%s during the sleep ending: the player stops, nothing is said", async (intent) => {
    const va = alexa();
    await va.intend("StartExerciseIntent", { exercise: "bodyscan", ending: "in bed" });
    va.audioPlayer().playbackOffset(30_000);
    const r = await va.intend(intent);
    expect(stops(r)).toBe(true);
    expect(env(r).response.outputSpeech).toBeUndefined();
    expect(env(r).response.reprompt).toBeUndefined();
    expect(env(r).response.shouldEndSession).toBe(true);
  });

  it("after the sleep track finished, a tip is one tip and the session closes; stop is silent", async () => {
    const userId = "amzn1.ask.account.night";
    const va = alexa({ userId });
    await va.intend("StartExerciseIntent", { exercise: "bodyscan", ending: "in bed" });
    await va.audioPlayer().playbackFinished();
    const tip = await alexa({ userId }).intend("TipIntent");
    expect(speech(tip)).toContain("Een tip");
    expect(speech(tip)).not.toContain("Nog eentje");
    expect(env(tip).response.reprompt).toBeUndefined();
    expect(env(tip).response.shouldEndSession).toBe(true);
    const stop = await alexa({ userId }).intend("AMAZON.StopIntent");
    expect(env(stop).response.outputSpeech).toBeUndefined();
  });
});

describe("Alexa: night by the device's own clock (Settings API)", () => {
  it("late on the device's clock an info piece is one item and the session closes; asked once, remembered", async () => {
    const userId = "amzn1.ask.account.night-clock";
    const deviceId = `tz:${zoneAtHour(23)}`;
    const before = settingsCalls.length;
    const va = alexa({ userId, deviceId });
    const why = await va.intend("WhyIntent");
    expect(env(why).response.shouldEndSession).toBe(true);
    expect(env(why).response.reprompt).toBeUndefined();
    expect(speech(why)).not.toContain("Nog eentje");
    expect(settingsCalls.length).toBe(before + 1);
    expect(settingsCalls.at(-1)).toEqual({ device: deviceId, auth: `Bearer ${va.context().apiAccessToken()}` });
    // Another session the same night: the stored zone decides, the API is not asked again.
    const stop = await alexa({ userId, deviceId }).intend("AMAZON.StopIntent");
    expect(env(stop).response.outputSpeech).toBeUndefined();
    expect(settingsCalls.length).toBe(before + 1);
  });

  it("in the afternoon, or when the API fails or names no real zone, the piece asks 'nog eentje?' and stop says goodbye", async () => {
    for (const deviceId of [`tz:${zoneAtHour(14)}`, "tz:fail", "tz:Mars/Olympus_Mons"]) {
      const va = alexa({ deviceId });
      const why = await va.intend("WhyIntent");
      expect(speech(why), deviceId).toContain("Nog eentje?");
      expect(env(why).response.shouldEndSession, deviceId).toBe(false);
      expect(speech(await va.intend("AMAZON.StopIntent")), deviceId).toContain("Tot de volgende keer");
    }
  });
});
