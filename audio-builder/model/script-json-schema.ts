// The script format as a JSON Schema, for editors: a YAML language server validates and completes
// scripts/<locale>/<id>.yaml as people type. Generated from the loader's own zod schema, so the two
// cannot disagree on what is allowed; only the help texts are added here. The loader stays the
// judge: rules across fields (exhale ≥ inhale, rest ≥ 2 × hold) and pacing are checked by
// `npm run validate`, which JSON Schema cannot express.
import { z } from "zod";
import {
  breatheStep,
  chapterStep,
  exerciseScript,
  infoItem,
  infoScript,
  pauseStep,
  sayStep,
  script,
  tenseStep,
} from "./script-schema.js";

/** Where the committed schema lives, relative to the repository root. */
export const SCRIPT_JSON_SCHEMA_PATH = "schemas/script.schema.json";

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; description?: string };

/** Named definitions: the editor shows these names, and each step kind gets its own help text. */
const NAMED = [
  [exerciseScript, "exercise", "An exercise: steps spoken and timed, with a wake and a sleep ending, built into short and long tracks."],
  [infoScript, "info", "An info piece: an intro, items the skill can read one by one, and an optional outro."],
  [infoItem, "item", "One reason, tip or moment: a short title and its text."],
  [sayStep, "say", "Speak one sentence or a few. Sentences that follow each other get a short natural gap."],
  [pauseStep, "pause", "Silence in seconds. With `max` the pause may grow up to max to bring the track to its target length."],
  [chapterStep, "chapter", "Starts a chapter: a resume point for the skill and an ID3 chapter in the MP3."],
  [breatheStep, "breathe", "A block of paced breathing: cue, then silence, per phase, for a number of cycles."],
  [tenseStep, "tense", "One round of muscle relaxation: instruction, hold the tension, let go, rest."],
] as const;

