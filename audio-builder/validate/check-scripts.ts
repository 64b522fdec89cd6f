// The one check every command runs before it trusts a script: `validate` prints its result,
// `build` and `preview` refuse to start on any problem. What `validate` rejects is never built.
// Loading (YAML, schema, cross-file rules) lives in model/; this adds what needs more than the
// model: pacing (the timeline), the seed documents (publish/), and the catalogue's limits.
import { loadScripts, ScriptLoadError, type LoadedScript, type ScriptProblem } from "../model/load-scripts.js";
import { compareProblems, fieldName } from "../model/script-problems.js";
import { checkPacing } from "../timeline/check-pacing.js";
import { estimateSpeech } from "../timeline/estimate-speech.js";

export interface ScriptCheck {
  scripts: LoadedScript[];
  /** Anything here stops a build. */
  problems: ScriptProblem[];
  /** Worth fixing, never fatal: e.g. text the speech engine would read out literally. */
  warnings: ScriptProblem[];
}

export async function checkScripts(dir?: string): Promise<ScriptCheck> {
  const { scripts, problems } = await loadScripts(dir);
  const all = [...problems, ...scripts.flatMap(pacingProblems)].sort(compareProblems);
  return { scripts, problems: all, warnings: [] };
}

/** For commands that build: the scripts and their warnings, or a ScriptLoadError listing every problem. */
export async function checkScriptsOrThrow(dir?: string): Promise<{ scripts: LoadedScript[]; warnings: ScriptProblem[] }> {
  const { scripts, problems, warnings } = await checkScripts(dir);
  if (problems.length > 0) throw new ScriptLoadError(problems);
  return { scripts, warnings };
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
