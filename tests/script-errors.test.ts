// One test per kind of mistake a writer can make. Each starts from the valid fixture tree
// (tests/helpers/script-fixtures.ts), changes one thing, and checks the whole problem list:
// file, 1-based line and column, field, and the part of the message that says what to do.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadScripts, type ScriptProblem } from "../audio-builder/model/load-scripts.js";
import { edit, exerciseYaml, infoYaml, removeFixtures, writeScripts } from "./helpers/script-fixtures.js";

afterEach(removeFixtures);

const NL_EXERCISE = "nl-NL/ademhaling.yaml";
const nlExercise = exerciseYaml("nl-NL");

async function problemsAfter(changes: Record<string, string | null>) {
  const dir = await writeScripts(changes);
  const { problems } = await loadScripts(dir);
  const problem = (file: string, line: number, column: number, field: string, message: string): ScriptProblem => ({
    file: path.join(dir, file),
    line,
    column,
    field,
    message: expect.stringContaining(message) as unknown as string,
  });
  return { dir, problems, problem };
}

/** Shorthand for the common case: one edit to the Dutch exercise. */
const exerciseEdit = (from: string, to: string) => problemsAfter({ [NL_EXERCISE]: edit(nlExercise, from, to) });

describe("script errors a writer sees", () => {
  it("starts from a fixture tree without problems", async () => {
    const { problems } = await problemsAfter({});
    expect(problems).toEqual([]);
  });

  it("bad YAML syntax: points at the offending text and says how to fix it", async () => {
    const { problems, problem } = await exerciseEdit("say: Ga rustig zitten", "say: Ga rustig: zitten");
    expect(problems).toEqual([problem(NL_EXERCISE, 12, 10, "", "text containing `: ` must be in quotes")]);
  });

  it("bad YAML indentation says so, without yaml's source excerpt", async () => {
    const { problems, problem } = await exerciseEdit("    max: 40", "   max: 40");
    expect(problems).toEqual([problem(NL_EXERCISE, 14, 1, "", "check the indentation")]);
    expect(problems[0]!.message).not.toMatch(/\n|at line/);
  });

  it("a key written twice", async () => {
    const { problems, problem } = await exerciseEdit("title: Ademhaling\n", "title: Ademhaling\ntitle: Adem\n");
    expect(problems).toEqual([problem(NL_EXERCISE, 5, 1, "", "this key appears twice")]);
  });

  it("unknown step kind names the step and the kinds that exist", async () => {
    const { problems, problem } = await exerciseEdit("  - chapter: Begin", "  - chapters: Begin");
    expect(problems).toEqual([
      problem(NL_EXERCISE, 11, 5, "steps[0].chapters", "unknown step 'chapters': expected one of say, pause, chapter, breathe, tense"),
    ]);
  });

  it("unknown step kind in an ending", async () => {
    const { problems, problem } = await exerciseEdit("    - say: Open langzaam", "    - zeg: Open langzaam");
    expect(problems).toEqual([problem(NL_EXERCISE, 34, 7, "endings.wake[0].zeg", "unknown step 'zeg'")]);
  });

  it("a step with two kinds", async () => {
    const { problems, problem } = await exerciseEdit("  - chapter: Begin", "  - chapter: Begin\n    say: Hallo");
    expect(problems).toEqual([problem(NL_EXERCISE, 12, 5, "steps[0].say", "a step has one kind, found `chapter` and `say`")]);
  });

  it("a step that is plain text instead of a mapping", async () => {
    const { problems, problem } = await exerciseEdit("  - chapter: Begin", "  - Begin");
    expect(problems).toEqual([problem(NL_EXERCISE, 11, 5, "steps[0]", "a step is a mapping such as `say: ...`")]);
  });

  it("unknown field in a step reports that step's member only, at the key", async () => {
    const { problems, problem } = await exerciseEdit("    max: 40", "    maximum: 40");
    expect(problems).toEqual([problem(NL_EXERCISE, 14, 5, "steps[2].maximum", "unknown field `maximum`")]);
  });

  it("unknown top-level field", async () => {
    const { problems, problem } = await exerciseEdit("title: Ademhaling\n", "title: Ademhaling\nsubtitle: Rustig\n");
    expect(problems).toEqual([problem(NL_EXERCISE, 5, 1, "subtitle", "unknown field `subtitle`")]);
  });

  it("missing required field", async () => {
    const { problems, problem } = await exerciseEdit("title: Ademhaling\n", "");
    expect(problems).toEqual([problem(NL_EXERCISE, 1, 1, "title", "missing `title` (expected text)")]);
  });

  it("missing text of an info item points at the item", async () => {
    const { problems, problem } = await problemsAfter({ "nl-NL/tips.yaml": edit(infoYaml("nl-NL"), "    text: Ga even wandelen.\n", "") });
    expect(problems).toEqual([problem("nl-NL/tips.yaml", 9, 5, "items[0].text", "missing `text`")]);
  });

  it("missing kind", async () => {
    const { problems, problem } = await exerciseEdit("kind: exercise\n", "");
    expect(problems).toEqual([problem(NL_EXERCISE, 1, 1, "kind", "missing `kind`: 'exercise' or 'info'")]);
  });

  it("unknown kind", async () => {
    const { problems, problem } = await exerciseEdit("kind: exercise", "kind: oefening");
    expect(problems).toEqual([problem(NL_EXERCISE, 3, 7, "kind", "`kind` is 'exercise' or 'info'")]);
  });

  it("empty text", async () => {
    const { problems, problem } = await exerciseEdit("say: Ga rustig zitten en leg een hand op je buik.", 'say: "  "');
    expect(problems).toEqual([problem(NL_EXERCISE, 12, 10, "steps[1].say", "text must not be empty")]);
  });

  it("a key without a value", async () => {
    const { problems, problem } = await exerciseEdit("say: Ga rustig zitten en leg een hand op je buik.", "say:");
    expect(problems).toEqual([problem(NL_EXERCISE, 12, 5, "steps[1].say", "expected text, got nothing")]);
  });

  it("negative pause", async () => {
    const { problems, problem } = await exerciseEdit("pause: 3", "pause: -3");
    expect(problems).toEqual([problem(NL_EXERCISE, 13, 12, "steps[2].pause", "must be more than 0 seconds")]);
  });

  it("absurd duration (600 meant as 6.00)", async () => {
    const { problems, problem } = await exerciseEdit("    max: 40", "    max: 9000");
    expect(problems).toEqual([problem(NL_EXERCISE, 14, 10, "steps[2].max", "must be at most 300 seconds")]);
  });

  it("max shorter than the pause", async () => {
    const { problems, problem } = await exerciseEdit("max: 40", "max: 2");
    expect(problems).toEqual([problem(NL_EXERCISE, 14, 10, "steps[2].max", "`max` must be at least `pause`")]);
  });

  it("exhale shorter than the inhale", async () => {
    const { problems, problem } = await exerciseEdit("exhale: 6", "exhale: 3");
    expect(problems).toEqual([problem(NL_EXERCISE, 17, 15, "steps[3].breathe.exhale", "the exhale must be at least as long as the inhale")]);
  });

  it("breath hold without a hold cue", async () => {
    const { problems, problem } = await exerciseEdit("      inhale: 4\n", "      inhale: 4\n      hold: 2\n");
    expect(problems).toEqual([problem(NL_EXERCISE, 20, 7, "steps[3].breathe.cues", "needs a `cues.hold` text")]);
  });

  it("breathing cycles out of range (zod's default message made readable)", async () => {
    const { problems, problem } = await exerciseEdit("cycles: 2", "cycles: 0");
    expect(problems).toEqual([problem(NL_EXERCISE, 18, 15, "steps[3].breathe.cycles", "must be at least 1")]);
  });

  it("tense rest too short for the hold", async () => {
    const { problems, problem } = await exerciseEdit("rest: 12", "rest: 8");
    expect(problems).toEqual([problem(NL_EXERCISE, 27, 13, "steps[4].tense.rest", "at least twice the tension hold")]);
  });

  it("wrong type: text where seconds are expected", async () => {
    const { problems, problem } = await exerciseEdit("inhale: 4", 'inhale: "vier"');
    expect(problems).toEqual([problem(NL_EXERCISE, 16, 15, "steps[3].breathe.inhale", 'expected a number of seconds, got text "vier"')]);
  });

  it("bad source name", async () => {
    const { problems, problem } = await exerciseEdit("source: 001_c5325292d2bedfb0.txt", "source: seeds.txt");
    expect(problems).toEqual([problem(NL_EXERCISE, 6, 9, "source", "name a seed document, e.g. 001_c5325292d2bedfb0.txt")]);
  });

  it("a file that is not a mapping", async () => {
    const { problems, problem } = await problemsAfter({ [NL_EXERCISE]: "- id: ademhaling\n" });
    expect(problems).toEqual([problem(NL_EXERCISE, 1, 1, "", "a script is a mapping of fields")]);
  });

  it("an empty file", async () => {
    const { problems, problem } = await problemsAfter({ [NL_EXERCISE]: "# nothing yet\n" });
    expect(problems).toEqual([problem(NL_EXERCISE, 1, 1, "", "the file is empty")]);
  });
});

