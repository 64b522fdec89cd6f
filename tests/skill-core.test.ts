// The conversation core on a catalog built from the real scripts (no audio): matching, variants,
// phrases, the playback state machine and the SSML-chunk path for devices without an audio player.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { check } from "ssml-check-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { SkillCatalog, SkillCatalogTrack } from "../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import type { CoreConfig, CoreIntent, PlaybackReport, ResponsePlan, TurnRequest, TurnSlots, UserState } from "../skill/core/conversation-types.js";
import { resumePoints } from "../audio-builder/catalog/skill-fields.js";
import { planTracks } from "../audio-builder/pipeline/plan-tracks.js";
import { loadScriptsOrThrow } from "../audio-builder/model/load-scripts.js";
import { buildTimeline } from "../audio-builder/timeline/build-timeline.js";
import { estimateSpeech } from "../audio-builder/timeline/estimate-speech.js";
import { isNight } from "../skill/core/night.js";
import { createCore } from "../skill/core/turn-loop.js";
import type { StateStore } from "../skill/persistence/state-store.js";
import { CatalogError, loadCatalog, validateCatalog } from "../skill/core/load-catalog.js";
import { matchExercise } from "../skill/core/match-exercise.js";
import { formatToken, parseToken } from "../skill/core/playback-token.js";
import { phrasesEn } from "../skill/core/phrases-en.js";
import { phrasesNl } from "../skill/core/phrases-nl.js";
import { INFO_IDS, respond } from "../skill/core/respond.js";
import { speakBody } from "../skill/core/ssml-text.js";
import { emptyState, parseUserState } from "../skill/core/user-state.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";

let catalog: SkillCatalog;
const BASE = "https://audio.example.org/rustpunt/";
const config: CoreConfig = { audioBaseUrl: BASE, artUrl: "https://audio.example.org/art.png", now: () => new Date("2026-03-01T21:00:00Z") };

beforeAll(async () => {
  catalog = await skillCatalogFromScripts();
});

interface TurnOptions {
  locale?: Locale;
  slots?: TurnSlots;
  state?: UserState;
  audioPlayer?: boolean;
  playback?: PlaybackReport;
  /** Default: true for Launch, false otherwise (a turn inside a running session). */
  newSession?: boolean;
  timeZone?: string;
}

function turn(intent: CoreIntent, o: TurnOptions = {}, on: SkillCatalog = catalog): ResponsePlan {
  return respond(
    {
      locale: o.locale ?? "nl-NL",
      intent,
      slots: o.slots ?? {},
      state: o.state ?? emptyState(),
      device: { audioPlayer: o.audioPlayer ?? true, ...(o.timeZone ? { timeZone: o.timeZone } : {}) },
      newSession: o.newSession ?? intent === "Launch",
      ...(o.playback ? { playback: o.playback } : {}),
    },
    on,
    config,
  );
}

function track(locale: Locale, id: string): SkillCatalogTrack {
  const t = catalog.tracks.find((x) => x.locale === locale && x.id === id);
  if (!t) throw new Error(`no track ${locale}/${id} in the test catalog`);
  return t;
}

function titleOf(locale: Locale, exercise: string): string {
  return catalog.exercises.find((e) => e.locale === locale && e.id === exercise)!.title;
}

function titles(locale: Locale): string[] {
  return catalog.exercises.filter((e) => e.locale === locale).map((e) => e.title);
}

async function expectValidSsml(plan: ResponsePlan): Promise<void> {
  for (const speech of [plan.speech, plan.reprompt]) {
    if (speech === undefined) continue;
    expect(speech).not.toMatch(/<\/?speak/);
    expect(speech.length + "<speak></speak>".length).toBeLessThanOrEqual(8000);
    expect(await check(`<speak>${speech}</speak>`, { platform: "amazon" }), speech).toBeUndefined();
  }
}

describe("catalog loading", () => {
  it("accepts the catalog built from the scripts, once per file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rustpunt-catalog-"));
    try {
      await writeFile(path.join(dir, "skill-catalog.json"), JSON.stringify(catalog));
      const first = loadCatalog({ baseDir: dir, env: {} });
      expect(first.tracks).toHaveLength(catalog.tracks.length);
      expect(loadCatalog({ baseDir: dir, env: {} })).toBe(first);
      await writeFile(path.join(dir, "other.json"), JSON.stringify(catalog));
      expect(loadCatalog({ baseDir: dir, env: { CATALOG_FILE: "other.json" } })).not.toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("fails at start-up with the file, the field and the fix", async () => {
    expect(() => loadCatalog({ baseDir: "/nonexistent-rustpunt", env: {} })).toThrow(/nonexistent-rustpunt\/skill-catalog\.json: cannot read the catalog \(ENOENT\).*npm run build/);
    const broken = structuredClone(catalog) as unknown as { tracks: { files: { alexa: Record<string, unknown> } }[] };
    delete broken.tracks[2]!.files.alexa.path;
    expect(() => validateCatalog(broken, "dist/skill-catalog.json")).toThrow(CatalogError);
    expect(() => validateCatalog(broken, "dist/skill-catalog.json")).toThrow("dist/skill-catalog.json: tracks[2].files.alexa.path must be text");
    expect(() => validateCatalog({ ...catalog, version: 2 })).toThrow(/version must be 1/);
  });
});

describe("welcome", () => {
  it("first visit: what Rustpunt is, that it does not replace a doctor, and the list", async () => {
    const plan = turn("Launch");
    expect(plan.speech).toContain("vervangt geen arts");
    for (const title of titles("nl-NL")) expect(plan.speech).toContain(title);
    expect(plan.endSession).toBe(false);
    expect(plan.reprompt).toBeTruthy();
    expect(plan.state.visits).toBe(1);
    expect(plan.state.updatedAt).toBe("2026-03-01T21:00:00.000Z");
    await expectValidSsml(plan);
  });

  it("return visit: short, and offers to carry on where the person stopped", async () => {
    const back = turn("Launch", { state: { ...emptyState(), visits: 4 } });
    expect(back.speech).not.toContain("arts");
    expect(back.speech!.length).toBeLessThan(turn("Launch").speech!.length);
    expect(back.state.visits).toBe(5);

    const stopped = turn("Launch", {
      state: { ...emptyState(), visits: 2, lastLocale: "nl-NL", lastTrackId: "ademhaling-short-wake", lastExercise: "ademhaling", offsetMs: 40_000 },
    });
    expect(stopped.speech).toContain("ga verder");
    expect(stopped.speech).toContain("Rustig ademen");
  });

  it("speaks English for en-US", () => {
    const plan = turn("Launch", { locale: "en-US" });
    expect(plan.speech).toContain("does not replace a doctor");
    for (const title of titles("en-US")) expect(plan.speech).toContain(title);
  });
});

