// One handler per intent, ASK SDK style. Each names the request it takes and the core intent it
// means; what to say or play is the core's decision (skill/core/respond.ts).
import { getIntentName, getRequestType, type HandlerInput, type RequestHandler } from "ask-sdk-core";
import type { Response, SessionEndedRequest } from "ask-sdk-model";
import type { CoreIntent } from "../core/conversation-types.js";
import type { Core } from "../core/turn-loop.js";
import { CUSTOM_INTENTS } from "./interaction-model/model-types.js";
import type { LogLine } from "./interceptors.js";
import { toAlexaResponse } from "./to-alexa-response.js";
import { toTurnRequest } from "./to-turn-request.js";

export interface HandlerDeps {
  core: Core;
  log: LogLine;
}

function isIntent(input: HandlerInput, ...names: string[]): boolean {
  const envelope = input.requestEnvelope;
  return getRequestType(envelope) === "IntentRequest" && names.includes(getIntentName(envelope));
}

async function answer(deps: HandlerDeps, input: HandlerInput, intent: CoreIntent): Promise<Response> {
  const plan = await deps.core.turn(toTurnRequest(input, intent));
  return toAlexaResponse(input, plan, { conversational: true, log: deps.log });
}

/** A handler for one Alexa intent (or a few that mean the same to the core). */
function intentHandler(deps: HandlerDeps, core: CoreIntent, ...alexaIntents: string[]): RequestHandler {
  return {
    canHandle: (input) => isIntent(input, ...alexaIntents),
    handle: (input) => answer(deps, input, core),
  };
}

export function createIntentHandlers(deps: HandlerDeps): RequestHandler[] {
  const LaunchHandler: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === "LaunchRequest",
    handle: (input) => answer(deps, input, "Launch"),
  };
  const StartExerciseHandler = intentHandler(deps, "StartExercise", CUSTOM_INTENTS.startExercise);
  const ListExercisesHandler = intentHandler(deps, "ListExercises", CUSTOM_INTENTS.listExercises);
  const WhyHandler = intentHandler(deps, "Why", CUSTOM_INTENTS.why);
  const TipHandler = intentHandler(deps, "Tip", CUSTOM_INTENTS.tip);
  const RestMomentsHandler = intentHandler(deps, "RestMoments", CUSTOM_INTENTS.restMoments);
  const SeekHelpHandler = intentHandler(deps, "SeekHelp", CUSTOM_INTENTS.seekHelp);
  const ContinueHandler = intentHandler(deps, "Continue", CUSTOM_INTENTS.continue);
  // "Nog eentje?" / "Another one?" is answered with yes or no.
  const YesHandler = intentHandler(deps, "Yes", "AMAZON.YesIntent");
  const NoHandler = intentHandler(deps, "No", "AMAZON.NoIntent");
  const HelpHandler = intentHandler(deps, "Help", "AMAZON.HelpIntent");
  // While a track plays, "Alexa, stop" arrives as Pause, Stop or Cancel depending on the device:
  // all three stop the player and keep the position, so "Alexa, resume" works after any of them.
  const PauseHandler = intentHandler(deps, "Pause", "AMAZON.PauseIntent");
  const StopHandler = intentHandler(deps, "Stop", "AMAZON.StopIntent", "AMAZON.NavigateHomeIntent");
  const CancelHandler = intentHandler(deps, "Cancel", "AMAZON.CancelIntent");
  const ResumeHandler = intentHandler(deps, "Resume", "AMAZON.ResumeIntent");
  const NextHandler = intentHandler(deps, "Next", "AMAZON.NextIntent");
  const PreviousHandler = intentHandler(deps, "Previous", "AMAZON.PreviousIntent");
  const StartOverHandler = intentHandler(deps, "StartOver", "AMAZON.StartOverIntent");
  const RepeatHandler = intentHandler(deps, "Repeat", "AMAZON.RepeatIntent");
  const LoopOnHandler = intentHandler(deps, "LoopOn", "AMAZON.LoopOnIntent");
  const LoopOffHandler = intentHandler(deps, "LoopOff", "AMAZON.LoopOffIntent");
  const ShuffleOnHandler = intentHandler(deps, "ShuffleOn", "AMAZON.ShuffleOnIntent");
  const ShuffleOffHandler = intentHandler(deps, "ShuffleOff", "AMAZON.ShuffleOffIntent");
  const FallbackHandler = intentHandler(deps, "Fallback", "AMAZON.FallbackIntent");
  // An intent the model has but no handler takes (e.g. after a model update): the fallback answer.
  const UnknownIntentHandler: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === "IntentRequest",
    handle: (input) => answer(deps, input, "Fallback"),
  };
  const SessionEndedHandler: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === "SessionEndedRequest",
    handle: async (input) => {
      const request = input.requestEnvelope.request as SessionEndedRequest;
      if (request.reason === "ERROR") deps.log(`alexa: session ended with ${request.error?.type ?? "an error"}`);
      // Alexa ignores any answer to SessionEndedRequest: run the core for its bookkeeping only.
      const plan = await deps.core.turn(toTurnRequest(input, "SessionEnded"));
      return toAlexaResponse(input, { ...plan, speech: undefined, reprompt: undefined, card: undefined }, { conversational: false, log: deps.log });
    },
  };

  return [
    LaunchHandler,
    StartExerciseHandler,
    ListExercisesHandler,
    WhyHandler,
    TipHandler,
    RestMomentsHandler,
    SeekHelpHandler,
    ContinueHandler,
    YesHandler,
    NoHandler,
    HelpHandler,
    PauseHandler,
    StopHandler,
    CancelHandler,
    ResumeHandler,
    NextHandler,
    PreviousHandler,
    StartOverHandler,
    RepeatHandler,
    LoopOnHandler,
    LoopOffHandler,
    ShuffleOnHandler,
    ShuffleOffHandler,
    FallbackHandler,
    SessionEndedHandler,
    UnknownIntentHandler,
  ];
}
