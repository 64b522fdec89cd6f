// What the skill says about reminders and about the look back, per locale. Plain text (the core
// escapes it); short, kind, and always the user's own local time in words, never UTC.
import type { Locale } from "../../../audio-builder/model/script-schema.js";
import { reminderPhrasesEn } from "./reminder-phrases-en.js";
import { reminderPhrasesNl } from "./reminder-phrases-nl.js";
import type { ReminderSchedule } from "./reminder-types.js";

export interface ReminderPhrases {
  /** "elke avond om half tien" / "every day at 9:30 PM". */
  when(schedule: ReminderSchedule): string;
  /** What Alexa says when the reminder goes off: short, and how to start. */
  reminderText(exerciseTitle: string | undefined): string;
  created(when: string, exerciseTitle: string | undefined): string;
  askTime: string;
  askTimeReprompt: string;
  /** Said just before Alexa's own consent question. */
  askPermission: string;
  permissionCard: string;
  permissionDenied: string;
  permissionNotAnswered: string;
  permissionThanks: string;
  tooMany: string;
  busy: string;
  unavailable: string;
  unsupported: string;
  none: string;
  list(descriptions: string[]): string;
  changed(when: string): string;
  askChange: string;
  gone: string;
  deleted(count: number): string;
  /** Platforms without a reminders service (Google): say so, and point to the page's calendar. */
  notHere: string;
  anythingElse: string;
  lookBack(week: { days: number; exercises: number }, month: { days: number }): string;
  lookBackOffer: string;
}

export function reminderPhrasesFor(locale: Locale): ReminderPhrases {
  return locale === "en-US" ? reminderPhrasesEn : reminderPhrasesNl;
}