describe("starting an exercise by name", () => {
  const cases: [Locale, string, string][] = [
    ["nl-NL", "ademhaling", "ademhaling"],
    ["nl-NL", "de buikademhaling", "ademhaling"],
    ["nl-NL", "de ademhalingsoefening", "ademhaling"],
    ["nl-NL", "oefening ademhaling", "ademhaling"],
    ["nl-NL", "Ademhalingsoefening", "ademhaling"],
    ["nl-NL", "spieren ontspannen", "spierontspanning"],
    ["nl-NL", "de spierontspanningsoefening", "spierontspanning"],
    ["nl-NL", "lichaamsscan", "bodyscan"],
    ["nl-NL", "body scan", "bodyscan"],
    ["nl-NL", "fantasiereis", "visualisatie"],
    ["nl-NL", "vísualisatie", "visualisatie"],
    ["nl-NL", "breathing", "ademhaling"],
    ["en-US", "belly breathing", "ademhaling"],
    ["en-US", "the breathing exercise", "ademhaling"],
    ["en-US", "Body-Scan", "bodyscan"],
    ["en-US", "relax my muscles", "spierontspanning"],
    ["en-US", "guided imagery", "visualisatie"],
    ["en-US", "ademhaling", "ademhaling"],
  ];
  it.each(cases)("%s %j → %s", (locale, heard, exercise) => {
    expect(matchExercise(catalog, locale, heard)).toBe(exercise);
    const plan = turn("StartExercise", { locale, slots: { exercise: heard } });
    expect(plan.play?.trackId).toBe(`${exercise}-short-wake`);
    expect(plan.play?.urls).toEqual({
      alexa: `${BASE}audio/${locale}/alexa/${exercise}-short-wake.mp3`,
      download: `${BASE}audio/${locale}/${exercise}-short-wake.mp3`,
    });
    expect(plan.play?.sleep).toBe(false);
    expect(plan.play?.token).toBe(`${locale}|${exercise}-short-wake`);
    expect(plan.play?.offsetMs).toBe(0);
    expect(plan.play?.artUrl).toBe(config.artUrl);
    expect(plan.state).toMatchObject({ lastExercise: exercise, lastTrackId: `${exercise}-short-wake`, lastLocale: locale, offsetMs: 0 });
  });

  it("says what it starts, briefly, and shows a card", async () => {
    const plan = turn("StartExercise", { slots: { exercise: "ademhaling" } });
    expect(plan.speech).toContain("Rustig ademen");
    expect(plan.speech).toContain("kort");
    expect(plan.endSession).toBe(true);
    expect(plan.card?.title).toBe("Rustig ademen");
    expect(plan.play?.title).toBe("Rustig ademen");
    expect(plan.play?.subtitle).toContain("3 min");
    await expectValidSsml(plan);
  });

  it.each(["yoga", "", "asdf qwerty", "oefening"])("unknown %j → the list, never an error", (heard) => {
    const plan = turn("StartExercise", { slots: { exercise: heard } });
    expect(plan.play).toBeUndefined();
    expect(plan.endSession).toBe(false);
    for (const title of titles("nl-NL")) expect(plan.speech).toContain(title);
  });

  it("no exercise named → the list", () => {
    const plan = turn("StartExercise", { slots: { length: "kort" } });
    expect(plan.play).toBeUndefined();
    expect(plan.speech).toContain(titles("nl-NL")[0]!);
  });
});

describe("length and ending", () => {
  const cases: [TurnSlots, string][] = [
    [{ length: "kort" }, "short-wake"],
    [{ length: "lang" }, "long-wake"],
    [{ length: "een lange" }, "long-wake"],
    [{ length: "long" }, "long-wake"],
    [{ minutes: 4 }, "short-wake"],
    [{ minutes: 12 }, "long-wake"],
    [{ minutes: 8 }, "long-wake"],
    [{ ending: "in bed" }, "short-sleep"],
    [{ ending: "slapen" }, "short-sleep"],
    [{ ending: "om in slaap te vallen" }, "short-sleep"],
    [{ ending: "to sleep" }, "short-sleep"],
    [{ ending: "opstaan" }, "short-wake"],
    [{ length: "lang", ending: "bed" }, "long-sleep"],
  ];
  it.each(cases)("%j → %s", (slots, variant) => {
    const plan = turn("StartExercise", { slots: { exercise: "ademhaling", ...slots } });
    expect(plan.play?.trackId).toBe(`ademhaling-${variant}`);
  });

  it("remembers the preferred length for next time", () => {
    const first = turn("StartExercise", { slots: { exercise: "bodyscan", length: "lang" } });
    expect(first.state.preferredLength).toBe("long");
    const next = turn("StartExercise", { slots: { exercise: "ademhaling" }, state: first.state });
    expect(next.play?.trackId).toBe("ademhaling-long-wake");
    const shorter = turn("StartExercise", { slots: { exercise: "ademhaling", minutes: 3 }, state: next.state });
    expect(shorter.play?.trackId).toBe("ademhaling-short-wake");
    expect(shorter.state.preferredLength).toBe("short");
  });

  it("the sleep intro says so", () => {
    expect(turn("StartExercise", { slots: { exercise: "ademhaling", ending: "in bed" } }).speech).toContain("in slaap");
  });
});

