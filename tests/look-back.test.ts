// Issue 17, section 3: the gentle look back, through the conversation core with a pinned clock,
// and through the Google webhook app (both platforms answer it); plus the bounded state it keeps.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SkillCatalog, SkillCatalogTrack } from "../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import type { CoreIntent, PlaybackReport, ResponsePlan, UserState } from "../skill/core/conversation-types.js";
import { KEPT_DAYS } from "../skill/core/look-back.js";
import { formatToken } from "../skill/core/playback-token.js";
import { respond } from "../skill/core/respond.js";
import { createCore } from "../skill/core/turn-loop.js";
import { emptyState, parseUserState } from "../skill/core/user-state.js";
import { createDialogflowApp, handleWebhook } from "../skill/google/dialogflow-app.js";
import { FileStateStore } from "../skill/persistence/file-persistence.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";

let catalog: SkillCatalog;
let track: SkillCatalogTrack;
let other: SkillCatalogTrack;

beforeAll(async () => {
  catalog = await skillCatalogFromScripts({ lengths: ["short"], endings: ["wake"] });
  track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.exercise === "ademhaling")!;
  other = catalog.tracks.find((t) => t.locale === "nl-NL" && t.exercise === "bodyscan")!;
});

/** The device's zone, as Alexa's settings API tells the turn loop. */
const TIME_ZONE: Record<Locale, string> = { "nl-NL": "Europe/Amsterdam", "en-US": "America/New_York" };

/** One turn at a pinned time (UTC); returns the plan. */
function turn(state: UserState, intent: CoreIntent, at: string, playback?: PlaybackReport, locale: Locale = "nl-NL"): ResponsePlan {
  return respond(
    { locale, intent, slots: {}, state, device: { audioPlayer: true, timeZone: TIME_ZONE[locale] }, newSession: false, ...(playback ? { playback } : {}) },
    catalog,
    { audioBaseUrl: "https://audio.rustpunt.test/", now: () => new Date(at) },
  );
}

const at = (t: SkillCatalogTrack, offsetMs: number): PlaybackReport => ({ token: formatToken({ locale: t.locale, trackId: t.id }), offsetMs });
const spoken = (plan: ResponsePlan) => (plan.speech ?? "").replace(/<[^>]+>/g, "");

describe("counting relaxed days", () => {
  it("counts a finished exercise and one stopped near its end, not one stopped early, each track once a day", () => {
    let state = emptyState();
    state = turn(state, "PlaybackFinished", "2026-12-01T19:00:00Z", at(track, track.durationMs)).state;
    state = turn(state, "PlaybackFinished", "2026-12-01T19:30:00Z", at(track, track.durationMs)).state; // same track, same day
    state = turn(state, "Stop", "2026-12-02T19:00:00Z", at(other, Math.round(other.durationMs * 0.9))).state;
    state = turn(state, "Stop", "2026-12-03T19:00:00Z", at(track, Math.round(track.durationMs * 0.3))).state;
    expect(state.relaxDays).toEqual([
      { day: "2026-12-01", count: 1 },
      { day: "2026-12-02", count: 1 },
    ]);
  });

  it("uses the person's local day: 23:30 in Amsterdam on the 1st is the 1st, though it is the 1st in UTC too; 00:30 is the 2nd", () => {
    let state = emptyState();
    state = turn(state, "PlaybackFinished", "2026-12-01T23:30:00Z", at(track, track.durationMs)).state; // 00:30 on the 2nd in Amsterdam
    expect(state.relaxDays).toEqual([{ day: "2026-12-02", count: 1 }]);
  });

  it("keeps at most 31 days, and stored junk becomes a clean list", () => {
    let state = emptyState();
    for (let d = 0; d < 45; d++) {
      const day = new Date(Date.UTC(2026, 9, 1 + d, 12)).toISOString();
      state = turn(state, "PlaybackFinished", day, at(track, track.durationMs)).state;
    }
    expect(state.relaxDays!.length).toBeLessThanOrEqual(KEPT_DAYS);
    expect(state.relaxDays!.at(-1)).toEqual({ day: "2026-11-14", count: 1 });
    expect(JSON.stringify(state).length).toBeLessThan(2000);
    const parsed = parseUserState({ relaxDays: [{ day: "nonsense", count: 3 }, { day: "2026-12-01", count: -1 }, { day: "2026-12-02", count: 2 }, "x"], countedPlay: 5 });
    expect(parsed.relaxDays).toEqual([{ day: "2026-12-02", count: 2 }]);
    expect(parsed.countedPlay).toBeUndefined();
  });
});

