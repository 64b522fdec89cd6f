// Who speaks a track, said to listeners: the ID3 artist and comment, and the catalog's record.
import type { TrackTags } from "../audio/id3-tags.js";
import type { CatalogNarration } from "../catalog/catalog-types.js";
import type { Locale } from "../model/script-schema.js";
import type { TtsEngine } from "../speech/tts-engine.js";
import { RecordedEngine } from "../speech/recorded-engine.js";
import type { Timeline } from "../timeline/timeline-types.js";

const NARRATED_BY: Record<Locale, string> = { "nl-NL": "ingesproken door", "en-US": "narrated by" };

/** The track's narration: the locale's voice, and for a recorded voice how many of the track's sentences TTS had to speak. */
export function trackNarration(engine: TtsEngine, locale: Locale, timeline: Timeline): CatalogNarration {
  if (!(engine instanceof RecordedEngine)) return { engine: engine.id as "espeak" | "azure", voice: engine.voice(locale) };
  const narration: CatalogNarration = engine.narration(locale);
  if (narration.engine !== "recorded") return narration;
  const spoken = new Set<string>();
  for (const e of timeline.events) {
    if (e.kind === "speech" && !engine.hasTake({ text: e.text, locale, rate: e.rate })) spoken.add(e.text);
  }
  if (spoken.size === 0) return narration;
  const tts = engine.ttsNarration(locale);
  return { ...narration, fallback: { engine: tts.engine as "espeak" | "azure", voice: tts.voice, sentences: spoken.size } };
}

/** The narrator in the artist and the comment; a TTS track's tags stay as they are. */
export function narratedTags(tags: TrackTags, narration: CatalogNarration, locale: Locale): TrackTags {
  if (narration.engine !== "recorded") return tags;
  const narrator = narration.narrator ?? narration.voice;
  let comment = `${tags.comment} Narrated by ${narrator} (recorded voice ${narration.voice}).`;
  if (narration.fallback) {
    comment += ` ${narration.fallback.sentences} sentence(s) not yet recorded are spoken by ${narration.fallback.engine} (${narration.fallback.voice}).`;
  }
  return { ...tags, artist: `Rustpunt, ${NARRATED_BY[locale]} ${narrator}`, comment };
}