describe("information", () => {
  it.each([
    ["Why", INFO_IDS.why],
    ["RestMoments", INFO_IDS.rest],
    ["SeekHelp", INFO_IDS.seekHelp],
  ] as const)("%s tells the %s piece one item per response: 'nog eentje?', yes for the next, then an exercise", async (intent, id) => {
    for (const locale of ["nl-NL", "en-US"] as const) {
      const info = catalog.info.find((i) => i.locale === locale && i.id === id)!;
      const another = locale === "nl-NL" ? "Nog eentje?" : "Another one?";
      let plan = turn(intent, { locale });
      expect(plan.speech).toContain(info.intro.slice(0, 40).replace(/&/g, "&amp;"));
      for (let n = 0; n < info.items.length; n++) {
        expect(plan.speech).toContain(speakBody(info.items[n]!.ssml));
        // One item per response: the next item is not in it.
        if (n + 1 < info.items.length) expect(plan.speech).not.toContain(speakBody(info.items[n + 1]!.ssml));
        expect(plan.endSession).toBe(false);
        expect(plan.card?.title).toBe(info.title);
        // Reprompts fit what was just said: never a tip after another piece.
        expect(`${plan.speech} ${plan.reprompt}`).not.toMatch(/\btip\b/i);
        await expectValidSsml(plan);
        if (n + 1 < info.items.length) {
          expect(plan.speech).toMatch(new RegExp(`${another.replace("?", "\\?")}$`));
          expect(plan.awaiting).toBe("another");
          plan = turn(n % 2 === 0 ? "Yes" : "Continue", { locale, state: plan.state });
        }
      }
      if (info.outro) expect(plan.speech).toContain(info.outro.slice(0, 30));
      expect(plan.speech).toContain(locale === "nl-NL" ? "Wil je een oefening doen?" : "Would you like to do an exercise?");
      expect(plan.state.info).toBeUndefined();
    }
  });

  it("'nee' to 'nog eentje?' offers an exercise; a second 'nee' says goodbye", () => {
    const why = turn("Why");
    const no = turn("No", { state: why.state });
    expect(no.speech).toBe("Wil je een oefening doen?");
    expect(no.endSession).toBe(false);
    expect(turn("No", { state: no.state })).toMatchObject({ speech: "Tot de volgende keer.", endSession: true });
  });

  it("a new session forgets the piece that was being told", () => {
    const why = turn("Why");
    expect(why.state.info).toEqual({ id: INFO_IDS.why, next: 1 });
    expect(turn("Tip", { state: why.state, newSession: true }).state.info?.id).toBe(INFO_IDS.tips);
    expect(turn("Launch", { state: why.state }).state.info).toBeUndefined();
  });

  it("a tip is a different one each time, and wraps around", () => {
    const tips = catalog.info.find((i) => i.locale === "nl-NL" && i.id === INFO_IDS.tips)!.items;
    let state = emptyState();
    const heard: string[] = [];
    for (let i = 0; i < tips.length + 1; i++) {
      const plan = turn("Tip", { state });
      heard.push(plan.card!.title);
      state = plan.state;
    }
    expect(new Set(heard.slice(0, tips.length)).size).toBe(tips.length);
    expect(heard[tips.length]).toBe(heard[0]);
  });

  it("help and fallback name what you can say", async () => {
    for (const intent of ["Help", "Fallback"] as const) {
      const plan = turn(intent);
      expect(plan.speech).toMatch(/ademhaling/);
      expect(plan.endSession).toBe(false);
      await expectValidSsml(plan);
    }
    expect(turn("Help", { locale: "en-US" }).speech).toMatch(/breathing/);
  });

  it("the core's own phrases make no medical claims", () => {
    const all = JSON.stringify([phrasesNl, phrasesEn].map((p) => Object.entries(p).map(([k, v]) => (typeof v === "function" ? `${k}` : v))));
    const spoken = [phrasesNl, phrasesEn].flatMap((p) => Object.values(p).filter((v): v is string => typeof v === "string"));
    expect(all.length).toBeGreaterThan(0);
    for (const line of spoken) expect(line).not.toMatch(/genees|geneest|diagnos|behandel|therapie|cure|heal|diagnos|treat|therap/i);
  });
});

describe("pause, stop, cancel and resume", () => {
  const id = "ademhaling-long-wake";
  const token = `nl-NL|${id}`;

  it.each(["Pause", "Stop", "Cancel"] as const)("%s stops the player and keeps the position; Resume starts that chapter again", (intent) => {
    const t = track("nl-NL", id);
    const chapter3 = t.chapters[2]!.startMs;
    const started = turn("StartExercise", { slots: { exercise: "ademhaling", length: "lang" } });
    const stopped = turn(intent, { state: started.state, playback: { token, offsetMs: chapter3 + 5_432 } });
    expect(stopped.stopPlayback).toBe(true);
    expect(stopped.endSession).toBe(true);
    expect(stopped.play).toBeUndefined();
    expect(stopped.state.offsetMs).toBe(chapter3 + 5_432);
    if (intent === "Pause") expect(stopped.speech).toBeUndefined();
    else expect(stopped.speech).toBe("Tot de volgende keer.");

    // Later, in a new session: nothing playing, only what was remembered.
    const resumed = turn("Resume", { state: parseUserState(JSON.parse(JSON.stringify(stopped.state))) });
    expect(resumed.play).toMatchObject({ trackId: id, token, offsetMs: chapter3 });
    expect(resumed.play?.urls.alexa).toBe(`${BASE}audio/nl-NL/alexa/${id}.mp3`);
  });

  it("resume prefers the player's live position", () => {
    const t = track("nl-NL", id);
    const state = { ...emptyState(), lastLocale: "nl-NL" as const, lastTrackId: id, offsetMs: 1_000 };
    const plan = turn("Resume", { state, playback: { token, offsetMs: t.chapters[3]!.startMs + 10 } });
    expect(plan.play?.offsetMs).toBe(t.chapters[3]!.startMs);
  });

  it("nothing to resume: says so and offers the list", () => {
    for (const state of [emptyState(), { ...emptyState(), lastLocale: "nl-NL" as const, lastTrackId: id }]) {
      const plan = turn("Resume", { state });
      expect(plan.play).toBeUndefined();
      expect(plan.speech).toContain("geen oefening om mee verder te gaan");
      expect(plan.speech).toContain(titles("nl-NL")[0]!);
      expect(plan.endSession).toBe(false);
    }
  });

  it("after the track finished there is nothing to resume, even with the player's last token", () => {
    const t = track("nl-NL", id);
    const finished = turn("PlaybackFinished", { state: { ...emptyState(), lastLocale: "nl-NL", lastTrackId: id, offsetMs: 5 }, playback: { token, offsetMs: t.durationMs } });
    expect(finished.state.offsetMs).toBeUndefined();
    expect(finished.state.completions).toBe(1);
    expect(finished.state.lastCompletedTrackId).toBe(id);
    expect(turn("Resume", { state: finished.state, playback: { token, offsetMs: t.durationMs } }).play).toBeUndefined();
  });
});

