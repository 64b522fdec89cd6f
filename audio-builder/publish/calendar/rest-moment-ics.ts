// One planned moment of rest as an iCalendar file (RFC 5545): a recurring event (RRULE) at a
// local time on chosen days, lasting as long as the exercise, linking to it on the page and to
// its MP3, with a display alarm a few minutes before. The text is written by ical-generator.
// The same code runs at build time (the ready-made files) and in the page (the form), bundled.
//
// Time zone: the event carries the visitor's IANA zone as TZID with its VTIMEZONE, not a
// floating time. Floating times are what RFC 5545 means for "same hour wherever you are", but
// calendar apps import them unreliably: Outlook refuses floating times on events that are not all
// day, and Google Calendar, GNOME Calendar and Thunderbird's Google provider have taken them as
// UTC, which moves a 21:30 moment by hours. An IANA TZID is understood by all of them (Google
// and Apple read the name; Outlook reads the VTIMEZONE rules). Only for a zone the time-zone
// library does not know does the event fall back to floating time, still the visitor's clock.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventRepeatingFreq, ICalWeekday } from "ical-generator";
import { hasTimeZoneBlock, timeZoneBlock } from "./time-zone-block.js";
import { addDays, addMinutes, WallClock, wallFieldsAt, weekdayOf, type WallFields } from "./wall-clock.js";

/** RFC 5545 weekday codes, in the order of the ISO week. */
export const WEEK = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEK)[number];
export const WEEKDAYS: readonly Weekday[] = ["MO", "TU", "WE", "TH", "FR"];

/** Minutes before the moment that the calendar reminds you. */
export const ALARM_MINUTES_BEFORE = 5;

/** The words of the event, per locale; `{exercise}`, `{variant}` and `{duration}` are filled in. */
export interface RestMomentEventText {
  summary: string;
  description: string;
  listen: string;
  mp3: string;
  /** When no web address is known (a build without --base-url). */
  withoutLinks: string;
  alarm: string;
}

/** The chosen track, as the event describes it. */
export interface RestMomentTrack {
  exercise: string;
  variant: string;
  /** "4:12" */
  duration: string;
  durationMs: number;
  /** Absolute URLs; without them the event names the exercise and no address. */
  pageUrl?: string;
  mp3Url?: string;
}

export interface RestMomentPlan {
  days: readonly Weekday[];
  /** Local time of day, "HH:MM" (24 h). */
  time: string;
  /** IANA time zone of the person's clock. */
  timeZone: string;
  /** The first occurrence is the first chosen day whose time is after this instant. */
  from: Date;
  /** DTSTAMP: when this file was made. */
  stamp: Date;
  uid: string;
  /** BCP 47 of the texts, e.g. nl-NL. */
  lang: string;
  text: RestMomentEventText;
  track: RestMomentTrack;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The RRULE value for a set of days: every day is DAILY, otherwise WEEKLY on those days. */
export function recurrenceRule(days: readonly Weekday[]): { freq: ICalEventRepeatingFreq; byDay?: ICalWeekday[] } {
  const chosen = WEEK.filter((d) => days.includes(d));
  if (chosen.length === 0) throw new Error("a moment of rest needs at least one day");
  if (chosen.length === WEEK.length) return { freq: ICalEventRepeatingFreq.DAILY };
  return { freq: ICalEventRepeatingFreq.WEEKLY, byDay: chosen.map((d) => d as ICalWeekday) };
}

/** The first chosen day, on or after `from`'s date in the zone, whose `time` is still to come. */
export function firstOccurrence(days: readonly Weekday[], time: string, timeZone: string, from: Date): WallFields {
  const match = TIME.exec(time);
  if (!match) throw new Error(`"${time}" is not a time of day (HH:MM, 24 h)`);
  const now = wallFieldsAt(from.getTime(), timeZone);
  const at: WallFields = { ...now, hour: Number(match[1]), minute: Number(match[2]), second: 0 };
  const later = at.hour * 60 + at.minute > now.hour * 60 + now.minute;
  for (let i = later ? 0 : 1; i <= 7; i++) {
    const day = addDays(at, i);
    // Date.getDay numbers Sunday 0; WEEK starts on Monday.
    if (days.includes(WEEK[(weekdayOf(day) + 6) % 7]!)) return day;
  }
  throw new Error("a moment of rest needs at least one day");
}

function fillIn(template: string, track: RestMomentTrack): string {
  return template.replace(/\{(exercise|variant|duration)\}/g, (_, key: "exercise" | "variant" | "duration") => track[key]);
}

/** The event's description: what to do, then where (page and MP3) when the addresses are known. */
function eventDescription(text: RestMomentEventText, track: RestMomentTrack): string {
  const lines = [fillIn(text.description, track)];
  if (track.pageUrl) lines.push(`${text.listen} ${track.pageUrl}`);
  if (track.mp3Url) lines.push(`${text.mp3} ${track.mp3Url}`);
  if (!track.pageUrl && !track.mp3Url) lines.push(fillIn(text.withoutLinks, track));
  return lines.join("\n");
}

export function restMomentIcs(plan: RestMomentPlan): string {
  const zoned = hasTimeZoneBlock(plan.timeZone);
  const start = firstOccurrence(plan.days, plan.time, plan.timeZone, plan.from);
  const minutes = Math.max(1, Math.ceil(plan.track.durationMs / 60_000));
  const calendar = ical({
    prodId: { company: "Rustpunt", product: "Rustpunt", language: plan.lang.slice(0, 2).toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // Set per event (below), not on the calendar: a calendar-wide zone makes ical-generator add
    // X-WR-TIMEZONE after the VTIMEZONE, and RFC 5545 wants calendar properties first.
    timezone: { name: null, generator: timeZoneBlock },
  });
  calendar.createEvent({
    id: plan.uid,
    stamp: plan.stamp,
    start: new WallClock(start),
    end: new WallClock(addMinutes(start, minutes)),
    ...(zoned ? { timezone: plan.timeZone } : { floating: true }),
    repeating: recurrenceRule(plan.days),
    summary: fillIn(plan.text.summary, plan.track),
    description: eventDescription(plan.text, plan.track),
    ...(plan.track.pageUrl ? { url: plan.track.pageUrl } : {}),
    alarms: [{ type: ICalAlarmType.display, trigger: ALARM_MINUTES_BEFORE * 60, description: fillIn(plan.text.alarm, plan.track) }],
  });
  // Every content line ends in CRLF (RFC 5545 3.1), the last one too.
  return `${calendar.toString().replace(/\r\n$/, "")}\r\n`;
}

/**
 * The same plan always gets the same UID, whether it comes from the form or a ready-made file:
 * importing it again updates the event instead of adding a second one.
 */
export function restMomentUid(locale: string, trackId: string, days: readonly Weekday[], time: string): string {
  const chosen = WEEK.filter((d) => days.includes(d));
  return `${locale}-${trackId}-${chosen.length === WEEK.length ? "daily" : chosen.join("")}-${time.replace(":", "")}@rustpunt`;
}
