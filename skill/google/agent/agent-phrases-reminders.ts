// Issue 17: Dialogflow training phrases for reminders and the look back, per agent language.
// Google's Dialogflow ES webhook has no reminders service: the core answers these honestly and
// points to the listening page's calendar ("Plan je rustmoment"), so no parameters are needed.
import type { AgentLanguage } from "./generate-agent.js";

export const REMINDER_AGENT_INTENTS = {
  create_reminder: "CreateReminder",
  list_reminders: "ListReminders",
  change_reminder: "ChangeReminder",
  delete_reminders: "DeleteReminders",
  look_back: "LookBack",
} as const;

export const REMINDER_AGENT_PHRASES: Record<AgentLanguage, Record<keyof typeof REMINDER_AGENT_INTENTS, string[]>> = {
  nl: {
    create_reminder: [
      "herinner me elke avond om half tien aan een rustmoment",
      "herinner me elke ochtend om zeven uur",
      "zet een herinnering voor de ademhaling om acht uur",
      "zet een herinnering om 21:30",
      "herinner me elke werkdag om zeven uur 's avonds",
      "herinner me op maandag en donderdag aan de bodyscan",
      "plan een rustmoment",
      "maak een herinnering voor elke dag",
      "ik wil een herinnering",
      "herinner me aan een rustmoment",
    ],
    list_reminders: ["welke herinneringen heb ik", "wat zijn mijn herinneringen", "heb ik herinneringen", "hoe laat is mijn herinnering", "noem mijn herinneringen"],
    change_reminder: ["verander mijn herinnering naar negen uur", "verzet mijn herinnering naar half acht", "verander mijn herinnering", "zet mijn herinnering op tien uur"],
    delete_reminders: ["stop mijn herinneringen", "verwijder mijn herinnering", "ik wil geen herinneringen meer", "zet mijn herinneringen uit", "annuleer mijn herinneringen"],
    look_back: [
      "hoe vaak heb ik deze week ontspannen",
      "hoe vaak heb ik ontspannen",
      "hoeveel oefeningen heb ik deze week gedaan",
      "hoe vaak heb ik deze maand geoefend",
      "geef me een terugblik",
      "hoe was mijn week",
    ],
  },
  en: {
    create_reminder: [
      "remind me every weekday at 7 pm to relax",
      "remind me every evening at 9:30",
      "set a reminder for the breathing exercise at 8",
      "remind me every day to relax",
      "remind me on Monday and Thursday to do the body scan",
      "schedule a moment of rest",
      "create a reminder",
      "i want a reminder",
    ],
    list_reminders: ["what reminders do i have", "what are my reminders", "do i have reminders", "when will you remind me"],
    change_reminder: ["change my reminder to 9", "move my reminder to 8:30 pm", "change my reminder", "set my reminder to 10 pm", "change the time of my reminder"],
    delete_reminders: ["stop my reminders", "delete my reminder", "no more reminders", "cancel my reminders"],
    look_back: ["how often did i relax this week", "how often did i relax", "how many exercises did i do this week", "how often did i practice this month", "give me a look back"],
  },
};
