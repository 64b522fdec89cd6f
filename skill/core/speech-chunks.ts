// The speech path, for devices without an audio player (Alexa devices without AudioPlayer, Google
// surfaces without media): the exercise spoken one chapter per response from the catalog's SSML
// documents. "Verder" / "continue" speaks the next; "stop" keeps the place, so "ga verder" the
// next day speaks that chapter again. A position in the track (from a device with a player) and a
// chunk map onto each other by chapter.
import type { SkillCatalogTrack as CatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { ResponsePlan } from "./conversation-types.js";
import { chapterIndexAt } from "./playback.js";
import { escapeSpeech, joinSpeech, speakBody } from "./ssml-text.js";
import type { Turn } from "./turn.js";

/** Alexa: output speech at most 8,000 characters, <speak> tags included. */
export const MAX_SPEECH_CHARS = 8000;
const SPEAK_TAGS = "<speak></speak>".length;

/** Speaks chunk `index` of the track (after an intro, if any); the last one ends the session kindly. */
export function speakChunk(turn: Turn, track: CatalogTrack, index: number, intro?: string): ResponsePlan {
  const { state, p } = turn;
  const chunks = track.ssml.alexa;
  if (chunks.length === 0) {
    delete state.chunk;
    return turn.ask(`${p.notOnThisDevice} ${p.listExercises(turn.titles())}`);
  }
  const at = Math.min(Math.max(index, 0), chunks.length - 1);
  const body = speakBody(chunks[at]!);
  turn.remember(track);
  delete state.offsetMs;
  delete state.info;
  delete state.retryOffer;
  if (at === chunks.length - 1) {
    delete state.chunk;
    state.completions = (state.completions ?? 0) + 1;
    state.lastCompletedTrackId = track.id;
    turn.relaxed(track, track.durationMs);
    const closing = escapeSpeech(p.chunkEnd(track.ending === "sleep"));
    return { speech: fitSpeech(body, intro, closing), endSession: true, state };
  }
  state.chunk = { locale: track.locale, trackId: track.id, index: at };
  return {
    speech: fitSpeech(body, intro, escapeSpeech(p.sayContinue)),
    reprompt: escapeSpeech(p.continueReprompt),
    endSession: false,
    state,
    awaiting: "continue",
  };
}

/** The chunk that speaks the chapter holding this offset (the first of them, if it takes several). */
export function chunkAtOffset(track: CatalogTrack, offsetMs: number): number {
  const chapter = chapterIndexAt(track, offsetMs);
  const chapters = track.ssml.alexaChapters;
  if (!chapters || chapters.length !== track.ssml.alexa.length) return 0;
  const found = chapters.findIndex((c) => c >= chapter);
  return found === -1 ? chapters.length - 1 : found;
}

/** Where the chapter a chunk speaks starts in the track, for a device with a player taking over. */
export function offsetOfChunk(track: CatalogTrack, index: number): number {
  const chapter = track.ssml.alexaChapters?.[index];
  const sorted = [...track.chapters].sort((a, b) => a.startMs - b.startMs);
  return chapter === undefined ? 0 : (sorted[chapter]?.startMs ?? 0);
}

/**
 * The build keeps every chunk within Alexa's 8,000 characters; our own sentences around a chunk
 * must not push it over. The intro goes first (the exercise greets the listener itself), then the
 * closing line (the reprompt still says how to continue).
 */
export function fitSpeech(body: string, intro: string | undefined, closing: string): string {
  for (const parts of [[intro, body, closing], [body, closing], [body]]) {
    const speech = joinSpeech(...parts);
    if (speech.length + SPEAK_TAGS <= MAX_SPEECH_CHARS) return speech;
  }
  return body;
}
