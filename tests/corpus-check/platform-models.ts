// The generated Alexa model and Dialogflow agent, read as the strict matcher sees them.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Locale } from "../../audio-builder/model/script-schema.js";
import type { InteractionModel } from "../../skill/alexa/interaction-model/model-types.js";
import { ALEXA_BUILTIN_PHRASES } from "./platform-phrases.js";
import { NUMBER_TYPE, TIME_TYPE, type MatchIntent, type MatchModel } from "./strict-matcher.js";

/** Built-in slot types the strict matcher fills itself. */
const ALEXA_TYPES: Record<string, string> = { "AMAZON.NUMBER": NUMBER_TYPE, "AMAZON.TIME": TIME_TYPE };
const DIALOGFLOW_TYPES: Record<string, string> = { "@sys.number": NUMBER_TYPE, "@sys.time": TIME_TYPE };

export function alexaMatchModel(model: InteractionModel, locale: Locale): MatchModel {
  const lm = model.interactionModel.languageModel;
  const intents: MatchIntent[] = lm.intents.map((intent) => ({
    name: intent.name,
    slots: Object.fromEntries((intent.slots ?? []).map((s) => [s.name, ALEXA_TYPES[s.type] ?? s.type])),
    samples: intent.samples,
  }));
  for (const intent of intents) {
    for (const type of Object.values(intent.slots)) {
      if (type.startsWith("AMAZON.")) throw new Error(`${intent.name}: the corpus check cannot fill slots of type ${type} yet; teach strict-matcher.ts.`);
    }
  }
  const slotTypes = Object.fromEntries(
    lm.types.map((t) => [t.name, t.values.map((v) => ({ id: v.id, phrases: [v.name.value, ...(v.name.synonyms ?? [])] }))]),
  );
  const declared = new Set(lm.intents.map((i) => i.name));
  const platformPhrases = Object.fromEntries(Object.entries(ALEXA_BUILTIN_PHRASES[locale]).filter(([name]) => declared.has(name)));
  return { locale, intents, slotTypes, platformPhrases };
}

interface UserSays {
  data: { text: string; alias?: string; meta?: string }[];
}
interface IntentFile {
  name: string;
  responses: { parameters: { name: string; dataType: string }[] }[];
}

/** Reads an agent export folder (intents/, entities/) for one agent language. */
export async function dialogflowMatchModel(exportDir: string, lang: string, locale: Locale): Promise<MatchModel> {
  const read = async <T>(relative: string): Promise<T> => JSON.parse(await readFile(path.join(exportDir, relative), "utf8")) as T;
  const slotTypes: MatchModel["slotTypes"] = {};
  for (const name of await readdir(path.join(exportDir, "entities"))) {
    const m = new RegExp(`^(.+)_entries_${lang}\\.json$`).exec(name);
    if (!m) continue;
    const entries = await read<{ value: string; synonyms: string[] }[]>(`entities/${name}`);
    slotTypes[`@${m[1]}`] = entries.map((e) => ({ id: e.value, phrases: e.synonyms }));
  }
  const intents: MatchIntent[] = [];
  for (const name of await readdir(path.join(exportDir, "intents"))) {
    if (name.includes("_usersays_") || !name.endsWith(".json")) continue;
    const intent = await read<IntentFile>(`intents/${name}`);
    const slots: Record<string, string> = {};
    for (const p of intent.responses[0]?.parameters ?? []) {
      const builtin = DIALOGFLOW_TYPES[p.dataType];
      if (builtin !== undefined) slots[p.name] = builtin;
      else if (p.dataType.startsWith("@sys.")) throw new Error(`${intent.name}: the corpus check cannot fill ${p.dataType} yet; teach strict-matcher.ts.`);
      else slots[p.name] = p.dataType;
    }
    const says = await read<UserSays[]>(`intents/${intent.name}_usersays_${lang}.json`).catch(() => [] as UserSays[]);
    const samples = says.map((s) => s.data.map((d) => (d.alias ? `{${d.alias}}` : d.text)).join(""));
    intents.push({ name: intent.name, slots, samples });
  }
  return { locale, intents, slotTypes };
}
