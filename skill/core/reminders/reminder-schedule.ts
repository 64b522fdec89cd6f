// From what the person said (days, a time, maybe a part of the day) to a ReminderSchedule. Pure.
// Alexa's AMAZON.TIME gives "21:30" for "half tien 's avonds" but "09:30" for "half tien", and
// "EV" / "MO" / "AF" / "NI" for "avond" / "ochtend" / "middag" / "nacht" without a time: the part
// of the day, said or remembered, settles which half of the clock is meant.
import { WEEKDAYS, type ReminderSchedule, type Weekday } from "./reminder-types.js";

export type PartOfDay = "morning" | "afternoon" | "evening" | "night";

/** PART_OF_DAY slot ids, and AMAZON.TIME's codes for a part of the day without a time. */
const PARTS = new Map<string, PartOfDay>([
  ["morning", "morning"], ["afternoon", "afternoon"], ["evening", "evening"], ["night", "night"],
  ["MO", "morning"], ["AF", "afternoon"], ["EV", "evening"], ["NI", "night"],
]);

/** Slot ids of the REMINDER_DAYS type (and Dialogflow's, if it ever gets them). */
const DAY_GROUPS: Record<string, readonly Weekday[]> = {
  daily: WEEKDAYS,
  weekdays: ["MO", "TU", "WE", "TH", "FR"],
  weekend: ["SA", "SU"],
};

/** "daily", "weekdays", "weekend" or weekday codes → sorted days; nothing usable → undefined. */
export function parseDays(values: readonly string[] | undefined): Weekday[] | undefined {
  const days = new Set<Weekday>();
  for (const raw of values ?? []) {
    const value = raw.trim();
    const group = DAY_GROUPS[value.toLowerCase()];
    if (group) group.forEach((d) => days.add(d));
    else if ((WEEKDAYS as readonly string[]).includes(value.toUpperCase())) days.add(value.toUpperCase() as Weekday);
  }
  return days.size === 0 ? undefined : WEEKDAYS.filter((d) => days.has(d));
}

export function parsePartOfDay(value: string | undefined): PartOfDay | undefined {
  return value === undefined ? undefined : PARTS.get(value.trim());
}

export interface Clock {
  hour: number;
  minute: number;
}

/** "21:30" / "9:30" / "21:30:00" → a clock; a part-of-day code or junk → undefined. */
export function parseClock(value: string | undefined): Clock | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$/.exec(value ?? "");
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

export function partOfDayOf(hour: number): PartOfDay {
  if (hour < 6) return "night";
  if (hour < 12) return "morning";
  if (hour < 18) return "afternoon";
  return "evening";
}

/** "om acht uur" said of the evening is 20:00; of the night, 9 to 11 is late evening. */
export function inPartOfDay(clock: Clock, part: PartOfDay | undefined): Clock {
  if (!part) return clock;
  const { hour, minute } = clock;
  if ((part === "afternoon" || part === "evening") && hour >= 1 && hour < 12) return { hour: hour + 12, minute };
  if (part === "night" && hour >= 6 && hour < 12) return { hour: hour + 12, minute };
  if ((part === "night" || part === "morning") && hour === 12) return { hour: 0, minute };
  return clock;
}

export function formatClock({ hour, minute }: Clock): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

export interface ScheduleWish {
  /** Raw slot values. */
  time?: string;
  days?: readonly string[];
  partOfDay?: string;
  exercise?: string;
}

export type ScheduleResult =
  | { ok: true; schedule: ReminderSchedule }
  /** No clock time heard: ask for it, keeping what was heard. */
  | { ok: false; missing: "time"; days?: Weekday[]; partOfDay?: PartOfDay };

/**
 * A new reminder: the days said (every day when none), the time said, read in the part of the day
 * said ("elke avond", "'s avonds", or Alexa's EV code in the time slot).
 */
export function scheduleFromWish(wish: ScheduleWish): ScheduleResult {
  const days = parseDays(wish.days);
  const part = parsePartOfDay(wish.partOfDay) ?? parsePartOfDay(wish.time);
  const clock = parseClock(wish.time);
  if (!clock) return { ok: false, missing: "time", ...(days ? { days } : {}), ...(part ? { partOfDay: part } : {}) };
  const schedule: ReminderSchedule = { days: days ?? [...WEEKDAYS], time: formatClock(inPartOfDay(clock, part)) };
  if (wish.exercise) schedule.exercise = wish.exercise;
  return { ok: true, schedule };
}

/**
 * A changed reminder: what was said replaces what was there. An hour that could be either half of
 * the day ("naar negen uur") stays in the half the reminder was in: an evening reminder moved "to
 * nine" goes off at 21:00.
 */
export function changedSchedule(old: ReminderSchedule, wish: ScheduleWish): ReminderSchedule | undefined {
  const days = parseDays(wish.days);
  const part = parsePartOfDay(wish.partOfDay) ?? parsePartOfDay(wish.time);
  const clock = parseClock(wish.time);
  if (!clock && !days) return undefined;
  let time = old.time;
  if (clock) {
    const oldHour = parseClock(old.time)?.hour ?? 0;
    const ambiguous = !part && clock.hour >= 1 && clock.hour <= 11;
    const moved = ambiguous && oldHour >= 13 ? { hour: clock.hour + 12, minute: clock.minute } : inPartOfDay(clock, part);
    time = formatClock(moved);
  }
  const schedule: ReminderSchedule = { days: days ?? [...old.days], time };
  const exercise = wish.exercise ?? old.exercise;
  if (exercise) schedule.exercise = exercise;
  return schedule;
}

export function isEveryDay(days: readonly Weekday[]): boolean {
  return WEEKDAYS.every((d) => days.includes(d));
}

export function isWorkWeek(days: readonly Weekday[]): boolean {
  return days.length === 5 && DAY_GROUPS.weekdays!.every((d) => days.includes(d));
}
