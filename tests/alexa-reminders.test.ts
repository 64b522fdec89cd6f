// Issue 17 at its boundary: conversations through the real Alexa handler (skill-builder.ts) with
// request envelopes shaped as Alexa sends them, whose context.System.apiEndpoint and
// apiAccessToken point at a loopback server that answers as the Reminders and settings APIs are
// documented. ask-sdk-core's DefaultApiClient makes real HTTP calls to it; state lives in the real
// file store.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Skill } from "ask-sdk-core";
import type { RequestEnvelope, ResponseEnvelope } from "ask-sdk-model";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SkillCatalog } from "../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import { createAlexaSkill } from "../skill/alexa/skill-builder.js";
import { FileStateStore } from "../skill/persistence/file-persistence.js";
import { startFakeAlexaApi, type FakeAlexaApi } from "./helpers/alexa-reminders-server.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";

const SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";
const DEVICE = "amzn1.ask.device.AFAKEDEVICE";
const NOW = new Date("2026-12-03T14:00:00Z"); // 15:00 in Amsterdam: daytime, not the quiet hours

let catalog: SkillCatalog;
let stateDir: string;
let api: FakeAlexaApi;
let skill: Skill;
let logs: string[];

beforeAll(async () => {
  catalog = await skillCatalogFromScripts({ lengths: ["short"], endings: ["wake"] });
  stateDir = await mkdtemp(path.join(tmpdir(), "rustpunt-reminders-"));
});
afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});
beforeEach(async () => {
  api = await startFakeAlexaApi();
  api.timeZones.set(DEVICE, "Europe/Amsterdam");
  logs = [];
  skill = createAlexaSkill({
    config: { audioBaseUrl: "https://audio.rustpunt.test/", stateDir },
    catalog,
    store: new FileStateStore(stateDir),
    log: (line) => logs.push(line),
    now: () => NOW,
    reminders: { service: { now: () => NOW, backoffMs: 30, callTimeoutMs: 800, budgetMs: 2500 } },
  });
});
afterEach(async () => {
  await api.close();
});

interface Person {
  userId: string;
  locale: Locale;
  granted: boolean;
}

function person(locale: Locale = "nl-NL", granted = true): Person {
  return { userId: `amzn1.ask.account.${randomUUID()}`, locale, granted };
}

type SlotSpec = Record<string, string | { value: string; id: string }>;

function envelope(who: Person, request: Record<string, unknown>): RequestEnvelope {
  const user = { userId: who.userId, ...(who.granted ? { permissions: { consentToken: "consent-token" } } : {}) };
  return {
    version: "1.0",
    session: { new: false, sessionId: "amzn1.echo-api.session.1", application: { applicationId: SKILL_ID }, user, attributes: {} },
    context: {
      System: {
        application: { applicationId: SKILL_ID },
        user,
        device: { deviceId: DEVICE, supportedInterfaces: { AudioPlayer: {} } },
        apiEndpoint: api.endpoint,
        apiAccessToken: api.token,
      },
    },
    request: { requestId: `amzn1.echo-api.request.${randomUUID()}`, timestamp: NOW.toISOString(), locale: who.locale, ...request },
  } as unknown as RequestEnvelope;
}

function intent(who: Person, name: string, slots: SlotSpec = {}): Promise<ResponseEnvelope> {
  const alexaSlots = Object.fromEntries(
    Object.entries(slots).map(([slot, v]) => {
      if (typeof v === "string") return [slot, { name: slot, value: v, confirmationStatus: "NONE" }];
      const authority = `amzn1.er-authority.echo-sdk.${SKILL_ID}.${slot}`;
      return [slot, { name: slot, value: v.value, confirmationStatus: "NONE", resolutions: { resolutionsPerAuthority: [{ authority, status: { code: "ER_SUCCESS_MATCH" }, values: [{ value: { name: v.value, id: v.id } }] }] } }];
    }),
  );
  return skill.invoke(envelope(who, { type: "IntentRequest", dialogState: "STARTED", intent: { name, confirmationStatus: "NONE", slots: alexaSlots } }));
}

