// Turns what someone said ("de buikademhaling", "oefening ademhaling", "Body-Scan") into an
// exercise id. Names come from the catalog: id, title and synonyms of the same exercise in every
// locale, so a Dutch speaker who says "body scan" in English is still understood.
import type { SkillCatalog as Catalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../../audio-builder/model/script-schema.js";

/** Words that carry no name: articles, politeness and "exercise" itself. */
const FILLER = new Set([
  // Dutch
  "de", "het", "een", "oefening", "oefeningen", "graag", "doen", "start", "starten", "begin", "beginnen",
  "wil", "ik", "met", "die", "deze", "alsjeblieft", "aub", "even", "mij", "me", "van", "voor",
  // English
  "the", "a", "an", "exercise", "exercises", "please", "start", "begin", "do", "play", "some", "my", "me", "i", "want", "to",
]);
/** "ademhalingsoefening", "ademoefening": the compound's head says nothing about which exercise. */
const COMPOUND_TAILS = ["soefeningen", "soefening", "oefeningen", "oefening", "exercises", "exercise"];

interface NameEntry {
  exercise: string;
  words: string[];
  joined: string;
}

const indexes = new WeakMap<Catalog, Map<Locale, NameEntry[]>>();

export function normalizeWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((w) => w !== "")
    .map(stripTail)
    .filter((w) => w !== "" && !FILLER.has(w));
}

function stripTail(word: string): string {
  for (const tail of COMPOUND_TAILS) {
    if (word.length > tail.length + 2 && word.endsWith(tail)) return word.slice(0, -tail.length);
  }
  return word;
}

function indexFor(catalog: Catalog, locale: Locale): NameEntry[] {
  let byLocale = indexes.get(catalog);
  if (!byLocale) indexes.set(catalog, (byLocale = new Map()));
  let entries = byLocale.get(locale);
  if (entries) return entries;
  entries = [];
  const here = new Set(catalog.exercises.filter((e) => e.locale === locale).map((e) => e.id));
  for (const exercise of catalog.exercises) {
    if (!here.has(exercise.id)) continue;
    for (const name of [exercise.id, exercise.title, ...exercise.synonyms]) {
      const words = normalizeWords(name);
      if (words.length > 0) entries.push({ exercise: exercise.id, words, joined: words.join("") });
    }
  }
  byLocale.set(locale, entries);
  return entries;
}

/** The exercise id in `locale` that best matches the heard words, or undefined. */
export function matchExercise(catalog: Catalog, locale: Locale, heard: string | undefined): string | undefined {
  if (heard === undefined) return undefined;
  const words = normalizeWords(heard);
  if (words.length === 0) return undefined;
  const joined = words.join("");
  let best: { exercise: string; score: number } | undefined;
  for (const entry of indexFor(catalog, locale)) {
    const score = scoreName(words, joined, entry);
    if (score > 0 && (!best || score > best.score)) best = { exercise: entry.exercise, score };
  }
  return best?.exercise;
}

/**
 * Higher is better: the whole utterance equals a name (also with spaces ignored: "body scan" =
 * "bodyscan"), then a name inside the utterance, then one word inside another ("buikademhaling"
 * holds "ademhaling"), then a near miss of a recogniser (one or two letters off a long word).
 */
function scoreName(words: string[], joined: string, entry: NameEntry): number {
  if (joined === entry.joined) return 1000 + entry.joined.length;
  if (containsRun(words, entry.words)) return 800 + entry.joined.length;
  if (entry.joined.length >= 5 && joined.includes(entry.joined)) return 600 + entry.joined.length;
  if (joined.length >= 5 && entry.joined.includes(joined)) return 400 + joined.length;
  const distance = editDistance(joined, entry.joined, 2);
  const allowed = entry.joined.length >= 10 ? 2 : entry.joined.length >= 6 ? 1 : 0;
  if (distance <= allowed) return 200 - distance;
  return 0;
}

function containsRun(words: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
