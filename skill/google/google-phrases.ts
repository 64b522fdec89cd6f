// The few words only the Google adapter needs (the core's phrases say everything else):
// suggestion chips, which Google requires whenever the conversation stays open, and the apology
// for an unexpected error. Short, kind, in the user's language.
import type { Locale } from "../core/conversation-types.js";

export interface GooglePhrases {
  /** Chips while a track plays; the first alone while a sleep-ending track plays. */
  playing: string[];
  /** Chips between SSML chunks on a surface without media output. */
  chunks: string[];
  /** Chips after one item of an info piece ("nog eentje?"). */
  another: string[];
  /** Chips after a question (follow the exercise titles). */
  asking: string[];
  /** Said when something went wrong on our side. */
  sorry: string;
}

const nl: GooglePhrases = {
  playing: ["Stop", "Geef me een tip"],
  chunks: ["Verder", "Stop"],
  another: ["Ja", "Nee"],
  asking: ["Geef me een tip", "Waarom ontspannen?", "Help"],
  sorry: "Sorry, er ging iets mis. Probeer het straks nog eens.",
};

const en: GooglePhrases = {
  playing: ["Stop", "Give me a tip"],
  chunks: ["Continue", "Stop"],
  another: ["Yes", "No"],
  asking: ["Give me a tip", "Why relax?", "Help"],
  sorry: "Sorry, something went wrong. Please try again in a moment.",
};

export function googlePhrasesFor(locale: Locale): GooglePhrases {
  return locale === "en-US" ? en : nl;
}
