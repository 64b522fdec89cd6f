// `npm run agent`: writes the Dialogflow ES agent (the console's export/import layout) to
// skill/google/agent/export/: agent.json, package.json, intents/<name>.json with
// intents/<name>_usersays_<lang>.json, entities/<name>.json with entities/<name>_entries_<lang>.json.
// Exercise names come from the scripts and the training phrases, length and ending entities from
// the grammars in skill/grammar/ (the same ones the Alexa model is generated from), so the agent,
// the Alexa model and the content cannot drift; a test regenerates the files and compares them
// with the committed ones.
import { createHash } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadScriptsOrThrow, type LoadedScript } from "../../../audio-builder/model/load-scripts.js";
import type { ExerciseScript, Locale } from "../../../audio-builder/model/script-schema.js";
import { expandIntent } from "../../grammar/expand-grammar.js";
import { GRAMMARS } from "../../grammar/grammars.js";
import type { SlotValueSource } from "../../grammar/grammar-types.js";
import { DIALOGFLOW_ENTITY, GRAMMAR_SLOT_TYPES, INTENT_KEYS, INTENTS, intentByDialogflowName, type IntentDefinition, type IntentKey } from "../../grammar/intents.js";
import { MEDIA_STATUS_INTENT } from "../dialogflow-app.js";
import { WEBHOOK_SECRET_HEADER } from "../webhook-secret.js";

export type AgentLanguage = "nl" | "en";

export interface EntityEntry {
  /** The resolved value the webhook receives (what the core understands). */
  value: string;
  synonyms: string[];
}

