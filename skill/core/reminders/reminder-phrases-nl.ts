import { listJoin } from "../phrases.js";
import type { ReminderPhrases } from "./reminder-phrases.js";
import { isEveryDay, isWeekend, isWorkWeek, parseClock, partOfDayOf, type Clock, type PartOfDay } from "./reminder-schedule.js";
import { WEEKDAYS, type ReminderSchedule } from "./reminder-types.js";

const HOURS = ["twaalf", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf"];
const DAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
const PART_SUFFIX: Record<PartOfDay, string> = { morning: "'s ochtends", afternoon: "'s middags", evening: "'s avonds", night: "'s nachts" };
const EVERY_PART: Record<PartOfDay, string> = { morning: "elke ochtend", afternoon: "elke middag", evening: "elke avond", night: "elke nacht" };

/** 21:30 → "half tien", 20:15 → "kwart over acht", 07:00 → "zeven uur", 21:17 → "9 uur 17". */
export function dutchClock({ hour, minute }: Clock): string {
  const h = (n: number) => HOURS[n % 12]!;
  const next = h(hour + 1);
  switch (minute) {
    case 0: return `${h(hour)} uur`;
    case 5: return `vijf over ${h(hour)}`;
    case 10: return `tien over ${h(hour)}`;
    case 15: return `kwart over ${h(hour)}`;
    case 20: return `tien voor half ${next}`;
    case 25: return `vijf voor half ${next}`;
    case 30: return `half ${next}`;
    case 35: return `vijf over half ${next}`;
    case 40: return `tien over half ${next}`;
    case 45: return `kwart voor ${next}`;
    case 50: return `tien voor ${next}`;
    case 55: return `vijf voor ${next}`;
    default: return `${hour % 12 === 0 ? 12 : hour % 12} uur ${minute}`;
  }
}

function when(schedule: ReminderSchedule): string {
  const clock = parseClock(schedule.time) ?? { hour: 0, minute: 0 };
  // "half tien" alone could be morning or evening: the part of the day says which.
  const part = partOfDayOf(clock.hour);
  const at = `om ${dutchClock(clock)}`;
  if (isEveryDay(schedule.days)) return `${EVERY_PART[part]} ${at}`;
  if (isWorkWeek(schedule.days)) return `elke werkdag ${at} ${PART_SUFFIX[part]}`;
  if (isWeekend(schedule.days)) return `elke zaterdag en zondag ${at} ${PART_SUFFIX[part]}`;
  const names = WEEKDAYS.map((d, i) => (schedule.days.includes(d) ? DAY_NAMES[i]! : "")).filter(Boolean);
  return `elke ${listJoin(names, "en")} ${at} ${PART_SUFFIX[part]}`;
}

export const reminderPhrasesNl: ReminderPhrases = {
  when,
  reminderText: (title) => (title ? `Tijd voor een rustmoment: ${title}. Zeg: Alexa, open Rustpunt.` : "Tijd voor een rustmoment. Zeg: Alexa, open Rustpunt."),
  created: (at, title) => `Goed. Ik herinner je ${at} aan ${title ? title : "een rustmoment"}.`,
  askTime: "Hoe laat wil je de herinnering? Zeg bijvoorbeeld: om half tien 's avonds.",
  askTimeReprompt: "Hoe laat wil je de herinnering?",
  askPermission: "Daarvoor heb ik je toestemming nodig.",
  permissionCard: "Ik mag nog geen herinneringen zetten. In de Alexa-app staat een kaart waarmee je dat kunt toestaan.",
  permissionCardTitle: "Rustpunt: herinneringen toestaan",
  permissionDenied: "Goed, dan zet ik geen herinnering. Op de luisterpagina van Rustpunt kun je bij 'Plan je rustmoment' ook een vast moment in je agenda zetten.",
  permissionNotAnswered: "Geen probleem. In de Alexa-app staat een kaart waarmee je herinneringen later kunt toestaan.",
  permissionThanks: "Dank je. Zeg bijvoorbeeld: herinner me elke avond om half tien.",
  tooMany: "Er staan al te veel herinneringen. Zeg 'stop mijn herinneringen' om die van Rustpunt weg te halen.",
  busy: "Het is even druk bij de herinneringen van Alexa. Probeer het zo nog eens.",
  unavailable: "De herinneringen zijn nu even niet bereikbaar. Probeer het later nog eens; de oefeningen werken gewoon.",
  unsupported: "Op dit apparaat kan ik helaas geen herinneringen zetten.",
  none: "Je hebt geen herinneringen van Rustpunt. Zeg bijvoorbeeld: herinner me elke avond om half tien.",
  list: (items) => `Je hebt ${items.length === 1 ? "één herinnering" : `${items.length} herinneringen`} van Rustpunt: ${listJoin(items, "en")}.`,
  changed: (at) => `Goed. Je herinnering is nu ${at}.`,
  askChange: "Naar hoe laat wil je je herinnering verzetten?",
  gone: "Die herinnering is er niet meer; misschien is hij in de Alexa-app verwijderd. Zeg 'herinner me' om een nieuwe te zetten.",
  deleted: (count) => (count === 1 ? "Goed, je herinnering van Rustpunt is gestopt." : "Goed, je herinneringen van Rustpunt zijn gestopt."),
  notHere:
    "Herinneringen zetten kan ik hier helaas niet. Op de luisterpagina van Rustpunt kun je bij 'Plan je rustmoment' een vast moment in je agenda zetten.",
  anythingElse: "Wat wil je doen?",
  lookBack: (week, month) => {
    if (month.days === 0) return "Ik heb de afgelopen dertig dagen nog geen oefening van je gehoord. Elk moment is een goed moment om te beginnen.";
    if (week.days === 0) return `Deze week nog niet. In de afgelopen dertig dagen heb je op ${days(month.days)} ontspannen.`;
    const exercises = week.exercises > week.days ? `, ${week.exercises} oefeningen in totaal` : "";
    return `In de afgelopen zeven dagen heb je op ${days(week.days)} ontspannen${exercises}. In de afgelopen dertig dagen op ${days(month.days)}. Fijn dat je tijd voor jezelf neemt.`;
  },
  lookBackOffer: "Wil je nu een oefening doen?",
};

function days(n: number): string {
  return n === 1 ? "één dag" : `${n} dagen`;
}
