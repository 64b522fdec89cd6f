// `npm run skill:model`: writes skill/skill-package/interactionModels/custom/<locale>.json from
// the exercise scripts (EXERCISE slot values and synonyms: id, title, synonyms) and the locale's
// grammar in skill/grammar/ (samples: carrier phrases × slot orders × fillers; the values of
// LENGTH, ENDING, REMINDER_DAYS and PART_OF_DAY). Generated, so a renamed or added exercise can
// never drift from what Alexa understands; tests/alexa-model.test.ts fails when the committed files are stale.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadScriptsOrThrow, type LoadedScript } from "../../../audio-builder/model/load-scripts.js";
import { LOCALES, type ExerciseScript, type Locale } from "../../../audio-builder/model/script-schema.js";
import { expandIntent, GrammarError } from "../../grammar/expand-grammar.js";
import { GRAMMARS } from "../../grammar/grammars.js";
import type { SlotValueSource } from "../../grammar/grammar-types.js";
import { GRAMMAR_SLOT_TYPES, INTENT_KEYS, INTENTS, isBuiltinAlexaIntent, type IntentDefinition } from "../../grammar/intents.js";
import type { InteractionModel, ModelIntent, ModelSlotType } from "./model-types.js";
import { nameFreeInteraction } from "./name-free.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const MODELS_DIR = path.resolve(here, "../../skill-package/interactionModels/custom");

/** Every built-in intent the model declares: those an AudioPlayer skill must answer, plus the standard ones. */
export const BUILTIN_INTENTS = INTENT_KEYS.map((key) => (INTENTS[key] as IntentDefinition).alexa).filter(
  (name): name is string => name !== null && isBuiltinAlexaIntent(name),
);

export class ModelError extends Error {
  override readonly name = "ModelError";
}

/** The interaction model of one locale. Throws a ModelError naming the file to fix. */
export function buildModel(locale: Locale, scripts: LoadedScript[]): InteractionModel {
  const { file, grammar } = GRAMMARS[locale];
  const exercises = scripts.filter(
    (s): s is LoadedScript<ExerciseScript> => s.script.kind === "exercise" && s.script.locale === locale,
  );
  if (exercises.length === 0) throw new ModelError(`scripts/${locale}/: no exercise scripts; the EXERCISE slot would be empty.`);

  const custom: ModelIntent[] = [];
  const builtin: ModelIntent[] = [];
  for (const key of INTENT_KEYS) {
    const definition: IntentDefinition = INTENTS[key];
    if (definition.alexa === null) continue;
    let samples: string[];
    try {
      samples = expandIntent(grammar, key, file, "alexa");
    } catch (error) {
      throw error instanceof GrammarError ? new ModelError(error.message) : error;
    }
    const intent: ModelIntent = { name: definition.alexa, samples };
    if (definition.slots) intent.slots = Object.entries(definition.slots).map(([name, type]) => ({ name, type }));
    if (isBuiltinAlexaIntent(definition.alexa)) builtin.push(intent);
    else {
      if (samples.length === 0) throw new ModelError(`${file}: intents.${key} needs templates (Alexa's ${definition.alexa} has no samples of its own).`);
      custom.push(intent);
    }
  }
  const intents = [...custom, ...builtin];
  checkDuplicates(file, intents);

  const types: ModelSlotType[] = [
    slotType("EXERCISE", exercises.map(exerciseValue), exercises.map((e) => e.file)),
    ...GRAMMAR_SLOT_TYPES.map((type) => slotType(type, grammar.slotValues[type], [file])),
  ];
  const nameFree = nameFreeInteraction(locale, intents.map((i) => i.name));
  return {
    interactionModel: {
      languageModel: { invocationName: grammar.invocationName, intents, types },
      ...(nameFree ? { _nameFreeInteraction: nameFree } : {}),
    },
  };
}

/** Slot value from a script: the title is what people hear in lists; id and synonyms also match. */
function exerciseValue(loaded: LoadedScript<ExerciseScript>): SlotValueSource {
  const { id, title, synonyms } = loaded.script;
  return { id, value: spoken(title), synonyms: synonyms.map(spoken) };
}

function slotType(name: string, sources: SlotValueSource[], files: string[]): ModelSlotType {
  const owner = new Map<string, string>();
  const values = sources.map((source, i) => {
    const value = spoken(source.value);
    const synonyms = [...new Set(source.synonyms.map(spoken))].filter((s) => s !== "" && s !== value);
    for (const word of [value, ...synonyms]) {
      const other = owner.get(word);
      if (other !== undefined && other !== source.id) {
        throw new ModelError(
          `${files[i] ?? files[0]}: "${word}" names both ${other} and ${source.id} in slot type ${name}; keep it in one of them.`,
        );
      }
      owner.set(word, source.id);
    }
    return { id: source.id, name: synonyms.length > 0 ? { value, synonyms } : { value } };
  });
  return { name, values };
}

/** Lower case, no punctuation Alexa rejects, single spaces: "Body-Scan" → "body scan". */
export function spoken(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' .]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function checkDuplicates(file: string, intents: ModelIntent[]): void {
  const seen = new Map<string, string>();
  for (const intent of intents) {
    for (const sample of intent.samples) {
      const key = sample.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) throw new ModelError(`${file}: "${sample}" is a sample of both ${other} and ${intent.name}; Alexa needs it in one.`);
      seen.set(key, intent.name);
    }
  }
}

export function modelPath(locale: Locale, dir = MODELS_DIR): string {
  return path.join(dir, `${locale}.json`);
}

export function modelJson(model: InteractionModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** The JSON text of every locale's model, from the scripts on disk. */
export async function generateModels(scriptsDir?: string): Promise<Record<Locale, string>> {
  const scripts = await loadScriptsOrThrow(scriptsDir);
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) out[locale] = modelJson(buildModel(locale, scripts));
  return out;
}

export async function writeModels(dir = MODELS_DIR): Promise<string[]> {
  const models = await generateModels();
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const locale of LOCALES) {
    const target = modelPath(locale, dir);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, models[locale], "utf8");
    await rename(temp, target);
    written.push(target);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeModels().then(
    (files) => {
      for (const f of files) console.log(`wrote ${path.relative(process.cwd(), f)}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