describe("chapters", () => {
  const id = "bodyscan-short-wake";
  const token = `nl-NL|${id}`;
  const at = (chapter: number, plus = 0): PlaybackReport => ({ token, offsetMs: track("nl-NL", id).chapters[chapter]!.startMs + plus });

  it("next and previous move between chapters of the playing track", () => {
    const chapters = track("nl-NL", id).chapters;
    expect(turn("Next", { playback: at(1, 2_000) }).play?.offsetMs).toBe(chapters[2]!.startMs);
    expect(turn("Previous", { playback: at(2, 2_000) }).play?.offsetMs).toBe(chapters[1]!.startMs);
    expect(turn("Repeat", { playback: at(2, 2_000) }).play?.offsetMs).toBe(chapters[2]!.startMs);
    expect(turn("StartOver", { playback: at(3, 2_000) }).play?.offsetMs).toBe(0);
  });

  it("at the ends, or without a track, they say it is not available and the audio carries on", () => {
    const last = track("nl-NL", id).chapters.length - 1;
    const end = turn("Next", { playback: at(last, 1_000) });
    expect(end.play).toBeUndefined();
    expect(end.stopPlayback).toBeUndefined();
    expect(end.speech).toContain("laatste deel");
    expect(turn("Previous", { playback: at(0, 1_000) }).speech).toContain("eerste deel");
    const nothing = turn("Next");
    expect(nothing.play).toBeUndefined();
    expect(nothing.speech).toContain("geen oefening");
    expect(nothing.endSession).toBe(false);
  });

  it("uses the remembered track when the request carries no player context", () => {
    const chapters = track("nl-NL", id).chapters;
    const state = { ...emptyState(), lastLocale: "nl-NL" as const, lastTrackId: id, offsetMs: chapters[4]!.startMs + 1 };
    expect(turn("Next", { state }).play?.offsetMs).toBe(chapters[5]!.startMs);
  });

  it.each(["LoopOn", "LoopOff", "ShuffleOn", "ShuffleOff"] as const)("%s is kindly not available", (intent) => {
    const plan = turn(intent, { playback: at(1) });
    expect(plan.play).toBeUndefined();
    expect(plan.speech).toContain("kan niet bij oefeningen");
    expect(turn(intent, { locale: "en-US", playback: { token: `en-US|${id}`, offsetMs: 0 } }).speech).toContain("aren't available");
  });
});

describe("player events", () => {
  const token = "nl-NL|visualisatie-short-sleep";

  it("started and stopped remember the position; nearly finished enqueues nothing", () => {
    const started = turn("PlaybackStarted", { playback: { token, offsetMs: 0 } });
    expect(started.state).toMatchObject({ lastTrackId: "visualisatie-short-sleep", lastExercise: "visualisatie", offsetMs: 0 });
    expect(started.speech).toBeUndefined();
    const stopped = turn("PlaybackStopped", { state: started.state, playback: { token, offsetMs: 73_000 } });
    expect(stopped.state.offsetMs).toBe(73_000);
    const nearly = turn("PlaybackNearlyFinished", { state: stopped.state, playback: { token, offsetMs: 170_000 } });
    expect(nearly.play).toBeUndefined();
    expect(nearly.speech).toBeUndefined();
  });

  it("failed: an honest answer that offers to try again, remembered for the next conversation", () => {
    const plan = turn("PlaybackFailed", { playback: { token, offsetMs: 12_000, error: "MEDIA_ERROR_SERVICE_UNAVAILABLE: 503" } });
    expect(plan.speech).toBe("Het afspelen van Fantasiereis naar een rustige plek lukte niet. Zeg 'ga verder' om het nog eens te proberen, of 'stop'.".replace("Fantasiereis naar een rustige plek", titleOf("nl-NL", "visualisatie")));
    expect(plan.speech).not.toMatch(/apparaat|device/);
    expect(plan.endSession).toBe(false);
    expect(plan.state).toMatchObject({ offsetMs: 12_000, retryOffer: true });
    expect(plan.state.lastPlaybackError).toContain("503");
    expect(plan.log).toMatch(/playback failed for nl-NL\|visualisatie-short-sleep: MEDIA_ERROR/);

    // Alexa cannot speak in answer to PlaybackFailed: the next launch says it and offers a retry.
    const launch = turn("Launch", { state: { ...plan.state, visits: 2 } });
    expect(launch.speech).toContain(`Vorige keer lukte het afspelen van ${titleOf("nl-NL", "visualisatie")} niet`);
    const retried = turn("Resume", { state: launch.state });
    expect(retried.play).toMatchObject({ trackId: "visualisatie-short-sleep" });
    expect(retried.play!.offsetMs).toBeLessThanOrEqual(12_000);
    expect(retried.state.retryOffer).toBeUndefined();
    // Google names no track in its media status: the one started last failed.
    const google = turn("PlaybackFailed", { state: retried.state, playback: { token: "", offsetMs: 0, error: "media status FAILED" } });
    expect(google.speech).toContain("lukte niet");
    expect(google.state.retryOffer).toBe(true);
  });
});