describe("cross-file mistakes", () => {
  it("duplicate id within a locale", async () => {
    const { dir, problems, problem } = await problemsAfter({ "nl-NL/rust.yaml": nlExercise, "en-US/rust.yaml": exerciseYaml("en-US") });
    const duplicate = (locale: string) =>
      problem(`${locale}/rust.yaml`, 1, 5, "id", `\`ademhaling\` is already used by ${path.join(dir, locale, "ademhaling.yaml")}`);
    const misnamed = (locale: string) => problem(`${locale}/rust.yaml`, 1, 5, "id", "the file is named `rust.yaml` but its id is `ademhaling`");
    expect(problems).toEqual([misnamed("en-US"), duplicate("en-US"), misnamed("nl-NL"), duplicate("nl-NL")]);
  });

  it("file name differs from the id", async () => {
    const { problems, problem } = await exerciseEdit("id: ademhaling", "id: ademen");
    expect(problems).toEqual([problem(NL_EXERCISE, 1, 5, "id", "rename the file to `ademen.yaml` or change the id")]);
  });

  it("locale field differs from the folder", async () => {
    const { problems, problem } = await exerciseEdit("locale: nl-NL", "locale: en-US");
    expect(problems).toEqual([problem(NL_EXERCISE, 2, 9, "locale", "is `en-US` but the file is in the nl-NL folder")]);
  });

  it("folder that is not a known locale", async () => {
    const { problems, problem } = await problemsAfter({ "nl/ademhaling.yaml": nlExercise });
    expect(problems).toEqual([problem("nl/ademhaling.yaml", 2, 9, "locale", "folder `nl` is not a known locale")]);
  });

  it("missing partner in the other locale, both ways", async () => {
    const { dir, problems, problem } = await problemsAfter({ "en-US/tips.yaml": null, [NL_EXERCISE]: null });
    expect(problems).toEqual([
      problem("en-US/ademhaling.yaml", 1, 5, "id", `has no partner in nl-NL: add ${path.join(dir, NL_EXERCISE)}`),
      problem("nl-NL/tips.yaml", 1, 5, "id", `has no partner in en-US: add ${path.join(dir, "en-US/tips.yaml")}`),
    ]);
  });

  it("partner of another kind", async () => {
    const { dir, problems, problem } = await problemsAfter({ "en-US/tips.yaml": exerciseYaml("en-US", "tips") });
    expect(problems).toEqual([
      problem("en-US/tips.yaml", 3, 7, "kind", `is \`exercise\` here but \`info\` in ${path.join(dir, "nl-NL/tips.yaml")}`),
      problem("nl-NL/tips.yaml", 3, 7, "kind", `is \`info\` here but \`exercise\` in ${path.join(dir, "en-US/tips.yaml")}`),
    ]);
  });

  it("a .yml file is named, not silently skipped", async () => {
    const { problems, problem } = await problemsAfter({ "nl-NL/extra.yml": infoYaml("nl-NL", "extra") });
    expect(problems).toEqual([problem("nl-NL/extra.yml", 1, 1, "", "rename it to extra.yaml")]);
  });

  it("a script outside a locale folder", async () => {
    const { problems, problem } = await problemsAfter({ "extra.yaml": infoYaml("nl-NL", "extra") });
    expect(problems).toEqual([problem("extra.yaml", 1, 1, "", "move this file into nl-NL/ or en-US/")]);
  });

  it("empty scripts folder", async () => {
    const { dir, problems } = await problemsAfter(
      Object.fromEntries(["nl-NL", "en-US"].flatMap((l) => [[`${l}/ademhaling.yaml`, null], [`${l}/tips.yaml`, null]])),
    );
    expect(problems).toEqual([{ file: dir, line: 1, column: 1, field: "", message: expect.stringContaining("no scripts found") }]);
  });
});
