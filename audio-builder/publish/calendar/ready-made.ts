// The ready-made calendar files the build writes for the common choices (each exercise every
// evening, and every weekday morning), linked from the page so planning works without JavaScript.
// They cannot know the visitor's time zone: they use the locale's usual one (site-text.ts).
import type { Catalog, CatalogExercise, CatalogTrack } from "../../catalog/catalog-types.js";
import type { Ending, Locale } from "../../model/script-schema.js";
import { publicUrl } from "../base-url.js";
import { clockLabel, SITE_TEXT, variantLabel } from "../site-text.js";
import { restMomentIcs, restMomentUid, WEEK, WEEKDAYS, type RestMomentTrack, type Weekday } from "./rest-moment-ics.js";

export interface ReadyMadeChoice {
  id: "every-evening" | "weekday-mornings";
  days: readonly Weekday[];
  time: string;
  /** Evening moments end for falling asleep; morning ones for getting up. */
  ending: Ending;
}

export const READY_MADE_CHOICES: readonly ReadyMadeChoice[] = [
  { id: "every-evening", days: WEEK, time: "21:30", ending: "sleep" },
  { id: "weekday-mornings", days: WEEKDAYS, time: "07:30", ending: "wake" },
];

export interface ReadyMadeCalendar {
  /** dist-relative: calendar/<locale>/<exercise>-<choice>.ics */
  file: string;
  exercise: CatalogExercise;
  track: CatalogTrack;
  choice: ReadyMadeChoice;
  ics: string;
}

export interface ReadyMadeOptions {
  catalog: Catalog;
  locale: Locale;
  /** dist-relative file of this locale's page. */
  page: string;
  /** Absolute base URL of dist/, when known: the events then link to the page and the MP3. */
  baseUrl?: string;
  /** DTSTAMP, and the day from which the first occurrence is counted. */
  now: Date;
}

/** dist-relative folder of the ready-made files; nothing else is written there. */
export const CALENDAR_DIR = "calendar";
export const calendarFile = (locale: Locale, exercise: string, choice: ReadyMadeChoice["id"]) => `${CALENDAR_DIR}/${locale}/${exercise}-${choice}.ics`;

export function readyMadeCalendars(opts: ReadyMadeOptions): ReadyMadeCalendar[] {
  const { catalog, locale } = opts;
  const text = SITE_TEXT[locale];
  const out: ReadyMadeCalendar[] = [];
  for (const exercise of catalog.exercises.filter((e) => e.locale === locale)) {
    const tracks = catalog.tracks.filter((t) => t.locale === locale && t.exercise === exercise.id);
    for (const choice of READY_MADE_CHOICES) {
      // The short version: a fixed daily moment should be easy to keep.
      const withEnding = tracks.filter((t) => t.ending === choice.ending);
      const track = withEnding.find((t) => t.length === "short") ?? withEnding[0];
      if (!track) continue;
      const moment: RestMomentTrack = {
        exercise: exercise.title,
        variant: variantLabel(text, track.length, track.ending),
        duration: clockLabel(track.durationMs),
        durationMs: track.durationMs,
        ...(opts.baseUrl
          ? { pageUrl: `${publicUrl(opts.baseUrl, opts.page)}#${track.id}`, mp3Url: publicUrl(opts.baseUrl, track.files.download.path) }
          : {}),
      };
      const ics = restMomentIcs({
        days: choice.days,
        time: choice.time,
        timeZone: text.plan.readyZone.tzid,
        from: opts.now,
        stamp: opts.now,
        uid: restMomentUid(locale, track.id, choice.days, choice.time),
        lang: text.lang,
        text: text.plan.event,
        track: moment,
      });
      out.push({ file: calendarFile(locale, exercise.id, choice.id), exercise, track, choice, ics });
    }
  }
  return out;
}

/**
 * What makes a ready-made file different: everything but its DTSTAMP and the date of its first
 * occurrence, which follow the build's clock. Without SOURCE_DATE_EPOCH a rebuild on another
 * day therefore keeps the file (an older first date of the same series is just as right).
 */
export function withoutBuildDate(ics: string): string {
  return ics.replace(/^(DTSTAMP|DTSTART;TZID=[^:]*|DTEND;TZID=[^:]*|DTSTART|DTEND):\d{8}T\d{6}Z?\r$/gm, "$1:");
}
