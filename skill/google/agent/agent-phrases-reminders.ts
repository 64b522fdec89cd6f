// Issue 17: the Dialogflow reminder and look-back intents → the core's intents, for
// skill/google/dialogflow-app.ts. Their training phrases come from the grammars (skill/grammar/),
// like every other intent's. Google's Dialogflow ES webhook has no reminders service: the core
// answers these honestly and points to the listening page's calendar ("Plan je rustmoment").
import { INTENTS } from "../../grammar/intents.js";

export const REMINDER_AGENT_INTENTS = {
  [INTENTS.CreateReminder.dialogflow]: "CreateReminder",
  [INTENTS.ListReminders.dialogflow]: "ListReminders",
  [INTENTS.ChangeReminder.dialogflow]: "ChangeReminder",
  [INTENTS.DeleteReminders.dialogflow]: "DeleteReminders",
  [INTENTS.LookBack.dialogflow]: "LookBack",
} as const;
