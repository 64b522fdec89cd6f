// Alexa request → the core's TurnInput. Slots become plain words (or, when Alexa resolved them to
// one of our slot values, that value's id: the exercise id, "short"/"long", "sleep"/"wake"); the
// player's position comes from the request (AudioPlayer/PlaybackController) or its context.
import { getSupportedInterfaces, type HandlerInput } from "ask-sdk-core";
import type { IntentRequest, interfaces, Slot } from "ask-sdk-model";
import type { CoreIntent, PlaybackReport, TurnInput, TurnSlots } from "../core/conversation-types.js";
import { turnContext } from "./interceptors.js";

/** Player states in which the token and offset describe something that can still be resumed. */
const RESUMABLE_ACTIVITY = new Set<string>(["PLAYING", "PAUSED", "STOPPED", "BUFFER_UNDERRUN"]);

export function toTurnInput(input: HandlerInput, intent: CoreIntent): TurnInput {
  const envelope = input.requestEnvelope;
  const { locale, state } = turnContext(input);
  const audioPlayer = hasAudioPlayer(input);
  const turn: TurnInput = {
    locale,
    intent: adjustIntent(input, intent, audioPlayer),
    slots: envelope.request.type === "IntentRequest" ? slotsOf(envelope.request) : {},
    state,
    device: { audioPlayer },
  };
  const playback = playbackOf(input);
  if (playback) turn.playback = playback;
  return turn;
}

export function hasAudioPlayer(input: HandlerInput): boolean {
  const type = input.requestEnvelope.request.type;
  // Player events come only from devices that have a player.
  if (type.startsWith("AudioPlayer.") || type.startsWith("PlaybackController.")) return true;
  try {
    return getSupportedInterfaces(input.requestEnvelope)?.AudioPlayer !== undefined;
  } catch {
    return false;
  }
}

/**
 * Devices without a player hear the exercise chunk by chunk; in the middle of that conversation
 * "ga verder" / "continue" reaches us as AMAZON.ResumeIntent, but means the next chunk.
 */
function adjustIntent(input: HandlerInput, intent: CoreIntent, audioPlayer: boolean): CoreIntent {
  const session = input.requestEnvelope.session;
  if (intent === "Resume" && !audioPlayer && session && !session.new) return "Continue";
  return intent;
}

function slotsOf(request: IntentRequest): TurnSlots {
  const slots = request.intent.slots ?? {};
  const result: TurnSlots = {};
  const exercise = slotWords(slots.exercise);
  if (exercise !== undefined) result.exercise = exercise;
  const length = slotWords(slots.length);
  if (length !== undefined) result.length = length;
  const ending = slotWords(slots.ending);
  if (ending !== undefined) result.ending = ending;
  const minutes = slots.minutes?.value !== undefined ? Number(slots.minutes.value) : NaN;
  if (Number.isFinite(minutes) && minutes > 0) result.minutes = minutes;
  return result;
}

/** The resolved value's id when Alexa matched one of our values or synonyms, else what was heard. */
function slotWords(slot: Slot | undefined): string | undefined {
  if (!slot) return undefined;
  for (const authority of slot.resolutions?.resolutionsPerAuthority ?? []) {
    const id = authority.status?.code === "ER_SUCCESS_MATCH" ? authority.values?.[0]?.value?.id : undefined;
    if (id) return id;
  }
  const heard = slot.value?.trim();
  return heard ? heard : undefined;
}

function playbackOf(input: HandlerInput): PlaybackReport | undefined {
  const envelope = input.requestEnvelope;
  const request = envelope.request;
  if (request.type.startsWith("AudioPlayer.")) {
    if (request.type === "AudioPlayer.PlaybackFailed") {
      // A failed stream reports where it was in currentPlaybackState.
      const failed = request as interfaces.audioplayer.PlaybackFailedRequest;
      if (typeof failed.token !== "string") return undefined;
      const report: PlaybackReport = { token: failed.token, offsetMs: failed.currentPlaybackState?.offsetInMilliseconds ?? 0 };
      if (failed.error) report.error = `${failed.error.type ?? "UNKNOWN"}: ${failed.error.message ?? ""}`.trim();
      return report;
    }
    const event = request as interfaces.audioplayer.PlaybackStartedRequest;
    if (typeof event.token !== "string") return undefined;
    return { token: event.token, offsetMs: event.offsetInMilliseconds ?? 0 };
  }
  const player = envelope.context?.AudioPlayer;
  if (!player || typeof player.token !== "string" || player.token === "") return undefined;
  if (!RESUMABLE_ACTIVITY.has(String(player.playerActivity))) return undefined;
  return { token: player.token, offsetMs: player.offsetInMilliseconds ?? 0 };
}
