// Every sentence the exercise scripts speak, with where a writer typed it (file:line) and how it
// is delivered. The recording page walks through them; the build names them when a take is
// missing or was recorded for older text.
import type { LoadedScript } from "../model/load-scripts.js";
import type { ExerciseScript, Locale, Step } from "../model/script-schema.js";
import type { SpeechRate } from "../timeline/timeline-types.js";
import { normalizeSentence, sentenceKey } from "./sentence-key.js";

export interface SentenceOccurrence {
  exercise: string;
  exerciseTitle: string;
  /** The script file as loaded (relative to the working directory). */
  file: string;
  line: number;
  /** Where in the script, stable while the text changes: e.g. `ademhaling:steps.3.say`. */
  place: string;
  rate: SpeechRate;
}

export interface ScriptSentence {
  key: string;
  locale: Locale;
  /** Normalised: single spaces. */
  text: string;
  /** "slow" when any occurrence is delivered slowly (the sleep ending, `slow: true`). */
  rate: SpeechRate;
  /** In script order; the first is where the page shows it. */
  occurrences: SentenceOccurrence[];
  /** The sentences spoken just before and after the first occurrence (context for the narrator). */
  before?: string;
  after?: string;
}

interface Spoken {
  text: string;
  path: (string | number)[];
  rate: SpeechRate;
}

/** What one list of steps says, in order, with each text's path in the YAML. */
function spokenIn(steps: readonly Step[], at: (string | number)[], forceSlow: boolean): Spoken[] {
  const out: Spoken[] = [];
  steps.forEach((step, i) => {
    const base = [...at, i];
    if ("say" in step) out.push({ text: step.say, path: [...base, "say"], rate: forceSlow || step.slow ? "slow" : "normal" });
    else if ("breathe" in step) {
      const rate = forceSlow ? "slow" : "normal";
      const cues = step.breathe.cues;
      out.push({ text: cues.inhale, path: [...base, "breathe", "cues", "inhale"], rate });
      if (step.breathe.hold !== undefined && cues.hold !== undefined) out.push({ text: cues.hold, path: [...base, "breathe", "cues", "hold"], rate });
      out.push({ text: cues.exhale, path: [...base, "breathe", "cues", "exhale"], rate });
    } else if ("tense" in step) {
      const rate = forceSlow ? "slow" : "normal";
      out.push({ text: step.tense.instruction, path: [...base, "tense", "instruction"], rate });
      out.push({ text: step.tense.release, path: [...base, "tense", "release"], rate });
      if (step.tense.notice !== undefined) out.push({ text: step.tense.notice, path: [...base, "tense", "notice"], rate });
    }
  });
  return out;
}

/** Distinct sentences of the exercises of one locale (all exercises, or `only`), in script order. */
export function scriptSentences(scripts: readonly LoadedScript[], locale: Locale, only?: readonly string[]): ScriptSentence[] {
  const byKey = new Map<string, ScriptSentence>();
  const exercises = scripts
    .filter((s): s is LoadedScript<ExerciseScript> => s.script.kind === "exercise" && s.script.locale === locale)
    .filter((s) => !only?.length || only.includes(s.script.id))
    .sort((a, b) => a.script.id.localeCompare(b.script.id));
  for (const loaded of exercises) {
    const { script } = loaded;
    // The sleep ending is delivered slowly throughout (as plan-steps.ts speaks it).
    const spoken = [
      ...spokenIn(script.steps, ["steps"], false),
      ...spokenIn(script.endings.wake, ["endings", "wake"], false),
      ...spokenIn(script.endings.sleep, ["endings", "sleep"], true),
    ];
    spoken.forEach((s, i) => {
      const text = normalizeSentence(s.text);
      const key = sentenceKey(locale, text);
      const occurrence: SentenceOccurrence = {
        exercise: script.id,
        exerciseTitle: script.title,
        file: loaded.file,
        line: loaded.locate(s.path).line,
        place: `${script.id}:${s.path.join(".")}`,
        rate: s.rate,
      };
      const known = byKey.get(key);
      if (known) {
        known.occurrences.push(occurrence);
        if (s.rate === "slow") known.rate = "slow";
        return;
      }
      const before = spoken[i - 1]?.text;
      const after = spoken[i + 1]?.text;
      byKey.set(key, {
        key,
        locale,
        text,
        rate: s.rate,
        occurrences: [occurrence],
        ...(before !== undefined ? { before: normalizeSentence(before) } : {}),
        ...(after !== undefined ? { after: normalizeSentence(after) } : {}),
      });
    });
  }
  return [...byKey.values()];
}

/** `file:line` of each place a sentence is written. */
export function sentencePlaces(sentence: Pick<ScriptSentence, "occurrences">): string[] {
  return sentence.occurrences.map((o) => `${o.file}:${o.line}`);
}
