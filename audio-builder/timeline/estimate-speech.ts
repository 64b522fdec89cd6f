// A deterministic speech-duration estimate from word and punctuation counts, so pacing can be
// planned and checked without a TTS engine. The audio build replaces it with measured durations.
import type { Locale } from "../model/script-schema.js";
import type { SpeechDuration, SpeechRate } from "./timeline-types.js";

/** Words per second of calm guided-relaxation delivery (slower than conversation). */
const WORDS_PER_SECOND: Record<Locale, Record<SpeechRate, number>> = {
  // Dutch words are on average a little longer than English ones.
  "nl-NL": { normal: 2.3, slow: 1.8 },
  "en-US": { normal: 2.5, slow: 2.0 },
};

/** The voice settles after a sentence and briefly after a comma. */
const SENTENCE_END_MS = 350;
const CLAUSE_BREAK_MS = 150;
/** Even "In." takes a moment to say. */
const MIN_SPEECH_MS = 400;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function estimateSpeech(locale: Locale): SpeechDuration {
  const rates = WORDS_PER_SECOND[locale];
  return (text, rate) => {
    const words = countWords(text);
    const sentenceEnds = (text.match(/[.!?…]+/g) ?? []).length;
    const clauseBreaks = (text.match(/[,;:—–]/g) ?? []).length;
    const ms = (words / rates[rate]) * 1000 + sentenceEnds * SENTENCE_END_MS + clauseBreaks * CLAUSE_BREAK_MS;
    return Math.max(MIN_SPEECH_MS, Math.round(ms));
  };
}
