// recordings/<locale>/<voice>/index.json: which sentence each take was spoken for. Takes are
// named by the sentence's key (text + locale); the index keeps the text itself, so a script
// edit can be told apart from a sentence that was never recorded, and a folder copied to the
// wrong locale is caught before its takes are used.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../files/atomic-file.js";
import { LOCALES, type Locale } from "../model/script-schema.js";
import { TAKE_BITS, TAKE_CHANNELS, TAKE_EXTENSION, TAKE_SAMPLE_RATE, TakeError } from "./take-format.js";

export const INDEX_FILE = "index.json";
const INDEX_VERSION = 1;

export interface TakeEntry {
  /** The sentence as it was read (normalised). */
  text: string;
  /** `<key>.flac`, in the voice's folder. */
  file: string;
  /** At TAKE_SAMPLE_RATE. */
  samples: number;
  /** Of the FLAC file's bytes. */
  sha256: string;
  /** ISO 8601. */
  recordedAt: string;
  /** Where the sentence stood in the scripts when it was read (`exercise:yaml.path`). */
  places: string[];
}

export interface TakeIndex {
  version: typeof INDEX_VERSION;
  locale: Locale;
  voice: string;
  /** The narrator's name as listeners see it (tags, page). */
  narrator: string;
  format: { codec: "flac"; sampleRate: number; channels: number; bits: number };
  takes: Record<string, TakeEntry>;
}

export function voiceDir(recordingsDir: string, locale: Locale, voice: string): string {
  return path.join(recordingsDir, locale, voice);
}

export function emptyIndex(locale: Locale, voice: string, narrator?: string): TakeIndex {
  return {
    version: INDEX_VERSION,
    locale,
    voice,
    narrator: narrator ?? voice,
    format: { codec: "flac", sampleRate: TAKE_SAMPLE_RATE, channels: TAKE_CHANNELS, bits: TAKE_BITS },
    takes: {},
  };
}

/**
 * The voice's index, or undefined when the folder has none yet. Throws a TakeError a person can
 * act on for an unreadable index, or one written for another locale or voice.
 */
export async function readTakeIndex(dir: string, locale: Locale, voice: string): Promise<TakeIndex | undefined> {
  const file = path.join(dir, INDEX_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: Partial<TakeIndex>;
  try {
    parsed = JSON.parse(text) as Partial<TakeIndex>;
  } catch {
    throw new TakeError(`${file} is not valid JSON: restore it from git (git checkout -- ${file})`);
  }
  if (parsed.version !== INDEX_VERSION || typeof parsed.takes !== "object" || parsed.takes === null) {
    throw new TakeError(`${file} is not a take index of version ${INDEX_VERSION}: restore it from git`);
  }
  if (parsed.locale !== locale) {
    const other = LOCALES.includes(parsed.locale as Locale) ? parsed.locale : JSON.stringify(parsed.locale);
    throw new TakeError(
      `${file} holds takes recorded for ${other}, not ${locale}: move the folder to ${path.join(path.dirname(path.dirname(dir)), String(parsed.locale), voice)} ` +
        `(takes are read for the locale whose folder they are in)`,
    );
  }
  if (parsed.voice !== voice) {
    throw new TakeError(`${file} belongs to voice ${JSON.stringify(parsed.voice)}, not ${JSON.stringify(voice)}: a voice's folder is named after it`);
  }
  const f = parsed.format;
  if (!f || f.codec !== "flac" || f.sampleRate !== TAKE_SAMPLE_RATE || f.channels !== TAKE_CHANNELS || f.bits !== TAKE_BITS) {
    throw new TakeError(`${file} describes takes in a format this version does not read (${JSON.stringify(f)})`);
  }
  for (const [key, entry] of Object.entries(parsed.takes)) {
    if (typeof entry?.text !== "string" || entry.file !== `${key}${TAKE_EXTENSION}`) {
      throw new TakeError(`${file}: the entry for ${key} is damaged (needs its text and file ${key}${TAKE_EXTENSION}): restore the index from git`);
    }
  }
  return { ...emptyIndex(locale, voice), ...parsed } as TakeIndex;
}

/** Sorted by key, two-space indented: a new take is a small, readable diff. */
export function serializeTakeIndex(index: TakeIndex): string {
  const sorted = { ...index, takes: Object.fromEntries(Object.entries(index.takes).sort(([a], [b]) => (a < b ? -1 : 1))) };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

export async function writeTakeIndex(dir: string, index: TakeIndex): Promise<void> {
  await writeFileAtomic(path.join(dir, INDEX_FILE), serializeTakeIndex(index));
}
