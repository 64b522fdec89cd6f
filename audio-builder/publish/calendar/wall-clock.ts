// Local ("wall-clock") times in a named IANA time zone, from the tz database every JavaScript
// engine carries (Intl). Runs at build time in Node and in the page, so it uses nothing else.
//
// ical-generator formats a plain JS Date with the *process's* local zone, which is right in a
// browser but not in a build on a UTC server. It also accepts Temporal-shaped values (its
// ICalTemporal*Stub types): a PlainDateTime is written as exactly its own fields under the
// event's TZID. Temporal is not in Node 20 nor in every browser, so WallClock is that shape.
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from "ical-generator";

export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in `timeZone` (throws a RangeError for an unknown zone). */
export function wallFieldsAt(epochMs: number, timeZone: string): WallFields {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(epochMs))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

const asUtc = (f: WallFields) => Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);

/** The instant a wall-clock time names in `timeZone` (in a spring-forward gap: the later reading). */
export function instantOf(fields: WallFields, timeZone: string): number {
  const wanted = asUtc(fields);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const offset = asUtc(wallFieldsAt(guess, timeZone)) - guess;
    const next = wanted - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/** Day of the week of a calendar date, 0 = Sunday (as Date.getDay). */
export function weekdayOf(f: Pick<WallFields, "year" | "month" | "day">): number {
  return new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
}

/** The same wall-clock time `days` calendar days later (no zone involved: dates only). */
export function addDays(f: WallFields, days: number): WallFields {
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day + days, f.hour, f.minute, f.second));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: f.hour, minute: f.minute, second: f.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDate = (f: Pick<WallFields, "year" | "month" | "day">) => `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
const isoDateTime = (f: WallFields) => `${isoDate(f)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;

/** A Temporal.PlainDateTime look-alike: a date and time of day, in no zone. */
export class WallClock implements ICalTemporalPlainDateTimeStub {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(f: WallFields) {
    ({ year: this.year, month: this.month, day: this.day, hour: this.hour, minute: this.minute, second: this.second } = f);
  }

  toPlainDate(): ICalTemporalPlainDateStub {
    const { year, month, day } = this;
    return { year, month, day, toJSON: () => isoDate(this), toString: () => isoDate(this) };
  }

  toZonedDateTime(timeZone: string): ICalTemporalZonedDateTimeStub {
    // Keeps its own fields in its own zone, even in a spring-forward gap (02:30 on the night the
    // clocks skip to 03:00): the event is at 02:30 local on every other day of the series.
    return zoned(instantOf(this, timeZone), timeZone, this);
  }

  toJSON(): string {
    return isoDateTime(this);
  }

  toString(): string {
    return isoDateTime(this);
  }
}

function zoned(epochMs: number, timeZoneId: string, wall?: WallFields): ICalTemporalZonedDateTimeStub {
  const f = wall ?? wallFieldsAt(epochMs, timeZoneId);
  const text = `${isoDateTime(f)}[${timeZoneId}]`;
  const self: ICalTemporalZonedDateTimeStub = {
    year: f.year,
    month: f.month,
    day: f.day,
    hour: f.hour,
    minute: f.minute,
    second: f.second,
    timeZoneId,
    toInstant: () => instant(epochMs),
    toPlainDateTime: () => new WallClock(f),
    withTimeZone: (other: string) => (other === timeZoneId ? self : zoned(epochMs, other)),
    toJSON: () => text,
    toString: () => text,
  };
  return self;
}

function instant(epochMs: number): ICalTemporalInstantStub {
  const text = new Date(epochMs).toISOString();
  return {
    epochMilliseconds: epochMs,
    epochSeconds: Math.floor(epochMs / 1000),
    toZonedDateTimeISO: (timeZone: string) => zoned(epochMs, timeZone),
    toJSON: () => text,
    toString: () => text,
  };
}

/** The wall-clock time `minutes` later, counted on the clock face (as a calendar counts an event's length). */
export function addMinutes(f: WallFields, minutes: number): WallFields {
  const d = new Date(asUtc(f) + minutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}
