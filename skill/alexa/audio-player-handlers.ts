// The player's own requests: AudioPlayer events, PlaybackController buttons and
// System.ExceptionEncountered. They carry no session and may be answered with AudioPlayer
// directives only, never with speech.
import { getRequestType, type HandlerInput, type RequestHandler } from "ask-sdk-core";
import type { interfaces, Response } from "ask-sdk-model";
import type { CoreIntent } from "../core/conversation-types.js";
import type { HandlerDeps } from "./intent-handlers.js";
import { toAlexaResponse } from "./to-alexa-response.js";
import { toTurnRequest } from "./to-turn-request.js";

function isType(input: HandlerInput, type: string): boolean {
  return getRequestType(input.requestEnvelope) === type;
}

async function directivesOnly(deps: HandlerDeps, input: HandlerInput, intent: CoreIntent, allowDirectives = true): Promise<Response> {
  const plan = await deps.core.turn(toTurnRequest(input, intent));
  const quiet = allowDirectives ? plan : { ...plan, play: undefined, stopPlayback: undefined, clearQueue: undefined };
  return toAlexaResponse(input, quiet, { conversational: false, log: deps.log });
}

function playerHandler(deps: HandlerDeps, type: string, intent: CoreIntent, allowDirectives = true): RequestHandler {
  return {
    canHandle: (input) => isType(input, type),
    handle: (input) => directivesOnly(deps, input, intent, allowDirectives),
  };
}

export function createAudioPlayerHandlers(deps: HandlerDeps): RequestHandler[] {
  const PlaybackStartedHandler = playerHandler(deps, "AudioPlayer.PlaybackStarted", "PlaybackStarted");
  // Alexa accepts no directives in answer to PlaybackStopped.
  const PlaybackStoppedHandler = playerHandler(deps, "AudioPlayer.PlaybackStopped", "PlaybackStopped", false);
  const PlaybackFinishedHandler = playerHandler(deps, "AudioPlayer.PlaybackFinished", "PlaybackFinished");
  // One exercise per request: nothing is queued after it.
  const PlaybackNearlyFinishedHandler = playerHandler(deps, "AudioPlayer.PlaybackNearlyFinished", "PlaybackNearlyFinished");
  const PlaybackFailedHandler = playerHandler(deps, "AudioPlayer.PlaybackFailed", "PlaybackFailed");
  // Buttons and screen taps: the same as the spoken commands, without the words.
  const PlayCommandHandler = playerHandler(deps, "PlaybackController.PlayCommandIssued", "Resume");
  const PauseCommandHandler = playerHandler(deps, "PlaybackController.PauseCommandIssued", "Pause");
  const NextCommandHandler = playerHandler(deps, "PlaybackController.NextCommandIssued", "Next");
  const PreviousCommandHandler = playerHandler(deps, "PlaybackController.PreviousCommandIssued", "Previous");
  const ExceptionEncounteredHandler: RequestHandler = {
    canHandle: (input) => isType(input, "System.ExceptionEncountered"),
    handle: (input) => {
      // Alexa tells us our last answer was rejected; it accepts no answer to this request.
      const { error, cause } = input.requestEnvelope.request as interfaces.system.ExceptionEncounteredRequest;
      deps.log(`alexa: device rejected a response to ${cause?.requestId ? "an earlier request" : "a request"}: ${error?.type ?? "UNKNOWN"} ${(error?.message ?? "").slice(0, 200)}`);
      return input.responseBuilder.getResponse();
    },
  };

  return [
    PlaybackStartedHandler,
    PlaybackStoppedHandler,
    PlaybackFinishedHandler,
    PlaybackNearlyFinishedHandler,
    PlaybackFailedHandler,
    PlayCommandHandler,
    PauseCommandHandler,
    NextCommandHandler,
    PreviousCommandHandler,
    ExceptionEncounteredHandler,
  ];
}
