// The loader's API: what other parts of the build rely on (scripts, locate, the thrown error),
// the shipped scripts, and `npm run validate` as a writer runs it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  formatProblem,
  loadScripts,
  loadScriptsOrThrow,
  ScriptLoadError,
} from "../audio-builder/model/load-scripts.js";
import { edit, exerciseYaml, removeFixtures, writeScripts } from "./helpers/script-fixtures.js";

afterEach(removeFixtures);

const REPO = path.resolve(import.meta.dirname, "..");

function runValidate(...args: string[]) {
  // The tsx binary directly (what `npm run validate` runs), so npm's own notices stay out of the output.
  const tsx = path.join(REPO, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, ["audio-builder/cli/validate.ts", ...args], { cwd: REPO, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("loadScripts", () => {
  it("loads a valid tree with each script's file and typed content", async () => {
    const dir = await writeScripts();
    const { scripts, problems } = await loadScripts(dir);
    expect(problems).toEqual([]);
    expect(scripts.map((s) => [path.relative(dir, s.file), s.script.kind, s.script.locale, s.script.id])).toEqual([
      ["en-US/ademhaling.yaml", "exercise", "en-US", "ademhaling"],
      ["en-US/tips.yaml", "info", "en-US", "tips"],
      ["nl-NL/ademhaling.yaml", "exercise", "nl-NL", "ademhaling"],
      ["nl-NL/tips.yaml", "info", "nl-NL", "tips"],
    ]);
  });

  it("locate maps a data path to the line and column of its value, or the nearest node", async () => {
    const { scripts } = await loadScripts(await writeScripts());
    const exercise = scripts.find((s) => s.script.kind === "exercise")!;
    expect(exercise.locate(["steps", 3, "breathe", "exhale"])).toEqual({ line: 17, column: 15 });
    expect(exercise.locate(["endings", "sleep", 1, "pause"])).toEqual({ line: 38, column: 14 });
    // `hold` does not exist in this breathing block: the block's own line.
    expect(exercise.locate(["steps", 3, "breathe", "hold"])).toEqual({ line: 15, column: 5 });
    expect(exercise.locate([])).toEqual({ line: 1, column: 1 });
  });

  it("file paths are relative to the working directory when inside it", async () => {
    const { scripts } = await loadScripts(path.join(REPO, "scripts"));
    for (const s of scripts) expect(s.file).toMatch(/^scripts\/(nl-NL|en-US)\/[a-z-]+\.yaml$/);
  });

  it("loadScriptsOrThrow throws ScriptLoadError listing every problem, formatted, without a stack in its message", async () => {
    const nl = exerciseYaml("nl-NL");
    const dir = await writeScripts({ "nl-NL/ademhaling.yaml": edit(edit(nl, "pause: 3", "pause: -3"), "exhale: 6", "exhale: 3") });
    const error = await loadScriptsOrThrow(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScriptLoadError);
    const problems = (error as ScriptLoadError).problems;
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [13, 12, "steps[2].pause"],
      [17, 15, "steps[3].breathe.exhale"],
    ]);
    const message = (error as ScriptLoadError).message;
    expect(message).toContain("2 problems in the exercise scripts:");
    expect(message).toContain(`${path.join(dir, "nl-NL/ademhaling.yaml")}:13:12 steps[2].pause: must be more than 0 seconds`);
  });

  it("formatProblem: file:line:column field: message, and no field for whole-file problems", () => {
    expect(formatProblem({ file: "scripts/nl-NL/x.yaml", line: 12, column: 5, field: "steps[3].breathe.exhale", message: "too short" })).toBe(
      "scripts/nl-NL/x.yaml:12:5 steps[3].breathe.exhale: too short",
    );
    expect(formatProblem({ file: "scripts/nl-NL/x.yaml", line: 1, column: 1, field: "", message: "the file is empty" })).toBe(
      "scripts/nl-NL/x.yaml:1:1 the file is empty",
    );
  });

  it("a scripts folder that does not exist is a problem, not a crash", async () => {
    const { problems } = await loadScripts(path.join(REPO, "no-such-scripts-folder"));
    expect(problems).toEqual([
      { file: "no-such-scripts-folder", line: 1, column: 1, field: "", message: expect.stringContaining("scripts folder not found") },
    ]);
  });
});

describe("the shipped scripts", () => {
  it("load with zero problems, every exercise and info piece in both locales", async () => {
    const { scripts, problems } = await loadScripts();
    expect(problems.map(formatProblem)).toEqual([]);
    const ids = (locale: string) => scripts.filter((s) => s.script.locale === locale).map((s) => s.script.id).sort();
    const expected = ["ademhaling", "bodyscan", "hulp-zoeken", "rustmomenten", "spierontspanning", "tips", "visualisatie", "waarom-ontspannen"];
    expect(ids("nl-NL")).toEqual(expected);
    expect(ids("en-US")).toEqual(expected);
  });
});

describe("npm run validate", () => {
  it("prints file:line:column for each problem, exits 1, and shows no stack trace", async () => {
    const nl = exerciseYaml("nl-NL");
    const dir = await writeScripts({
      "nl-NL/ademhaling.yaml": edit(nl, "  - chapter: Begin", "  - chapters: Begin"),
      "en-US/tips.yaml": null,
    });
    const { status, output } = runValidate("--scripts", dir);
    expect(status).toBe(1);
    const lines = output.trim().split("\n");
    expect(lines).toEqual([
      `${path.join(dir, "nl-NL/ademhaling.yaml")}:11:5 steps[0].chapters: unknown step 'chapters': expected one of say, pause, chapter, breathe, tense`,
      `${path.join(dir, "nl-NL/tips.yaml")}:1:5 id: has no partner in en-US: add ${path.join(dir, "en-US/tips.yaml")} (every script exists in every locale)`,
      "2 problems in 2 files",
    ]);
    expect(output).not.toMatch(/^\s+at |Error:/m);
  });

  it("reports pacing problems at the line of the field", async () => {
    const nl = exerciseYaml("nl-NL");
    // Four seconds of inhale cannot hold a cue this long.
    const cue = "Adem heel rustig en diep in door je neus, voel je buik omhoog komen";
    const dir = await writeScripts({ "nl-NL/ademhaling.yaml": edit(nl, "        inhale: In", `        inhale: ${cue}`) });
    const { status, output } = runValidate("--scripts", dir);
    expect(status).toBe(1);
    expect(output).toContain(`${path.join(dir, "nl-NL/ademhaling.yaml")}:16:15 steps[3].breathe.inhale: the cue "${cue}" takes about`);
  });

  it("prints a one-line summary and exits 0 when every script is fine", async () => {
    const { status, output } = runValidate("--scripts", await writeScripts());
    expect(output.trim()).toBe("4 scripts OK");
    expect(status).toBe(0);
  });
});
