// Issue 17: the interaction model's reminder and look-back intents, their slot types and sample
// utterances in both languages, written by hand. generate-model.ts appends them to each locale's
// model (reminderIntents, reminderSlotTypes). Rules Alexa enforces: no digits (say "tien"), no
// punctuation except apostrophes and periods, and no sample in two intents (generate-model checks).
import type { Locale } from "../../../audio-builder/model/script-schema.js";
import type { SlotValueSource } from "../../grammar/grammar-types.js";
import type { ModelIntent, ModelSlot, ModelSlotType } from "./model-types.js";

const FILE = "skill/alexa/interaction-model/samples-reminders.ts";

export const REMINDER_INTENTS = {
  create: "CreateReminderIntent",
  list: "ListRemindersIntent",
  change: "ChangeReminderIntent",
  delete: "DeleteRemindersIntent",
  lookBack: "LookBackIntent",
} as const;

type ReminderIntentName = (typeof REMINDER_INTENTS)[keyof typeof REMINDER_INTENTS];

/** The time as Alexa hears it (AMAZON.TIME: "21:30", or "EV" for just "evening"). */
const SCHEDULE_SLOTS: ModelSlot[] = [
  { name: "time", type: "AMAZON.TIME" },
  { name: "days", type: "REMINDER_DAYS" },
  { name: "moreDays", type: "REMINDER_DAYS" },
  { name: "partOfDay", type: "PART_OF_DAY" },
  { name: "exercise", type: "EXERCISE" },
];

const SLOTS: Record<ReminderIntentName, ModelSlot[]> = {
  CreateReminderIntent: SCHEDULE_SLOTS,
  ChangeReminderIntent: SCHEDULE_SLOTS,
  ListRemindersIntent: [],
  DeleteRemindersIntent: [],
  LookBackIntent: [],
};

interface ReminderLocaleSamples {
  intents: Record<ReminderIntentName, string[]>;
  /** REMINDER_DAYS ids: daily, weekdays, weekend, MO..SU (the core's parseDays). */
  days: SlotValueSource[];
  /** PART_OF_DAY ids: morning, afternoon, evening, night. */
  partsOfDay: SlotValueSource[];
}

