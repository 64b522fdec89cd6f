// Picks the track for an exercise: length from "kort"/"lang", from minutes (nearest duration in
// the catalog) or from what the person chose last time; ending for bed or for getting up.
import type { SkillCatalog as Catalog, SkillCatalogTrack as CatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Ending, Length, Locale } from "../../audio-builder/model/script-schema.js";
import type { TurnSlots } from "./conversation-types.js";
import { normalizeWords } from "./match-exercise.js";

const SHORT_WORDS = new Set(["kort", "korte", "kortere", "snel", "snelle", "short", "shorter", "quick", "brief"]);
const LONG_WORDS = new Set(["lang", "lange", "langere", "uitgebreid", "uitgebreide", "long", "longer", "full", "extended"]);
const SLEEP_WORDS = new Set([
  "bed", "slapen", "slaap", "inslapen", "nacht", "avond", "slaapkamer", "sleep", "asleep", "sleeping", "night", "bedtime",
]);

export function parseLength(heard: string | undefined): Length | undefined {
  if (heard === undefined) return undefined;
  const words = normalizeWords(heard);
  if (words.some((w) => SHORT_WORDS.has(w))) return "short";
  if (words.some((w) => LONG_WORDS.has(w))) return "long";
  return undefined;
}

export function parseEnding(heard: string | undefined): Ending {
  if (heard === undefined) return "wake";
  return normalizeWords(heard).some((w) => SLEEP_WORDS.has(w) || w.startsWith("slaap")) ? "sleep" : "wake";
}

export interface VariantChoice {
  track: CatalogTrack;
  /** Set when the person said a length or a duration: worth remembering for next time. */
  preferredLength?: Length;
}

export function chooseVariant(
  catalog: Catalog,
  locale: Locale,
  exercise: string,
  slots: TurnSlots,
  remembered: Length | undefined,
): VariantChoice | undefined {
  const tracks = catalog.tracks.filter((t) => t.locale === locale && t.exercise === exercise);
  if (tracks.length === 0) return undefined;
  const ending = parseEnding(slots.ending);
  const sameEnding = tracks.filter((t) => t.ending === ending);
  const pool = sameEnding.length > 0 ? sameEnding : tracks;

  let length = parseLength(slots.length);
  if (length === undefined && slots.minutes !== undefined && Number.isFinite(slots.minutes) && slots.minutes > 0) {
    const wantedMs = slots.minutes * 60_000;
    length = nearest(pool, wantedMs).length;
  }
  const preferredLength = length;
  length ??= remembered ?? "short";

  const track = pool.find((t) => t.length === length) ?? nearest(pool, typicalMs(pool, length));
  return preferredLength ? { track, preferredLength } : { track };
}

function nearest(tracks: CatalogTrack[], wantedMs: number): CatalogTrack {
  return tracks.reduce((best, t) => (Math.abs(t.durationMs - wantedMs) < Math.abs(best.durationMs - wantedMs) ? t : best));
}

/** When the wished length is missing from the catalog, fall back to the closest one in spirit. */
function typicalMs(tracks: CatalogTrack[], length: Length): number {
  return length === "short" ? Math.min(...tracks.map((t) => t.durationMs)) : Math.max(...tracks.map((t) => t.durationMs));
}
