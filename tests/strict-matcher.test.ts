// The strict matcher and the corpus loader must be able to say no: unknown names, unknown slot
// values, extra words, the wrong intent or slots, ambiguity and broken corpus files all fail.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusError, loadCorpus, type CorpusEntry } from "./corpus-check/load-corpus.js";
import { committedMatchers, runCorpus, type Matchers } from "./corpus-check/run-corpus.js";
import { spokenNumber } from "./corpus-check/spoken-numbers.js";
import { spokenTime } from "./corpus-check/spoken-times.js";
import { NUMBER_TYPE, StrictMatcher, TIME_TYPE } from "./corpus-check/strict-matcher.js";

let matchers: Matchers;
let temp: string;
beforeAll(async () => {
  matchers = await committedMatchers();
  temp = await mkdtemp(path.join(tmpdir(), "rustpunt-corpus-"));
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

const entry = (say: string, intent: string, slots: CorpusEntry["slots"] = {}, locale: CorpusEntry["locale"] = "nl-NL"): CorpusEntry => ({
  file: "test",
  line: 1,
  topic: "test",
  locale,
  say,
  intent,
  slots,
});

describe("clock times said in words, as AMAZON.TIME resolves them", () => {
  it.each([
    ["half tien", "09:30"],
    ["half een", "12:30"],
    ["acht uur", "08:00"],
    ["twaalf uur", "12:00"],
    ["kwart over zeven", "07:15"],
    ["kwart voor zes", "05:45"],
    ["tien voor half elf", "10:20"],
    ["vijf over half negen", "08:35"],
    ["negen uur 's avonds", "21:00"],
    ["half acht 's ochtends", "07:30"],
    ["twee uur 's nachts", "02:00"],
    ["elf uur 's nachts", "23:00"],
    ["twaalf uur 's nachts", "00:00"],
  ])("nl-NL %s → %s", (said, time) => {
    expect(spokenTime(said.replace("'s", "s").split(" "), "nl-NL")).toBe(time);
  });

  it.each([
    ["seven", "07:00"],
    ["seven pm", "19:00"],
    ["nine thirty", "09:30"],
    ["nine thirty pm", "21:30"],
    ["nine forty five", "09:45"],
    ["seven oh five", "07:05"],
    ["eight o'clock", "08:00"],
    ["half past nine", "09:30"],
    ["quarter to eight", "07:45"],
    ["ten in the evening", "22:00"],
    ["noon", "12:00"],
    ["midnight", "00:00"],
    ["twelve am", "00:00"],
  ])("en-US %s → %s", (said, time) => {
    expect(spokenTime(said.split(" "), "en-US")).toBe(time);
  });

  it("refuses what is not a time said aloud", () => {
    for (const said of ["21:30", "9", "dertien uur", "half", "kwart over", "zeven minuten", "nine thirty five pm extra"]) {
      expect(spokenTime(said.split(" "), said.includes("uur") || said.includes("kwart") || said === "half" || said.includes("minuten") ? "nl-NL" : "en-US"), said).toBeUndefined();
    }
  });

  it("a time slot takes the longest time said, not a part of the day after it", () => {
    const m = new StrictMatcher({
      locale: "nl-NL",
      intents: [{ name: "Remind", slots: { time: TIME_TYPE, part: "PART" }, samples: ["om {time}", "om {time} {part}"] }],
      slotTypes: { PART: [{ id: "evening", phrases: ["'s avonds"] }] },
    });
    expect(m.match("om negen uur 's avonds")).toMatchObject({ kind: "match", slots: { time: "21:00" } });
    expect(m.match("om half tien")).toMatchObject({ kind: "match", slots: { time: "09:30" } });
    expect(m.match("om 21:30").kind).toBe("none");
  });

  it("resolves reminders, yes and no on the generated models of both platforms", () => {
    expect(matchers.alexa["nl-NL"].match("herinner me elke werkdag om kwart voor zes aan een rustmoment")).toMatchObject({
      kind: "match",
      intent: "CreateReminderIntent",
      slots: { days: "weekdays", time: "05:45" },
    });
    expect(matchers.dialogflow["en-US"].match("remind me every monday and thursday at six pm")).toMatchObject({
      kind: "match",
      intent: "create_reminder",
      slots: { days: "MO", moreDays: "TH", time: "18:00" },
    });
    expect(matchers.alexa["en-US"].match("no thanks")).toMatchObject({ kind: "match", intent: "AMAZON.NoIntent" });
    expect(matchers.dialogflow["nl-NL"].match("ja graag")).toMatchObject({ kind: "match", intent: "yes" });
  });
});

describe("strict matcher on the generated models", () => {
  it("resolves a request to its intent and the slot values' ids", () => {
    expect(matchers.alexa["nl-NL"].match("doe maar even de korte buikademhaling voor het slapen gaan")).toMatchObject({
      kind: "match",
      intent: "StartExerciseIntent",
      slots: { exercise: "ademhaling", length: "short", ending: "sleep" },
    });
    expect(matchers.alexa["nl-NL"].match("vijfentwintig minuten bodyscan")).toMatchObject({ kind: "match", slots: { exercise: "bodyscan", minutes: 25 } });
    expect(matchers.dialogflow["en-US"].match("twenty five minutes of breathing")).toMatchObject({ kind: "match", intent: "start_exercise", slots: { minutes: 25 } });
  });

  it("refuses names, slot values and words the model does not have", () => {
    const nl = matchers.alexa["nl-NL"];
    expect(nl.match("doe de yoga").kind).toBe("none");
    expect(nl.match("doe de middellange ademhaling").kind).toBe("none");
    expect(nl.match("doe de ademhaling nu meteen").kind).toBe("none");
    expect(nl.match("ademhaling voor het ontbijt").kind).toBe("none");
    expect(matchers.dialogflow["en-US"].match("do the yoga flow").kind).toBe("none");
    expect(matchers.alexa["en-US"].match("shuffle the playlist").kind).toBe("none");
  });

  it("fails a corpus entry that resolves to the wrong intent or the wrong slots", () => {
    const outcomes = runCorpus(
      [
        entry("doe de bodyscan", "TipIntent"),
        entry("de bodyscan", "StartExerciseIntent", { exercise: "bodyscan", ending: "sleep" }),
        entry("de korte bodyscan", "StartExerciseIntent", { exercise: "bodyscan" }),
        entry("tien minuten ademhaling", "StartExerciseIntent", { exercise: "ademhaling", minutes: 5 }),
        entry("doe de bodyscan", "StartExerciseIntent", { exercise: "bodyscan" }),
      ],
      matchers,
    );
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false, false, false, false, false, false, true, true]);
  });

  it("lets our samples win over a built-in intent's own phrases, and uses those only for declared intents", () => {
    const nl = matchers.alexa["nl-NL"];
    expect(nl.match("ga verder")).toMatchObject({ kind: "match", intent: "ContinueIntent" });
    expect(nl.match("hervat")).toMatchObject({ kind: "match", intent: "AMAZON.ResumeIntent" });
    const bare = new StrictMatcher({ locale: "en-US", intents: [{ name: "A", slots: {}, samples: ["hello"] }], slotTypes: {} });
    expect(bare.match("stop").kind).toBe("none");
  });

  it("reports ambiguity when two samples give different intents or slots", () => {
    const matcher = new StrictMatcher({
      locale: "en-US",
      intents: [
        { name: "A", slots: { x: "T" }, samples: ["play {x}"] },
        { name: "B", slots: {}, samples: ["play music"] },
        { name: "C", slots: { n: NUMBER_TYPE }, samples: ["wait {n} minutes"] },
      ],
      slotTypes: { T: [{ id: "music", phrases: ["music", "songs"] }] },
    });
    expect(matcher.match("play music").kind).toBe("ambiguous");
    expect(matcher.match("play songs")).toMatchObject({ kind: "match", intent: "A", slots: { x: "music" } });
    expect(matcher.match("wait ten minutes")).toMatchObject({ kind: "match", intent: "C", slots: { n: 10 } });
    expect(matcher.match("wait a few minutes").kind).toBe("none");
    expect(() => new StrictMatcher({ locale: "en-US", intents: [{ name: "A", slots: {}, samples: ["play {x}"] }], slotTypes: {} })).toThrow(/does not declare/);
  });

  it("reads numbers as people say them", () => {
    expect(spokenNumber(["tien"], "nl-NL")).toBe(10);
    expect(spokenNumber(["drieëndertig"], "nl-NL")).toBe(33);
    expect(spokenNumber(["vijftien"], "nl-NL")).toBe(15);
    expect(spokenNumber(["twenty", "five"], "en-US")).toBe(25);
    expect(spokenNumber(["fifteen"], "en-US")).toBe(15);
    expect(spokenNumber(["ten"], "nl-NL")).toBeUndefined();
    expect(spokenNumber(["twenty", "twenty"], "en-US")).toBeUndefined();
  });
});

describe("corpus files", () => {
  it("report a wrong file name, intent or slot value with file and line", async () => {
    const dir = path.join(temp, "bad");
    await rm(dir, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(dir));
    await writeFile(path.join(dir, "exercises.nl.yaml"), "- { say: doe de bodyscan, intent: StartExerciseIntent }\n");
    await writeFile(
      path.join(dir, "exercises.nl-NL.yaml"),
      "- { say: doe de bodyscan, intent: StartExerciseIntent }\n- { say: doe de bodyscan, intent: StartExerciseIntent, slots: { length: middel } }\n- { say: '', intent: Tip Intent }\n",
    );
    const error = await loadCorpus(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    const message = (error as Error).message;
    expect(message).toMatch(/exercises\.nl\.yaml: name corpus files <topic>\.<locale>\.yaml/);
    expect(message).toMatch(/exercises\.nl-NL\.yaml:2: .*short/);
    expect(message).toMatch(/exercises\.nl-NL\.yaml:3: say: the request/);
    expect(message).toMatch(/exercises\.nl-NL\.yaml:3: intent: an Alexa intent name/);
  });
});