const nl: ReminderLocaleSamples = {
  intents: {
    CreateReminderIntent: [
      "herinner me elke {partOfDay} om {time} aan een rustmoment",
      "herinner me elke {partOfDay} om {time}",
      "herinner me elke {partOfDay} om {time} aan de {exercise}",
      "herinner me elke {partOfDay} om {time} aan {exercise}",
      "herinner me iedere {partOfDay} om {time} aan een rustmoment",
      "herinner me elke {days} om {time} aan een rustmoment",
      "herinner me elke {days} om {time}",
      "herinner me elke {days} om {time} {partOfDay}",
      "herinner me elke {days} om {time} {partOfDay} aan een rustmoment",
      "herinner me elke {days} om {time} aan de {exercise}",
      "herinner me elke {days} en {moreDays} om {time}",
      "herinner me elke {days} en {moreDays} om {time} aan een rustmoment",
      "herinner me op {days} en {moreDays} om {time} aan een rustmoment",
      "herinner me op {days} om {time}",
      "herinner me op {days} om {time} aan een rustmoment",
      "herinner me {days} om {time} aan een rustmoment",
      "herinner me {days} om {time}",
      "herinner me om {time} aan een rustmoment",
      "herinner me om {time} {partOfDay} aan een rustmoment",
      "herinner me om {time} aan de {exercise}",
      "herinner me om {time} aan {exercise}",
      "herinner me aan een rustmoment om {time}",
      "herinner me aan de {exercise} om {time}",
      "herinner me elke {partOfDay} aan een rustmoment",
      "herinner me elke {days} aan een rustmoment",
      "herinner me aan een rustmoment",
      "herinner me aan de {exercise}",
      "zet een herinnering om {time}",
      "zet een herinnering om {time} {partOfDay}",
      "zet een herinnering voor de {exercise} om {time}",
      "zet een herinnering voor {exercise} om {time}",
      "zet een herinnering voor de {exercise} om {time} {partOfDay}",
      "zet een herinnering voor elke {days} om {time}",
      "zet een herinnering voor elke {partOfDay} om {time}",
      "zet een herinnering elke {days} om {time}",
      "zet een herinnering",
      "zet een herinnering voor een rustmoment",
      "maak een herinnering om {time}",
      "maak een herinnering voor de {exercise} om {time}",
      "maak een herinnering voor elke {days} om {time}",
      "plan een rustmoment om {time}",
      "plan elke {partOfDay} om {time} een rustmoment",
      "plan een rustmoment elke {days} om {time}",
      "plan een rustmoment",
      "ik wil een herinnering",
      "ik wil een herinnering om {time}",
      "ik wil elke {partOfDay} om {time} herinnerd worden",
      "ik wil elke {days} om {time} een herinnering",
      "herinnering om {time}",
      "om {time}",
      "om {time} {partOfDay}",
    ],
    ChangeReminderIntent: [
      "verander mijn herinnering naar {time}",
      "verander mijn herinnering naar {time} {partOfDay}",
      "verander de herinnering naar {time}",
      "verander mijn herinnering naar elke {days}",
      "verander mijn herinnering naar elke {days} om {time}",
      "verzet mijn herinnering naar {time}",
      "verschuif mijn herinnering naar {time}",
      "zet mijn herinnering op {time}",
      "zet mijn herinnering naar {time}",
      "pas mijn herinnering aan naar {time}",
      "mijn herinnering moet om {time}",
      "verander het tijdstip van mijn herinnering naar {time}",
      "verander mijn herinnering",
      "naar {time}",
    ],
    ListRemindersIntent: [
      "welke herinneringen heb ik",
      "welke herinneringen heb ik van rustpunt",
      "welke herinnering heb ik",
      "wat zijn mijn herinneringen",
      "noem mijn herinneringen",
      "lees mijn herinneringen voor",
      "heb ik herinneringen",
      "heb ik een herinnering",
      "wanneer word ik herinnerd",
      "hoe laat is mijn herinnering",
      "mijn herinneringen",
      "welke rustmomenten heb ik gepland",
    ],
    DeleteRemindersIntent: [
      "stop mijn herinneringen",
      "stop mijn herinnering",
      "verwijder mijn herinneringen",
      "verwijder mijn herinnering",
      "wis mijn herinneringen",
      "haal mijn herinneringen weg",
      "zet mijn herinneringen uit",
      "zet mijn herinnering uit",
      "ik wil geen herinneringen meer",
      "geen herinneringen meer",
      "stop met herinneren",
      "stop met de herinneringen",
      "annuleer mijn herinneringen",
      "annuleer mijn herinnering",
    ],
    LookBackIntent: [
      "hoe vaak heb ik deze week ontspannen",
      "hoe vaak heb ik ontspannen",
      "hoe vaak heb ik deze maand ontspannen",
      "hoe vaak heb ik deze week een oefening gedaan",
      "hoeveel oefeningen heb ik gedaan",
      "hoeveel oefeningen heb ik deze week gedaan",
      "hoe vaak heb ik geoefend",
      "hoe vaak heb ik deze week geoefend",
      "hoeveel rustmomenten heb ik gehad",
      "hoeveel keer heb ik ontspannen",
      "hoe vaak heb ik rustpunt gebruikt",
      "kijk terug op mijn week",
      "geef me een terugblik",
      "terugblik",
      "hoe was mijn week",
    ],
  },
  days: [
    { id: "daily", value: "dag", synonyms: ["dagen", "dagelijks", "elke dag", "iedere dag", "alle dagen"] },
    { id: "weekdays", value: "werkdag", synonyms: ["werkdagen", "doordeweekse dag", "doordeweekse dagen", "doordeweeks", "door de week", "weekdag", "weekdagen"] },
    { id: "weekend", value: "weekend", synonyms: ["weekenddag", "weekenddagen", "het weekend", "zaterdag en zondag"] },
    { id: "MO", value: "maandag", synonyms: ["maandagen"] },
    { id: "TU", value: "dinsdag", synonyms: ["dinsdagen"] },
    { id: "WE", value: "woensdag", synonyms: ["woensdagen"] },
    { id: "TH", value: "donderdag", synonyms: ["donderdagen"] },
    { id: "FR", value: "vrijdag", synonyms: ["vrijdagen"] },
    { id: "SA", value: "zaterdag", synonyms: ["zaterdagen"] },
    { id: "SU", value: "zondag", synonyms: ["zondagen"] },
  ],
  partsOfDay: [
    { id: "morning", value: "ochtend", synonyms: ["morgen", "'s ochtends", "'s morgens"] },
    { id: "afternoon", value: "middag", synonyms: ["'s middags", "namiddag"] },
    { id: "evening", value: "avond", synonyms: ["'s avonds", "avonds"] },
    { id: "night", value: "nacht", synonyms: ["'s nachts"] },
  ],
};

