// The contract between the platform-neutral conversation core and the platform adapters
// (Alexa, Google). Adapters translate their requests into a TurnInput and the core's
// ResponsePlan into their SDK's response; the core never sees a platform type.
import type { Length, Locale } from "../../audio-builder/model/script-schema.js";

export type { Locale } from "../../audio-builder/model/script-schema.js";

/** What the user asked for, or what the player reported, in the core's own terms. */
export type CoreIntent =
  | "Launch"
  | "ListExercises"
  | "StartExercise"
  | "Why"
  | "Tip"
  | "RestMoments"
  | "SeekHelp"
  | "Help"
  | "Stop"
  | "Cancel"
  | "Pause"
  | "Resume"
  | "Next"
  | "Previous"
  | "StartOver"
  | "Repeat"
  | "LoopOn"
  | "LoopOff"
  | "ShuffleOn"
  | "ShuffleOff"
  /** Next SSML chunk on devices without an audio player ("verder" / "continue"). */
  | "Continue"
  | "Fallback"
  | "SessionEnded"
  | "PlaybackStarted"
  | "PlaybackStopped"
  | "PlaybackNearlyFinished"
  | "PlaybackFinished"
  | "PlaybackFailed";

/** Raw slot values as heard (or as resolved by the platform); the core does the matching. */
export interface TurnSlots {
  /** Exercise name or synonym in either locale, e.g. "de buikademhaling". */
  exercise?: string;
  /** "kort" / "lang" / "short" / "long". */
  length?: string;
  /** A wished-for duration; mapped to the nearest variant. */
  minutes?: number;
  /** "in bed" / "slapen" / "sleep" → the sleep ending; anything else → wake. */
  ending?: string;
}

/** Where the platform's player was when the request was made (Alexa: AudioPlayer context or event). */
export interface PlaybackReport {
  token: string;
  offsetMs: number;
  /** PlaybackFailed: the player's error (type and message), for the log only. */
  error?: string;
}

export interface TurnInput {
  locale: Locale;
  intent: CoreIntent;
  slots: TurnSlots;
  /** What was remembered about this user (parseUserState turns stored junk into a valid state). */
  state: UserState;
  device: { audioPlayer: boolean };
  playback?: PlaybackReport;
}

/** An exercise being spoken as SSML chunks on a device without an audio player. */
export interface ChunkPosition {
  locale: Locale;
  trackId: string;
  /** Index of the chunk spoken last. */
  index: number;
}

/** Everything the skill remembers per user. JSON-serialisable, stored as-is by persistence. */
export interface UserState {
  /** Launches so far (the first visit gets one more sentence of introduction). */
  visits: number;
  /** Exercise id, e.g. "ademhaling". */
  lastExercise?: string;
  /** Track id within lastLocale, e.g. "ademhaling-short-wake". */
  lastTrackId?: string;
  lastLocale?: Locale;
  /** Where playback of lastTrackId stopped; absent when there is nothing to resume. */
  offsetMs?: number;
  preferredLength?: Length;
  /** Index of the next tip to tell; rotates through the catalog's tips. */
  tipIndex: number;
  chunk?: ChunkPosition;
  /** Tracks played to their end. */
  completions?: number;
  lastCompletedTrackId?: string;
  /** Last playback failure, kept for support (no user data in it). */
  lastPlaybackError?: string;
  /** ISO 8601 time of the last change. */
  updatedAt?: string;
}

export interface PlayInstruction {
  trackId: string;
  /** HTTPS URL: audioBaseUrl + the track's alexa-profile file path. */
  url: string;
  /** The headphone/podcast profile of the same track (Google's media response may prefer it), if the catalog has it. */
  downloadUrl?: string;
  /** `<locale>|<trackId>` — see playback-token.ts. */
  token: string;
  offsetMs: number;
  title: string;
  subtitle: string;
  artUrl?: string;
}

export interface ResponsePlan {
  /** SSML body without <speak>, text already escaped. */
  speech?: string;
  reprompt?: string;
  play?: PlayInstruction;
  stopPlayback?: boolean;
  clearQueue?: boolean;
  endSession: boolean;
  /** What to remember (always the full state, ready to save). */
  state: UserState;
  card?: { title: string; text: string };
  /** A line for the operator's log (never user data); the adapter writes it. */
  log?: string;
}

/** Run-time configuration the entry point reads from its environment and hands to the core. */
export interface CoreConfig {
  /** Base of the audio URLs, e.g. https://d123.cloudfront.net/ (a trailing slash is optional). */
  audioBaseUrl: string;
  /** Cover art for screens, if any. */
  artUrl?: string;
  /** Clock for updatedAt; tests pin it. */
  now?: () => Date;
}

/** Decoded playback token. */
export interface PlaybackToken {
  locale: Locale;
  trackId: string;
}
