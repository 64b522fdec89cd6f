// Alexa handlers for issue 17: reminders (create, list, change, stop), the answer to the
// voice-permission question (Connections.Response to AskFor) and the look back. Each turns the
// request into the core's terms and hands the core a way to run a reminders operation (the core
// decides, runs it and settles the answer within its turn), then renders the plan, with the AskFor
// directive or the permissions card when the core asks for permission.
import { getIntentName, getRequestType, type HandlerInput, type RequestHandler } from "ask-sdk-core";
import type { interfaces, IntentRequest, Response } from "ask-sdk-model";
import type { CoreIntent, TurnSlots } from "../../core/conversation-types.js";
import type { HandlerDeps } from "../intent-handlers.js";
import { REMINDER_INTENTS } from "../../grammar/intents.js";
import { toAlexaResponse } from "../to-alexa-response.js";
import { slotWords, toTurnRequest } from "../to-turn-request.js";
import { DEFAULT_SERVICE_OPTIONS, runReminderOperation, REMINDERS_SCOPE, remindersGranted, type ReminderServiceOptions } from "./reminders-service.js";

export interface ReminderHandlerOptions {
  /** Tests shorten the back-off and the deadlines. */
  service?: Partial<Omit<ReminderServiceOptions, "log">>;
}

const CORE_INTENT: Record<string, CoreIntent> = {
  [REMINDER_INTENTS.create]: "CreateReminder",
  [REMINDER_INTENTS.list]: "ListReminders",
  [REMINDER_INTENTS.change]: "ChangeReminder",
  [REMINDER_INTENTS.delete]: "DeleteReminders",
  [REMINDER_INTENTS.lookBack]: "LookBack",
};

/** Voice consent for reminders (Alexa "AskFor", payload version 2). */
export function askForRemindersDirective(): interfaces.connections.SendRequestDirective {
  return {
    type: "Connections.SendRequest",
    name: "AskFor",
    payload: {
      "@type": "AskForPermissionsConsentRequest",
      "@version": "2",
      permissionScopes: [{ permissionScope: REMINDERS_SCOPE, consentLevel: "ACCOUNT" }],
    },
    token: "",
  };
}

export function createReminderHandlers(deps: HandlerDeps, options: ReminderHandlerOptions = {}): RequestHandler[] {
  const run = (input: HandlerInput, intent: CoreIntent, slots: TurnSlots): Promise<Response> => answer(deps, options, input, intent, slots);

  const ReminderIntentHandler: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === "IntentRequest" && getIntentName(input.requestEnvelope) in CORE_INTENT,
    handle: (input) => {
      const request = input.requestEnvelope.request as IntentRequest;
      return run(input, CORE_INTENT[request.intent.name]!, reminderSlots(request));
    },
  };
  const ConsentResponseHandler: RequestHandler = {
    canHandle: (input) => {
      const request = input.requestEnvelope.request as { type: string; name?: string };
      return request.type === "Connections.Response" && request.name === "AskFor";
    },
    handle: (input) => run(input, "ReminderConsent", { consent: consentOf(input.requestEnvelope.request) }),
  };
  return [ReminderIntentHandler, ConsentResponseHandler];
}

async function answer(deps: HandlerDeps, options: ReminderHandlerOptions, input: HandlerInput, intent: CoreIntent, slots: TurnSlots): Promise<Response> {
  const request = toTurnRequest(input, intent);
  const locale = request.locale;
  const plan = await deps.core.turn({
    ...request,
    slots,
    device: { ...request.device, reminders: remindersGranted(input) ? "granted" : "notGranted" },
    runReminders: (operation) =>
      runReminderOperation(input, operation, locale, { ...DEFAULT_SERVICE_OPTIONS, now: () => new Date(), ...options.service, log: deps.log }),
  });
  if (plan.askPermission === "voice") input.responseBuilder.addDirective(askForRemindersDirective());
  if (plan.askPermission === "card") input.responseBuilder.withAskForPermissionsConsentCard([REMINDERS_SCOPE]);
  return toAlexaResponse(input, plan, { conversational: true, log: deps.log });
}

/** Slot values as the core reads them: resolved ids where Alexa matched one of ours, else words. */
export function reminderSlots(request: IntentRequest): TurnSlots {
  const slots = request.intent.slots ?? {};
  const [time, days, moreDays, partOfDay, exercise] = ["time", "days", "moreDays", "partOfDay", "exercise"].map((name) => slotWords(slots[name]));
  const out: TurnSlots = {};
  if (time) out.time = time;
  if (days || moreDays) out.days = [days, moreDays].filter((d): d is string => d !== undefined);
  if (partOfDay) out.partOfDay = partOfDay;
  if (exercise) out.exercise = exercise;
  return out;
}

/**
 * The AskFor answer: payload.status (version 1) or the reminders scope's entry in
 * payload.permissions (version 2). A failed connection (status code other than 200) counts as
 * not answered.
 */
export function consentOf(request: unknown): string {
  const r = request as { status?: { code?: string }; payload?: { status?: string; permissions?: { scope?: string; permissionScope?: string; status?: string }[] } };
  if (r.status?.code !== undefined && r.status.code !== "200") return "NOT_ANSWERED";
  const entry = r.payload?.permissions?.find((p) => (p.scope ?? p.permissionScope) === REMINDERS_SCOPE);
  const status = entry?.status ?? r.payload?.status;
  return status === "ACCEPTED" || status === "DENIED" ? status : "NOT_ANSWERED";
}