describe("'hoe vaak heb ik deze week ontspannen?'", () => {
  function withDays(days: [string, number][]): UserState {
    return parseUserState({ visits: 3, relaxDays: days.map(([day, count]) => ({ day, count })) });
  }

  it("the last 7 and 30 days, kindly, with no streak and no target", () => {
    const state = withDays([["2026-11-10", 1], ["2026-11-28", 1], ["2026-12-01", 2], ["2026-12-03", 1]]);
    const plan = turn(state, "LookBack", "2026-12-03T15:00:00Z");
    expect(spoken(plan)).toBe(
      "In de afgelopen zeven dagen heb je op 3 dagen ontspannen, 4 oefeningen in totaal. In de afgelopen dertig dagen op 4 dagen. Fijn dat je tijd voor jezelf neemt. Wil je nu een oefening doen?",
    );
    expect(spoken(plan)).not.toMatch(/op rij|streak|gemist|moet/i);
    expect(plan.endSession).toBe(false);
  });

  it("nothing this week: no guilt", () => {
    const plan = turn(withDays([["2026-11-20", 1]]), "LookBack", "2026-12-03T15:00:00Z");
    expect(spoken(plan)).toBe("Deze week nog niet. In de afgelopen dertig dagen heb je op één dag ontspannen. Wil je nu een oefening doen?");
  });

  it("English, and nothing at all", () => {
    const plan = turn(emptyState(), "LookBack", "2026-12-03T15:00:00Z", undefined, "en-US");
    expect(spoken(plan)).toBe("I haven't heard an exercise from you in the last thirty days. Any moment is a good moment to start. Would you like to do an exercise now?");
  });

  it("at night the answer is short and ends the conversation", () => {
    const plan = turn(withDays([["2026-12-03", 1]]), "LookBack", "2026-12-03T22:30:00Z");
    expect(spoken(plan)).not.toContain("Wil je");
    expect(plan.endSession).toBe(true);
    expect(plan.reprompt).toBeUndefined();
  });
});

describe("Google (Dialogflow ES)", () => {
  let dir: string;
  let store: FileStateStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-lookback-google-"));
    store = new FileStateStore(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function ask(intent: string, languageCode: string): Promise<string> {
    const welcome = JSON.parse(await readFile(path.resolve(import.meta.dirname, "fixtures/dialogflow/welcome.json"), "utf8"));
    welcome.queryResult.intent.displayName = intent;
    welcome.queryResult.languageCode = languageCode;
    welcome.originalDetectIntentRequest.payload.user.userStorage = JSON.stringify({ data: { rustpuntId: "3f1c2b7e-9a4d-4c5e-8b6f-0a1b2c3d4e5f" } });
    const core = createCore(catalog, { audioBaseUrl: "https://audio.rustpunt.test/", now: () => new Date("2026-12-03T15:00:00Z") }, store);
    const app = createDialogflowApp({ core, catalog, log: () => {} });
    const out = await handleWebhook(app, welcome, {});
    expect(out.status).toBe(200);
    return String(out.body.fulfillmentText ?? "");
  }

  it("answers the look back", async () => {
    await store.save("google:3f1c2b7e-9a4d-4c5e-8b6f-0a1b2c3d4e5f", { visits: 1, tipIndex: 0, relaxDays: [{ day: "2026-12-02", count: 1 }] });
    expect(await ask("look_back", "nl")).toContain("In de afgelopen zeven dagen heb je op één dag ontspannen");
  });

  it("says honestly that it cannot set reminders, and points to the page's calendar", async () => {
    expect(await ask("create_reminder", "nl")).toContain("Plan je rustmoment");
    expect(await ask("list_reminders", "en")).toContain("Plan a moment of rest");
  });
});
