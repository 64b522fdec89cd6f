// Clock times said in words, resolved as Alexa's AMAZON.TIME does: "HH:MM". A time said without
// its half of the day stays in the morning half ("half tien" → "09:30", "nine thirty" → "09:30");
// "'s avonds", "pm", "in the evening" move it to the afternoon half ("negen uur 's avonds" →
// "21:00"). The core (skill/core/reminders/reminder-schedule.ts) reads the rest from the part of
// the day. Digits ("21:30", "7 pm") are how a screen writes a time, not how anyone says one, so
// they are not accepted here.
import type { Locale } from "../../audio-builder/model/script-schema.js";
import { spokenNumber } from "./spoken-numbers.js";

type Half = "am" | "pm" | "night";

/** The longest time phrase we look for, in words ("tien voor half elf 's avonds" is six). */
export const MAX_TIME_WORDS = 7;

/** "HH:MM" for exactly these words, or undefined when they are not a time. */
export function spokenTime(words: readonly string[], locale: Locale): string | undefined {
  if (words.some((word) => /\d/.test(word))) return undefined;
  const { rest, half } = splitHalf(words, locale);
  const clock = locale === "nl-NL" ? dutch(rest) : english(rest);
  if (clock === undefined) return undefined;
  return format(inHalf(clock, half));
}

// normalizeUtterance turns "'s avonds" into "s avonds" and "p.m." into "p m".
const HALVES: Record<Locale, [string, Half][]> = {
  "nl-NL": [
    ["s ochtends", "am"], ["s morgens", "am"], ["in de ochtend", "am"],
    ["s middags", "pm"], ["in de middag", "pm"], ["s avonds", "pm"], ["in de avond", "pm"],
    ["s nachts", "night"], ["in de nacht", "night"],
  ],
  "en-US": [
    ["am", "am"], ["a m", "am"], ["in the morning", "am"],
    ["pm", "pm"], ["p m", "pm"], ["in the afternoon", "pm"], ["in the evening", "pm"], ["tonight", "pm"],
    ["at night", "night"],
  ],
};

function splitHalf(words: readonly string[], locale: Locale): { rest: readonly string[]; half?: Half } {
  const text = words.join(" ");
  for (const [suffix, half] of HALVES[locale]) {
    if (text.endsWith(` ${suffix}`)) return { rest: words.slice(0, words.length - suffix.split(" ").length), half };
  }
  return { rest: words };
}

interface Clock {
  /** 0..23; a time said without its half is 1..12. */
  hour: number;
  minute: number;
}

/** As Alexa resolves a half of the day: pm 1..11 → 13..23; at night 12 → 00 and 6..11 → 18..23; am 12 → 00. */
function inHalf({ hour, minute }: Clock, half: Half | undefined): Clock {
  if (half === "pm" && hour >= 1 && hour < 12) return { hour: hour + 12, minute };
  if (half === "night" && hour >= 6 && hour < 12) return { hour: hour + 12, minute };
  if ((half === "am" || half === "night") && hour === 12) return { hour: 0, minute };
  return { hour, minute };
}

function format({ hour, minute }: Clock): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** An hour on the clock face, 1..12, said in words ("één" and "een" both). */
function hourOf(word: string | undefined, locale: Locale): number | undefined {
  if (word === undefined) return undefined;
  const n = spokenNumber([word === "één" ? "een" : word], locale);
  return n !== undefined && n >= 1 && n <= 12 ? n : undefined;
}

/** The hour before: "half tien" is 9:30, "half een" 12:30. */
const before = (hour: number): number => (hour === 1 ? 12 : hour - 1);

const NL_MINUTES: Record<string, number> = { vijf: 5, tien: 10, kwart: 15, twintig: 20 };

function dutch(w: readonly string[]): Clock | undefined {
  const [a, b, c, d] = w;
  if (w.length === 1 && a === "middernacht") return { hour: 0, minute: 0 };
  if (w.length === 2 && b === "uur") {
    const h = hourOf(a, "nl-NL");
    return h === undefined ? undefined : { hour: h, minute: 0 };
  }
  if (w.length === 2 && a === "half") {
    const h = hourOf(b, "nl-NL");
    return h === undefined ? undefined : { hour: before(h), minute: 30 };
  }
  const m = a === undefined ? undefined : NL_MINUTES[a];
  if (m === undefined) return undefined;
  // "kwart over zeven", "tien voor acht"
  if (w.length === 3 && (b === "over" || b === "voor")) {
    const h = hourOf(c, "nl-NL");
    if (h === undefined) return undefined;
    return b === "over" ? { hour: h, minute: m } : { hour: before(h), minute: 60 - m };
  }
  // "vijf voor half tien", "tien over half elf"
  if (w.length === 4 && (b === "over" || b === "voor") && c === "half" && m <= 10) {
    const h = hourOf(d, "nl-NL");
    if (h === undefined) return undefined;
    return { hour: before(h), minute: b === "over" ? 30 + m : 30 - m };
  }
  return undefined;
}

const EN_MINUTES: Record<string, number> = { quarter: 15, half: 30 };

function english(w: readonly string[]): Clock | undefined {
  const [a, b, c] = w;
  if (w.length === 1 && a === "noon") return { hour: 12, minute: 0 };
  if (w.length === 1 && a === "midnight") return { hour: 0, minute: 0 };
  const h = hourOf(a, "en-US");
  // "seven", "seven o'clock"
  if (h !== undefined && (w.length === 1 || (w.length === 2 && b === "o'clock"))) return { hour: h, minute: 0 };
  // "nine thirty", "eight fifteen", "nine forty five", "seven oh five"
  if (h !== undefined && w.length >= 2) {
    const minuteWords = w.slice(1);
    const oh = minuteWords[0] === "oh" && minuteWords.length === 2;
    const minute = spokenNumber(oh ? minuteWords.slice(1) : minuteWords, "en-US");
    if (minute !== undefined && (oh ? minute >= 1 && minute <= 9 : minute >= 10 && minute <= 59)) return { hour: h, minute };
    return undefined;
  }
  // "half past nine", "quarter to eight", "ten past seven", "twenty to ten"
  if (w.length === 3 && (b === "past" || b === "to")) {
    const m = (a === undefined ? undefined : EN_MINUTES[a]) ?? spokenNumber([a!], "en-US");
    const hour = hourOf(c, "en-US");
    if (m === undefined || hour === undefined || m < 1 || m > 30 || (b === "to" && m === 30)) return undefined;
    return b === "past" ? { hour, minute: m } : { hour: before(hour), minute: 60 - m };
  }
  return undefined;
}
