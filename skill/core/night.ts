// "At night" decides how much the skill says: after a track that ends in sleep, or late on the
// device's own clock, answers are as short as they can be and the session does not stay open to
// reprompt someone who is falling asleep.
//
// Two signals, either one is enough:
// 1. Sleep context: a track with the sleep ending is playing, being spoken chunk by chunk, or was
//    the last thing played less than SLEEP_CONTEXT_MS ago (the person stops it, or asks for a tip
//    afterwards, in bed).
// 2. The device's local time, when its time zone is known: from 22:00 to 06:00. Alexa sends no
//    time zone with the request; its adapter asks the Settings API (skill/alexa/device-time-zone.ts)
//    and the core remembers the answer for a month. Google tells none: there only signal 1 counts.
//    The skill never guesses a time zone from the server's clock.
import type { SkillCatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";

export const SLEEP_CONTEXT_MS = 3 * 60 * 60 * 1000;
export const NIGHT_FROM_HOUR = 22;
export const NIGHT_UNTIL_HOUR = 6;

export interface NightSignals {
  now: Date;
  timeZone?: string;
  /** The track playing now (player report) or being spoken chunk by chunk. */
  current?: SkillCatalogTrack;
  /** The last track remembered, and when the memory was last written. */
  last?: SkillCatalogTrack;
  lastUpdatedAt?: string;
}

export function isNight(s: NightSignals): boolean {
  if (s.current?.ending === "sleep") return true;
  if (s.last?.ending === "sleep" && s.lastUpdatedAt !== undefined) {
    const since = s.now.getTime() - Date.parse(s.lastUpdatedAt);
    if (Number.isFinite(since) && since >= 0 && since <= SLEEP_CONTEXT_MS) return true;
  }
  const hour = s.timeZone ? localHour(s.now, s.timeZone) : undefined;
  return hour !== undefined && (hour >= NIGHT_FROM_HOUR || hour < NIGHT_UNTIL_HOUR);
}

/** The hour (0-23) on the device's clock; undefined for a time zone Intl does not know. */
export function localHour(now: Date, timeZone: string): number | undefined {
  try {
    const hour = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(now);
    const n = Number(hour);
    return Number.isInteger(n) ? n % 24 : undefined;
  } catch {
    return undefined;
  }
}
