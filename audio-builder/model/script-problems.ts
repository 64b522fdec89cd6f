// What a writer reads when a script is wrong: file, line, column, field and the fix.
// Kept free of stack traces: ScriptLoadError's message is the formatted list itself.

export interface ScriptProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path as the writer sees it, e.g. `steps[3].breathe.exhale`; empty for whole-file problems. */
  field: string;
  message: string;
}

/** `scripts/nl-NL/x.yaml:12:5 steps[3].breathe.exhale: must be ...` (editors make file:line:column clickable). */
export function formatProblem(p: ScriptProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  return p.field ? `${where} ${p.field}: ${p.message}` : `${where} ${p.message}`;
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : `${i === 0 ? "" : "."}${String(segment)}`))
    .join("");
}

export function compareProblems(a: ScriptProblem, b: ScriptProblem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.field.localeCompare(b.field);
}

export class ScriptLoadError extends Error {
  readonly problems: ScriptProblem[];

  constructor(problems: ScriptProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${count} in the exercise scripts:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ScriptLoadError";
    this.problems = problems;
  }
}
