// Turns zod's issues into sentences a writer can act on. zod's defaults are written for
// programmers ("Invalid input: expected number, received string") and its union errors list
// every member; a writer needs the one field that is wrong and what to put there.
import type { z } from "zod";
import { breatheStep, chapterStep, pauseStep, sayStep, script, tenseStep, type Script } from "./script-schema.js";

/** Step kinds by the key that names them, in the order the docs list them. */
const STEP_SCHEMAS = { say: sayStep, pause: pauseStep, chapter: chapterStep, breathe: breatheStep, tense: tenseStep };
type StepKind = keyof typeof STEP_SCHEMAS;
const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];
const EXPECTED_KINDS = `expected one of ${STEP_KINDS.join(", ")}`;

export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
  /** Point at the key itself (unknown fields) rather than its value. */
  at: "key" | "value";
}

export function validateScript(data: unknown): { script?: Script; issues: SchemaIssue[] } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { issues: [{ path: [], message: "a script is a mapping of fields (`id:`, `locale:`, `kind:`, ...), one per line", at: "value" }] };
  }
  const result = script.safeParse(data);
  if (result.success) return { script: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((issue) => explain(issue, data, [])) };
}

function explain(issue: z.core.$ZodIssue, root: unknown, prefix: PropertyKey[]): SchemaIssue[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  const defaultMessage = /^(Invalid|Too (small|big)|Unrecognized)/.test(issue.message);

  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field \`${key}\``, at: "key" }));
    case "invalid_union":
      if (isStepPath(path)) return explainStep(value, root, path);
      if (issue.path.at(-1) === "kind" && value === undefined) {
        return [{ path, message: "missing `kind`: 'exercise' or 'info'", at: "value" }];
      }
      return [{ path, message: defaultMessage ? "does not match any allowed form" : issue.message, at: "value" }];
    case "invalid_type": {
      const expected = defaultMessage ? `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}` : issue.message;
      const key = path.at(-1);
      if (value === undefined && key !== undefined && isRecord(valueAt(root, path.slice(0, -1)))) {
        return [{ path, message: `missing \`${String(key)}\` (${expected})`, at: "value" }];
      }
      return [{ path, message: `${expected}, got ${describe(value)}`, at: "value" }];
    }
    case "too_small":
    case "too_big":
      return [{ path, message: defaultMessage ? boundMessage(issue) : issue.message, at: "value" }];
    default:
      return [{ path, message: defaultMessage ? lowerFirst(issue.message) : issue.message, at: "value" }];
  }
}

/** A step is named by its one key: report that member's issues only, never the whole union. */
function explainStep(value: unknown, root: unknown, path: PropertyKey[]): SchemaIssue[] {
  if (!isRecord(value)) {
    return [{ path, message: `a step is a mapping such as \`say: ...\`; ${EXPECTED_KINDS}`, at: "value" }];
  }
  const kinds = Object.keys(value).filter((key): key is StepKind => key in STEP_SCHEMAS);
  if (kinds.length === 0) {
    const first = Object.keys(value)[0];
    return first === undefined
      ? [{ path, message: `empty step: ${EXPECTED_KINDS}`, at: "value" }]
      : [{ path: [...path, first], message: `unknown step '${first}': ${EXPECTED_KINDS}`, at: "key" }];
  }
  if (kinds.length > 1) {
    const found = kinds.map((k) => `\`${k}\``).join(" and ");
    return [{ path: [...path, kinds[1]!], message: `a step has one kind, found ${found}: split it into separate steps`, at: "key" }];
  }
  const result = STEP_SCHEMAS[kinds[0]!].safeParse(value);
  return result.success ? [] : result.error.issues.flatMap((issue) => explain(issue, root, path));
}

function isStepPath(path: readonly PropertyKey[]): boolean {
  const [a, b, c] = path;
  return (
    (path.length === 2 && a === "steps" && typeof b === "number") ||
    (path.length === 3 && a === "endings" && (b === "wake" || b === "sleep") && typeof c === "number")
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  object: "a mapping (key: value lines)",
  array: "a list (lines starting with -)",
};

function boundMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === "array") return small ? `needs at least ${bound} item(s)` : `allows at most ${bound} item(s)`;
  if (issue.origin === "string") return small ? `needs at least ${bound} character(s)` : `allows at most ${bound} character(s)`;
  if (small) return inclusive ? `must be at least ${bound}` : `must be more than ${bound}`;
  return inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return `text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