const en: ReminderLocaleSamples = {
  intents: {
    CreateReminderIntent: [
      "remind me every {partOfDay} at {time} to relax",
      "remind me every {partOfDay} at {time}",
      "remind me every {partOfDay} at {time} to do {exercise}",
      "remind me every {partOfDay} at {time} to do the {exercise}",
      "remind me every {days} at {time} to relax",
      "remind me every {days} at {time}",
      "remind me every {days} at {time} {partOfDay}",
      "remind me every {days} at {time} to do {exercise}",
      "remind me every {days} and {moreDays} at {time}",
      "remind me every {days} and {moreDays} at {time} to relax",
      "remind me on {days} and {moreDays} at {time} to relax",
      "remind me on {days} at {time}",
      "remind me {days} at {time} to relax",
      "remind me at {time} to relax",
      "remind me at {time} {partOfDay} to relax",
      "remind me at {time} to do {exercise}",
      "remind me at {time} to do the {exercise}",
      "remind me to relax at {time}",
      "remind me to relax every {partOfDay} at {time}",
      "remind me to relax every {days} at {time}",
      "remind me to do {exercise} at {time}",
      "remind me to do the {exercise} every {days} at {time}",
      "remind me to take a moment of rest at {time}",
      "remind me every {partOfDay} to relax",
      "remind me to relax",
      "set a reminder at {time}",
      "set a reminder for {time}",
      "set a reminder for {exercise} at {time}",
      "set a reminder for the {exercise} at {time}",
      "set a reminder every {days} at {time}",
      "set a reminder every {partOfDay} at {time}",
      "set a reminder",
      "create a reminder at {time}",
      "create a reminder every {days} at {time}",
      "schedule a moment of rest at {time}",
      "schedule a moment of rest every {days} at {time}",
      "plan a moment of rest",
      "i want a reminder",
      "i want a reminder at {time}",
      "at {time}",
      "at {time} {partOfDay}",
    ],
    ChangeReminderIntent: [
      "change my reminder to {time}",
      "change my reminder to {time} {partOfDay}",
      "change the reminder to {time}",
      "change my reminder to every {days}",
      "change my reminder to every {days} at {time}",
      "move my reminder to {time}",
      "set my reminder to {time}",
      "make my reminder {time}",
      "update my reminder to {time}",
      "change the time of my reminder to {time}",
      "change my reminder",
      "to {time}",
    ],
    ListRemindersIntent: [
      "what reminders do i have",
      "which reminders do i have",
      "what are my reminders",
      "list my reminders",
      "read my reminders",
      "do i have reminders",
      "do i have a reminder",
      "when will you remind me",
      "what time is my reminder",
      "my reminders",
    ],
    DeleteRemindersIntent: [
      "stop my reminders",
      "stop my reminder",
      "delete my reminders",
      "delete my reminder",
      "remove my reminders",
      "cancel my reminders",
      "cancel my reminder",
      "turn off my reminders",
      "no more reminders",
      "i don't want reminders any more",
      "stop reminding me",
    ],
    LookBackIntent: [
      "how often did i relax this week",
      "how often did i relax",
      "how often did i relax this month",
      "how many times did i relax this week",
      "how many exercises did i do",
      "how many exercises did i do this week",
      "how often did i practice",
      "how often did i practice this week",
      "how often did i use rustpunt",
      "look back on my week",
      "give me a look back",
      "how was my week",
    ],
  },
  days: [
    { id: "daily", value: "day", synonyms: ["days", "daily", "every day"] },
    { id: "weekdays", value: "weekday", synonyms: ["weekdays", "work day", "workday", "working day", "work days"] },
    { id: "weekend", value: "weekend", synonyms: ["weekends", "weekend day", "saturday and sunday"] },
    { id: "MO", value: "monday", synonyms: ["mondays"] },
    { id: "TU", value: "tuesday", synonyms: ["tuesdays"] },
    { id: "WE", value: "wednesday", synonyms: ["wednesdays"] },
    { id: "TH", value: "thursday", synonyms: ["thursdays"] },
    { id: "FR", value: "friday", synonyms: ["fridays"] },
    { id: "SA", value: "saturday", synonyms: ["saturdays"] },
    { id: "SU", value: "sunday", synonyms: ["sundays"] },
  ],
  partsOfDay: [
    { id: "morning", value: "morning", synonyms: ["in the morning"] },
    { id: "afternoon", value: "afternoon", synonyms: ["in the afternoon"] },
    { id: "evening", value: "evening", synonyms: ["in the evening"] },
    { id: "night", value: "night", synonyms: ["at night"] },
  ],
};

