// Dialogflow's view of a turn, in the core's terms: language, parameters, device and user. Pure
// functions over what actions-on-google parsed, so each rule is testable on its own.
import type { Locale, TurnSlots } from "../core/conversation-types.js";

/** Dialogflow ES sends the agent's language ("nl", "en", sometimes "en-us"); the catalog has two. */
export function localeOf(languageCode: string | undefined): Locale {
  return languageCode?.trim().toLowerCase().startsWith("en") ? "en-US" : "nl-NL";
}

type ParameterValue = string | object | undefined;

/**
 * Parameters of start_exercise: `exercise` (@exercise, resolved to the exercise id), `length`
 * (@length: short/long), `ending` (@ending: sleep/wake) and `minutes` (@sys.duration or
 * @sys.number). Empty strings are Dialogflow's "not given".
 */
export function slotsOf(parameters: Record<string, ParameterValue>): TurnSlots {
  const slots: TurnSlots = {};
  const text = (v: ParameterValue): string | undefined => {
    const first = Array.isArray(v) ? (v as unknown[])[0] : v;
    return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
  };
  const exercise = text(parameters.exercise);
  if (exercise !== undefined) slots.exercise = exercise;
  const length = text(parameters.length);
  if (length !== undefined) slots.length = length;
  const ending = text(parameters.ending);
  if (ending !== undefined) slots.ending = ending;
  const minutes = minutesOf(parameters.minutes);
  if (minutes !== undefined) slots.minutes = minutes;
  return slots;
}

const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, sec: 1 / 60, min: 1, h: 60, hour: 60 };

/** @sys.duration is `{ amount, unit }`; @sys.number is a number (or its text). */
export function minutesOf(value: ParameterValue): number | undefined {
  if (typeof value === "number") return positive(value);
  if (typeof value === "string") return value.trim() === "" ? undefined : positive(Number(value));
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { amount, unit } = value as { amount?: unknown; unit?: unknown };
    const factor = typeof unit === "string" ? UNIT_MINUTES[unit] : undefined;
    return typeof amount === "number" && factor !== undefined ? positive(amount * factor) : undefined;
  }
  return undefined;
}

function positive(n: number): number | undefined {
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** What the user storage holds: only a random id, no personal data. */
export interface GoogleUserStorage {
  rustpuntId?: string;
}

const ANONYMOUS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id is ours (a random UUID in Google's user storage); anything else is replaced. */
export function isAnonymousId(value: unknown): value is string {
  return typeof value === "string" && ANONYMOUS_ID.test(value);
}

/** Platform prefix: Alexa and Google ids can never meet in the same table. */
export function stateKey(anonymousId: string): string {
  return `google:${anonymousId}`;
}
