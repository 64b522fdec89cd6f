// Every intent Rustpunt understands, with its name on each platform: the one place that says which
// Alexa intent is which Dialogflow intent (skill/google/dialogflow-app.ts maps the Dialogflow names
// to the core; a test checks that both agree). A new intent is one entry here plus its templates in
// the grammars; the generators need no new branch.

/** Slot types: our own (values from the scripts or the grammar) and Amazon's number. */
export type SlotTypeName = "EXERCISE" | "LENGTH" | "ENDING" | "AMAZON.NUMBER";

export interface IntentDefinition {
  /** Alexa intent name; null when Alexa has no intent for it (its launch is a LaunchRequest). */
  alexa: string | null;
  /** Dialogflow intent display name; null when Google handles it itself (media controls). */
  dialogflow: string | null;
  /** Slot name → type, in the order the model declares them. */
  slots?: Readonly<Record<string, SlotTypeName>>;
}

const START_SLOTS = { exercise: "EXERCISE", length: "LENGTH", minutes: "AMAZON.NUMBER", ending: "ENDING" } as const;

export const INTENTS = {
  StartExercise: { alexa: "StartExerciseIntent", dialogflow: "start_exercise", slots: START_SLOTS },
  ListExercises: { alexa: "ListExercisesIntent", dialogflow: "list_exercises" },
  Why: { alexa: "WhyIntent", dialogflow: "why" },
  Tip: { alexa: "TipIntent", dialogflow: "tip" },
  RestMoments: { alexa: "RestMomentsIntent", dialogflow: "rest_moments" },
  SeekHelp: { alexa: "SeekHelpIntent", dialogflow: "seek_help" },
  Continue: { alexa: "ContinueIntent", dialogflow: "continue" },
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
  "AMAZON.NUMBER": "@sys.number",
};

/** Amazon's own intents (AMAZON.*): they come with their own phrases; ours only extend them. */
export function isBuiltinAlexaIntent(name: string): boolean {
  return name.startsWith("AMAZON.");
}