export const REMINDER_SAMPLES: Record<Locale, ReminderLocaleSamples> = { "nl-NL": nl, "en-US": en };

const SAMPLE = /^(?:[\p{L}'.]+|\{[a-zA-Z]+\})(?: (?:[\p{L}'.]+|\{[a-zA-Z]+\}))*$/u;

/** The intents for one locale's model; throws naming this file when a sample breaks Alexa's rules. */
export function reminderIntents(locale: Locale): ModelIntent[] {
  const samples = REMINDER_SAMPLES[locale].intents;
  return Object.values(REMINDER_INTENTS).map((name) => {
    const slots = SLOTS[name];
    for (const sample of samples[name]) {
      if (!SAMPLE.test(sample)) throw new Error(`${FILE}: ${locale} ${name} sample "${sample}": use lower-case words and {slot} references, no digits.`);
      for (const [, slot] of sample.matchAll(/\{([a-zA-Z]+)\}/g)) {
        if (!slots.some((s) => s.name === slot)) throw new Error(`${FILE}: ${locale} ${name} sample "${sample}" uses {${slot}}, which ${name} does not have.`);
      }
    }
    const intent: ModelIntent = { name, samples: [...samples[name]] };
    if (slots.length > 0) intent.slots = slots;
    return intent;
  });
}

/** REMINDER_DAYS and PART_OF_DAY for one locale (EXERCISE comes from the scripts). */
export function reminderSlotTypes(locale: Locale): ModelSlotType[] {
  const { days, partsOfDay } = REMINDER_SAMPLES[locale];
  const type = (name: string, sources: SlotValueSource[]): ModelSlotType => ({
    name,
    values: sources.map((s) => ({ id: s.id, name: s.synonyms.length > 0 ? { value: s.value, synonyms: s.synonyms } : { value: s.value } })),
  });
  return [type("REMINDER_DAYS", days), type("PART_OF_DAY", partsOfDay)];
}