describe("tokens", () => {
  it.each([
    ["nl-NL|ademhaling-short-wake", { locale: "nl-NL", trackId: "ademhaling-short-wake" }],
    [" en-US|bodyscan-long-sleep ", { locale: "en-US", trackId: "bodyscan-long-sleep" }],
    ["garbage", undefined],
    ["fr-FR|ademhaling-short-wake", undefined],
    ["nl-NL|../../etc/passwd", undefined],
    ["nl-NL|a|b", undefined],
    ["", undefined],
  ])("%j", (raw, expected) => {
    expect(parseToken(raw)).toEqual(expected);
    if (expected) expect(parseToken(formatToken(expected as never))).toEqual(expected);
  });

  it("a foreign or garbled token is ignored politely", () => {
    const state = { ...emptyState(), lastLocale: "nl-NL" as const, lastTrackId: "ademhaling-short-wake", offsetMs: 30_000 };
    const event = turn("PlaybackStopped", { state, playback: { token: "some-other-skill:track/42", offsetMs: 99_000 } });
    expect(event.state.offsetMs).toBe(30_000);
    expect(event.speech).toBeUndefined();
    expect(event.log).toMatch(/not ours/);
    const unknownTrack = turn("Pause", { state, playback: { token: "nl-NL|no-such-track", offsetMs: 99_000 } });
    expect(unknownTrack.stopPlayback).toBe(true);
    expect(unknownTrack.state.offsetMs).toBe(30_000);
    const resumed = turn("Resume", { state, playback: { token: "\u0000|garbled", offsetMs: 5 } });
    expect(resumed.play?.trackId).toBe("ademhaling-short-wake");
  });

  it("stored junk becomes a clean state", () => {
    expect(parseUserState("nonsense")).toEqual(emptyState());
    expect(parseUserState({ visits: -3, tipIndex: "x", lastTrackId: "../x", lastLocale: "de-DE", offsetMs: 1.5, chunk: { index: 2 } })).toEqual(emptyState());
    const launched = turn("Launch", { state: { visits: "many" } as unknown as UserState });
    expect(launched.state.visits).toBe(1);
  });
});

describe("devices without an audio player", () => {
  /** The build packs an exercise into as few documents as fit; split one to exercise the several-chunk path. */
  function withChunks(parts: number): SkillCatalog {
    const copy = structuredClone(catalog);
    const t = copy.tracks.find((x) => x.locale === "nl-NL" && x.id === "ademhaling-short-wake")!;
    const body = speakBody(t.ssml.alexa[0]!);
    const cuts = [...body.matchAll(/<break [^>]*\/>/g)].map((m) => m.index! + m[0].length);
    const chosen = Array.from({ length: parts - 1 }, (_, i) => cuts[Math.floor(((i + 1) * cuts.length) / parts)]!);
    const bounds = [0, ...chosen, body.length];
    t.ssml.alexa = bounds.slice(0, -1).map((start, i) => `<speak>${body.slice(start, bounds[i + 1])}</speak>`);
    return copy;
  }

  it("speaks one chapter per response: the intro and the first chapter, then 'verder' for the next", async () => {
    const t = track("nl-NL", "ademhaling-short-wake");
    expect(t.ssml.alexaChapters).toEqual(t.chapters.map((_, i) => i));
    const plan = turn("StartExercise", { slots: { exercise: "ademhaling" }, audioPlayer: false });
    expect(plan.play).toBeUndefined();
    expect(plan.stopPlayback).toBeUndefined();
    expect(plan.speech).toContain(speakBody(t.ssml.alexa[0]!));
    expect(plan.speech).not.toContain(speakBody(t.ssml.alexa[1]!));
    expect(plan.speech).toMatch(/Zeg 'verder'/);
    expect(plan.endSession).toBe(false);
    expect(plan.state.chunk).toEqual({ locale: "nl-NL", trackId: t.id, index: 0 });
    await expectValidSsml(plan);
  });

  it("several chunks: 'zeg verder' between them, Continue speaks the next, the last ends the session", async () => {
    const three = withChunks(3);
    const chunks = three.tracks.find((x) => x.locale === "nl-NL" && x.id === "ademhaling-short-wake")!.ssml.alexa;
    let plan = turn("StartExercise", { slots: { exercise: "ademhaling" }, audioPlayer: false }, three);
    for (let i = 0; i < 3; i++) {
      expect(plan.speech).toContain(speakBody(chunks[i]!));
      await expectValidSsml(plan);
      if (i < 2) {
        expect(plan.speech).toContain("Zeg 'verder'");
        expect(plan.endSession).toBe(false);
        expect(plan.state.chunk).toEqual({ locale: "nl-NL", trackId: "ademhaling-short-wake", index: i });
        plan = turn("Continue", { state: plan.state, audioPlayer: false }, three);
      }
    }
    expect(plan.endSession).toBe(true);
    expect(plan.state.chunk).toBeUndefined();
    expect(plan.state.completions).toBe(1);
    expect(plan.speech).not.toContain("verder");
  });

  it("stop keeps the chunk; resume speaks it again; English says 'continue'", () => {
    const two = withChunks(2);
    const chunks = two.tracks.find((x) => x.locale === "nl-NL" && x.id === "ademhaling-short-wake")!.ssml.alexa;
    const started = turn("StartExercise", { slots: { exercise: "ademhaling" }, audioPlayer: false }, two);
    const stopped = turn("Stop", { state: started.state, audioPlayer: false }, two);
    expect(stopped.stopPlayback).toBeUndefined();
    expect(stopped.state.chunk?.index).toBe(0);
    expect(turn("Launch", { state: { ...stopped.state, visits: 1 }, audioPlayer: false }, two).speech).toContain("ga verder");
    // The next day ("Alexa, ga verder"): the interrupted chapter again, not the one after it.
    for (const intent of ["Resume", "Continue"] as const) {
      const resumed = turn(intent, { state: stopped.state, audioPlayer: false, newSession: true }, two);
      expect(resumed.speech, intent).toContain(speakBody(chunks[0]!));
    }
    // Within the session "ga verder" (Resume) means the next chunk.
    expect(turn("Resume", { state: started.state, audioPlayer: false }, two).speech).toContain(speakBody(chunks[1]!));

    const en = turn("StartExercise", { locale: "en-US", slots: { exercise: "breathing" }, audioPlayer: false }, withChunks(2));
    expect(en.speech).toBeDefined();
  });

  it("Continue with nothing in progress falls back to resume, then to the list", () => {
    const plan = turn("Continue", { audioPlayer: false });
    expect(plan.speech).toContain(titles("nl-NL")[0]!);
    expect(plan.endSession).toBe(false);
  });

  it("an oversized chunk drops our own sentences rather than breaking Alexa's 8,000 characters", () => {
    const copy = structuredClone(catalog);
    const t = copy.tracks.find((x) => x.locale === "nl-NL" && x.id === "ademhaling-short-wake")!;
    const filler = "<s>Adem rustig.</s><break time=\"1000ms\"/>".repeat(500).slice(0, 7950 - 15);
    const body = filler.slice(0, filler.lastIndexOf("<s>"));
    t.ssml.alexa = [`<speak>${body}</speak>`, `<speak>${body}</speak>`];
    const plan = turn("StartExercise", { slots: { exercise: "ademhaling" }, audioPlayer: false }, copy);
    expect(plan.speech!.length + 15).toBeLessThanOrEqual(8000);
    expect(plan.speech).toContain(body);
    expect(plan.reprompt).toContain("verder");
  });
});

