// `npm run skill:model`: writes skill/skill-package/interactionModels/custom/<locale>.json from
// the exercise scripts (slot values and synonyms: id, title, synonyms) and the hand-written
// samples-<lang>.ts. Generated, so a renamed or added exercise can never drift from what Alexa
// understands; tests/alexa-model.test.ts fails when the committed files are stale.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadScriptsOrThrow, type LoadedScript } from "../../../audio-builder/model/load-scripts.js";
import { LOCALES, type ExerciseScript, type Locale } from "../../../audio-builder/model/script-schema.js";
import { CUSTOM_INTENTS, type InteractionModel, type LocaleSamples, type ModelIntent, type ModelSlotType, type SlotValueSource } from "./model-types.js";
import { samplesEn } from "./samples-en.js";
import { samplesNl } from "./samples-nl.js";
import { reminderIntents, reminderSlotTypes } from "./samples-reminders.js"; // issue 17

const here = path.dirname(fileURLToPath(import.meta.url));
export const MODELS_DIR = path.resolve(here, "../../skill-package/interactionModels/custom");

export const SAMPLES: Record<Locale, { file: string; samples: LocaleSamples }> = {
  "nl-NL": { file: "skill/alexa/interaction-model/samples-nl.ts", samples: samplesNl },
  "en-US": { file: "skill/alexa/interaction-model/samples-en.ts", samples: samplesEn },
};

/** Every built-in intent an AudioPlayer skill must answer, plus the standard ones. */
export const BUILTIN_INTENTS = [
  "AMAZON.PauseIntent",
  "AMAZON.ResumeIntent",
  "AMAZON.CancelIntent",
  "AMAZON.StopIntent",
  "AMAZON.HelpIntent",
  "AMAZON.FallbackIntent",
  "AMAZON.NavigateHomeIntent",
  "AMAZON.NextIntent",
  "AMAZON.PreviousIntent",
  "AMAZON.RepeatIntent",
  "AMAZON.StartOverIntent",
  "AMAZON.LoopOnIntent",
  "AMAZON.LoopOffIntent",
  "AMAZON.ShuffleOnIntent",
  "AMAZON.ShuffleOffIntent",
] as const;

const START_SLOTS = [
  { name: "exercise", type: "EXERCISE" },
  { name: "length", type: "LENGTH" },
  { name: "minutes", type: "AMAZON.NUMBER" },
  { name: "ending", type: "ENDING" },
];

export class ModelError extends Error {
  override readonly name = "ModelError";
}

/** The interaction model of one locale. Throws a ModelError naming the file to fix. */
export function buildModel(locale: Locale, scripts: LoadedScript[]): InteractionModel {
  const { file, samples } = SAMPLES[locale];
  const exercises = scripts.filter(
    (s): s is LoadedScript<ExerciseScript> => s.script.kind === "exercise" && s.script.locale === locale,
  );
  if (exercises.length === 0) throw new ModelError(`scripts/${locale}/: no exercise scripts; the EXERCISE slot would be empty.`);

  const intents: ModelIntent[] = Object.values(CUSTOM_INTENTS).map((name) => {
    const list = samples.intents[name];
    if (!list || list.length === 0) throw new ModelError(`${file}: intents.${name} needs sample utterances.`);
    const intent: ModelIntent = { name, samples: list.map((s) => checkSample(file, name, s)) };
    if (name === CUSTOM_INTENTS.startExercise) intent.slots = START_SLOTS;
    return intent;
  });
  for (const name of BUILTIN_INTENTS) {
    intents.push({ name, samples: (samples.builtinSamples[name] ?? []).map((s) => checkSample(file, name, s)) });
  }
  intents.push(...reminderIntents(locale)); // issue 17
  checkDuplicates(file, intents);

  const types: ModelSlotType[] = [
    slotType("EXERCISE", exercises.map(exerciseValue), exercises.map((e) => e.file)),
    slotType("LENGTH", samples.lengths, [file]),
    slotType("ENDING", samples.endings, [file]),
    ...reminderSlotTypes(locale), // issue 17
  ];
  return { interactionModel: { languageModel: { invocationName: samples.invocationName, intents, types } } };
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

const SAMPLE = /^(?:[\p{L}'.]+|\{[a-z]+\})(?: (?:[\p{L}'.]+|\{[a-z]+\}))*$/u;

function checkSample(file: string, intent: string, sample: string): string {
  if (!SAMPLE.test(sample)) {
    throw new ModelError(
      `${file}: ${intent} sample "${sample}": use lower-case words, {slot} references and single spaces; ` +
        "spell numbers out (Alexa rejects digits and punctuation other than apostrophes and periods).",
    );
  }
  const allowed = intent === CUSTOM_INTENTS.startExercise ? START_SLOTS.map((s) => s.name) : [];
  for (const [, slot] of sample.matchAll(/\{([a-z]+)\}/g)) {
    if (!allowed.includes(slot!)) throw new ModelError(`${file}: ${intent} sample "${sample}" uses {${slot}}, which ${intent} does not have.`);
  }
  return sample;
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
