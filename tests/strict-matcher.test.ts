// The strict matcher and the corpus loader must be able to say no: unknown names, unknown slot
// values, extra words, the wrong intent or slots, ambiguity and broken corpus files all fail.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusError, loadCorpus, type CorpusEntry } from "./corpus-check/load-corpus.js";
import { committedMatchers, runCorpus, type Matchers } from "./corpus-check/run-corpus.js";
import { spokenNumber } from "./corpus-check/spoken-numbers.js";
import { NUMBER_TYPE, StrictMatcher } from "./corpus-check/strict-matcher.js";

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
