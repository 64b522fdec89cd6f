// Wall-clock date and time in a person's IANA time zone, for what is said, counted or scheduled in
// their day (never UTC). An unknown zone falls back to UTC rather than failing the turn.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" };
    try {
      f = new Intl.DateTimeFormat("en-CA", { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat("en-CA", { ...options, timeZone: "UTC" });
    }
    formats.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** "2026-12-03" */
  day: string;
  /** "21:04:05" */
  time: string;
  hour: number;
}

export function localTime(now: Date, timeZone: string): LocalTime {
  const p = Object.fromEntries(format(timeZone).formatToParts(now).map((part) => [part.type, part.value]));
  const hour = Number(p.hour) % 24;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${String(hour).padStart(2, "0")}:${p.minute}:${p.second}`, hour };
}
