// The timeline: the heart of pacing. Speech and silence laid out in milliseconds.
// Platform-free: renderers (SSML, audio, captions) only read it.
import type { Ending, Length, Locale } from "../model/script-schema.js";

export type SpeechRate = "normal" | "slow";
export type BreathPhase = "inhale" | "hold" | "exhale";

interface EventBase {
  startMs: number;
  durationMs: number;
  /** Index into Timeline.chapters of the chapter this event belongs to. */
  chapter: number;
}

export interface SpeechEvent extends EventBase {
  kind: "speech";
  text: string;
  rate: SpeechRate;
  /** Set when the speech is a breathing cue ("in", "uit") or the tense-and-release cue. */
  cue?: BreathPhase | "tense" | "release";
}

export interface SilenceEvent extends EventBase {
  kind: "silence";
  /** Why the silence is there; the audio builder may lay a breath tone under `inhale`/`exhale`. */
  purpose: "pause" | BreathPhase | "tense" | "rest" | "gap" | "outro";
}

export type TimelineEvent = SpeechEvent | SilenceEvent;

/** One breathing phase of one cycle, for captions and the breathing visual. */
export interface BreathPhaseSpan {
  phase: BreathPhase;
  cycle: number;
  startMs: number;
  durationMs: number;
  cue: string;
}

export interface TimelineChapter {
  /** Stable within an exercise: `c1`, `c2`, ... in script order. */
  id: string;
  title: string;
  startMs: number;
  durationMs: number;
}

export interface Timeline {
  exercise: string;
  locale: Locale;
  length: Length;
  ending: Ending;
  durationMs: number;
  /** Back to back, no gaps or overlaps: events[i+1].startMs === events[i].startMs + events[i].durationMs. */
  events: TimelineEvent[];
  chapters: TimelineChapter[];
  breaths: BreathPhaseSpan[];
  /** Where the sleep ending's fade to silence begins (sleep endings only). */
  fadeOutStartMs?: number;
}

/** How long a piece of speech lasts, in ms: an estimate at first, measured audio in the build. */
export type SpeechDuration = (text: string, rate: SpeechRate) => number;
