// Loads every tests/corpus/<topic>.<locale>.yaml: a list of { say, intent, slots } entries, each
// checked here so that a typo in the corpus is reported with file and line, not as a failed match.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseYaml } from "../../audio-builder/model/yaml-locations.js";
import { LOCALES, type Locale } from "../../audio-builder/model/script-schema.js";

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../corpus");

export interface CorpusEntry {
  file: string;
  line: number;
  topic: string;
  locale: Locale;
  say: string;
  /** Alexa intent name. */
  intent: string;
  /** Alexa slot names with canonical values: exercise id, short|long, sleep|wake, minutes. */
  slots: Record<string, string | number>;
}

const entrySchema = z
  .object({
    say: z.string().trim().min(1, "say: the request, as someone says it"),
    intent: z.string().regex(/^(AMAZON\.)?[A-Za-z]+$/, "intent: an Alexa intent name such as StartExerciseIntent"),
    slots: z
      .object({
        exercise: z.string().regex(/^[a-z-]+$/, "exercise: the exercise id as in scripts/, e.g. ademhaling").optional(),
        length: z.enum(["short", "long"]).optional(),
        ending: z.enum(["sleep", "wake"]).optional(),
        minutes: z.number().positive().optional(),
      })
      .catchall(z.union([z.string(), z.number()]))
      .optional(),
  })
  .strict();

export class CorpusError extends Error {
  override readonly name = "CorpusError";
}

export async function loadCorpus(dir: string = CORPUS_DIR): Promise<CorpusEntry[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".yaml")).sort();
  const entries: CorpusEntry[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = path.relative(process.cwd(), path.join(dir, name));
    const match = /^([a-z][a-z0-9-]*)\.([a-z]{2}-[A-Z]{2})\.yaml$/.exec(name);
    const locale = match?.[2] as Locale | undefined;
    if (!match || !locale || !LOCALES.includes(locale)) {
      problems.push(`${file}: name corpus files <topic>.<locale>.yaml with a locale of ${LOCALES.join(", ")}`);
      continue;
    }
    const parsed = parseYaml(await readFile(path.join(dir, name), "utf8"));
    for (const p of parsed.syntaxProblems) problems.push(`${file}:${p.line}:${p.column}: ${p.message}`);
    if (parsed.syntaxProblems.length > 0) continue;
    if (!Array.isArray(parsed.data)) {
      problems.push(`${file}: a corpus file is a list of { say, intent, slots } entries`);
      continue;
    }
    parsed.data.forEach((raw: unknown, index: number) => {
      const { line } = parsed.locate([index]);
      const result = entrySchema.safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues) problems.push(`${file}:${parsed.locate([index, ...issue.path]).line}: ${issue.message}`);
        return;
      }
      entries.push({ file, line, topic: match[1]!, locale, say: result.data.say, intent: result.data.intent, slots: clean(result.data.slots ?? {}) });
    });
  }
  if (problems.length > 0) throw new CorpusError(problems.join("\n"));
  return entries;
}

function clean(slots: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(slots)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}
