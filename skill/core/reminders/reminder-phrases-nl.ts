import { listJoin } from "../phrases.js";
import type { ReminderPhrases } from "./reminder-phrases.js";
import { isEveryDay, isWorkWeek, parseClock, partOfDayOf, type Clock, type PartOfDay } from "./reminder-schedule.js";
import { WEEKDAYS, type ReminderSchedule } from "./reminder-types.js";

const HOURS = ["twaalf", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf"];
/** Per five minutes; from "tien voor half" on, the words count towards the next hour. */
const MINUTES = ["", "vijf over ", "tien over ", "kwart over ", "tien voor half ", "vijf voor half ", "half ", "vijf over half ", "tien over half ", "kwart voor ", "tien voor ", "vijf voor "];
const DAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
/** "elke avond", "'s avonds". */
const PART_NOUN: Record<PartOfDay, string> = { morning: "ochtend", afternoon: "middag", evening: "avond", night: "nacht" };
const ASK_TIME = "Hoe laat wil je de herinnering?";
const EXAMPLE = "Zeg bijvoorbeeld: herinner me elke avond om half tien.";
const PAGE = "Op de luisterpagina van Rustpunt kun je bij 'Plan je rustmoment' een vast moment in je agenda zetten.";

/** 21:30 → "half tien", 20:15 → "kwart over acht", 07:00 → "zeven uur", 21:17 → "9 uur 17". */
export function dutchClock({ hour, minute }: Clock): string {
  if (minute % 5 !== 0) return `${hour % 12 || 12} uur ${minute}`;
  const step = minute / 5;
  return step === 0 ? `${HOURS[hour % 12]} uur` : `${MINUTES[step]}${HOURS[(hour + (step > 3 ? 1 : 0)) % 12]}`;
}

function when(schedule: ReminderSchedule): string {
  const clock = parseClock(schedule.time) ?? { hour: 0, minute: 0 };
  // "half tien" alone could be morning or evening: the part of the day says which.
  const noun = PART_NOUN[partOfDayOf(clock.hour)];
  const at = `om ${dutchClock(clock)}`;
  if (isEveryDay(schedule.days)) return `elke ${noun} ${at}`;
  const days = isWorkWeek(schedule.days) ? "werkdag" : listJoin(WEEKDAYS.flatMap((d, i) => (schedule.days.includes(d) ? [DAY_NAMES[i]!] : [])), "en");
  return `elke ${days} ${at} 's ${noun}s`;
}

export const reminderPhrasesNl: ReminderPhrases = {
  when,
  reminderText: (title) => `Tijd voor een rustmoment${title ? `: ${title}` : ""}. Zeg: Alexa, open Rustpunt.`,
  created: (at, title) => `Goed. Ik herinner je ${at} aan ${title ? title : "een rustmoment"}.`,
  askTime: `${ASK_TIME} Zeg bijvoorbeeld: om half tien 's avonds.`,
  askTimeReprompt: ASK_TIME,
  askPermission: "Daarvoor heb ik je toestemming nodig.",
  permissionCard: "Ik mag nog geen herinneringen zetten. In de Alexa-app staat een kaart waarmee je dat kunt toestaan.",
  permissionDenied: `Goed, dan zet ik geen herinnering. ${PAGE}`,
  permissionNotAnswered: "Geen probleem. In de Alexa-app staat een kaart waarmee je herinneringen later kunt toestaan.",
  permissionThanks: `Dank je. ${EXAMPLE}`,
  tooMany: "Er staan al te veel herinneringen. Zeg 'stop mijn herinneringen' om die van Rustpunt weg te halen.",
  busy: "Het is even druk bij de herinneringen van Alexa. Probeer het zo nog eens.",
  unavailable: "De herinneringen zijn nu even niet bereikbaar. Probeer het later nog eens; de oefeningen werken gewoon.",
  unsupported: "Op dit apparaat kan ik helaas geen herinneringen zetten.",
  none: `Je hebt geen herinneringen van Rustpunt. ${EXAMPLE}`,
  list: (items) => `Je hebt ${items.length === 1 ? "één herinnering" : `${items.length} herinneringen`} van Rustpunt: ${listJoin(items, "en")}.`,
  changed: (at) => `Goed. Je herinnering is nu ${at}.`,
  askChange: "Naar hoe laat wil je je herinnering verzetten?",
  gone: "Die herinnering is er niet meer. Zeg 'herinner me' voor een nieuwe.",
  deleted: (count) => (count === 1 ? "Goed, je herinnering van Rustpunt is gestopt." : "Goed, je herinneringen van Rustpunt zijn gestopt."),
  notHere: `Herinneringen zetten kan ik hier helaas niet. ${PAGE}`,
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
