// How a track names itself to people: its title (catalog, ID3, players) and its ID3 tags.
import type { Ending, ExerciseScript, Length, Locale, Variant } from "../model/script-schema.js";
import type { TrackTags } from "../audio/id3-tags.js";

const VARIANT_WORDS: Record<Locale, { length: Record<Length, string>; ending: Record<Ending, string> }> = {
  "nl-NL": { length: { short: "kort", long: "lang" }, ending: { wake: "om weer op te staan", sleep: "om in te slapen" } },
  "en-US": { length: { short: "short", long: "long" }, ending: { wake: "to get up after", sleep: "to fall asleep" } },
};

const ALBUM: Record<Locale, string> = {
  "nl-NL": "Rustpunt: ontspanningsoefeningen",
  "en-US": "Rustpunt: relaxation exercises",
};

/** ISO 639-2 (the bibliographic code for Dutch, as ID3 tools use), for the TLAN frame. */
const ID3_LANGUAGE: Record<Locale, string> = { "nl-NL": "dut", "en-US": "eng" };

export function trackTitle(script: ExerciseScript, variant: Variant): string {
  const words = VARIANT_WORDS[script.locale];
  return `${script.title} (${words.length[variant.length]}, ${words.ending[variant.ending]})`;
}

/** The audio module's TrackTags, named here for what the build fills in. */
export type TrackTagValues = TrackTags;

export function trackTags(script: ExerciseScript, variant: Variant, number: number, year: number): TrackTagValues {
  return {
    title: trackTitle(script, variant),
    artist: "Rustpunt",
    album: ALBUM[script.locale],
    language: ID3_LANGUAGE[script.locale],
    track: number,
    year,
    // The canonical path, not the one the build was started from, so the bytes do not depend on cwd.
    comment: `${script.description} Source: scripts/${script.locale}/${script.id}.yaml (seed ${script.source}).`,
  };
}

/**
 * The year in the tags. SOURCE_DATE_EPOCH (the reproducible-builds convention) pins it, so two
 * machines, or the same one on 1 January, make the same bytes.
 */
export function tagYear(env: NodeJS.ProcessEnv): number {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).getUTCFullYear();
  return new Date().getUTCFullYear();
}
