// The words of the page and the feed around the catalogue's own content, per locale.
import type { Ending, Length, Locale } from "../model/script-schema.js";
import type { BreathPhase } from "../timeline/timeline-types.js";
import type { RestMomentEventText, Weekday } from "./calendar/rest-moment-ics.js";

/** The "plan a moment of rest" section: the form, the ready-made files and the event's words. */
export interface PlanText {
  heading: string;
  /** `{minutes}`: how long before the moment the calendar reminds you. */
  intro: string;
  days: string;
  everyDay: string;
  weekdays: string;
  chosenDays: string;
  dayNames: Record<Weekday, string>;
  time: string;
  exercise: string;
  download: string;
  /** `{file}`: the downloaded file's name. */
  downloaded: string;
  noDays: string;
  noTime: string;
  readyHeading: string;
  /** `{zone}`: readyZone.label. */
  readyIntro: string;
  /** `{time}`: the time of day in this locale's style. */
  everyEvening: string;
  weekdayMornings: string;
  /** The ready-made files cannot know the visitor's zone: they use this locale's usual one. */
  readyZone: { tzid: string; label: string };
  event: RestMomentEventText;
}

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
  plan: PlanText;
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
    plan: {
      heading: "Plan je rustmoment",
      intro:
        "Maak van ontspannen een prioriteit: reserveer er vaste momenten voor in je agenda en houd je daaraan. Kies de dagen, een tijd en een oefening; je agenda herinnert je er {minutes} minuten van tevoren aan.",
      days: "Op welke dagen?",
      everyDay: "Elke dag",
      weekdays: "Werkdagen (maandag tot en met vrijdag)",
      chosenDays: "Dagen die ik kies",
      dayNames: { MO: "maandag", TU: "dinsdag", WE: "woensdag", TH: "donderdag", FR: "vrijdag", SA: "zaterdag", SU: "zondag" },
      time: "Hoe laat?",
      exercise: "Welke oefening?",
      download: "Zet in mijn agenda (.ics)",
      downloaded: "{file} is gedownload. Open het bestand om het rustmoment in je agenda te zetten.",
      noDays: "Kies minstens één dag.",
      noTime: "Vul een tijd in, bijvoorbeeld 21:30.",
      readyHeading: "Kant-en-klaar",
      readyIntro: "Of neem een van deze agendabestanden (tijden in {zone}):",
      everyEvening: "elke avond om {time}",
      weekdayMornings: "werkdagen om {time}",
      readyZone: { tzid: "Europe/Amsterdam", label: "Nederlandse tijd" },
      event: {
        summary: "Rustmoment: {exercise}",
        description: "Tijd voor je rustmoment: {exercise} ({variant}, {duration}). Zoek een rustige plek en neem de tijd.",
        listen: "Luister op de pagina:",
        mp3: "Of download de MP3:",
        withoutLinks: "Open de Rustpunt-pagina en kies {exercise}.",
        alarm: "Zo meteen: je rustmoment ({exercise})",
      },
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
    plan: {
      heading: "Plan a moment of rest",
      intro:
        "Make relaxing a priority: set aside fixed moments for it in your calendar and keep to them. Choose the days, a time and an exercise; your calendar reminds you {minutes} minutes before.",
      days: "On which days?",
      everyDay: "Every day",
      weekdays: "Weekdays (Monday to Friday)",
      chosenDays: "Days I choose",
      dayNames: { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" },
      time: "At what time?",
      exercise: "Which exercise?",
      download: "Add to my calendar (.ics)",
      downloaded: "{file} has been downloaded. Open the file to put the moment of rest in your calendar.",
      noDays: "Choose at least one day.",
      noTime: "Enter a time, for example 9:30 PM.",
      readyHeading: "Ready-made",
      readyIntro: "Or take one of these calendar files (times in {zone}):",
      everyEvening: "every evening at {time}",
      weekdayMornings: "weekdays at {time}",
      readyZone: { tzid: "America/New_York", label: "US Eastern Time" },
      event: {
        summary: "Moment of rest: {exercise}",
        description: "Time for your moment of rest: {exercise} ({variant}, {duration}). Find a quiet place and take your time.",
        listen: "Listen on the page:",
        mp3: "Or download the MP3:",
        withoutLinks: "Open the Rustpunt page and choose {exercise}.",
        alarm: "Coming up: your moment of rest ({exercise})",
      },
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

/** "21:30" → "21:30" (nl) or "9:30 PM" (en): a time of day as people of this locale write it. */
export function timeOfDayLabel(text: SiteText, time: string): string {
  const [hour, minute] = time.split(":").map(Number);
  return new Intl.DateTimeFormat(text.lang, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(Date.UTC(2000, 0, 1, hour, minute));
}