describe("the speech path on every track", () => {
  /** Alexa's documented limits: 8,000 characters of output speech, breaks of at most 10 s. */
  function breaksWithinLimit(speech: string): void {
    for (const [, value, unit] of speech.matchAll(/<break time="(\d+(?:\.\d+)?)(ms|s)"\/>/g)) {
      expect(Number(value) * (unit === "s" ? 1000 : 1)).toBeLessThanOrEqual(10_000);
    }
  }

  it("speaks every track of every locale, length and ending one chapter per response, each within Alexa's limits", () => {
    let responses = 0;
    for (const t of catalog.tracks) {
      const slots = { exercise: t.exercise, length: t.length, ending: t.ending === "sleep" ? "in bed" : "opstaan" };
      let plan = turn("StartExercise", { locale: t.locale, slots, audioPlayer: false, newSession: true });
      const chapters = t.ssml.alexaChapters!;
      for (let i = 0; i < t.ssml.alexa.length; i++) {
        responses++;
        expect(plan.play, t.id).toBeUndefined();
        expect(plan.speech, `${t.locale} ${t.id} chunk ${i}`).toContain(speakBody(t.ssml.alexa[i]!));
        // One chapter: no other chapter's words in the same response.
        for (const [j, doc] of t.ssml.alexa.entries()) if (chapters[j] !== chapters[i]) expect(plan.speech).not.toContain(speakBody(doc));
        expect(plan.speech!.length + "<speak></speak>".length).toBeLessThanOrEqual(8000);
        breaksWithinLimit(plan.speech!);
        if (i < t.ssml.alexa.length - 1) {
          expect(plan.endSession).toBe(false);
          plan = turn("Continue", { locale: t.locale, state: plan.state, audioPlayer: false });
        }
      }
      expect(plan.endSession, t.id).toBe(true);
      expect(plan.state.lastCompletedTrackId).toBe(t.id);
    }
    expect(responses).toBeGreaterThan(catalog.tracks.length * 3);
  });

  it("a position remembered on a device with a player continues at its chapter on one without", () => {
    const t = track("nl-NL", "bodyscan-short-wake");
    const chapter = 4;
    const state: UserState = { ...emptyState(), visits: 3, lastLocale: "nl-NL", lastTrackId: t.id, lastExercise: "bodyscan", offsetMs: t.chapters[chapter]!.startMs + 2_000 };
    const launch = turn("Launch", { state, audioPlayer: false });
    expect(launch.speech).toContain("ga verder");
    for (const intent of ["Resume", "Repeat", "Next", "Previous", "StartOver"] as const) {
      const plan = turn(intent, { state, audioPlayer: false, newSession: true });
      const expected = { Resume: chapter, Repeat: chapter, Next: chapter + 1, Previous: chapter - 1, StartOver: 0 }[intent];
      expect(plan.play, intent).toBeUndefined();
      expect(plan.stopPlayback, intent).toBeUndefined();
      expect(plan.speech, intent).toContain(speakBody(t.ssml.alexa[expected]!));
    }
    // And back: a device with a player takes over a spoken exercise at the chapter's start.
    const spoken = turn("Resume", { state, audioPlayer: false, newSession: true });
    const played = turn("Resume", { state: spoken.state, newSession: true });
    expect(played.play).toMatchObject({ trackId: t.id, offsetMs: t.chapters[chapter]!.startMs });
  });

  it("never gives a device without an audio player a player directive, whatever is asked", () => {
    const state: UserState = { ...emptyState(), visits: 3, lastLocale: "nl-NL", lastTrackId: "ademhaling-long-wake", offsetMs: 100_000 };
    const intents: CoreIntent[] = ["Launch", "StartExercise", "Stop", "Cancel", "Pause", "Resume", "Continue", "Next", "Previous", "StartOver", "Repeat", "LoopOn", "LoopOff", "ShuffleOn", "ShuffleOff", "Help", "Fallback", "Yes", "No"];
    for (const intent of intents) {
      for (const playback of [undefined, { token: "nl-NL|ademhaling-long-wake", offsetMs: 5_000 }]) {
        const plan = turn(intent, { state, audioPlayer: false, slots: { exercise: "ademhaling" }, ...(playback ? { playback } : {}) });
        expect(plan.play, intent).toBeUndefined();
        expect(plan.stopPlayback, intent).toBeUndefined();
        expect(plan.clearQueue, intent).toBeUndefined();
      }
    }
  });
});