/** Help texts per field, by definition name and property path. */
const FIELD_HELP: Record<string, Record<string, string>> = {
  exercise: {
    id: "Lower-case letters, digits and hyphens; the same as the file name and the same in every locale.",
    locale: "The folder the file is in: nl-NL or en-US.",
    kind: "`exercise` or `info`.",
    title: "The name people see and say.",
    description: "One or two sentences for lists, the page and the podcast feed.",
    source: "The seed document this is written from, by file name (NNN_<16 hex digits>.txt).",
    synonyms: "Other names people use for this exercise: the voice models' synonyms.",
    targetSeconds: "Target length in seconds per length variant; stretchable pauses fill up to it (±10 % allowed).",
    "targetSeconds.short": "60 to 900 seconds.",
    "targetSeconds.long": "180 to 1800 seconds, longer than short.",
    audio: "Eyes-closed aids the build mixes under the voice.",
    "audio.breathTones": "A soft rising tone under each inhale and a falling one under each exhale.",
    "audio.bed": "A quiet generated noise bed under the whole track: none, brown or pink.",
    steps: "The exercise, in order. Each step is one of say, pause, chapter, breathe, tense.",
    endings: "How the exercise ends: both are required.",
    "endings.wake": "Come back gently: move, stretch, open your eyes.",
    "endings.sleep": "For bed: no wake-up; spoken slowly, then silence, and the track fades out.",
  },
  info: {
    id: "Lower-case letters, digits and hyphens; the same as the file name and the same in every locale.",
    locale: "The folder the file is in: nl-NL or en-US.",
    kind: "`exercise` or `info`.",
    title: "The name people see and say.",
    description: "One or two sentences for lists and the page.",
    source: "The seed document this is written from, by file name (NNN_<16 hex digits>.txt).",
    intro: "Spoken before the items.",
    items: "The reasons, tips or moments; the skill may speak all of them or one at a time.",
    outro: "Spoken after the items, e.g. the take-home message.",
  },
  item: {
    title: "A short title, e.g. Plan rustmomenten.",
    text: "What is said about it: a few sentences.",
  },
  say: {
    say: "The text to speak.",
    slow: "Slower, softer delivery (settling-in lines; everything in a sleep ending is slow anyway).",
    only: "Only in the `short` or only in the `long` variant.",
  },
  pause: {
    pause: "Minimum silence in seconds (at most 300).",
    max: "The pause may stretch up to this many seconds to reach the target length (at least `pause`).",
    only: "Only in the `short` or only in the `long` variant.",
  },
  chapter: {
    chapter: "The chapter's title.",
    only: "Only in the `short` or only in the `long` variant.",
  },
  breathe: {
    breathe: "inhale, exhale, cycles and cues; optionally hold, ramp and spokenCycles.",
    "breathe.inhale": "Seconds of the in-breath, cue included (at most 20).",
    "breathe.hold": "Seconds to hold the breath after the inhale; needs `cues.hold`.",
    "breathe.exhale": "Seconds of the out-breath, cue included; at least as long as the inhale.",
    "breathe.cycles": "How many breaths: a number for both lengths, or { short: n, long: n }.",
    "breathe.cues": "The words spoken at the start of each phase, e.g. In / Uit. Keep them short: they must fit in the phase.",
    "breathe.cues.inhale": "Spoken at the start of each inhale, e.g. In.",
    "breathe.cues.exhale": "Spoken at the start of each exhale, e.g. Uit.",
    "breathe.cues.hold": "Spoken at the start of each hold, e.g. Vasthouden.",
    "breathe.ramp": "Slows the pace over the block: the last cycle uses these phase lengths, the cycles between move evenly.",
    "breathe.ramp.inhale": "The last cycle's inhale in seconds.",
    "breathe.ramp.hold": "The last cycle's hold in seconds.",
    "breathe.ramp.exhale": "The last cycle's exhale in seconds; at least the ramp's inhale.",
    "breathe.spokenCycles": "Speak the cues only in the first N cycles, then breathe in silence (the captions still show them).",
    only: "Only in the `short` or only in the `long` variant.",
  },
  tense: {
    tense: "part, instruction, hold, release and rest; optionally restMax and notice.",
    "tense.part": "The body part, e.g. schouders en armen.",
    "tense.instruction": "Spoken before tensing: what to tense and how.",
    "tense.hold": "Seconds to hold the tension (about 5, at most 15).",
    "tense.release": "Spoken at the moment of letting go, e.g. En laat los.",
    "tense.rest": "Seconds of rest after letting go, at least twice the hold; the notice is spoken inside it.",
    "tense.restMax": "The rest may stretch up to this many seconds to reach the target length.",
    "tense.notice": "Spoken during the rest, e.g. Voel hoe je spieren warm en zwaar worden.",
    only: "Only in the `short` or only in the `long` variant.",
  },
};

/** The JSON Schema (draft-07, what YAML language servers read best) of one script file. */
export function scriptJsonSchema(): JsonSchema {
  const registry = z.registry<{ id: string; description: string }>();
  for (const [schema, id, description] of NAMED) registry.add(schema, { id, description });
  const raw = z.toJSONSchema(script, {
    metadata: registry,
    target: "draft-07",
    // What a writer types: fields with defaults (synonyms, audio) may be left out.
    io: "input",
    unrepresentable: "throw",
  }) as unknown as JsonSchema & { definitions: Record<string, JsonSchema> };
  // zod may hand out one object for a schema used in several places: edit a copy of each.
  const generated = structuredClone(raw);

  for (const [definition, fields] of Object.entries(FIELD_HELP)) {
    for (const [at, help] of Object.entries(fields)) {
      const field = at.split(".").reduce<JsonSchema | undefined>((node, key) => node?.properties?.[key], generated.definitions[definition]);
      if (!field) throw new Error(`script JSON Schema: no field ${definition}.${at} (the zod schema changed: update FIELD_HELP)`);
      field.description = help;
    }
  }
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $comment: "Generated from audio-builder/model/script-schema.ts by `npm run schema`: do not edit by hand.",
    title: "Rustpunt script (scripts/<locale>/<id>.yaml)",
    description: "An exercise or info piece. See docs/writing-scripts.md; `npm run validate` checks what this schema cannot (pacing, rules across fields and files).",
    ...rest,
  };
}

/** The committed file's exact text. */
export function scriptJsonSchemaText(): string {
  return `${JSON.stringify(scriptJsonSchema(), null, 2)}\n`;
}
