// The shape of a locale's grammar: how people ask Rustpunt for things, written once and generated
// into both the Alexa interaction model (samples) and the Dialogflow agent (training phrases).
import type { Locale } from "../../audio-builder/model/script-schema.js";
import type { GrammarSlotType, IntentKey } from "./intents.js";

/** A slot value: `id` is what the skill receives when the platform resolves it. */
export interface SlotValueSource {
  id: string;
  value: string;
  synonyms: string[];
}

export interface LocaleGrammar {
  locale: Locale;
  invocationName: string;
  /**
   * Named pieces used as <name> in templates: carrier phrases, softeners, the exercise noun phrase
   * with its slots in every order. Kept small: every alternative multiplies the sample count.
   */
  fragments: Record<string, string[]>;
  /** Templates per intent (see expand-template.ts for the notation). */
  intents: Partial<Record<IntentKey, string[]>>;
  /**
   * Phrases only the Dialogflow agent gets: on Alexa they belong to a built-in intent that Google's
   * agent does not have ("volgende" is AMAZON.NextIntent on Alexa, "continue" on Google).
   */
  dialogflowOnly?: Partial<Record<IntentKey, string[]>>;
  /**
   * Values of the custom slot types that do not come from the scripts (EXERCISE does). The ids are
   * what the core parses (REMINDER_DAYS and PART_OF_DAY: skill/core/reminders/reminder-schedule.ts).
   */
  slotValues: Record<GrammarSlotType, SlotValueSource[]>;
  /** Example numbers Dialogflow's @sys.number is shown in training phrases, in words. */
  numberExamples: string[];
  /** Example times Dialogflow's @sys.time is shown in training phrases, as people say them. */
  timeExamples: string[];
  /** What Dialogflow says itself if the webhook cannot be reached. */
  webhookDown: string;
}
