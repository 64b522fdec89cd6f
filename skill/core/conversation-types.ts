// The contract between the platform-neutral conversation core and the platform adapters
// (Alexa, Google). Adapters translate their requests into a TurnInput and the core's
// ResponsePlan into their SDK's response; the core never sees a platform type.
import type { Length, Locale } from "../../audio-builder/model/script-schema.js";
// Issue 17 (reminders, look back): their types live in their own modules.
import type { RelaxDay } from "./look-back.js";
import type { PendingReminder } from "./reminders/reminder-state.js";
import type { PermissionRequest, ReminderOperation, StoredReminder } from "./reminders/reminder-types.js";

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
  | "PlaybackFailed"
  // Issue 17: reminders (skill/core/reminders/) and the look back (skill/core/look-back.ts).
  | "CreateReminder"
  | "ListReminders"
  | "ChangeReminder"
  | "DeleteReminders"
  /** The answer to the voice-permission question (Alexa Connections.Response). */
  | "ReminderConsent"
  | "LookBack";

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
  /** Issue 17, reminders: a clock time "21:30" or a part-of-day code ("EV"), as Alexa's AMAZON.TIME gives it. */
  time?: string;
  /** Issue 17, reminders: "daily", "weekdays", "weekend" or weekday codes "MO".."SU". */
  days?: string[];
  /** Issue 17, reminders: "morning" / "afternoon" / "evening" / "night". */
  partOfDay?: string;
  /** Issue 17, ReminderConsent: "ACCEPTED" / "DENIED" / "NOT_ANSWERED". */
  consent?: string;
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
  /** reminders (issue 17): absent where the platform has no reminders service (Google). */
  device: { audioPlayer: boolean; reminders?: "granted" | "notGranted" };
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
  // Issue 17 (bounded, parsed in user-state.ts):
  /** Reminders Rustpunt made (ids from the service), at most MAX_REMINDERS. */
  reminders?: StoredReminder[];
  /** A reminder waiting for its time or for consent. */
  pendingReminder?: PendingReminder;
  /** The device's IANA time zone, learned from the platform. */
  timeZone?: string;
  /** Local days with exercises heard (nearly) to the end, at most 31. */
  relaxDays?: RelaxDay[];
  /** `<locale>|<trackId>|<day>` already counted in relaxDays. */
  countedPlay?: string;
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
  /** Issue 17: work for the platform's reminders service; the adapter then calls Core.settleReminders. */
  reminderOperation?: ReminderOperation;
  /** Issue 17: ask the person for reminders permission (by voice, or with the app's card). */
  askPermission?: PermissionRequest;
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
