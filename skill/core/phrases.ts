// Everything the skill says, per locale. Plain text (the core escapes it); short and kind;
// no medical claims or diagnosis: Rustpunt offers rest, not treatment.
import type { Length, Locale } from "../../audio-builder/model/script-schema.js";
import { phrasesEn } from "./phrases-en.js";
import { phrasesNl } from "./phrases-nl.js";

export interface Phrases {
  /** The one greeting of a first launch; the exercises greet the listener themselves. */
  welcome: string;
  /** What Rustpunt is and is not; said once, on the first visit, however it starts. */
  about: string;
  welcomeBack: string;
  /** Offered on a return visit when something can be resumed. */
  resumeOffer(title: string): string;
  whichExercise: string;
  /** "Start an exercise" without a name: which one (a length or ending already given is kept). */
  chooseExercise(titles: string[]): string;
  listExercises(titles: string[]): string;
  unknownExercise(titles: string[]): string;
  startIntro(title: string, length: Length, minutes: number, sleep: boolean): string;
  subtitle(length: Length, minutes: number): string;
  /** Said between SSML chunks on devices without an audio player. */
  sayContinue: string;
  continueReprompt: string;
  chunkEnd(sleep: boolean): string;
  notOnThisDevice: string;
  tip(title: string, text: string): string;
  /** After one item of an info piece that has more. */
  anotherOne: string;
  anotherOneReprompt: string;
  /** After the last item, or when the person wants no more. */
  afterInfo: string;
  /** "de oefening": names a track we could not identify. */
  theExercise: string;
  /** The track could not be played: honest, and how to try again. */
  playbackFailed(title: string): string;
  /** Next conversation after a failed track (Alexa cannot speak in answer to the failure itself). */
  retryOffer(title: string): string;
  retryReprompt: string;
  infoMissing: string;
  help: string;
  fallback: string;
  goodbye: string;
  nothingToResume: string;
  nothingPlaying: string;
  firstChapter: string;
  lastChapter: string;
  loopShuffle: string;
  anythingElse: string;
}

// Looked up at call time: phrases-nl/-en import listJoin from here, so no module-level table.
export function phrasesFor(locale: Locale): Phrases {
  return locale === "en-US" ? phrasesEn : phrasesNl;
}

/** "a, b en c" / "a, b and c". */
export function listJoin(items: string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}
