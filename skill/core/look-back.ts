// A gentle look back: on how many days someone relaxed lately, from what the skill already keeps.
// The record is a bounded list of local days with the number of exercises finished (or nearly
// finished) that day: at most 31 entries, older days drop off, and the whole state expires with
// the store's TTL. No streaks, no targets, nothing that sounds like a score.
import type { SkillCatalogTrack as CatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Locale, ResponsePlan, TurnInput, UserState } from "./conversation-types.js";
import { localTime } from "./local-time.js";
import { reminderPhrasesFor } from "./reminders/reminder-phrases.js";
import { escapeSpeech } from "./ssml-text.js";

export interface RelaxDay {
  /** Local date "YYYY-MM-DD". */
  day: string;
  /** Exercises finished or nearly finished that day (each track at most once a day). */
  count: number;
}

/** An exercise heard to 80% counts: the last minutes are often a slow return or sleep. */
export const MOSTLY_DONE = 0.8;
export const KEPT_DAYS = 31;
const MAX_COUNT = 50;

/** Until a device tells us otherwise (Alexa's settings, remembered with a reminder). */
const DEFAULT_TIME_ZONE: Record<Locale, string> = { "nl-NL": "Europe/Amsterdam", "en-US": "UTC" };

export function timeZoneOf(state: UserState, locale: Locale): string {
  return state.timeZone ?? DEFAULT_TIME_ZONE[locale];
}

/** Days from `day` back to `earlier` (both "YYYY-MM-DD"). */
function daysBetween(day: string, earlier: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}

/**
 * Notes that `track` was heard to `offsetMs` (its end when finished). Counts once per track per
 * local day, when at least MOSTLY_DONE of it was heard.
 */
export function recordRelaxation(state: UserState, track: CatalogTrack, offsetMs: number, now: Date, locale: Locale): void {
  if (track.durationMs <= 0 || offsetMs < track.durationMs * MOSTLY_DONE) return;
  const { day } = localTime(now, timeZoneOf(state, locale));
  const key = `${track.locale}|${track.id}|${day}`;
  if (state.countedPlay === key) return;
  state.countedPlay = key;
  const days = (state.relaxDays ?? []).filter((d) => daysBetween(day, d.day) < KEPT_DAYS && daysBetween(day, d.day) >= 0);
  const today = days.find((d) => d.day === day);
  if (today) today.count = Math.min(MAX_COUNT, today.count + 1);
  else days.push({ day, count: 1 });
  state.relaxDays = days.slice(-KEPT_DAYS);
}

export function summarize(state: UserState, now: Date, locale: Locale): { week: { days: number; exercises: number }; month: { days: number } } {
  const { day } = localTime(now, timeZoneOf(state, locale));
  const within = (n: number) => (state.relaxDays ?? []).filter((d) => d.count > 0 && daysBetween(day, d.day) >= 0 && daysBetween(day, d.day) < n);
  const week = within(7);
  return { week: { days: week.length, exercises: week.reduce((sum, d) => sum + d.count, 0) }, month: { days: within(30).length } };
}

/** "Hoe vaak heb ik deze week ontspannen?": the last 7 and 30 days, kindly; at night without a follow-up question. */
export function lookBack(input: TurnInput, state: UserState, now: Date, night: boolean): ResponsePlan {
  const p = reminderPhrasesFor(input.locale);
  const { week, month } = summarize(state, now, input.locale);
  const answer = p.lookBack(week, month);
  if (night) return { speech: escapeSpeech(answer), endSession: true, state };
  return { speech: escapeSpeech(`${answer} ${p.lookBackOffer}`), reprompt: escapeSpeech(p.lookBackOffer), endSession: false, state };
}

/** Stored junk → a clean, bounded list (newest last). */
export function parseRelaxDays(raw: unknown): RelaxDay[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const days = raw
    .filter((d): d is { day: string; count: number } => typeof d === "object" && d !== null && typeof d.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d.day) && Number.isInteger(d.count) && d.count > 0)
    .map((d) => ({ day: d.day, count: Math.min(MAX_COUNT, d.count) }))
    .sort((a, b) => a.day.localeCompare(b.day));
  return days.length === 0 ? undefined : days.slice(-KEPT_DAYS);
}

/** Called by parseUserState: copies the valid look-back fields of a stored record into `state`. */
export function readLookBackState(r: Record<string, unknown>, state: UserState): void {
  const relaxDays = parseRelaxDays(r.relaxDays);
  if (relaxDays) state.relaxDays = relaxDays;
  if (typeof r.countedPlay === "string" && r.countedPlay.length <= 120) state.countedPlay = r.countedPlay;
}
