// Issue 17: the small pure parts of reminders, by tables: clock words in both languages, what a
// schedule sounds like, its RFC 5545 rule, changing a reminder, the AskFor answer, the Reminders
// API errors, and stored reminders read defensively.
import { describe, expect, it } from "vitest";
import { consentOf } from "../skill/alexa/reminders/reminder-handlers.js";
import { problemOf } from "../skill/alexa/reminders/reminders-service.js";
import { recurrenceRule } from "../skill/core/reminders/recurrence-rule.js";
import { reminderPhrasesEn, englishClock } from "../skill/core/reminders/reminder-phrases-en.js";
import { dutchClock, reminderPhrasesNl } from "../skill/core/reminders/reminder-phrases-nl.js";
import { changedSchedule } from "../skill/core/reminders/reminder-schedule.js";
import { parseStoredReminders, MAX_REMINDERS } from "../skill/core/reminders/reminder-state.js";
import { WEEKDAYS, type ReminderSchedule } from "../skill/core/reminders/reminder-types.js";

const everyDay = [...WEEKDAYS];

describe("clock words", () => {
  it.each([
    [21, 30, "half tien", "9:30 PM"],
    [20, 0, "acht uur", "8 PM"],
    [7, 15, "kwart over zeven", "7:15 AM"],
    [22, 45, "kwart voor elf", "10:45 PM"],
    [12, 30, "half één", "12:30 PM"],
    [0, 0, "twaalf uur", "midnight"],
    [12, 0, "twaalf uur", "noon"],
    [18, 20, "tien voor half zeven", "6:20 PM"],
    [9, 55, "vijf voor tien", "9:55 AM"],
    [21, 17, "9 uur 17", "9:17 PM"],
  ])("%i:%i → %s / %s", (hour, minute, nl, en) => {
    expect(dutchClock({ hour, minute })).toBe(nl);
    expect(englishClock({ hour, minute })).toBe(en);
  });
});

describe("a schedule in words and as a recurrence rule", () => {
  it.each<[ReminderSchedule, string, string, string]>([
    [{ days: everyDay, time: "21:30" }, "elke avond om half tien", "every day at 9:30 PM", "FREQ=DAILY;BYHOUR=21;BYMINUTE=30;BYSECOND=0;INTERVAL=1"],
    [{ days: everyDay, time: "07:00" }, "elke ochtend om zeven uur", "every day at 7 AM", "FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0;INTERVAL=1"],
    [{ days: ["MO", "TU", "WE", "TH", "FR"], time: "19:00" }, "elke werkdag om zeven uur 's avonds", "every weekday at 7 PM", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=19;BYMINUTE=0;BYSECOND=0;INTERVAL=1"],
    [{ days: ["SA", "SU"], time: "10:00" }, "elke zaterdag en zondag om tien uur 's ochtends", "every Saturday and Sunday at 10 AM", "FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10;BYMINUTE=0;BYSECOND=0;INTERVAL=1"],
    [{ days: ["MO", "WE", "FR"], time: "13:45" }, "elke maandag, woensdag en vrijdag om kwart voor twee 's middags", "every Monday, Wednesday and Friday at 1:45 PM", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=13;BYMINUTE=45;BYSECOND=0;INTERVAL=1"],
  ])("%j", (schedule, nl, en, rule) => {
    expect(reminderPhrasesNl.when(schedule)).toBe(nl);
    expect(reminderPhrasesEn.when(schedule)).toBe(en);
    expect(recurrenceRule(schedule)).toBe(rule);
  });
});

describe("changing a reminder", () => {
  const evening: ReminderSchedule = { days: everyDay, time: "21:30", exercise: "bodyscan" };
  it.each([
    [{ time: "09:00" }, { days: everyDay, time: "21:00", exercise: "bodyscan" }],
    [{ time: "09:00", partOfDay: "morning" }, { days: everyDay, time: "09:00", exercise: "bodyscan" }],
    [{ time: "22:15" }, { days: everyDay, time: "22:15", exercise: "bodyscan" }],
    [{ days: ["weekdays"] }, { days: ["MO", "TU", "WE", "TH", "FR"], time: "21:30", exercise: "bodyscan" }],
    [{}, undefined],
  ])("%j", (wish, expected) => {
    expect(changedSchedule(evening, wish)).toEqual(expected);
  });
});

describe("adapters' readings", () => {
  it.each([
    [{ type: "Connections.Response", status: { code: "200" }, payload: { permissions: [{ scope: "alexa::alerts:reminders:skill:readwrite", status: "ACCEPTED" }] } }, "ACCEPTED"],
    [{ type: "Connections.Response", status: { code: "200" }, payload: { permissionScope: "alexa::alerts:reminders:skill:readwrite", status: "DENIED" } }, "DENIED"],
    [{ type: "Connections.Response", status: { code: "200" }, payload: { status: "NOT_ANSWERED" } }, "NOT_ANSWERED"],
    [{ type: "Connections.Response", status: { code: "500" }, payload: { status: "ACCEPTED" } }, "NOT_ANSWERED"],
    [{ type: "Connections.Response" }, "NOT_ANSWERED"],
  ])("AskFor answer %j → %s", (request, answer) => {
    expect(consentOf(request)).toBe(answer);
  });

  const serviceError = (statusCode: number, code?: string) => Object.assign(new Error("x"), { name: "ServiceError", statusCode, response: code ? { code } : undefined });
  it.each([
    [serviceError(401), "noPermission"],
    [serviceError(403, "FORBIDDEN"), "noPermission"],
    [serviceError(403, "MAX_REMINDERS_EXCEEDED"), "tooMany"],
    [serviceError(403, "DEVICE_NOT_SUPPORTED"), "unsupported"],
    [serviceError(404), "notFound"],
    [serviceError(429), "busy"],
    [serviceError(503), "unavailable"],
    [new Error("connect ECONNREFUSED"), "unavailable"],
  ])("Reminders API error %#", (error, problem) => {
    expect(problemOf(error)).toBe(problem);
  });

  it("stored reminders: junk dropped, duplicates dropped, at most MAX_REMINDERS kept", () => {
    const good = (id: string) => ({ id, days: ["MO"], time: "08:00" });
    const raw = [good("a"), good("a"), { id: "b", days: ["XX"], time: "08:00" }, { id: "c", days: ["MO"], time: "25:00" }, ...["d", "e", "f", "g", "h", "i"].map(good)];
    const parsed = parseStoredReminders(raw)!;
    expect(parsed.map((r) => r.id)).toEqual(["e", "f", "g", "h", "i"]);
    expect(parsed).toHaveLength(MAX_REMINDERS);
  });
});
