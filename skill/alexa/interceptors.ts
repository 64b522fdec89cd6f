// Around every request: one log line saying what kind of request came in, never who sent it
// (envelopes carry user IDs, device IDs and API tokens), and the language. State is the core's
// business (skill/core/turn-loop.ts), not an interceptor's.
import { getRequestType, type HandlerInput, type RequestInterceptor } from "ask-sdk-core";
import type { IntentRequest, RequestEnvelope } from "ask-sdk-model";
import type { Locale } from "../core/conversation-types.js";

/** Name-free routing asks before a skill is chosen (answered by can-fulfill-handler.ts). */
export const CAN_FULFILL_REQUEST = "CanFulfillIntentRequest";

export type LogLine = (line: string) => void;

/** nl-NL first; any English → en-US; any other language → Dutch, the product's first language. */
export function resolveLocale(raw: string | undefined): Locale {
  if (raw === undefined) return "nl-NL";
  if (/^en(-|_|$)/i.test(raw)) return "en-US";
  return "nl-NL";
}

/** One line per request: type, intent and locale only. */
export function describeRequest(envelope: RequestEnvelope): string {
  const type = getRequestType(envelope);
  const intent = type === "IntentRequest" || type === CAN_FULFILL_REQUEST ? ` ${(envelope.request as IntentRequest).intent?.name ?? "-"}` : "";
  return `alexa: ${type}${intent} ${envelope.request.locale ?? "-"}`;
}

export function logRequestInterceptor(log: LogLine): RequestInterceptor {
  return {
    process(input: HandlerInput): void {
      log(describeRequest(input.requestEnvelope));
    },
  };
}

export function errorSummary(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