function consentAnswer(who: Person, status: string): Promise<ResponseEnvelope> {
  return skill.invoke(
    envelope(who, {
      type: "Connections.Response",
      name: "AskFor",
      status: { code: "200", message: "OK" },
      token: "",
      payload: { permissions: [{ scope: "alexa::alerts:reminders:skill:readwrite", status }] },
    }),
  );
}

function said(r: ResponseEnvelope): string {
  const speech = r.response.outputSpeech as { ssml?: string } | undefined;
  return (speech?.ssml ?? "").replace(/<[^>]+>/g, "");
}

const reminderCalls = () => api.calls.filter((c) => c.path.startsWith("/v1/alerts/reminders"));
const posts = () => api.calls.filter((c) => c.method === "POST");
type Body = { requestTime: string; trigger: { timeZoneId: string; recurrence: { startDateTime: string; recurrenceRules: string[] } }; alertInfo: { spokenInfo: { content: { locale: string; text: string }[] } } };
const body = (i: number) => posts()[i]!.body as Body;

const evening = { value: "avond", id: "evening" };

describe("creating a reminder", () => {
  it("'herinner me elke avond om half tien aan een rustmoment': a daily reminder at 21:30 in the device's zone, confirmed in words", async () => {
    const who = person();
    const r = await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(r)).toBe("Goed. Ik herinner je elke avond om half tien aan een rustmoment.");
    expect(said(r)).not.toMatch(/UTC|\d/);
    expect(r.response.shouldEndSession).toBe(true);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.authorization).toBe(`Bearer ${api.token}`);
    const b = body(0);
    expect(b.trigger.timeZoneId).toBe("Europe/Amsterdam");
    expect(b.trigger.recurrence.recurrenceRules).toEqual(["FREQ=DAILY;BYHOUR=21;BYMINUTE=30;BYSECOND=0;INTERVAL=1"]);
    // Local times without an offset: 14:00 UTC is 15:00 in Amsterdam.
    expect(b.requestTime).toBe("2026-12-03T15:00:00.000");
    expect(b.trigger.recurrence.startDateTime).toBe("2026-12-03T00:00:00.000");
    expect(b.alertInfo.spokenInfo.content).toEqual([{ locale: "nl-NL", text: "Tijd voor een rustmoment. Zeg: Alexa, open Rustpunt." }]);
    expect(api.calls.some((c) => c.path === `/v2/devices/${DEVICE}/settings/System.timeZone`)).toBe(true);
  });

  it("'zet een herinnering voor de ademhaling om acht uur': every day at 8, naming the exercise", async () => {
    const r = await intent(person(), "CreateReminderIntent", { exercise: { value: "ademhaling", id: "ademhaling" }, time: "08:00" });
    expect(said(r)).toBe("Goed. Ik herinner je elke ochtend om acht uur aan Rustig ademen.");
    expect(body(0).trigger.recurrence.recurrenceRules).toEqual(["FREQ=DAILY;BYHOUR=8;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]);
    expect(body(0).alertInfo.spokenInfo.content[0]!.text).toBe("Tijd voor een rustmoment: Rustig ademen. Zeg: Alexa, open Rustpunt.");
  });

  it("'remind me every weekday at 7 pm to relax': weekly on Monday to Friday, in the device's own zone", async () => {
    api.timeZones.set(DEVICE, "America/Los_Angeles");
    const r = await intent(person("en-US"), "CreateReminderIntent", { days: { value: "weekday", id: "weekdays" }, time: "19:00" });
    expect(said(r)).toBe("OK. I'll remind you every weekday at 7 PM to take a moment of rest.");
    const b = body(0);
    expect(b.trigger.timeZoneId).toBe("America/Los_Angeles");
    expect(b.trigger.recurrence.recurrenceRules).toEqual(["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=19;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]);
    expect(b.requestTime).toBe("2026-12-03T06:00:00.000");
    expect(b.alertInfo.spokenInfo.content).toEqual([{ locale: "en-US", text: "Time for a moment of rest. Say: Alexa, open Rustpunt." }]);
  });

  it("chosen days: 'op maandag en donderdag om kwart over acht 's avonds'", async () => {
    const r = await intent(person(), "CreateReminderIntent", { days: { value: "maandag", id: "MO" }, moreDays: { value: "donderdag", id: "TH" }, time: "20:15" });
    expect(said(r)).toBe("Goed. Ik herinner je elke maandag en donderdag om kwart over acht 's avonds aan een rustmoment.");
    expect(body(0).trigger.recurrence.recurrenceRules).toEqual(["FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=20;BYMINUTE=15;BYSECOND=0;INTERVAL=1"]);
  });

  it("asks for the time when none was said, then completes the same request", async () => {
    const who = person();
    const first = await intent(who, "CreateReminderIntent", { partOfDay: evening });
    expect(said(first)).toContain("Hoe laat");
    expect(first.response.shouldEndSession).toBe(false);
    expect(reminderCalls()).toHaveLength(0);
    const second = await intent(who, "CreateReminderIntent", { time: "09:30" });
    expect(said(second)).toContain("elke avond om half tien");
    expect(body(0).trigger.recurrence.recurrenceRules[0]).toContain("BYHOUR=21;BYMINUTE=30");
  });

  it("makes no reminder without a zone, and then uses the zone the skill remembers (asked once a month)", async () => {
    const who = person();
    // Down for the turn's own lookup and for the reminder's second try in the same turn.
    api.failures.push({ path: /System\.timeZone/, status: 500 }, { path: /System\.timeZone/, status: 500 });
    const r = await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(r)).toContain("niet bereikbaar");
    expect(said(r)).toContain("de oefeningen werken gewoon");
    expect(posts()).toHaveLength(0);
    // A reminder without a known zone asks again and learns it; after that the skill keeps the
    // zone and does not ask the settings API on every turn.
    await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    const known = api.timeZones.get(DEVICE);
    api.timeZones.set(DEVICE, "Europe/Lisbon");
    try {
      const again = await intent(who, "CreateReminderIntent", { time: "07:00" });
      expect(said(again)).toContain("elke ochtend om zeven uur");
      expect(body(1).trigger.timeZoneId).toBe("Europe/Amsterdam");
    } finally {
      if (known) api.timeZones.set(DEVICE, known);
    }
  });
});

describe("consent", () => {
  it("asks by voice with Connections.SendRequest AskFor when the permission is missing, then creates the reminder once accepted", async () => {
    const who = person("nl-NL", false);
    const r = await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(reminderCalls()).toHaveLength(0);
    expect(said(r)).toBe("Daarvoor heb ik je toestemming nodig.");
    expect(r.response.directives).toEqual([
      {
        type: "Connections.SendRequest",
        name: "AskFor",
        payload: {
          "@type": "AskForPermissionsConsentRequest",
          "@version": "2",
          permissionScopes: [{ permissionScope: "alexa::alerts:reminders:skill:readwrite", consentLevel: "ACCOUNT" }],
        },
        token: "",
      },
    ]);
    expect(r.response.reprompt).toBeUndefined();
    const answer = await consentAnswer({ ...who, granted: true }, "ACCEPTED");
    expect(said(answer)).toBe("Goed. Ik herinner je elke avond om half tien aan een rustmoment.");
    expect(posts()).toHaveLength(1);
  });

  it("DENIED: no reminder, a kind word and the page's calendar", async () => {
    const who = person("nl-NL", false);
    await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    const answer = await consentAnswer(who, "DENIED");
    expect(said(answer)).toContain("Plan je rustmoment");
    expect(answer.response.card).toBeUndefined();
    expect(reminderCalls()).toHaveLength(0);
  });

  it("NOT_ANSWERED: the permissions card as the fallback", async () => {
    const who = person("en-US", false);
    await intent(who, "CreateReminderIntent", { time: "21:00" });
    const answer = await consentAnswer(who, "NOT_ANSWERED");
    expect(answer.response.card).toEqual({ type: "AskForPermissionsConsent", permissions: ["alexa::alerts:reminders:skill:readwrite"] });
    expect(said(answer)).toContain("card in the Alexa app");
    expect(reminderCalls()).toHaveLength(0);
  });

  it("revoked (403 from the API although a consent token came): the card, kindly", async () => {
    api.permission = false;
    const r = await intent(person(), "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(r)).toContain("kaart");
    expect(r.response.card).toEqual({ type: "AskForPermissionsConsent", permissions: ["alexa::alerts:reminders:skill:readwrite"] });
  });
});

describe("errors", () => {
  it("429: one retry after a back-off, then it works", async () => {
    api.failures.push({ path: /\/v1\/alerts\/reminders$/, status: 429 });
    const r = await intent(person(), "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(r)).toContain("elke avond om half tien");
    expect(posts()).toHaveLength(2);
    expect(logs.some((l) => l.includes("throttled (429)"))).toBe(true);
  });

  it("429 twice: no third try, a short 'busy' answer", async () => {
    api.failures.push({ path: /\/v1\/alerts\/reminders$/, status: 429 }, { path: /\/v1\/alerts\/reminders$/, status: 429 });
    const r = await intent(person("en-US"), "CreateReminderIntent", { time: "21:00" });
    expect(said(r)).toContain("busy");
    expect(posts()).toHaveLength(2);
  });

  it("too many reminders: the service's limit (MAX_REMINDERS_EXCEEDED) is said plainly", async () => {
    api.limit = 0;
    const r = await intent(person(), "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(r)).toContain("te veel herinneringen");
  });

  it("the API down (503, or nothing listening): a kind answer, and the exercises still play", async () => {
    const who = person();
    api.failures.push({ path: /\/v1\/alerts\/reminders$/, status: 503 });
    const r = await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(r)).toContain("niet bereikbaar");
    await api.close();
    const refused = await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    expect(said(refused)).toContain("niet bereikbaar");
    const play = await intent(who, "StartExerciseIntent", { exercise: { value: "ademhaling", id: "ademhaling" } });
    expect(play.response.directives?.[0]?.type).toBe("AudioPlayer.Play");
    api = await startFakeAlexaApi(); // for afterEach
  });
});

describe("list, change and stop: only Rustpunt's own reminders", () => {
  it("lists, moves to nine (keeping the evening), and stops, never touching another skill's reminder", async () => {
    const who = person();
    const foreign = api.addForeignAlert();
    await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    await intent(who, "CreateReminderIntent", { days: { value: "werkdag", id: "weekdays" }, time: "07:00", exercise: { value: "bodyscan", id: "bodyscan" } });

    const list = await intent(who, "ListRemindersIntent");
    expect(said(list)).toBe("Je hebt 2 herinneringen van Rustpunt: elke avond om half tien en elke werkdag om zeven uur 's ochtends (Bodyscan). Wat wil je doen?");

    const change = await intent(who, "ChangeReminderIntent", { time: "09:00" });
    const put = api.calls.find((c) => c.method === "PUT")!;
    expect(said(change)).toBe("Goed. Je herinnering is nu elke werkdag om negen uur 's ochtends.");
    expect((put.body as Body).trigger.recurrence.recurrenceRules).toEqual(["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]);

    const stop = await intent(who, "DeleteRemindersIntent");
    expect(said(stop)).toBe("Goed, je herinneringen van Rustpunt zijn gestopt.");
    const deleted = api.calls.filter((c) => c.method === "DELETE").map((c) => c.path);
    expect(deleted).toHaveLength(2);
    expect(deleted.some((p) => p.includes(foreign))).toBe(false);
    expect(api.alerts.has(foreign)).toBe(true);

    const none = await intent(who, "ListRemindersIntent");
    expect(said(none)).toContain("geen herinneringen van Rustpunt");
  });

  it("'verander mijn herinnering naar negen uur' keeps an evening reminder in the evening", async () => {
    const who = person();
    await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    const change = await intent(who, "ChangeReminderIntent", { time: "09:00" });
    expect(said(change)).toBe("Goed. Je herinnering is nu elke avond om negen uur.");
  });

  it("a reminder deleted in the Alexa app drops out of the list, and changing it says it is gone", async () => {
    const who = person();
    await intent(who, "CreateReminderIntent", { partOfDay: evening, time: "09:30" });
    api.alerts.clear();
    const change = await intent(who, "ChangeReminderIntent", { time: "10:00" });
    expect(said(change)).toContain("er niet meer");
    const list = await intent(who, "ListRemindersIntent");
    expect(said(list)).toContain("geen herinneringen van Rustpunt");
  });
});
