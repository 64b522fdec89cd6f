// Loads every scripts/<locale>/<id>.yaml: parse, validate, cross-check. Every problem comes
// back with file, line and column so a writer can fix it without reading code.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { crossCheck, type ScriptFile } from "./cross-checks.js";
import { validateScript } from "./schema-issues.js";
import { compareProblems, fieldName, ScriptLoadError, type ScriptProblem } from "./script-problems.js";
import type { Script } from "./script-schema.js";
import { scriptText } from "./script-text.js";
import { parseYaml, type Position } from "./yaml-locations.js";

export { formatProblem, ScriptLoadError, type ScriptProblem } from "./script-problems.js";

export interface LoadedScript<S extends Script = Script> {
  /** Path relative to the working directory (the repo root for npm scripts), e.g. scripts/nl-NL/ademhaling.yaml. */
  file: string;
  script: S;
  /** 1-based position of the value at `path`, or of the nearest node that exists. */
  locate(path: readonly PropertyKey[]): Position;
}

/** Scripts in all locales together: ten times today's catalogue, far below what would take an hour to build. */
export const MAX_SCRIPT_FILES = 200;

const DEFAULT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scripts");

export async function loadScripts(dir: string = DEFAULT_DIR): Promise<{ scripts: LoadedScript[]; problems: ScriptProblem[] }> {
  const root = path.resolve(dir);
  const displayRoot = display(root);
  const problems: ScriptProblem[] = [];
  const wholeFile = (file: string, message: string): void => {
    problems.push({ file, line: 1, column: 1, field: "", message });
  };

  const found = await findScriptFiles(root);
  if (!found) {
    wholeFile(displayRoot, "scripts folder not found: run from the repository root or pass the folder");
    return { scripts: [], problems };
  }
  for (const misplaced of found.misplaced) wholeFile(display(misplaced.file), misplaced.message);
  if (found.yaml.length > MAX_SCRIPT_FILES) {
    wholeFile(displayRoot, `${found.yaml.length} script files; a catalogue holds at most ${MAX_SCRIPT_FILES}: is this the right folder?`);
    return { scripts: [], problems };
  }
  if (found.yaml.length === 0) {
    wholeFile(displayRoot, `no scripts found: add ${path.join(displayRoot, "nl-NL", "<id>.yaml")} and its en-US partner`);
  }

  const scripts: LoadedScript[] = [];
  const files: ScriptFile[] = [];
  for (const absolute of found.yaml) {
    const file = display(absolute);
    const read = scriptText(await readFile(absolute));
    if ("problem" in read) {
      problems.push({ file, field: "", ...read.problem });
      // Still a file for the cross-checks: its partner is not "missing", it is unreadable.
      files.push({ file, folder: path.basename(path.dirname(absolute)), stem: path.basename(absolute, ".yaml"), data: undefined, locate: () => read.problem });
      continue;
    }
    const parsed = parseYaml(read.text);
    for (const p of parsed.syntaxProblems) problems.push({ file, field: "", ...p });
    const locate = (at: readonly PropertyKey[]): Position => parsed.locate(at);
    files.push({ file, folder: path.basename(path.dirname(absolute)), stem: path.basename(absolute, ".yaml"), data: parsed.data, locate });
    if (parsed.syntaxProblems.length > 0) continue;
    if (parsed.data === undefined || parsed.data === null) {
      wholeFile(file, "the file is empty: a script starts with `id:`, `locale:`, `kind:` and `title:`");
      continue;
    }
    const { script, issues } = validateScript(parsed.data);
    for (const issue of issues) {
      problems.push({ file, ...parsed.locate(issue.path, issue.at), field: fieldName(issue.path), message: issue.message });
    }
    if (script) scripts.push({ file, script, locate });
  }

  problems.push(...crossCheck(files, displayRoot));
  problems.sort(compareProblems);
  return { scripts, problems };
}

export async function loadScriptsOrThrow(dir?: string): Promise<LoadedScript[]> {
  const { scripts, problems } = await loadScripts(dir);
  if (problems.length > 0) throw new ScriptLoadError(problems);
  return scripts;
}

/** Script files sit exactly one level down, in a locale folder; anything else is reported, not guessed at. */
async function findScriptFiles(root: string): Promise<{ yaml: string[]; misplaced: { file: string; message: string }[] } | undefined> {
  const top = await readdir(root, { withFileTypes: true }).catch(() => undefined);
  if (!top) return undefined;
  const yaml: string[] = [];
  const misplaced: { file: string; message: string }[] = [];
  for (const entry of top.sort(byName)) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(root, entry.name);
    if (!entry.isDirectory()) {
      if (/\.ya?ml$/.test(entry.name)) {
        misplaced.push({ file: full, message: "scripts belong in a locale folder: move this file into nl-NL/ or en-US/" });
      }
      continue;
    }
    for (const inner of (await readdir(full, { withFileTypes: true })).sort(byName)) {
      if (!inner.isFile() || inner.name.startsWith(".")) continue;
      const file = path.join(full, inner.name);
      if (inner.name.endsWith(".yaml")) yaml.push(file);
      else if (inner.name.endsWith(".yml")) {
        misplaced.push({ file, message: `script files end in .yaml: rename it to ${inner.name.replace(/\.yml$/, ".yaml")}` });
      }
    }
  }
  return { yaml, misplaced };
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/** Relative to the working directory so editors and terminals can open `file:line:column`. */
function display(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}
