// A schedule as an RFC 5545 recurrence rule, the form reminder services take ("FREQ=DAILY;..." or
// "FREQ=WEEKLY;BYDAY=MO,TH;..."). The time in it is local: the service pairs it with a time zone.
import { isEveryDay, parseClock } from "./reminder-schedule.js";
import type { ReminderSchedule } from "./reminder-types.js";

export function recurrenceRule(schedule: ReminderSchedule): string {
  const { hour, minute } = parseClock(schedule.time) ?? { hour: 0, minute: 0 };
  const at = `BYHOUR=${hour};BYMINUTE=${minute};BYSECOND=0;INTERVAL=1`;
  return isEveryDay(schedule.days) ? `FREQ=DAILY;${at}` : `FREQ=WEEKLY;BYDAY=${schedule.days.join(",")};${at}`;
}
