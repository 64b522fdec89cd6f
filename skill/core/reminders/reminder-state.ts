// The reminder part of the user's state, read defensively like the rest (user-state.ts): ids of
// the reminders Rustpunt made (so it never touches anyone else's), and a request waiting for a
// time or for the person's consent. Bounded, so a record stays a few hundred bytes.
import type { UserState } from "../conversation-types.js";
import type { PartOfDay } from "./reminder-schedule.js";
import { WEEKDAYS, type ReminderSchedule, type StoredReminder, type Weekday } from "./reminder-types.js";

/** Rustpunt keeps at most this many reminders per person: a few fixed moments, not a timetable. */
export const MAX_REMINDERS = 5;
/** A half-made request (waiting for a time or for consent) is forgotten after this long. */
export const PENDING_TTL_MS = 15 * 60_000;

/** A reminder being made: waiting for its time (no `time`) or for consent (complete). */
export interface PendingReminder {
  days?: Weekday[];
  time?: string;
  partOfDay?: PartOfDay;
  exercise?: string;
  /** ISO time it was asked; stale requests are dropped. */
  since: string;
}

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARTS = new Set(["morning", "afternoon", "evening", "night"]);

function parseWeekdays(raw: unknown): Weekday[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const days = WEEKDAYS.filter((d) => raw.includes(d));
  return days.length > 0 ? days : undefined;
}

function parseSchedule(r: Record<string, unknown>): ReminderSchedule | undefined {
  const days = parseWeekdays(r.days);
  if (!days || typeof r.time !== "string" || !TIME.test(r.time)) return undefined;
  const schedule: ReminderSchedule = { days, time: r.time };
  if (typeof r.exercise === "string" && ID.test(r.exercise)) schedule.exercise = r.exercise;
  return schedule;
}

export function parseStoredReminders(raw: unknown): StoredReminder[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: StoredReminder[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const r = item as Record<string, unknown>;
    const schedule = parseSchedule(r);
    // Alexa's alertTokens are opaque strings; keep any sane one.
    if (!schedule || typeof r.id !== "string" || r.id === "" || r.id.length > 500 || out.some((o) => o.id === r.id)) continue;
    out.push({ id: r.id, ...schedule });
  }
  return out.length > 0 ? out.slice(-MAX_REMINDERS) : undefined;
}

export function parsePendingReminder(raw: unknown): PendingReminder | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.since !== "string" || Number.isNaN(Date.parse(r.since))) return undefined;
  const pending: PendingReminder = { since: r.since };
  const days = parseWeekdays(r.days);
  if (days) pending.days = days;
  if (typeof r.time === "string" && TIME.test(r.time)) pending.time = r.time;
  if (typeof r.partOfDay === "string" && PARTS.has(r.partOfDay)) pending.partOfDay = r.partOfDay as PartOfDay;
  if (typeof r.exercise === "string" && ID.test(r.exercise)) pending.exercise = r.exercise;
  return pending;
}

/** IANA zone names as the settings API gives them ("Europe/Amsterdam", "America/Los_Angeles", "UTC"). */
export function parseTimeZone(raw: unknown): string | undefined {
  return typeof raw === "string" && /^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(raw) ? raw : undefined;
}

/** Called by parseUserState: copies the valid reminder fields of a stored record into `state`. */
export function readReminderState(r: Record<string, unknown>, state: UserState): void {
  const reminders = parseStoredReminders(r.reminders);
  if (reminders) state.reminders = reminders;
  const pending = parsePendingReminder(r.pendingReminder);
  if (pending) state.pendingReminder = pending;
  const timeZone = parseTimeZone(r.timeZone);
  if (timeZone) state.timeZone = timeZone;
}
