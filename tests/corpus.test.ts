// The corpus of natural requests (tests/corpus/*.yaml) against the generated Alexa models and the
// Dialogflow agent, through the strict matcher: every request must resolve to its intent and
// exactly its slots. `npm run corpus` prints the same result as a table.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "../audio-builder/model/script-schema.js";
import { CUSTOM_INTENTS } from "../skill/alexa/interaction-model/model-types.js";
import { SKILL_MANIFEST_FILE } from "../skill/alexa/skill-manifest.js";
import { INTENT_MAP } from "../skill/google/dialogflow-app.js";
import { scheduleFromWish } from "../skill/core/reminders/reminder-schedule.js";
import { INTENT_KEYS, INTENTS, intentByDialogflowName, REMINDER_INTENTS } from "../skill/grammar/intents.js";
import { loadCorpus, type CorpusEntry } from "./corpus-check/load-corpus.js";
import { committedMatchers, describeFailure, runCorpus, summarize, withoutLaunchFrame, type EntryOutcome } from "./corpus-check/run-corpus.js";

let corpus: CorpusEntry[];
let outcomes: EntryOutcome[];

beforeAll(async () => {
  corpus = await loadCorpus();
  outcomes = runCorpus(corpus, await committedMatchers());
});

const inLocale = (locale: Locale): CorpusEntry[] => corpus.filter((e) => e.locale === locale);

