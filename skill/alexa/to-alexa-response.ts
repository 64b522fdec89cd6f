// The core's ResponsePlan → an ask-sdk-core Response. Requests without a session (AudioPlayer,
// PlaybackController) may carry directives only: no speech, card, reprompt or session flag.
import type { HandlerInput } from "ask-sdk-core";
import type { interfaces, Response } from "ask-sdk-model";
import type { PlayInstruction, ResponsePlan } from "../core/conversation-types.js";

export interface ResponseOptions {
  /** False for AudioPlayer and PlaybackController requests. */
  conversational: boolean;
  log?: (line: string) => void;
}

export function toAlexaResponse(input: HandlerInput, plan: ResponsePlan, options: ResponseOptions): Response {
  if (plan.log) options.log?.(`alexa: ${plan.log}`);
  const builder = input.responseBuilder;

  if (options.conversational) {
    if (plan.speech) builder.speak(plan.speech);
    if (plan.reprompt && !plan.endSession) builder.reprompt(plan.reprompt);
    if (plan.card) builder.withSimpleCard(plan.card.title, plan.card.text);
  }
  if (plan.clearQueue) builder.addAudioPlayerClearQueueDirective("CLEAR_ALL");
  if (plan.stopPlayback && !plan.play) builder.addAudioPlayerStopDirective();
  if (plan.play) {
    const play = plan.play;
    builder.addAudioPlayerPlayDirective("REPLACE_ALL", play.urls.alexa, play.token, play.offsetMs, undefined, metadata(play));
  }
  // Sessionless requests must not set the flag; with a Play directive the session must end so the
  // device plays instead of listening.
  if (options.conversational) builder.withShouldEndSession(plan.endSession || plan.play !== undefined);
  return builder.getResponse();
}

function metadata(play: PlayInstruction): interfaces.audioplayer.AudioItemMetadata {
  const meta: interfaces.audioplayer.AudioItemMetadata = { title: play.title, subtitle: play.subtitle };
  if (play.artUrl) meta.art = { contentDescription: play.title, sources: [{ url: play.artUrl }] };
  return meta;
}
