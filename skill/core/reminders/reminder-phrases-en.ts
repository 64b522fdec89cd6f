import { listJoin } from "../phrases.js";
import type { ReminderPhrases } from "./reminder-phrases.js";
import { isEveryDay, isWorkWeek, parseClock, type Clock } from "./reminder-schedule.js";
import { WEEKDAYS, type ReminderSchedule } from "./reminder-types.js";

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** 21:30 → "9:30 PM", 19:00 → "7 PM", 00:00 → "midnight", 12:00 → "noon". */
export function englishClock({ hour, minute }: Clock): string {
  if (minute === 0 && hour === 0) return "midnight";
  if (minute === 0 && hour === 12) return "noon";
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute === 0 ? "" : `:${String(minute).padStart(2, "0")}`} ${hour < 12 ? "AM" : "PM"}`;
}

function when(schedule: ReminderSchedule): string {
  const { days } = schedule;
  const which = isEveryDay(days) ? "day" : isWorkWeek(days) ? "weekday" : listJoin(WEEKDAYS.flatMap((d, i) => (days.includes(d) ? [DAY_NAMES[i]!] : [])), "and");
  return `every ${which} at ${englishClock(parseClock(schedule.time) ?? { hour: 0, minute: 0 })}`;
}

const ASK_TIME = "What time would you like the reminder?";
const EXAMPLE = "For example, say: remind me every evening at 9:30.";
const PAGE = "On Rustpunt's listening page, 'Plan a moment of rest' puts a regular moment in your calendar.";

export const reminderPhrasesEn = {
  when,
  reminderText: (title: string | undefined) => `Time for a moment of rest${title ? `: ${title}` : ""}. Say: Alexa, open Rustpunt.`,
  created: (at: string, title: string | undefined) => `OK. I'll remind you ${at} ${title ? `to do ${title}` : "to take a moment of rest"}.`,
  askTime: `${ASK_TIME} For example, say: at 9:30 in the evening.`,
  askTimeReprompt: ASK_TIME,
  askPermission: "For that I need your permission.",
  permissionCard: "I'm not allowed to set reminders yet. There's a card in the Alexa app where you can allow it.",
  permissionDenied: `OK, I won't set a reminder. ${PAGE}`,
  permissionNotAnswered: "No problem. There's a card in the Alexa app where you can allow reminders later.",
  permissionThanks: `Thank you. ${EXAMPLE}`,
  tooMany: "There are too many reminders already. Say 'stop my reminders' to remove Rustpunt's.",
  busy: "Alexa's reminders are busy right now. Please try again in a moment.",
  unavailable: "Reminders can't be reached right now. Please try again later; the exercises still work.",
  unsupported: "Sorry, I can't set reminders on this device.",
  none: `You have no reminders from Rustpunt. ${EXAMPLE}`,
  list: (items: string[]) => `You have ${items.length === 1 ? "one reminder" : `${items.length} reminders`} from Rustpunt: ${listJoin(items, "and")}.`,
  changed: (at: string) => `OK. Your reminder is now ${at}.`,
  askChange: "What time would you like your reminder moved to?",
  gone: "That reminder isn't there any more. Say 'remind me' to set a new one.",
  deleted: (count: number) => (count === 1 ? "OK, your Rustpunt reminder has stopped." : "OK, your Rustpunt reminders have stopped."),
  notHere: `I can't set reminders here, sorry. ${PAGE}`,
  anythingElse: "What would you like to do?",
  lookBack: (week: { days: number; exercises: number }, month: { days: number }) => {
    if (month.days === 0) return "I haven't heard an exercise from you in the last thirty days. Any moment is a good moment to start.";
    if (week.days === 0) return `Not yet this week. In the last thirty days, you relaxed on ${days(month.days)}.`;
    const exercises = week.exercises > week.days ? `, ${week.exercises} exercises in all` : "";
    return `In the last seven days, you relaxed on ${days(week.days)}${exercises}. In the last thirty days, on ${days(month.days)}. It's good that you take time for yourself.`;
  },
  lookBackOffer: "Would you like to do an exercise now?",
} satisfies ReminderPhrases;

function days(n: number): string {
  return n === 1 ? "one day" : `${n} days`;
}