describe("the corpus of natural requests", () => {
  it("has at least 300 Dutch and 150 English requests covering every intent people ask for", () => {
    expect(inLocale("nl-NL").length).toBeGreaterThanOrEqual(300);
    expect(inLocale("en-US").length).toBeGreaterThanOrEqual(150);
    const asked = [
      ...Object.values(CUSTOM_INTENTS),
      ...Object.values(REMINDER_INTENTS),
      ...["Help", "Stop", "Cancel", "Pause", "Resume", "Next", "Previous", "StartOver", "Repeat", "Yes", "No"].map((k) => INTENTS[k as keyof typeof INTENTS].alexa!),
    ];
    for (const locale of LOCALES) {
      const intents = new Set(inLocale(locale).map((e) => e.intent));
      for (const intent of asked) expect(intents.has(intent), `${locale}: no request for ${intent}`).toBe(true);
    }
  });

  it("varies the way speech varies: every way to say the sleep ending, one-shot launches, softeners, questions", () => {
    const says = (locale: Locale, filter: (e: CorpusEntry) => boolean = () => true): string[] =>
      inLocale(locale).filter(filter).map((e) => ` ${e.say.toLowerCase()} `);
    const sleep = (e: CorpusEntry): boolean => e.slots.ending === "sleep";
    const wake = (e: CorpusEntry): boolean => e.slots.ending === "wake";
    const expectSaid = (list: string[], phrase: string, what: string): void => {
      expect(list.some((s) => s.includes(` ${phrase} `)), `${what}: "${phrase}"`).toBe(true);
    };
    for (const p of ["voor het slapen", "om in slaap te vallen", "voor het slapengaan", "voor het slapen gaan", "in bed"]) expectSaid(says("nl-NL", sleep), p, "sleep ending");
    for (const p of ["om op te staan", "om wakker te worden"]) expectSaid(says("nl-NL", wake), p, "wake ending");
    for (const p of ["before bed", "to fall asleep", "in bed"]) expectSaid(says("en-US", sleep), p, "sleep ending");
    for (const p of ["to wake up", "to get up"]) expectSaid(says("en-US", wake), p, "wake ending");
    for (const p of ["te starten", "te doen", "te beginnen"]) expectSaid(says("nl-NL", (e) => e.say.startsWith("vraag rustpunt om")), p, "one-shot");
    for (const p of ["maar", "even", "eens", "graag", "alsjeblieft", "kan ik", "mag ik", "heb je"]) expectSaid(says("nl-NL"), p, "softener or question");
    for (const p of ["ask rustpunt to", "please", "can i", "i keep", "what should i do if", "when should i see a doctor"]) expectSaid(says("en-US"), p, "one-shot, softener or question");
    // Requests without a verb: only the exercise and its modifiers.
    expect(says("nl-NL").filter((s) => /^ (de |een )?(korte |lange )?[a-z]+ (kort |lang )?(voor|om|in) /.test(s)).length).toBeGreaterThan(5);
  });

  for (const platform of ["alexa", "dialogflow"] as const) {
    for (const locale of LOCALES) {
      it(`every ${locale} request resolves to its intent and slots on ${platform === "alexa" ? "the Alexa model" : "the Dialogflow agent"}`, () => {
        const mine = outcomes.filter((o) => o.platform === platform && o.entry.locale === locale);
        expect(mine.length).toBeGreaterThan(100);
        const failures = mine.filter((o) => !o.ok).map(describeFailure);
        expect(failures, `${failures.length} requests do not resolve (npm run corpus):\n${failures.join("\n")}`).toEqual([]);
      });
    }
  }

  it("reminder times are canonical: HH:MM as AMAZON.TIME resolves them, never the words", () => {
    const timed = corpus.filter((e) => e.slots.time !== undefined);
    expect(timed.length).toBeGreaterThan(50);
    for (const e of timed) expect(String(e.slots.time), `${e.file}:${e.line}`).toMatch(/^(?:[01]\d|2[0-3]):[0-5]\d$/);
  });

  it("the core turns the reminder slots the corpus resolves to into the schedule the words mean", () => {
    const schedule = (say: string, locale: Locale) => {
      const entry = inLocale(locale).find((e) => e.say === say);
      expect(entry, say).toBeDefined();
      const { time, days, moreDays, partOfDay, exercise } = entry!.slots as Record<string, string | undefined>;
      return scheduleFromWish({ time, days: [days, moreDays].filter((d): d is string => d !== undefined), partOfDay, exercise });
    };
    const everyDay = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    expect(schedule("herinner me elke avond om half tien aan een rustmoment", "nl-NL")).toEqual({ ok: true, schedule: { days: everyDay, time: "21:30" } });
    expect(schedule("herinner me elke werkdag om zeven uur 's avonds", "nl-NL")).toEqual({ ok: true, schedule: { days: ["MO", "TU", "WE", "TH", "FR"], time: "19:00" } });
    expect(schedule("herinner me elke middag om kwart over een aan de ademhaling", "nl-NL")).toEqual({ ok: true, schedule: { days: everyDay, time: "13:15", exercise: "ademhaling" } });
    expect(schedule("herinner me elke maandag en donderdag om acht uur", "nl-NL")).toEqual({ ok: true, schedule: { days: ["MO", "TH"], time: "08:00" } });
    expect(schedule("remind me every evening at nine thirty to relax", "en-US")).toEqual({ ok: true, schedule: { days: everyDay, time: "21:30" } });
    expect(schedule("herinner me elke avond aan een rustmoment", "nl-NL")).toEqual({ ok: false, missing: "time", partOfDay: "evening" });
  });

  it("summarizes requests per intent, locale and platform", () => {
    const table = summarize(outcomes);
    expect(table).toMatch(/^StartExerciseIntent\s+\d+\/\d+/m);
    expect(table.split("\n")[0]).toContain("nl-NL dialogflow");
  });

  it("the skill's example phrases in skill.json resolve on the model, as certification requires", async () => {
    const { manifest } = JSON.parse(await readFile(SKILL_MANIFEST_FILE, "utf8")) as {
      manifest: { publishingInformation: { locales: Record<string, { examplePhrases: string[] }> } };
    };
    const matchers = await committedMatchers();
    for (const locale of LOCALES) {
      for (const phrase of manifest.publishingInformation.locales[locale]!.examplePhrases) {
        const request = phrase.replace(/^alexa,?\s*/i, "");
        if (/^open rustpunt$/i.test(request)) continue;
        expect(matchers.alexa[locale].match(withoutLaunchFrame(request, locale)).kind, phrase).toBe("match");
      }
    }
  });

  it("strips Alexa's launch phrase as Alexa does", () => {
    expect(withoutLaunchFrame("Vraag Rustpunt om de bodyscan te doen.", "nl-NL")).toBe("de bodyscan te doen");
    expect(withoutLaunchFrame("vraag rustpunt wanneer ik hulp moet zoeken", "nl-NL")).toBe("wanneer ik hulp moet zoeken");
    expect(withoutLaunchFrame("ask rustpunt for a tip", "en-US")).toBe("a tip");
    expect(withoutLaunchFrame("the body scan", "en-US")).toBe("the body scan");
  });
});

describe("intent names across platforms", () => {
  it("the grammar's Dialogflow names are the ones dialogflow-app.ts maps, to the same core intents", () => {
    for (const [name, core] of Object.entries(INTENT_MAP)) {
      const key = intentByDialogflowName(name);
      expect(key, `${name} has no entry in skill/grammar/intents.ts`).toBeDefined();
      expect(key).toBe(core);
    }
    for (const key of INTENT_KEYS) {
      const df = INTENTS[key].dialogflow;
      if (df !== null) expect(Object.keys(INTENT_MAP), key).toContain(df);
    }
  });

  it("every custom Alexa intent the handlers know is in the table", () => {
    const alexa = INTENT_KEYS.map((k) => INTENTS[k].alexa);
    for (const name of Object.values(CUSTOM_INTENTS)) expect(alexa).toContain(name);
  });
});
