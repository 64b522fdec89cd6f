// The last resort: something threw. The person hears a short, kind sentence in their language and
// can try again; player and system requests, which may not speak, get an empty answer. The log
// gets the error and the kind of request, not the request.
import { getRequestType, type ErrorHandler } from "ask-sdk-core";
import type { Locale } from "../core/conversation-types.js";
import { CAN_FULFILL_REQUEST, describeRequest, errorSummary, resolveLocale, type LogLine } from "./interceptors.js";

export const ERROR_SPEECH: Record<Locale, { speech: string; reprompt: string }> = {
  "nl-NL": {
    speech: "Sorry, daar ging iets mis aan mijn kant. Probeer het nog een keer, of zeg 'stop'.",
    reprompt: "Wat wil je doen?",
  },
  "en-US": {
    speech: "Sorry, something went wrong on my side. Please try again, or say 'stop'.",
    reprompt: "What would you like to do?",
  },
};

/** Request types that open or continue a conversation, and so may be answered with speech. */
const CONVERSATIONAL = new Set(["LaunchRequest", "IntentRequest"]);

export function createErrorHandler(log: LogLine): ErrorHandler {
  return {
    canHandle: () => true,
    handle(input, error) {
      const envelope = input.requestEnvelope;
      log(`alexa: error in ${describeRequest(envelope).replace(/^alexa: /, "")}: ${errorSummary(error)}`);
      // Name-free routing: when in doubt, not ours.
      if (getRequestType(envelope) === CAN_FULFILL_REQUEST) return input.responseBuilder.withCanFulfillIntent({ canFulfill: "NO" }).getResponse();
      if (!CONVERSATIONAL.has(getRequestType(envelope))) return input.responseBuilder.getResponse();
      const sorry = ERROR_SPEECH[resolveLocale(envelope.request.locale)];
      return input.responseBuilder.speak(sorry.speech).reprompt(sorry.reprompt).withShouldEndSession(false).getResponse();
    },
  };
}