describe("memory, however the session starts", () => {
  it("a one-shot start counts the visit and speaks no second welcome; the next launch offers to resume", () => {
    const oneShot = turn("StartExercise", { slots: { exercise: "ademhaling", length: "lang" }, newSession: true });
    expect(oneShot.state.visits).toBe(1);
    expect(oneShot.state.preferredLength).toBe("long");
    // One greeting: the track opens with its own "Welkom"; the intro says what Rustpunt is, once.
    expect(oneShot.speech).toContain("vervangt geen arts");
    expect(oneShot.speech).not.toMatch(/welkom|welcome/i);
    const t = track("nl-NL", "ademhaling-long-wake");
    const paused = turn("Pause", { state: oneShot.state, playback: { token: `nl-NL|${t.id}`, offsetMs: 200_000 } });
    const launch = turn("Launch", { state: paused.state });
    expect(launch.state.visits).toBe(2);
    expect(launch.speech).toMatch(/^Welkom terug bij Rustpunt\./);
    expect(launch.speech).toContain(`verder te gaan met ${titleOf("nl-NL", "ademhaling")}`);
    // A second one-shot by the same person: no disclaimer again.
    expect(turn("StartExercise", { slots: { exercise: "bodyscan" }, state: launch.state, newSession: true }).speech).not.toContain("arts");
  });

  it("the intro before a track never says welcome, while the track's own opening does", () => {
    for (const t of catalog.tracks.filter((x) => x.length === "short")) {
      const plan = turn("StartExercise", { locale: t.locale, slots: { exercise: t.exercise, ending: t.ending === "sleep" ? "in bed" : undefined } as TurnSlots, newSession: true });
      expect(plan.speech).not.toMatch(/welkom|welcome/i);
      expect(speakBody(t.ssml.alexa[0]!)).toMatch(/welkom|welcome/i);
    }
  });

  it("'start an exercise' without a name asks which one and keeps the ending and length given", () => {
    for (const slots of [{}, { ending: "in bed" }, { length: "lang", ending: "slapen" }, { exercise: "" }] as TurnSlots[]) {
      const ask = turn("StartExercise", { slots, newSession: true });
      expect(ask.speech).toMatch(/^Welke oefening wil je doen: /);
      expect(ask.speech).not.toContain("ken ik niet");
      expect(ask.endSession).toBe(false);
      const answer = turn("StartExercise", { slots: { exercise: "bodyscan" }, state: ask.state });
      const length = slots.length ? "long" : "short";
      const ending = slots.ending ? "sleep" : "wake";
      expect(answer.play?.trackId).toBe(`bodyscan-${length}-${ending}`);
      expect(answer.state.pending).toBeUndefined();
    }
    expect(turn("StartExercise", { locale: "en-US", slots: { ending: "to fall asleep" } }).speech).toMatch(/^Which exercise would you like to do: /);
  });
});

describe("resume points", () => {
  it("resume repeats at most about a minute, also inside a long breathing block", () => {
    for (const t of catalog.tracks) {
      const points = t.resumePoints!;
      expect(points[0]).toBe(0);
      for (const c of t.chapters) expect(points).toContain(c.startMs);
      for (let at = 0; at < t.durationMs; at += 7_001) {
        const plan = turn("Resume", { locale: t.locale, state: { ...emptyState(), lastLocale: t.locale, lastTrackId: t.id, offsetMs: at } });
        expect(plan.play!.offsetMs, `${t.id} at ${at}`).toBeLessThanOrEqual(at);
        expect(at - plan.play!.offsetMs, `${t.id} at ${at}`).toBeLessThanOrEqual(60_000);
      }
    }
  });

  it("a breathing block resumes at the start of a cycle, never inside a breath", () => {
    const t = track("nl-NL", "ademhaling-long-wake");
    const longest = t.chapters.map((c, i) => ({ c, end: t.chapters[i + 1]?.startMs ?? t.durationMs })).sort((a, b) => b.end - b.c.startMs - (a.end - a.c.startMs))[0]!;
    expect(longest.end - longest.c.startMs).toBeGreaterThan(120_000);
    const at = longest.c.startMs + 150_000;
    const plan = turn("Resume", { state: { ...emptyState(), lastLocale: "nl-NL", lastTrackId: t.id, offsetMs: at } });
    expect(plan.play!.offsetMs).toBeGreaterThan(longest.c.startMs);
    expect(at - plan.play!.offsetMs).toBeLessThanOrEqual(60_000);
  });

  it("no resume point falls inside a breath or between 'tense' and 'let go'", async () => {
    const scripts = await loadScriptsOrThrow();
    for (const planned of planTracks(scripts)) {
      const timeline = buildTimeline(planned.script, planned.variant, estimateSpeech(planned.locale));
      const points = resumePoints(timeline);
      const inside = (from: number, to: number) => points.filter((p) => p > from && p < to);
      for (const b of timeline.breaths) {
        // A cycle starts at its inhale; nothing starts inside any phase.
        expect(inside(b.startMs, b.startMs + b.durationMs), `${planned.id} breath ${b.cycle} ${b.phase}`).toEqual([]);
        if (b.phase !== "inhale") expect(points).not.toContain(b.startMs);
      }
      const tense = timeline.events.filter((e) => e.kind === "speech" && e.cue === "tense");
      for (const t of tense) {
        const release = timeline.events.find((e) => e.kind === "speech" && e.cue === "release" && e.startMs > t.startMs)!;
        expect(inside(t.startMs, release.startMs + release.durationMs), planned.id).toEqual([]);
      }
    }
  });

  it("the skill catalog with every track, resume points and chapter documents stays under 200 KB", () => {
    expect(Buffer.byteLength(JSON.stringify(catalog))).toBeLessThanOrEqual(200 * 1024);
  });
});

describe("quiet at night", () => {
  const sleepToken = "nl-NL|ademhaling-short-sleep";
  const evening = new Date("2026-03-01T21:00:00Z").getTime();

  it.each(["Stop", "Cancel", "Pause"] as const)("%s during a sleep-ending track ends silently", (intent) => {
    const plan = turn(intent, { playback: { token: sleepToken, offsetMs: 60_000 } });
    expect(plan).toMatchObject({ endSession: true, stopPlayback: true });
    expect(plan.speech).toBeUndefined();
    expect(plan.reprompt).toBeUndefined();
    expect(plan.state.offsetMs).toBe(60_000);
  });

  it("after a sleep-ending track (finished or spoken) stop is silent too; after a wake track it says goodbye", () => {
    const afterSleep: UserState = { ...emptyState(), visits: 2, lastLocale: "nl-NL", lastTrackId: "ademhaling-short-sleep", updatedAt: new Date(evening - 30 * 60_000).toISOString() };
    expect(turn("Stop", { state: afterSleep, newSession: true }).speech).toBeUndefined();
    expect(turn("Cancel", { state: afterSleep, audioPlayer: false, newSession: true }).speech).toBeUndefined();
    const spoken = turn("StartExercise", { slots: { exercise: "ademhaling", ending: "in bed" }, audioPlayer: false });
    expect(turn("Stop", { state: spoken.state, audioPlayer: false }).speech).toBeUndefined();
    // A day later the sleep track no longer makes it night.
    const yesterday = { ...afterSleep, updatedAt: new Date(evening - 20 * 3_600_000).toISOString() };
    expect(turn("Stop", { state: yesterday, newSession: true }).speech).toBe("Tot de volgende keer.");
    expect(turn("Stop", { playback: { token: "nl-NL|ademhaling-short-wake", offsetMs: 1 } }).speech).toBe("Tot de volgende keer.");
  });

  it("an info piece asked for at night is one item and the session closes: no question, no reprompt", () => {
    const afterSleep: UserState = { ...emptyState(), visits: 2, lastLocale: "nl-NL", lastTrackId: "bodyscan-short-sleep", updatedAt: new Date(evening - 10 * 60_000).toISOString() };
    for (const intent of ["Why", "Tip", "RestMoments", "SeekHelp"] as const) {
      const plan = turn(intent, { state: afterSleep, newSession: true });
      expect(plan.endSession, intent).toBe(true);
      expect(plan.reprompt, intent).toBeUndefined();
      expect(plan.speech, intent).not.toMatch(/Nog eentje|oefening doen/);
      expect(plan.state.info).toBeUndefined();
    }
    // The device's clock, when known: 22:00 in Amsterdam is night, 22:00 UTC-5 is 16:00.
    expect(turn("Why", { timeZone: "Europe/Amsterdam", newSession: true }).endSession).toBe(true);
    expect(turn("Why", { timeZone: "America/New_York", newSession: true }).endSession).toBe(false);
    expect(turn("Why", { timeZone: "Not/AZone", newSession: true }).endSession).toBe(false);
  });
});

