// The one check every command runs before it trusts a script: `validate` prints its result,
// `build` and `preview` refuse to start on any problem. What `validate` rejects is never built.
// Loading (YAML, schema, cross-file rules) lives in model/; this adds what needs more than the
// model: pacing (the timeline), the seed documents (publish/), and the catalogue's limits.
import path from "node:path";
import { loadScripts, ScriptLoadError, type LoadedScript, type ScriptProblem } from "../model/load-scripts.js";
import { compareProblems, fieldName } from "../model/script-problems.js";
import { ALL_VARIANTS } from "../model/script-schema.js";
import { knownSources } from "../publish/source-citations.js";
import { checkPacing } from "../timeline/check-pacing.js";
import { estimateSpeech } from "../timeline/estimate-speech.js";
import { literalTextWarnings } from "./literal-text.js";

/** All tracks of all exercises together (target lengths): ten times today's catalogue. */
export const MAX_CATALOGUE_HOURS = 24;

export interface ScriptCheck {
  scripts: LoadedScript[];
  /** Anything here stops a build. */
  problems: ScriptProblem[];
  /** Worth fixing, never fatal: e.g. text the speech engine would read out literally. */
  warnings: ScriptProblem[];
}

export async function checkScripts(dir?: string): Promise<ScriptCheck> {
  const { scripts, problems } = await loadScripts(dir);
  const all = [...problems, ...scripts.flatMap(sourceProblems), ...scripts.flatMap(pacingProblems), ...catalogueProblems(scripts)];
  const warnings = scripts.flatMap((s) => literalTextWarnings(s));
  return { scripts, problems: all.sort(compareProblems), warnings: warnings.sort(compareProblems) };
}

/** For commands that build: the scripts and their warnings, or a ScriptLoadError listing every problem. */
export async function checkScriptsOrThrow(dir?: string): Promise<{ scripts: LoadedScript[]; warnings: ScriptProblem[] }> {
  const { scripts, problems, warnings } = await checkScripts(dir);
  if (problems.length > 0) throw new ScriptLoadError(problems);
  return { scripts, warnings };
}

/** `source:` names one of the seed documents the content is written from (publish/source-citations.ts cites them). */
function sourceProblems({ script, file, locate }: LoadedScript): ScriptProblem[] {
  const known = knownSources();
  if (known.includes(script.source)) return [];
  return [
    {
      file,
      ...locate(["source"]),
      field: "source",
      message: `\`${script.source}\` is not one of the seed documents (${known.join(", ")}): name the seed this script follows, or add a new seed's citation to audio-builder/publish/source-citations.ts`,
    },
  ];
}

function catalogueProblems(scripts: readonly LoadedScript[]): ScriptProblem[] {
  let seconds = 0;
  for (const { script } of scripts) {
    if (script.kind === "exercise") for (const v of ALL_VARIANTS) seconds += script.targetSeconds[v.length];
  }
  if (seconds <= MAX_CATALOGUE_HOURS * 3600) return [];
  const first = scripts[0]!;
  return [
    {
      // The scripts folder, as the writer sees it (scripts/<locale>/<id>.yaml → scripts).
      file: path.dirname(path.dirname(first.file)),
      line: 1,
      column: 1,
      field: "",
      message: `the exercises add up to ${(seconds / 3600).toFixed(1)} hours of tracks; a catalogue holds at most ${MAX_CATALOGUE_HOURS}: keep the target lengths realistic or split the catalogue`,
    },
  ];
}

function pacingProblems(loaded: LoadedScript): ScriptProblem[] {
  const { script, file } = loaded;
  if (script.kind !== "exercise") return [];
  try {
    return checkPacing(script, estimateSpeech(script.locale)).map(({ path, message }) => ({
      file,
      ...loaded.locate(path),
      field: fieldName(path),
      message,
    }));
  } catch (error) {
    // A script the schema accepts should always plan; if not, say where rather than crash.
    const reason = error instanceof Error ? error.message : String(error);
    return [{ file, line: 1, column: 1, field: "", message: `could not plan the timeline: ${reason}` }];
  }
}
