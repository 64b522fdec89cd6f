// Alexa request → the core's TurnRequest. Slots become plain words (or, when Alexa resolved them to
// one of our slot values, that value's id: the exercise id, "short"/"long", "sleep"/"wake"); the
// player's position comes from the request (AudioPlayer/PlaybackController) or its context; whose
// memory it is from System.user (player events carry no session).
import { getSupportedInterfaces, type HandlerInput } from "ask-sdk-core";
import type { IntentRequest, interfaces, Slot } from "ask-sdk-model";
import type { CoreIntent, PlaybackReport, TurnRequest, TurnSlots } from "../core/conversation-types.js";
import { timeZoneLookup } from "./device-time-zone.js";
import { resolveLocale } from "./interceptors.js";

/** Player states in which the token and offset describe something that can still be resumed. */
const RESUMABLE_ACTIVITY = new Set<string>(["PLAYING", "PAUSED", "STOPPED", "BUFFER_UNDERRUN"]);

export function toTurnRequest(input: HandlerInput, intent: CoreIntent): TurnRequest {
  const envelope = input.requestEnvelope;
  const turn: TurnRequest = {
    locale: resolveLocale(envelope.request.locale),
    intent,
    slots: envelope.request.type === "IntentRequest" ? slotsOf(envelope.request) : {},
    device: { audioPlayer: hasAudioPlayer(input) },
    // A launch, or a one-shot ("Alexa, vraag rustpunt om ...") that opens the session with an intent.
    newSession: envelope.session?.new === true,
  };
  const userKey = envelope.context?.System?.user?.userId ?? envelope.session?.user?.userId;
  if (userKey) turn.userKey = userKey;
  // Only conversations ask: a player event must answer fast and never speaks anyway.
  const lookupTimeZone = envelope.session ? timeZoneLookup(envelope) : undefined;
  if (lookupTimeZone) turn.lookupTimeZone = lookupTimeZone;
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
export function slotWords(slot: Slot | undefined): string | undefined {
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
