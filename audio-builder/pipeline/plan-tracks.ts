// Which tracks a build makes: every exercise × locale × length × ending, narrowed by the CLI's
// filters. Also the one place that knows where a track's files live under dist/.
import type { LoadedScript } from "../model/load-scripts.js";
import {
  ENDINGS,
  LENGTHS,
  LOCALES,
  type Ending,
  type ExerciseScript,
  type Length,
  type Locale,
  type Variant,
} from "../model/script-schema.js";

export interface TrackFilter {
  only?: readonly string[];
  locales?: readonly Locale[];
  lengths?: readonly Length[];
  endings?: readonly Ending[];
}

export interface TrackPaths {
  /** Relative to dist/, forward slashes (they go into catalog.json as they are). */
  download: string;
  alexa: string;
  transcript: string;
}

export interface PlannedTrack {
  /** `<exercise>-<length>-<ending>`, unique within a locale. */
  id: string;
  /** `<locale>/<id>`: unique across the build; the manifest's key. */
  ref: string;
  locale: Locale;
  variant: Variant;
  script: ExerciseScript;
  /** The script's file, for tags and messages. */
  file: string;
  /** 1-based position of the track within its locale's album (ID3 track number). */
  number: number;
  paths: TrackPaths;
}

export function trackId(exercise: string, variant: Variant): string {
  return `${exercise}-${variant.length}-${variant.ending}`;
}

export function trackPaths(locale: Locale, id: string): TrackPaths {
  return {
    download: `audio/${locale}/${id}.mp3`,
    alexa: `audio/${locale}/alexa/${id}.mp3`,
    transcript: `transcripts/${locale}/${id}.vtt`,
  };
}

/** A filter that narrows nothing: only such a build may prune outputs of tracks that are gone. */
export function isFullBuild(filter: TrackFilter): boolean {
  return !filter.only?.length && !filter.locales?.length && !filter.lengths?.length && !filter.endings?.length;
}

/**
 * Tracks in a stable order (locale, then script order by id, then length and ending), so ID3 track
 * numbers and the catalog do not shuffle between builds. Throws when `only` names an exercise that
 * does not exist: a typo should not silently build nothing.
 */
export function planTracks(scripts: readonly LoadedScript[], filter: TrackFilter = {}): PlannedTrack[] {
  const exercises = scripts
    .filter((s): s is LoadedScript<ExerciseScript> => s.script.kind === "exercise")
    .sort((a, b) => a.script.id.localeCompare(b.script.id));

  if (filter.only?.length) {
    const known = new Set(exercises.map((s) => s.script.id));
    const unknown = filter.only.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const list = [...known].sort().join(", ") || "(none)";
      throw new Error(`--only: no exercise named ${unknown.join(", ")}; the exercises are: ${list}`);
    }
  }

  const tracks: PlannedTrack[] = [];
  for (const locale of LOCALES) {
    let number = 0;
    for (const { script, file } of exercises) {
      if (script.locale !== locale) continue;
      for (const length of LENGTHS) {
        for (const ending of ENDINGS) {
          number++; // numbered over the whole album, filtered or not, so numbers never change with flags
          if (filter.only?.length && !filter.only.includes(script.id)) continue;
          if (filter.locales?.length && !filter.locales.includes(locale)) continue;
          if (filter.lengths?.length && !filter.lengths.includes(length)) continue;
          if (filter.endings?.length && !filter.endings.includes(ending)) continue;
          const variant = { length, ending };
          const id = trackId(script.id, variant);
          tracks.push({ id, ref: `${locale}/${id}`, locale, variant, script, file, number, paths: trackPaths(locale, id) });
        }
      }
    }
  }
  return tracks;
}
