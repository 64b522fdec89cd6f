// The body Alexa's Reminders API takes (POST/PUT /v1/alerts/reminders): a recurring
// SCHEDULED_ABSOLUTE trigger with RFC 5545 rules and the device's time zone, spoken text in the
// user's locale. Times in it are local wall-clock times without an offset, as documented.
import type { services } from "ask-sdk-model";
import type { Locale } from "../../core/conversation-types.js";
import { recurrenceRule } from "../../core/reminders/recurrence-rule.js";
import type { ReminderSchedule } from "../../core/reminders/reminder-types.js";

/** "2026-12-03T21:04:05.000" for `now` in the zone (Reminders API: ISO 8601 without offset). */
export function localDateTime(now: Date, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.000`;
}

export function reminderRequest(schedule: ReminderSchedule, text: string, locale: Locale, timeZone: string, now: Date): services.reminderManagement.ReminderRequest {
  const local = localDateTime(now, timeZone);
  return {
    requestTime: local,
    trigger: {
      type: "SCHEDULED_ABSOLUTE",
      timeZoneId: timeZone,
      // From today on, no end: the rule picks the days and the time.
      recurrence: { startDateTime: `${local.slice(0, 10)}T00:00:00.000`, recurrenceRules: [recurrenceRule(schedule)] },
    },
    alertInfo: { spokenInfo: { content: [{ locale, text }] } },
    pushNotification: { status: "ENABLED" },
  };
}
