// Every intent Rustpunt understands, with its name on each platform: the one place that says which
// Alexa intent is which Dialogflow intent (skill/google/dialogflow-app.ts maps the Dialogflow names
// to the core; a test checks that both agree). A new intent is one entry here plus its templates in
// the grammars; the generators need no new branch.

/** Slot types: our own (values from the scripts or the grammar) and Amazon's number and time. */
export type SlotTypeName = "EXERCISE" | "LENGTH" | "ENDING" | "REMINDER_DAYS" | "PART_OF_DAY" | "AMAZON.NUMBER" | "AMAZON.TIME";

/** Slot types whose values the grammars list (EXERCISE's come from the scripts, AMAZON.* are the platforms'). */
export const GRAMMAR_SLOT_TYPES = ["LENGTH", "ENDING", "REMINDER_DAYS", "PART_OF_DAY"] as const;
export type GrammarSlotType = (typeof GRAMMAR_SLOT_TYPES)[number];

export interface IntentDefinition {
  /** Alexa intent name; null when Alexa has no intent for it (its launch is a LaunchRequest). */
  alexa: string | null;
  /** Dialogflow intent display name; null when Google handles it itself (media controls). */
  dialogflow: string | null;
  /** Slot name → type, in the order the model declares them. */
  slots?: Readonly<Record<string, SlotTypeName>>;
}

const START_SLOTS = { exercise: "EXERCISE", length: "LENGTH", minutes: "AMAZON.NUMBER", ending: "ENDING" } as const;
/**
 * A reminder's time as the platform resolves it (AMAZON.TIME "21:30", or "EV" for just "evening"),
 * its days (REMINDER_DAYS ids daily, weekdays, weekend, MO..SU; two with "en" / "and"), a part of
 * the day and an exercise. The names are what skill/core/reminders/ reads.
 */
const SCHEDULE_SLOTS = { time: "AMAZON.TIME", days: "REMINDER_DAYS", moreDays: "REMINDER_DAYS", partOfDay: "PART_OF_DAY", exercise: "EXERCISE" } as const;

export const INTENTS = {
  StartExercise: { alexa: "StartExerciseIntent", dialogflow: "start_exercise", slots: START_SLOTS },
  ListExercises: { alexa: "ListExercisesIntent", dialogflow: "list_exercises" },
  Why: { alexa: "WhyIntent", dialogflow: "why" },
  Tip: { alexa: "TipIntent", dialogflow: "tip" },
  RestMoments: { alexa: "RestMomentsIntent", dialogflow: "rest_moments" },
  SeekHelp: { alexa: "SeekHelpIntent", dialogflow: "seek_help" },
  Continue: { alexa: "ContinueIntent", dialogflow: "continue" },
  // Issue 17: reminders (Google has no reminders API: the core answers honestly there) and the look back.
  CreateReminder: { alexa: "CreateReminderIntent", dialogflow: "create_reminder", slots: SCHEDULE_SLOTS },
  ListReminders: { alexa: "ListRemindersIntent", dialogflow: "list_reminders" },
  ChangeReminder: { alexa: "ChangeReminderIntent", dialogflow: "change_reminder", slots: SCHEDULE_SLOTS },
  DeleteReminders: { alexa: "DeleteRemindersIntent", dialogflow: "delete_reminders" },
  LookBack: { alexa: "LookBackIntent", dialogflow: "look_back" },
  // Answers to the core's short questions ("nog eentje?", "zal ik het opnieuw proberen?").
  Yes: { alexa: "AMAZON.YesIntent", dialogflow: "yes" },
  No: { alexa: "AMAZON.NoIntent", dialogflow: "no" },
  Help: { alexa: "AMAZON.HelpIntent", dialogflow: "help" },
  Stop: { alexa: "AMAZON.StopIntent", dialogflow: "stop" },
  Cancel: { alexa: "AMAZON.CancelIntent", dialogflow: "cancel" },
  Launch: { alexa: null, dialogflow: "Default Welcome Intent" },
  // Player controls: Alexa's built-ins; on Google the media player handles them, not the agent.
  Pause: { alexa: "AMAZON.PauseIntent", dialogflow: null },
  Resume: { alexa: "AMAZON.ResumeIntent", dialogflow: null },
  Next: { alexa: "AMAZON.NextIntent", dialogflow: null },
  Previous: { alexa: "AMAZON.PreviousIntent", dialogflow: null },
  Repeat: { alexa: "AMAZON.RepeatIntent", dialogflow: null },
  StartOver: { alexa: "AMAZON.StartOverIntent", dialogflow: null },
  LoopOn: { alexa: "AMAZON.LoopOnIntent", dialogflow: null },
  LoopOff: { alexa: "AMAZON.LoopOffIntent", dialogflow: null },
  ShuffleOn: { alexa: "AMAZON.ShuffleOnIntent", dialogflow: null },
  ShuffleOff: { alexa: "AMAZON.ShuffleOffIntent", dialogflow: null },
  NavigateHome: { alexa: "AMAZON.NavigateHomeIntent", dialogflow: null },
  Fallback: { alexa: "AMAZON.FallbackIntent", dialogflow: "Default Fallback Intent" },
} as const satisfies Record<string, IntentDefinition>;

export type IntentKey = keyof typeof INTENTS;

export const INTENT_KEYS = Object.keys(INTENTS) as IntentKey[];

export function intentByAlexaName(name: string): IntentKey | undefined {
  return INTENT_KEYS.find((key) => INTENTS[key].alexa === name);
}

export function intentByDialogflowName(name: string): IntentKey | undefined {
  return INTENT_KEYS.find((key) => INTENTS[key].dialogflow === name);
}

/** Dialogflow entity each slot type becomes. */
export const DIALOGFLOW_ENTITY: Readonly<Record<SlotTypeName, string>> = {
  EXERCISE: "@exercise",
  LENGTH: "@length",
  ENDING: "@ending",
  REMINDER_DAYS: "@reminder_days",
  PART_OF_DAY: "@part_of_day",
  "AMAZON.NUMBER": "@sys.number",
  "AMAZON.TIME": "@sys.time",
};

/** Amazon's own intents (AMAZON.*): they come with their own phrases; ours only extend them. */
export function isBuiltinAlexaIntent(name: string): boolean {
  return name.startsWith("AMAZON.");
}

/** The reminder and look-back intents by their Alexa names (skill/alexa/reminders/ matches on them). */
export const REMINDER_INTENTS = {
  create: INTENTS.CreateReminder.alexa,
  list: INTENTS.ListReminders.alexa,
  change: INTENTS.ChangeReminder.alexa,
  delete: INTENTS.DeleteReminders.alexa,
  lookBack: INTENTS.LookBack.alexa,
} as const;
