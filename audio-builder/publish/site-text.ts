// The words of the page and the feed around the catalogue's own content, per locale.
import type { Ending, Length, Locale } from "../model/script-schema.js";
import type { BreathPhase } from "../timeline/timeline-types.js";

export interface SiteText {
  /** BCP 47 for lang attributes; RSS <language> takes the same form. */
  lang: string;
  /** The language's own name, for the link to this page from the other one. */
  languageName: string;
  title: string;
  tagline: string;
  intro: string;
  notADoctor: string;
  exercisesHeading: string;
  infoHeading: string;
  length: Record<Length, string>;
  ending: Record<Ending, string>;
  duration: string;
  download: string;
  transcript: string;
  captionsLabel: string;
  source: string;
  breathing: {
    heading: string;
    help: string;
    phase: Record<BreathPhase, string>;
    /** Shown outside the breathing blocks (before, between and after them). */
    idle: string;
  };
  feedHeading: string;
  feedText: string;
  feedLink: string;
  otherLanguage: string;
  footer: string;
  /** The podcast's description in the feed. */
  podcastDescription: string;
}

export const SITE_TEXT: Record<Locale, SiteText> = {
  "nl-NL": {
    lang: "nl-NL",
    languageName: "Nederlands",
    title: "Rustpunt",
    tagline: "Ontspanningsoefeningen om te beluisteren en te downloaden",
    intro:
      "Korte begeleide oefeningen: rustig ademen met een lange uitademing, een bodyscan, een visualisatie en spierontspanning. Elke oefening is er kort of lang, en met een einde om weer op te staan of om in te slapen.",
    notADoctor:
      "Rustpunt is geen medisch hulpmiddel en vervangt geen arts. Houden je klachten aan, ga dan naar je huisarts of bedrijfsarts.",
    exercisesHeading: "Oefeningen",
    infoHeading: "Over ontspannen",
    length: { short: "Kort", long: "Lang" },
    ending: { wake: "om weer op te staan", sleep: "om in te slapen" },
    duration: "Duur",
    download: "Download MP3",
    transcript: "Uitgeschreven tekst",
    captionsLabel: "Nederlandse ondertiteling",
    source: "Bron",
    breathing: {
      heading: "Adem mee",
      help: "Speel een versie af: de cirkel wordt groter als je inademt en kleiner als je uitademt, op het ritme van de oefening.",
      phase: { inhale: "Adem in", hold: "Houd vast", exhale: "Adem uit" },
      idle: "Adem rustig, in je eigen tempo",
    },
    feedHeading: "Als podcast",
    feedText: "Abonneer je in je podcast-app met deze link:",
    feedLink: "Podcastfeed (RSS)",
    otherLanguage: "English",
    footer: "Rustpunt is open source. Deze pagina gebruikt geen cookies en volgt je niet.",
    podcastDescription:
      "Begeleide ontspanningsoefeningen in het Nederlands: rustig ademen, bodyscan, visualisatie en spierontspanning, kort of lang, om weer op te staan of om in te slapen. Geen vervanging van een arts.",
  },
  "en-US": {
    lang: "en-US",
    languageName: "English",
    title: "Rustpunt",
    tagline: "Relaxation exercises to listen to and download",
    intro:
      "Short guided exercises: calm breathing with a long exhale, a body scan, a visualization and muscle relaxation. Each exercise comes short or long, and with an ending for getting up again or for falling asleep.",
    notADoctor:
      "Rustpunt is not a medical product and does not replace a doctor. If your complaints persist, see your GP or company doctor.",
    exercisesHeading: "Exercises",
    infoHeading: "About relaxing",
    length: { short: "Short", long: "Long" },
    ending: { wake: "to get up after", sleep: "to fall asleep" },
    duration: "Duration",
    download: "Download MP3",
    transcript: "Transcript",
    captionsLabel: "English captions",
    source: "Source",
    breathing: {
      heading: "Breathe along",
      help: "Play a version: the circle grows as you breathe in and shrinks as you breathe out, at the exercise's pace.",
      phase: { inhale: "Breathe in", hold: "Hold", exhale: "Breathe out" },
      idle: "Breathe calmly, at your own pace",
    },
    feedHeading: "As a podcast",
    feedText: "Subscribe in your podcast app with this link:",
    feedLink: "Podcast feed (RSS)",
    otherLanguage: "Nederlands",
    footer: "Rustpunt is open source. This page sets no cookies and does not track you.",
    podcastDescription:
      "Guided relaxation exercises in English: calm breathing, body scan, visualization and muscle relaxation, short or long, to get up after or to fall asleep. Not a replacement for a doctor.",
  },
};

/** "Kort, om in te slapen" */
export function variantLabel(text: SiteText, length: Length, ending: Ending): string {
  return `${text.length[length]}, ${text.ending[ending]}`;
}

/** 754_000 → "12:34"; hours roll into minutes ("75:00"), as players show them. */
export function clockLabel(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
