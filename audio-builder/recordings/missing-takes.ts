// Before a build with a recorded voice does any work: which sentences of the planned tracks have
// no usable take, named where a writer finds them (file:line) and told apart: never recorded, or
// recorded for text that has changed since. Without --fallback-tts the build stops with this list.
import type { PlannedTrack } from "../pipeline/plan-tracks.js";
import type { LoadedScript } from "../model/load-scripts.js";
import type { Locale } from "../model/script-schema.js";
import type { RecordedEngine } from "../speech/recorded-engine.js";
import { buildTimeline } from "../timeline/build-timeline.js";
import { estimateSpeech } from "../timeline/estimate-speech.js";
import { normalizeSentence, sentenceKey } from "./sentence-key.js";
import { scriptSentences, sentencePlaces, type ScriptSentence } from "./script-sentences.js";
import { TakeError } from "./take-format.js";

export interface MissingTake {
  locale: Locale;
  voice: string;
  text: string;
  /** `file:line` of every place the sentence is written. */
  places: string[];
  /** The text the take at the same place was recorded for, when the sentence changed since. */
  was?: string;
}

export function findMissingTakes(engine: RecordedEngine, planned: readonly PlannedTrack[], scripts: readonly LoadedScript[]): MissingTake[] {
  const recorded = new Set(engine.recordedLocales());
  const sentences = new Map<Locale, Map<string, ScriptSentence>>();
  const missing = new Map<string, MissingTake>();
  for (const track of planned) {
    if (!recorded.has(track.locale)) continue;
    const takes = engine.takesOf(track.locale)!;
    if (!sentences.has(track.locale)) {
      sentences.set(track.locale, new Map(scriptSentences(scripts, track.locale).map((s) => [s.key, s])));
    }
    // The sentences do not depend on durations: the estimate's timeline says the same ones.
    const timeline = buildTimeline(track.script, track.variant, estimateSpeech(track.locale));
    for (const e of timeline.events) {
      if (e.kind !== "speech" || engine.hasTake({ text: e.text, locale: track.locale, rate: e.rate })) continue;
      const key = sentenceKey(track.locale, e.text);
      const id = `${track.locale}/${key}`;
      if (missing.has(id)) continue;
      const sentence = sentences.get(track.locale)!.get(key);
      const placeIds = new Set(sentence?.occurrences.map((o) => o.place));
      const text = normalizeSentence(e.text);
      const older = Object.values(takes.index?.takes ?? {}).find((t) => t.text !== text && t.places.some((p) => placeIds.has(p)));
      missing.set(id, {
        locale: track.locale,
        voice: takes.voice,
        text,
        places: sentence ? sentencePlaces(sentence) : [],
        ...(older ? { was: older.text } : {}),
      });
    }
  }
  return [...missing.values()].sort((a, b) => (a.places[0] ?? "").localeCompare(b.places[0] ?? "", undefined, { numeric: true }));
}

/** One line per sentence: `file:line` and what is wrong, in words a script author acts on. */
export function missingTakeLines(missing: readonly MissingTake[]): string[] {
  return missing.map((m) => {
    const where = m.places[0] ?? m.locale;
    const also = m.places.length > 1 ? ` (also ${m.places.slice(1).join(", ")})` : "";
    const what = m.was !== undefined ? `changed since its take (recorded as ${JSON.stringify(m.was)})` : "no take yet";
    return `${where}: ${what}: ${JSON.stringify(m.text)}${also}`;
  });
}

export class MissingTakesError extends TakeError {
  constructor(readonly missing: readonly MissingTake[]) {
    const voices = [...new Set(missing.map((m) => `--locale ${m.locale} --voice ${m.voice}`))];
    super(
      `${missing.length} sentence(s) have no take of the recorded voice:\n${missingTakeLines(missing).join("\n")}\n` +
        `Record them with ${voices.map((v) => `npm run record -- ${v}`).join(" and ")}, or build with --fallback-tts to speak them with the TTS engine.`,
    );
  }
}