export const EXPORT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "export");
/** The agent's default language first: Dutch first, English second. */
export const AGENT_LANGUAGES: readonly AgentLanguage[] = ["nl", "en"];
const LOCALE_OF: Record<AgentLanguage, Locale> = { nl: "nl-NL", en: "en-US" };
/** Placeholders only: the real URL and secret are set in the console (see the README). */
export const WEBHOOK_URL_PLACEHOLDER = "https://REPLACE-WITH-FUNCTION-URL.lambda-url.eu-west-1.on.aws/";
export const WEBHOOK_SECRET_PLACEHOLDER = "REPLACE-WITH-THE-SECRET-FROM-SSM";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Stable ids, so regenerating changes nothing and re-importing updates rather than duplicates. */
function stableId(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Relative path → file content, for every file of the agent. */
export function buildAgentFiles(scripts: readonly LoadedScript[]): Map<string, string> {
  const files = new Map<string, Json>();
  const exercises = exerciseEntries(scripts);

  files.set("package.json", { version: "1.0.0" });
  files.set("agent.json", agentJson());

  // Entity name = the slot type's Dialogflow entity without its @ (intents.ts: DIALOGFLOW_ENTITY).
  const entities: Record<string, Record<AgentLanguage, EntityEntry[]>> = { exercise: exercises };
  for (const type of GRAMMAR_SLOT_TYPES) {
    entities[DIALOGFLOW_ENTITY[type].slice(1)] = {
      nl: entityEntries(GRAMMARS["nl-NL"].grammar.slotValues[type]),
      en: entityEntries(GRAMMARS["en-US"].grammar.slotValues[type]),
    };
  }
  for (const [name, byLanguage] of Object.entries(entities)) {
    files.set(`entities/${name}.json`, {
      id: stableId("entity", name),
      name,
      isOverridable: true,
      isEnum: false,
      isRegexp: false,
      automatedExpansion: false,
      allowFuzzyExtraction: name === "exercise",
    });
    for (const lang of AGENT_LANGUAGES) {
      files.set(`entities/${name}_entries_${lang}.json`, byLanguage[lang].map((e) => ({ value: e.value, synonyms: e.synonyms })));
    }
  }

  // Every intent of the one table that Google's agent has (skill/grammar/intents.ts).
  for (const key of INTENT_KEYS) {
    const name = (INTENTS[key] as IntentDefinition).dialogflow;
    if (name === null) continue;
    files.set(`intents/${name}.json`, intentJson(name));
    if (name === "Default Fallback Intent") continue;
    for (const lang of AGENT_LANGUAGES) files.set(`intents/${name}_usersays_${lang}.json`, userSays(name, key, lang, entities));
  }
  files.set(`intents/${MEDIA_STATUS_INTENT}.json`, intentJson(MEDIA_STATUS_INTENT));

  const out = new Map<string, string>();
  for (const key of [...files.keys()].sort()) out.set(key, key.includes("_usersays_") ? jsonLines(files.get(key) as Json[]) : `${JSON.stringify(files.get(key), null, 2)}\n`);
  return out;
}

/** Training phrases one per line: the grammar makes thousands, and indented they triple in size. */
function jsonLines(list: Json[]): string {
  return list.length === 0 ? "[]\n" : `[\n${list.map((item) => JSON.stringify(item)).join(",\n")}\n]\n`;
}

function agentJson(): Json {
  return {
    description: "Rustpunt: guided relaxation exercises (Dutch first, English second). Fulfillment: the Rustpunt webhook on AWS Lambda.",
    language: AGENT_LANGUAGES[0]!,
    shortDescription: "Guided relaxation exercises",
    examples: "",
    linkToDocs: "",
    displayName: "Rustpunt",
    disableInteractionLogs: true,
    disableStackdriverLogs: true,
    defaultTimezone: "Europe/Amsterdam",
    webhook: {
      url: WEBHOOK_URL_PLACEHOLDER,
      username: "",
      headers: { [WEBHOOK_SECRET_HEADER]: WEBHOOK_SECRET_PLACEHOLDER },
      available: true,
      useForDomains: false,
      cloudFunctionsEnabled: false,
      cloudFunctionsInitialized: false,
    },
    isPrivate: true,
    mlMinConfidence: 0.3,
    supportedLanguages: AGENT_LANGUAGES.slice(1) as string[],
    enableOnePlatformApi: true,
    onePlatformApiVersion: "v2",
    analyzeQueryTextSentiment: false,
    enabledKnowledgeBaseNames: [],
    knowledgeServiceConfidenceAdjustment: 0,
    dialogBuilderMode: false,
    baseActionPackagesUrl: "",
    enableSpellCorrection: false,
  };
}

const INTENT_EVENTS: Record<string, string[]> = {
  "Default Welcome Intent": ["WELCOME", "GOOGLE_ASSISTANT_WELCOME"],
  [MEDIA_STATUS_INTENT]: ["actions_intent_MEDIA_STATUS"],
};

function intentJson(name: string): Json {
  const key = intentByDialogflowName(name);
  const slots = key === undefined ? {} : ((INTENTS[key] as IntentDefinition).slots ?? {});
  const parameters: Json[] = Object.entries(slots).map(([slot, type]) => parameter(name, slot, DIALOGFLOW_ENTITY[type]));
  return {
    id: stableId("intent", name),
    name,
    auto: true,
    contexts: [],
    responses: [
      {
        resetContexts: false,
        action: name === "Default Fallback Intent" ? "input.unknown" : name === "Default Welcome Intent" ? "input.welcome" : name,
        affectedContexts: [],
        parameters,
        // Said by Dialogflow only when the webhook fails; the webhook answers every turn.
        messages: AGENT_LANGUAGES.map((lang) => ({ type: "0", title: "", textToSpeech: "", lang, speech: [GRAMMARS[LOCALE_OF[lang]].grammar.webhookDown], condition: "" })),
        speech: [],
      },
    ],
    priority: 500000,
    webhookUsed: true,
    webhookForSlotFilling: false,
    fallbackIntent: name === "Default Fallback Intent",
    events: (INTENT_EVENTS[name] ?? []).map((event) => ({ name: event })),
    conditionalResponses: [],
    condition: "",
    conditionalFollowupEvents: [],
  };
}

function parameter(intent: string, name: string, dataType: string): Json {
  return {
    id: stableId("parameter", intent, name),
    name,
    required: false,
    dataType,
    value: `$${name}`,
    defaultValue: "",
    isList: false,
    prompts: [],
    promptMessages: [],
    noMatchPromptMessages: [],
    noInputPromptMessages: [],
    outputDialogContexts: [],
  };
}

/** Exercise entity per language: value = id (the core matches it), synonyms = title, id and the script's synonyms. */
function exerciseEntries(scripts: readonly LoadedScript[]): Record<AgentLanguage, EntityEntry[]> {
  const exercises = scripts
    .map((s) => s.script)
    .filter((s): s is ExerciseScript => s.kind === "exercise")
    .sort((a, b) => a.id.localeCompare(b.id));
  const entries = {} as Record<AgentLanguage, EntityEntry[]>;
  for (const lang of AGENT_LANGUAGES) {
    entries[lang] = exercises
      .filter((s) => s.locale === LOCALE_OF[lang])
      .map((s) => ({ value: s.id, synonyms: unique([s.title, s.id, ...s.synonyms]) }));
  }
  return entries;
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.trim().toLowerCase();
    if (key === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Grammar slot values as entity entries: the id is the value, and every way to say it a synonym. */
function entityEntries(sources: readonly SlotValueSource[]): EntityEntry[] {
  return sources.map((s) => ({ value: s.id, synonyms: unique([s.value, ...s.synonyms]) }));
}

const PLACEHOLDER = /\{([a-z][a-zA-Z]*)\}/g;

/**
 * Training phrases with annotated parameters, one per sentence of the grammar. Each {slot} is
 * filled with the next example of its entity (across all its values), so every exercise name
 * appears in several sentence shapes.
 */
function userSays(intent: string, key: IntentKey, lang: AgentLanguage, entities: Record<string, Record<AgentLanguage, EntityEntry[]>>): Json {
  const { file, grammar } = GRAMMARS[LOCALE_OF[lang]];
  const slots = (INTENTS[key] as IntentDefinition).slots ?? {};
  const examples = (slot: string): string[] => {
    const type = slots[slot];
    if (type === "AMAZON.NUMBER") return grammar.numberExamples;
    if (type === "AMAZON.TIME") return grammar.timeExamples;
    const entity = type === undefined ? undefined : entities[DIALOGFLOW_ENTITY[type].slice(1)];
    if (!entity) throw new Error(`${file}: ${key} uses {${slot}}, which has no Dialogflow entity.`);
    return interleave(entity[lang].map((e) => e.synonyms));
  };
  const next = new Map<string, number>();
  const phrases: Json[] = [];
  for (const sentence of expandIntent(grammar, key, file, "dialogflow")) {
    const data: Json[] = [];
    let last = 0;
    for (const match of sentence.matchAll(PLACEHOLDER)) {
      const slot = match[1]!;
      if (match.index > last) data.push({ text: sentence.slice(last, match.index), userDefined: false });
      const list = examples(slot);
      const n = next.get(slot) ?? 0;
      next.set(slot, n + 1);
      data.push({ text: list[n % list.length]!, alias: slot, meta: DIALOGFLOW_ENTITY[slots[slot]!], userDefined: true });
      last = match.index + match[0].length;
    }
    if (last < sentence.length) data.push({ text: sentence.slice(last), userDefined: false });
    const text = data.map((d) => (d as { text: string }).text).join("");
    phrases.push({ id: stableId("usersays", intent, lang, text, sentence), data, isTemplate: false, count: 0, lang, updated: 0 });
  }
  return phrases;
}

/** [[a1, a2], [b1]] → [a1, b1, a2]: values take turns, so no exercise waits for another's synonyms. */
function interleave(lists: string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

/** Writes the files into a fresh sibling directory, then swaps it in: never half an agent. */
export async function writeAgent(files: Map<string, string>, dir: string = EXPORT_DIR): Promise<void> {
  const staging = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  for (const [relative, content] of files) {
    const file = path.join(staging, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content, "utf8");
  }
  await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, dir);
  await rm(old, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const files = buildAgentFiles(await loadScriptsOrThrow());
  await writeAgent(files);
  console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), EXPORT_DIR)}/`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
