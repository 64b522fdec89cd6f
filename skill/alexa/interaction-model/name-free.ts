// Name-free interaction (the model's `_nameFreeInteraction` container): phrases people say to Alexa
// without knowing a skill's name, which Alexa may route to Rustpunt. Amazon offers it in English
// locales only, to live skills with a history of engagement (see the README), so only en-US has
// phrases. Alexa's rules: no slots, complete phrases, at most five skill launch phrases; the
// intent launch phrases name an intent of the model.
import type { Locale } from "../../../audio-builder/model/script-schema.js";
import { CUSTOM_INTENTS, type CustomIntentName, type NameFreeInteraction } from "./model-types.js";

export const NAME_FREE_FILE = "skill/alexa/interaction-model/name-free.ts";
export const MAX_LAUNCH_PHRASES = 5;
/** Fewer words is rarely a request on its own ("relax" alone is a command to Alexa, not to us). */
const MIN_WORDS = 3;

interface NameFreePhrases {
  /** Open the skill as "Alexa, open rustpunt" would. */
  launch: string[];
  /** Start straight in one intent. */
  intents: Partial<Record<CustomIntentName, string[]>>;
}

// Written as people say them to a speaker, no slots: Alexa fills the intent's slots itself
// ("a breathing exercise" still reaches StartExerciseIntent's exercise slot).
export const NAME_FREE: Partial<Record<Locale, NameFreePhrases>> = {
  "en-US": {
    launch: [
      "i want to relax",
      "help me relax",
      "guide me through a relaxation exercise",
      "i need a moment of calm",
      "help me unwind before bed",
    ],
    intents: {
      [CUSTOM_INTENTS.startExercise]: [
        "i want to do a breathing exercise",
        "start a guided body scan",
        "guide me through progressive muscle relaxation",
        "help me calm my breathing",
        "play a guided visualization",
      ],
      [CUSTOM_INTENTS.listExercises]: ["what relaxation exercises are there"],
      [CUSTOM_INTENTS.why]: ["why is relaxation important", "why should i take time to relax"],
      [CUSTOM_INTENTS.tip]: ["give me a relaxation tip", "give me a tip to relax"],
      [CUSTOM_INTENTS.restMoments]: ["how can i take a short moment of rest"],
      [CUSTOM_INTENTS.seekHelp]: ["when should i see a doctor about stress"],
    },
  },
};

const PHRASE = /^[a-z']+(?: [a-z']+)*$/;

export class NameFreeError extends Error {
  override readonly name = "NameFreeError";
}

/** The container for one locale's model, or undefined where Amazon does not offer name-free. */
export function nameFreeInteraction(locale: Locale, intentNames: readonly string[]): NameFreeInteraction | undefined {
  const phrases = NAME_FREE[locale];
  if (!phrases) return undefined;
  if (phrases.launch.length > MAX_LAUNCH_PHRASES) {
    throw new NameFreeError(`${NAME_FREE_FILE}: ${locale} has ${phrases.launch.length} skill launch phrases; Alexa allows at most ${MAX_LAUNCH_PHRASES}.`);
  }
  const seen = new Set<string>();
  const utterances = (where: string, list: string[]) =>
    list.map((phrase) => {
      checkPhrase(locale, where, phrase);
      if (seen.has(phrase)) throw new NameFreeError(`${NAME_FREE_FILE}: ${locale} "${phrase}" is listed twice; keep it in one place.`);
      seen.add(phrase);
      return { format: "RAW_TEXT" as const, value: phrase };
    });
  const ingressPoints: NameFreeInteraction["ingressPoints"] = [{ type: "LAUNCH", sampleUtterances: utterances("launch", phrases.launch) }];
  for (const [name, list] of Object.entries(phrases.intents)) {
    if (!intentNames.includes(name)) throw new NameFreeError(`${NAME_FREE_FILE}: ${locale} names ${name}, which the model does not have.`);
    if (!list || list.length === 0) continue;
    ingressPoints.push({ type: "INTENT", name, sampleUtterances: utterances(name, list) });
  }
  return { ingressPoints };
}

function checkPhrase(locale: Locale, where: string, phrase: string): void {
  if (!PHRASE.test(phrase)) {
    throw new NameFreeError(
      `${NAME_FREE_FILE}: ${locale} ${where} phrase "${phrase}": name-free phrases take lower-case words and single spaces only ` +
        "(no {slots}, digits or punctuation other than apostrophes).",
    );
  }
  if (phrase.split(" ").length < MIN_WORDS) {
    throw new NameFreeError(`${NAME_FREE_FILE}: ${locale} ${where} phrase "${phrase}" is not a complete request; use at least ${MIN_WORDS} words.`);
  }
}
