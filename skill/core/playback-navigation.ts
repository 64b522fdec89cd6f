// Playback: pause/stop/cancel, resume, next, previous, start over, repeat, and the player's own
// events. With an audio player these move the track; without one (chunk state, or a position
// remembered from a device that had a player) they take the speech path, never a player directive.
import type { ResponsePlan } from "./conversation-types.js";
import { chapterStartAt, clampOffset, nextChapterStart, previousChapterStart, resumePointAt } from "./playback.js";
import { formatToken } from "./playback-token.js";
import { chunkAtOffset, offsetOfChunk, speakChunk } from "./speech-chunks.js";
import { escapeSpeech } from "./ssml-text.js";
import type { Position, Turn } from "./turn.js";

const MAX_ERROR_LOG = 300;

/**
 * Pause, Stop and Cancel all stop the player and keep the position, so Resume works after any.
 * At night (during or after a sleep-ending track) they end silently: no goodbye to wake up to.
 */
export function stop(turn: Turn): ResponsePlan {
  const { state, input, p } = turn;
  const live = turn.livePosition();
  if (live) {
    turn.remember(live.track);
    state.offsetMs = live.offsetMs;
    turn.relaxed(live.track, live.offsetMs);
  }
  // On the speech path the words may have been cut off: going on repeats that chapter.
  if (state.chunk && !live) state.chunk.interrupted = true;
  delete state.info;
  const plan: ResponsePlan = { endSession: true, state };
  if (turn.audioPlayer) plan.stopPlayback = true;
  if (input.intent !== "Pause" && !turn.night) plan.speech = escapeSpeech(p.goodbye);
  return plan;
}

export function resume(turn: Turn): ResponsePlan {
  const chunk = turn.chunkTrack();
  if (!turn.audioPlayer) {
    if (chunk) return speakChunk(turn, chunk, nextUnheard(turn));
    const at = resumePosition(turn);
    return at ? speakChunk(turn, at.track, chunkAtOffset(at.track, at.offsetMs)) : nothingToResume(turn);
  }
  // A device with a player takes over an exercise that was being spoken elsewhere at its chapter.
  if (chunk && !turn.livePosition()) return turn.playFrom(chunk, offsetOfChunk(chunk, turn.state.chunk!.index));
  const at = resumePosition(turn);
  return at ? turn.playFrom(at.track, resumePointAt(at.track, at.offsetMs)) : nothingToResume(turn);
}

/** The next chunk of the speech path; with none in progress, what "resume" would do. */
export function continueChunks(turn: Turn): ResponsePlan {
  const track = turn.chunkTrack();
  return track ? speakChunk(turn, track, nextUnheard(turn)) : resume(turn);
}

/** The chunk after the one spoken last, or that one again when "stop" cut it off. */
function nextUnheard(turn: Turn): number {
  const chunk = turn.state.chunk!;
  return chunk.interrupted ? chunk.index : chunk.index + 1;
}

export function next(turn: Turn): ResponsePlan {
  const spoken = speechPosition(turn);
  if (spoken) return speakChunk(turn, spoken.track, spoken.index + 1);
  const at = currentPosition(turn);
  if (!at || !turn.audioPlayer) return notAvailable(turn, turn.p.nothingPlaying);
  const start = nextChapterStart(at.track, at.offsetMs);
  return start === undefined ? notAvailable(turn, turn.p.lastChapter) : turn.playFrom(at.track, start);
}

export function previous(turn: Turn): ResponsePlan {
  const spoken = speechPosition(turn);
  if (spoken) {
    return spoken.index === 0 ? turn.ask(turn.p.firstChapter, turn.p.continueReprompt, "continue") : speakChunk(turn, spoken.track, spoken.index - 1);
  }
  const at = currentPosition(turn);
  if (!at || !turn.audioPlayer) return notAvailable(turn, turn.p.nothingPlaying);
  const start = previousChapterStart(at.track, at.offsetMs);
  return start === undefined ? notAvailable(turn, turn.p.firstChapter) : turn.playFrom(at.track, start);
}

export function startOver(turn: Turn): ResponsePlan {
  const spoken = speechPosition(turn);
  if (spoken) return speakChunk(turn, spoken.track, 0);
  const at = currentPosition(turn);
  return at && turn.audioPlayer ? turn.playFrom(at.track, 0) : notAvailable(turn, turn.p.nothingPlaying);
}

export function repeat(turn: Turn): ResponsePlan {
  const spoken = speechPosition(turn);
  if (spoken) return speakChunk(turn, spoken.track, spoken.index);
  const at = currentPosition(turn);
  return at && turn.audioPlayer ? turn.playFrom(at.track, chapterStartAt(at.track, at.offsetMs)) : notAvailable(turn, turn.p.nothingPlaying);
}