describe("the turn loop: load, respond, save if changed", () => {
  function countingStore(initial: Record<string, Record<string, unknown>> = {}) {
    const data = new Map(Object.entries(initial));
    const calls = { get: 0, save: 0 };
    const store: StateStore = {
      get: async (id) => (calls.get++, structuredClone(data.get(id) ?? {})),
      save: async (id, attributes) => void (calls.save++, data.set(id, structuredClone(attributes))),
      delete: async (id) => void data.delete(id),
    };
    return { store, calls, data };
  }
  const request = (intent: CoreIntent, extra: Partial<TurnRequest> = {}): TurnRequest => ({
    locale: "nl-NL", intent, slots: {}, device: { audioPlayer: true }, newSession: false, userKey: "user-1", ...extra,
  });

  it("remembers across turns through the store, and writes only what changed", async () => {
    const { store, calls, data } = countingStore();
    const core = createCore(catalog, config, store);
    await core.turn(request("StartExercise", { slots: { exercise: "ademhaling" }, newSession: true }));
    expect(calls).toEqual({ get: 1, save: 1 });
    expect(data.get("user-1")).toMatchObject({ visits: 1, lastTrackId: "ademhaling-short-wake", offsetMs: 0 });
    // Nothing to remember: no write.
    await core.turn(request("PlaybackNearlyFinished", { playback: { token: "nl-NL|ademhaling-short-wake", offsetMs: 170_000 } }));
    await core.turn(request("Help"));
    expect(calls.save).toBe(1);
    const launch = await core.turn(request("Launch", { newSession: true }));
    expect(launch.speech).toMatch(/^Welkom terug/);
    expect(calls.save).toBe(2);
  });

  it("stored junk is read as a clean state; without a user key nothing is read or written", async () => {
    const { store, calls } = countingStore({ "user-1": { visits: "lots", chunk: "x", pending: { length: 7 }, info: { id: "../x", next: -1 } } });
    const core = createCore(catalog, config, store);
    const plan = await core.turn(request("Launch", { newSession: true }));
    expect(plan.speech).toContain("vervangt geen arts");
    const { userKey: _none, ...anonymous } = request("Launch", { newSession: true });
    await core.turn(anonymous);
    expect(calls).toEqual({ get: 1, save: 1 });
  });

  it("asks the platform for the time zone once a month and remembers it; a failed lookup is not retried every turn", async () => {
    const { store } = countingStore();
    let now = new Date("2026-03-01T21:00:00Z");
    const core = createCore(catalog, { ...config, now: () => now }, store);
    let asked = 0;
    const lookupTimeZone = async () => (asked++, "Europe/Amsterdam");
    const first = await core.turn(request("Why", { newSession: true, lookupTimeZone }));
    // 22:00 in Amsterdam: one item, and the session closes.
    expect(first.endSession).toBe(true);
    expect(first.state).toMatchObject({ timeZone: "Europe/Amsterdam", timeZoneCheckedAt: now.toISOString() });
    now = new Date("2026-03-20T11:00:00Z");
    expect((await core.turn(request("Why", { newSession: true, lookupTimeZone }))).endSession).toBe(false);
    expect(asked).toBe(1);
    now = new Date("2026-04-05T11:00:00Z");
    await core.turn(request("Help", { lookupTimeZone }));
    expect(asked).toBe(2);

    const failing = countingStore();
    const core2 = createCore(catalog, config, failing.store);
    let tries = 0;
    const broken = async () => (tries++, undefined);
    await core2.turn(request("Launch", { newSession: true, lookupTimeZone: broken }));
    await core2.turn(request("Help", { lookupTimeZone: broken }));
    expect(tries).toBe(1);
  });

  it("a chunk heard to its end (the session just timed out) goes on with the next chapter another day", () => {
    const t = track("nl-NL", "bodyscan-short-wake");
    const first = turn("StartExercise", { slots: { exercise: "bodyscan" }, audioPlayer: false, newSession: true });
    const later = turn("Continue", { state: first.state, audioPlayer: false, newSession: true });
    expect(later.speech).toContain(speakBody(t.ssml.alexa[1]!));
  });
});

describe("night", () => {
  it.each([
    ["2026-03-01T21:30:00Z", "Europe/Amsterdam", true],
    ["2026-03-01T04:59:00Z", "Europe/Amsterdam", true],
    ["2026-03-01T05:00:00Z", "Europe/Amsterdam", false],
    ["2026-03-01T12:00:00Z", "Europe/Amsterdam", false],
    ["2026-03-02T03:00:00Z", "America/New_York", true],
    ["2026-03-01T21:30:00Z", undefined, false],
  ] as const)("%s in %s → %s", (at, timeZone, night) => {
    expect(isNight({ now: new Date(at), ...(timeZone ? { timeZone } : {}) })).toBe(night);
  });
});
