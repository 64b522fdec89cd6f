// Name-free routing asks "could Rustpunt do exactly this?" before anyone has said our name
// (Alexa's CanFulfillIntentRequest). The answer is a pure look at the catalog: no state, no clock,
// no speech, so it is fast, safe without a user, and the same for every platform that asks.
import type { SkillCatalog as Catalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Ending, Length, Locale } from "../../audio-builder/model/script-schema.js";
import { parseEnding, parseLength } from "./choose-variant.js";
import type { CoreIntent } from "./conversation-types.js";
import { matchExercise } from "./match-exercise.js";
import { INFO_IDS } from "./respond.js";

/** YES: exactly this; MAYBE: something close (a synonym, a fuzzy name, the nearest length); NO: not ours. */
export type Fit = "YES" | "MAYBE" | "NO";

export type FulfilSlotName = "exercise" | "length" | "ending" | "minutes";

/** One slot as the platform heard it. */
export interface HeardSlot {
  /** The words as recognised. */
  heard?: string;
  /** The id of our slot value the platform resolved the words to, if it did. */
  resolvedId?: string;
  /** True when the words were the value's own name, false when they were one of its synonyms. */
  exactName?: boolean;
}

export interface SlotFit {
  understand: Fit;
  fulfil: "YES" | "NO";
}

export interface FulfilAnswer {
  fit: Fit;
  /** One entry per slot that carried a value. */
  slots: Partial<Record<FulfilSlotName, SlotFit>>;
}

/** How far a wished-for duration may be from a track we have and still count as that track. */
const MINUTES_TOLERANCE = { absoluteMs: 2 * 60_000, relative: 0.3 };

const INFO_FOR: Partial<Record<CoreIntent, string>> = {
  Why: INFO_IDS.why,
  Tip: INFO_IDS.tips,
  RestMoments: INFO_IDS.rest,
  SeekHelp: INFO_IDS.seekHelp,
};

export function canFulfil(
  catalog: Catalog,
  locale: Locale,
  /** The core's name for the intent (skill/grammar/intents.ts), e.g. "StartExercise". */
  intent: string | undefined,
  slots: Partial<Record<FulfilSlotName, HeardSlot>>,
): FulfilAnswer {
  switch (intent) {
    case "StartExercise":
      return startExercise(catalog, locale, slots);
    case "ListExercises":
      return { fit: catalog.exercises.some((e) => e.locale === locale) ? "YES" : "NO", slots: {} };
    case "Why":
    case "Tip":
    case "RestMoments":
    case "SeekHelp": {
      const id = INFO_FOR[intent as CoreIntent];
      return { fit: catalog.info.some((i) => i.locale === locale && i.id === id) ? "YES" : "NO", slots: {} };
    }
    default:
      // "Continue", the player's controls and anything unknown only make sense inside a session
      // that has already started with our name.
      return { fit: "NO", slots: {} };
  }
}

function startExercise(catalog: Catalog, locale: Locale, slots: Partial<Record<FulfilSlotName, HeardSlot>>): FulfilAnswer {
  const tracks = catalog.tracks.filter((t) => t.locale === locale);
  const answer: FulfilAnswer = { fit: tracks.length > 0 ? "YES" : "NO", slots: {} };

  let exercise: string | undefined;
  if (hasValue(slots.exercise)) {
    const offered = new Set(tracks.map((t) => t.exercise));
    const resolved = slots.exercise.resolvedId;
    if (resolved !== undefined && offered.has(resolved)) {
      exercise = resolved;
      answer.slots.exercise = { understand: slots.exercise.exactName ? "YES" : "MAYBE", fulfil: "YES" };
    } else {
      // Not resolved by the platform: our own, more forgiving matcher ("buikademhaling", typos).
      exercise = matchExercise(catalog, locale, slots.exercise.heard);
      answer.slots.exercise = exercise ? { understand: "MAYBE", fulfil: "YES" } : { understand: "NO", fulfil: "NO" };
    }
  }
  const ofExercise = exercise ? tracks.filter((t) => t.exercise === exercise) : tracks;

  if (hasValue(slots.length)) {
    const length = recognise<Length>(slots.length, ["short", "long"], parseLength(slots.length.heard));
    answer.slots.length = fitOf(length, ofExercise.some((t) => t.length === length?.value));
  }
  if (hasValue(slots.ending)) {
    // parseEnding reads anything it does not know as "wake": only its "sleep" is a real recognition.
    const guessed = parseEnding(slots.ending.heard);
    const ending = recognise<Ending>(slots.ending, ["sleep", "wake"], guessed === "sleep" ? guessed : undefined);
    answer.slots.ending = fitOf(ending, ofExercise.some((t) => t.ending === ending?.value));
  }
  if (hasValue(slots.minutes)) {
    const minutes = Number(slots.minutes.heard);
    if (Number.isFinite(minutes) && minutes > 0) {
      const wantedMs = minutes * 60_000;
      const close = ofExercise.some(
        (t) => Math.abs(t.durationMs - wantedMs) <= Math.max(MINUTES_TOLERANCE.absoluteMs, MINUTES_TOLERANCE.relative * wantedMs),
      );
      answer.slots.minutes = { understand: "YES", fulfil: close ? "YES" : "NO" };
    } else {
      answer.slots.minutes = { understand: "NO", fulfil: "NO" };
    }
  }

  // An exercise we do not have is not ours; a length, ending or duration we cannot match exactly
  // still gets the nearest variant, which is close but not exactly what was asked.
  if (answer.slots.exercise?.fulfil === "NO") answer.fit = "NO";
  else if (answer.fit === "YES" && Object.values(answer.slots).some((s) => s.understand !== "YES" || s.fulfil !== "YES")) {
    answer.fit = "MAYBE";
  }
  return answer;
}

function hasValue(slot: HeardSlot | undefined): slot is HeardSlot {
  return slot !== undefined && ((slot.heard ?? "").trim() !== "" || slot.resolvedId !== undefined);
}

interface Recognised<T> {
  value: T;
  exact: boolean;
}

/** The platform's resolution when it names one of ours, else our own reading of the words. */
function recognise<T extends string>(slot: HeardSlot, ids: readonly T[], guess: T | undefined): Recognised<T> | undefined {
  const resolved = ids.find((id) => id === slot.resolvedId);
  if (resolved !== undefined) return { value: resolved, exact: slot.exactName === true };
  return guess !== undefined ? { value: guess, exact: false } : undefined;
}

function fitOf<T>(recognised: Recognised<T> | undefined, offered: boolean): SlotFit {
  if (!recognised) return { understand: "NO", fulfil: "NO" };
  return { understand: recognised.exact ? "YES" : "MAYBE", fulfil: offered ? "YES" : "NO" };
}