export function loopOrShuffle(turn: Turn): ResponsePlan {
  return notAvailable(turn, turn.p.loopShuffle);
}

// ── player events (Alexa's AudioPlayer requests, Google's media status) ────────────────────────

export function playbackProgress(turn: Turn): ResponsePlan {
  const at = eventPosition(turn);
  if (!at) return turn.silent("ignored a playback event with a token that is not ours");
  turn.remember(at.track);
  turn.state.offsetMs = at.offsetMs;
  delete turn.state.retryOffer;
  turn.relaxed(at.track, at.offsetMs);
  return turn.silent();
}

/** Alexa may not speak here (the adapter drops it); Google says goodbye in the same words. */
export function playbackFinished(turn: Turn): ResponsePlan {
  const at = eventPosition(turn);
  if (!at) return turn.silent("ignored a playback event with a token that is not ours");
  const { state } = turn;
  turn.remember(at.track);
  delete state.offsetMs;
  delete state.retryOffer;
  state.completions = (state.completions ?? 0) + 1;
  state.lastCompletedTrackId = at.track.id;
  turn.relaxed(at.track, at.track.durationMs);
  return turn.close(turn.p.chunkEnd(at.track.ending === "sleep"));
}

/**
 * An honest answer: the track did not play, and "ga verder" tries again from where it was. Alexa
 * cannot speak in answer to PlaybackFailed, so the offer also waits in the state for the next
 * conversation (conversation.ts: launch).
 */
export function playbackFailed(turn: Turn): ResponsePlan {
  const { state, p } = turn;
  const error = (turn.input.playback?.error ?? "unknown error").slice(0, MAX_ERROR_LOG);
  const at = eventPosition(turn);
  state.lastPlaybackError = error;
  const log = `playback failed for ${at ? formatToken({ locale: at.track.locale, trackId: at.track.id }) : "an unknown token"}: ${error}`;
  if (!at) return { ...turn.close(p.playbackFailed(p.theExercise)), log };
  turn.remember(at.track);
  state.offsetMs = at.offsetMs;
  state.retryOffer = true;
  const title = turn.index.exerciseTitle(at.track);
  return { ...turn.ask(p.playbackFailed(title), p.retryReprompt), log };
}

// ── positions ─────────────────────────────────────────────────────────────────────────────────

/** A player event's track: the reported token, or (Google names none) the track started last. */
function eventPosition(turn: Turn): Position | undefined {
  if (turn.input.playback?.token) return turn.livePosition();
  const track = turn.storedTrack();
  return track ? { track, offsetMs: clampOffset(track, turn.state.offsetMs ?? 0) } : undefined;
}

/** On the speech path: the chunk in progress, or the chunk of the remembered position. */
function speechPosition(turn: Turn): { track: NonNullable<ReturnType<Turn["chunkTrack"]>>; index: number } | undefined {
  if (turn.audioPlayer && turn.livePosition()) return undefined;
  const chunk = turn.chunkTrack();
  if (chunk) return { track: chunk, index: turn.state.chunk!.index };
  if (turn.audioPlayer) return undefined;
  const stored = turn.storedTrack();
  return stored && turn.state.offsetMs !== undefined ? { track: stored, index: chunkAtOffset(stored, turn.state.offsetMs) } : undefined;
}

/** For Next/Previous/Repeat/StartOver: the live player first, else what was last played. */
function currentPosition(turn: Turn): Position | undefined {
  const live = turn.livePosition();
  if (live) return live;
  const track = turn.storedTrack();
  return track ? { track, offsetMs: clampOffset(track, turn.state.offsetMs ?? 0) } : undefined;
}

/** For Resume: a stored or live position, unless that track has since been played to its end. */
function resumePosition(turn: Turn): Position | undefined {
  const stored = turn.storedTrack();
  const live = turn.livePosition();
  const { state } = turn;
  if (live) {
    const finished = stored?.id === live.track.id && stored.locale === live.track.locale && state.offsetMs === undefined;
    return finished ? undefined : live;
  }
  if (stored && state.offsetMs !== undefined) return { track: stored, offsetMs: clampOffset(stored, state.offsetMs) };
  return undefined;
}

function nothingToResume(turn: Turn): ResponsePlan {
  return turn.ask(`${turn.p.nothingToResume} ${turn.p.listExercises(turn.titles())}`, turn.p.whichExercise, "choice");
}

/** While audio plays, a short answer and the audio carries on; in a conversation, keep listening. */
function notAvailable(turn: Turn, text: string): ResponsePlan {
  if (turn.input.playback) return turn.close(text);
  return turn.ask(`${text} ${turn.p.anythingElse}`, turn.p.anythingElse);
}
