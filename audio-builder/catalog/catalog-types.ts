// The contract between build time and run time: dist/catalog.json.
// The skill never reads YAML; it reads this (or its compact projection, skill-catalog.json).
import type { Ending, Length, Locale } from "../model/script-schema.js";

export const CATALOG_VERSION = 1;

export interface CatalogChapter {
  id: string;
  title: string;
  startMs: number;
}

export interface CatalogFile {
  /** Relative to dist/, always with forward slashes: audio/nl-NL/ademhaling-short-wake.mp3 */
  path: string;
  bytes: number;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  mime: string;
}

export interface CatalogTrack {
  /** `<exercise>-<length>-<ending>`; unique within a locale. */
  id: string;
  exercise: string;
  locale: Locale;
  title: string;
  length: Length;
  ending: Ending;
  durationMs: number;
  chapters: CatalogChapter[];
  /**
   * Where playback may resume, ms ascending: every chapter start and, inside long chapters, step
   * boundaries (a breathing cycle, a sentence) so that resume repeats at most about a minute.
   * Absent in entries kept from a build before it existed: resume then uses the chapter starts.
   */
  resumePoints?: number[];
  /** download: for headphones and podcasts; alexa: 48 kbps MPEG-2 for Alexa's AudioPlayer and <audio>. */
  files: { download: CatalogFile; alexa: CatalogFile };
  /** WebVTT captions (speech and breathing phases). */
  transcript: CatalogFile;
  /**
   * The exercise as Alexa SSML <speak> documents for devices without AudioPlayer: one chapter per
   * document (a chapter too long for one response is cut in several), each within Alexa's limits.
   * alexaChapters[i] is the index into `chapters` of the chapter document i speaks (absent in
   * entries from an older build).
   */
  ssml: { alexa: string[]; alexaChapters?: number[] };
  /** Who speaks the track (every build writes it; optional so hand-made catalogs in tests need not). */
  narration?: CatalogNarration;
}

/** A recorded narrator (takes in recordings/) or a TTS voice. */
export interface CatalogNarration {
  engine: "recorded" | "espeak" | "azure";
  /** The recorded voice's folder name, or the TTS engine's voice (e.g. "nl", "nl-NL-FennaNeural"). */
  voice: string;
  /** The narrator's name as listeners see it (recorded voices). */
  narrator?: string;
  /** Sentences without a take yet, spoken by this TTS voice (a recorded voice built with --fallback-tts). */
  fallback?: { engine: "espeak" | "azure"; voice: string; sentences: number };
}

export interface CatalogExercise {
  id: string;
  locale: Locale;
  title: string;
  description: string;
  synonyms: string[];
  /** Seed document the content was written from. */
  source: string;
}

export interface CatalogInfoItem {
  title: string;
  text: string;
  /** Alexa/Google-safe SSML <speak> document for this one item. */
  ssml: string;
}

export interface CatalogInfo {
  id: string;
  locale: Locale;
  title: string;
  description: string;
  source: string;
  intro: string;
  items: CatalogInfoItem[];
  outro?: string;
  /** The whole piece (intro, items, outro) as one <speak> document. */
  ssml: string;
}

export interface Catalog {
  version: typeof CATALOG_VERSION;
  locales: Locale[];
  exercises: CatalogExercise[];
  tracks: CatalogTrack[];
  info: CatalogInfo[];
}
