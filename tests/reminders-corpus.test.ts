// Issue 17: the reminder and look-back requests of tests/corpus/ against the generated interaction
// models: every request is said by one of its intent's samples, the words in each slot resolve to
// the canonical value the corpus gives (custom slot types by value or synonym, AMAZON.TIME left to
// Alexa), and the core turns the slots into the schedule the words mean.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Locale } from "../audio-builder/model/script-schema.js";
import { modelPath, spoken } from "../skill/alexa/interaction-model/generate-model.js";
import type { InteractionModel } from "../skill/alexa/interaction-model/model-types.js";
import { scheduleFromWish } from "../skill/core/reminders/reminder-schedule.js";

interface Entry {
  say: string;
  intent: string;
  slots: Record<string, string>;
}

const CORPUS = path.resolve(import.meta.dirname, "corpus");
const FILES: [string, Locale, number][] = [
  ["reminders.nl-NL.yaml", "nl-NL", 40],
  ["reminders.en-US.yaml", "en-US", 20],
  ["lookback.nl-NL.yaml", "nl-NL", 5],
  ["lookback.en-US.yaml", "en-US", 5],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each sample as a regex with one named group per slot. */
function patterns(model: InteractionModel, intent: string): { sample: string; regex: RegExp; slots: string[] }[] {
  const found = model.interactionModel.languageModel.intents.find((i) => i.name === intent);
  if (!found) throw new Error(`${intent} is not in the model`);
  return found.samples.map((sample) => {
    const slots: string[] = [];
    const source = sample
      .split(/(\{[a-zA-Z]+\})/)
      .map((part) => {
        const slot = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
        if (!slot) return escape(part);
        slots.push(slot);
        return `(?<${slot}>.+?)`;
      })
      .join("");
    return { sample, regex: new RegExp(`^${source}$`), slots };
  });
}

/** id of a custom slot type's value whose value or synonym is exactly these words. */
function resolve(model: InteractionModel, intent: string, slot: string, words: string): string | undefined {
  const lm = model.interactionModel.languageModel;
  const type = lm.intents.find((i) => i.name === intent)?.slots?.find((s) => s.name === slot)?.type;
  if (!type || type.startsWith("AMAZON.")) return undefined;
  const values = lm.types.find((t) => t.name === type)?.values ?? [];
  return values.find((v) => [v.name.value, ...(v.name.synonyms ?? [])].includes(spoken(words)))?.id;
}

describe.each(FILES)("tests/corpus/%s", (file, locale, minimum) => {
  it(`has at least ${minimum} requests, each said by a sample of its intent with the canonical slot values`, async () => {
    const entries = parse(await readFile(path.join(CORPUS, file), "utf8")) as Entry[];
    const model = JSON.parse(await readFile(modelPath(locale), "utf8")) as InteractionModel;
    expect(entries.length).toBeGreaterThanOrEqual(minimum);
    const problems: string[] = [];
    for (const entry of entries) {
      const said = entry.say.toLowerCase();
      const matches = patterns(model, entry.intent).flatMap(({ sample, regex, slots }) => {
        const m = regex.exec(said);
        if (!m) return [];
        // The corpus names the slots Alexa fills; time words such as "'s avonds" may sit inside {time}.
        if (slots.slice().sort().join() !== Object.keys(entry.slots).sort().join()) return [];
        const wrong = slots.filter((slot) => {
          const id = resolve(model, entry.intent, slot, m.groups![slot]!);
          return id !== undefined ? id !== entry.slots[slot] : slot !== "time";
        });
        return wrong.length === 0 ? [sample] : [];
      });
      if (matches.length === 0) problems.push(`"${entry.say}" (${entry.intent} ${JSON.stringify(entry.slots)})`);
      if (entry.slots.time !== undefined) expect(entry.slots.time).toMatch(/^(?:[01]\d|2[0-3]):[0-5]\d$/);
    }
    expect(problems).toEqual([]);
  });
});

describe("what the core makes of the corpus' slots", () => {
  it.each([
    [{ partOfDay: "evening", time: "09:30" }, { days: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], time: "21:30" }],
    [{ days: ["weekdays"], time: "19:00" }, { days: ["MO", "TU", "WE", "TH", "FR"], time: "19:00" }],
    [{ partOfDay: "afternoon", time: "01:15" }, { days: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], time: "13:15" }],
    [{ days: ["MO", "TH"], time: "08:00" }, { days: ["MO", "TH"], time: "08:00" }],
    [{ time: "EV" }, undefined],
    [{ partOfDay: "night", time: "12:00" }, { days: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], time: "00:00" }],
  ])("%j → %j", (wish, schedule) => {
    const result = scheduleFromWish(wish);
    if (schedule === undefined) expect(result).toEqual({ ok: false, missing: "time", partOfDay: "evening" });
    else expect(result).toEqual({ ok: true, schedule });
  });
});
