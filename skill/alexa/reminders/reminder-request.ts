// The body Alexa's Reminders API takes (POST/PUT /v1/alerts/reminders): a recurring
// SCHEDULED_ABSOLUTE trigger with RFC 5545 rules and the device's time zone, spoken text in the
// user's locale. Times in it are local wall-clock times without an offset, as documented
// ("2026-12-03T21:04:05.000").
import type { services } from "ask-sdk-model";
import type { Locale } from "../../core/conversation-types.js";
import { localTime } from "../../core/local-time.js";
import { recurrenceRule } from "../../core/reminders/recurrence-rule.js";
import type { ReminderSchedule } from "../../core/reminders/reminder-types.js";

export function reminderRequest(schedule: ReminderSchedule, text: string, locale: Locale, timeZone: string, now: Date): services.reminderManagement.ReminderRequest {
  const { day, time } = localTime(now, timeZone);
  const local = `${day}T${time}.000`;
  return {
    requestTime: local,
    trigger: {
      type: "SCHEDULED_ABSOLUTE",
      timeZoneId: timeZone,
      // From today on, no end: the rule picks the days and the time.
      recurrence: { startDateTime: `${day}T00:00:00.000`, recurrenceRules: [recurrenceRule(schedule)] },
    },
    alertInfo: { spokenInfo: { content: [{ locale, text }] } },
    pushNotification: { status: "ENABLED" },
  };
}
