// Text a speech engine would read out as it is written: markup ("kleiner dan b groter dan"),
// web addresses ("h t t p s dubbele punt ...") and emoji (their Unicode names, or nothing).
// Warnings, not errors: the writer decides, but sees exactly where.
import type { LoadedScript, ScriptProblem } from "../model/load-scripts.js";
import { fieldName } from "../model/script-problems.js";

/** Fields that are never spoken or shown as text: names, codes and file names. */
const NOT_TEXT = new Set(["id", "locale", "kind", "source", "audio", "targetSeconds"]);

const CHECKS: { pattern: RegExp; what: (found: string) => string }[] = [
  { pattern: /<\/?[a-zA-Z][^<>]*>/u, what: (t) => `markup \`${t}\` would be read out literally: the build writes the SSML itself, so write plain text` },
  { pattern: /&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/u, what: (t) => `the entity \`${t}\` would be read out literally: write the character itself` },
  { pattern: /\b(?:https?:\/\/|www\.)\S*[^\s.,;:!?)"']/iu, what: (t) => `the address \`${t}\` would be spelled out by the speech engine: say it in words, or leave it to the page` },
  { pattern: /\p{Extended_Pictographic}/u, what: (t) => `the emoji ${t} would be read out by its name or skipped: say it in words` },
  { pattern: /\*\*[^*]+\*\*|__[^_]+__|`[^`]+`|^#+\s|\[[^\]]+\]\([^)]+\)/mu, what: (t) => `the formatting \`${t}\` would be read out literally: write plain text` },
];

export function literalTextWarnings({ script, file, locate }: LoadedScript): ScriptProblem[] {
  const warnings: ScriptProblem[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === "string") {
      for (const check of CHECKS) {
        const found = check.pattern.exec(value);
        if (found) warnings.push({ file, ...locate(path), field: fieldName(path), message: check.what(found[0]) });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) if (path.length > 0 || !NOT_TEXT.has(key)) visit(item, [...path, key]);
    }
  };
  visit(script, []);
  return warnings;
}
