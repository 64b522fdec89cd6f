// The contract between the platform-neutral conversation core and the platform adapters
// (Alexa, Google). Adapters translate their requests into a TurnInput and the core's
// ResponsePlan into their SDK's response; the core never sees a platform type.
import type { Length, Locale } from "../../audio-builder/model/script-schema.js";
// Issue 17 (reminders, look back): their types live in their own modules.
import type { RelaxDay } from "./look-back.js";
import type { PendingReminder } from "./reminders/reminder-state.js";
import type { PermissionRequest, ReminderOperation, ReminderOutcome, StoredReminder } from "./reminders/reminder-types.js";

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
  /** Next SSML chunk on devices without an audio player ("verder" / "continue"), or the next info item. */
  | "Continue"
  /** "ja" / "yes" to "nog eentje?" / "another one?". */
  | "Yes"
  | "No"
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
  /** Empty when the platform names no track (Google's media status): the core takes the one it started last. */
  token: string;
  offsetMs: number;
  /** PlaybackFailed: the player's error (type and message), for the log only. */
  error?: string;
}

export interface DeviceInfo {
  /** Alexa's AudioPlayer interface, Google's MEDIA_RESPONSE_AUDIO capability. Without it: the speech path. */
  audioPlayer: boolean;
  /** IANA time zone of the device (e.g. "Europe/Amsterdam"), when the platform tells it: decides "at night". */
  timeZone?: string;
  /** Reminders permission (issue 17); absent where the platform has no reminders service (Google). */
  reminders?: "granted" | "notGranted";
}

/** One request in the core's terms, as an adapter sends it to Core.turn. */
export interface TurnRequest {
  locale: Locale;
  intent: CoreIntent;
  slots: TurnSlots;
  device: DeviceInfo;
  playback?: PlaybackReport;
  /**
   * The first request of a session: a launch, or a one-shot ("vraag rustpunt om de bodyscan te
   * doen") that arrives as an intent. Counts a visit and forgets the last session's questions.
   */
  newSession: boolean;
  /** Whose memory this is (the store hashes it); absent: answer without remembering. */
  userKey?: string;
  /**
   * Asks the platform for the device's time zone (Alexa's Settings API). The core calls it only
   * when it has no recent answer in the person's state, at most once a month.
   */
  lookupTimeZone?: () => Promise<string | undefined>;
  /**
   * Runs a plan's reminders operation on the platform's reminders service (Alexa); the core then
   * turns the outcome into words and state in the same turn. Absent: no reminders service.
   */
  runReminders?: (operation: ReminderOperation) => Promise<ReminderOutcome>;
}

/** A TurnRequest with the remembered state loaded: what respond() works on. */
export interface TurnInput extends Omit<TurnRequest, "userKey" | "lookupTimeZone" | "runReminders"> {
  /** What was remembered about this user (parseUserState turns stored junk into a valid state). */
  state: UserState;
}

/** An exercise being spoken as SSML chunks on a device without an audio player. */
export interface ChunkPosition {
  locale: Locale;
  trackId: string;
  /** Index of the chunk spoken last. */
  index: number;
  /** Stopped while that chunk was being spoken: going on speaks it again, not the one after it. */
  interrupted?: boolean;
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
  /** An info piece being told item by item in this session ("nog eentje?"): its id and the next item. */
  info?: { id: string; next: number };
  /** Length/ending/minutes heard in "start an exercise" without a name, kept for the answer to "which one?". */
  pending?: TurnSlots;
  /** The last track failed to play: the next conversation offers to try again. */
  retryOffer?: boolean;
  /** The device's time zone as the platform last told it, and when it was last asked (ISO 8601). */
  timeZone?: string;
  timeZoneCheckedAt?: string;
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
  /** Local days with exercises heard (nearly) to the end, at most 31. */
  relaxDays?: RelaxDay[];
  /** `<locale>|<trackId>|<day>` already counted in relaxDays. */
  countedPlay?: string;
}

/** Everything an adapter needs to play a track: it never looks the track up again. */
export interface PlayInstruction {
  trackId: string;
  /** HTTPS URLs per encoding profile: alexa (AudioPlayer) and download (Google's media response, headphones). */
  urls: { alexa: string; download: string };
  /** `<locale>|<trackId>` — see playback-token.ts. */
  token: string;
  offsetMs: number;
  title: string;
  subtitle: string;
  artUrl?: string;
  /** The track ends by drifting off to sleep: what follows it must stay quiet. */
  sleep: boolean;
  /** SSML body to say with the track when the plan has no speech of its own (Google needs words before media). */
  speechFallback: string;
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
  /** Issue 17: work for the platform's reminders service; the turn loop runs it and settles the answer (turn-loop.ts). */
  reminderOperation?: ReminderOperation;
  /** Issue 17: ask the person for reminders permission (by voice, or with the app's card). */
  askPermission?: PermissionRequest;
  /** What an open conversation waits for, so a screen can offer the right buttons. */
  awaiting?: "continue" | "another" | "choice";
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
