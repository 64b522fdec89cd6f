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

/** The valid schedule fields of a stored record (days, time, part of day, exercise). */
function scheduleFields(r: Record<string, unknown>): Partial<ReminderSchedule> & { partOfDay?: PartOfDay } {
  const out: Partial<ReminderSchedule> & { partOfDay?: PartOfDay } = {};
  const days = Array.isArray(r.days) ? WEEKDAYS.filter((d) => (r.days as unknown[]).includes(d)) : [];
  if (days.length > 0) out.days = days;
  if (typeof r.time === "string" && TIME.test(r.time)) out.time = r.time;
  if (typeof r.partOfDay === "string" && PARTS.has(r.partOfDay)) out.partOfDay = r.partOfDay as PartOfDay;
  if (typeof r.exercise === "string" && ID.test(r.exercise)) out.exercise = r.exercise;
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseStoredReminders(raw: unknown): StoredReminder[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: StoredReminder[] = [];
  for (const r of raw.filter(isRecord)) {
    const { days, time, exercise } = scheduleFields(r);
    // Alexa's alertTokens are opaque strings; keep any sane one, once.
    if (!days || !time || typeof r.id !== "string" || r.id === "" || r.id.length > 500 || out.some((o) => o.id === r.id)) continue;
    out.push({ id: r.id, days, time, ...(exercise ? { exercise } : {}) });
  }
  return out.length > 0 ? out.slice(-MAX_REMINDERS) : undefined;
}

export function parsePendingReminder(raw: unknown): PendingReminder | undefined {
  if (!isRecord(raw) || typeof raw.since !== "string" || Number.isNaN(Date.parse(raw.since))) return undefined;
  return { since: raw.since, ...scheduleFields(raw) };
}

/** Called by parseUserState: copies the valid reminder fields of a stored record into `state`. */
export function readReminderState(r: Record<string, unknown>, state: UserState): void {
  const reminders = parseStoredReminders(r.reminders);
  if (reminders) state.reminders = reminders;
  const pending = parsePendingReminder(r.pendingReminder);
  if (pending) state.pendingReminder = pending;
}
