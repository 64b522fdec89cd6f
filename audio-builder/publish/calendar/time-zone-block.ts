// The VTIMEZONE component for a TZID, from timezones-ical-library (the tz database as iCalendar
// blocks, kept current with each tzdata release; about 30 KB minified for every zone, small enough
// to inline in the page, where the visitor's own zone is only known at run time).
import { tzlib_get_ical_block, tzlib_get_timezones } from "timezones-ical-library";

let known: Set<string> | undefined;

/** True when a VTIMEZONE can be written for this IANA name. */
export function hasTimeZoneBlock(tzid: string): boolean {
  if (!known) {
    const list = tzlib_get_timezones();
    known = new Set(Array.isArray(list) ? list : []);
  }
  return known.has(tzid);
}

/**
 * The VTIMEZONE block for `tzid`, or null for a name the library does not know.
 * The library answers a link with its target's block (Europe/Amsterdam → Europe/Brussels, the
 * same rules since 1970); the block is renamed to the name asked for, because DTSTART's TZID must
 * match a VTIMEZONE's TZID and the visitor's own zone is the name their calendar should show.
 */
export function timeZoneBlock(tzid: string): string | null {
  if (!hasTimeZoneBlock(tzid)) return null;
  const result = tzlib_get_ical_block(tzid);
  const block = Array.isArray(result) ? result[0] : undefined;
  if (!block) return null;
  return block.replace(/^TZID:.*$/m, `TZID:${tzid}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${tzid}`);
}
