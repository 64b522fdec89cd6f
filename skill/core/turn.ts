// What every part of one turn shares: the request, a working copy of the person's state, their
// phrases, the catalog index, and the small steps every answer is made of. The concerns
// (conversation.ts, playback-navigation.ts, speech-chunks.ts) are functions over a Turn.
import type { SkillCatalogTrack as CatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { CatalogIndex } from "./catalog-index.js";
import type { CoreConfig, PlayInstruction, ResponsePlan, TurnInput, UserState } from "./conversation-types.js";
import { recordRelaxation } from "./look-back.js";
import { isNight } from "./night.js";
import { clampOffset } from "./playback.js";
import { formatToken, parseToken } from "./playback-token.js";
import { phrasesFor, type Phrases } from "./phrases.js";
import { escapeSpeech } from "./ssml-text.js";
import { parseUserState } from "./user-state.js";

export interface Position {
  track: CatalogTrack;
  offsetMs: number;
}

export class Turn {
  readonly p: Phrases;
  /** A copy: the caller's state object stays as it was, and junk from storage is cleaned up. */
  readonly state: UserState;
  /** Visits before this one: 0 means this session is the person's first. */
  readonly earlierVisits: number;
  readonly now: Date;
  private nightCache: boolean | undefined;

  constructor(
    readonly input: TurnInput,
    readonly index: CatalogIndex,
    readonly config: CoreConfig,
  ) {
    this.p = phrasesFor(input.locale);
    this.state = parseUserState(input.state);
    this.now = config.now?.() ?? new Date();
    this.earlierVisits = this.state.visits;
    if (input.newSession) {
      // However the session starts (a launch or a one-shot intent) it is a visit, and last
      // session's open questions are forgotten.
      this.state.visits += 1;
      delete this.state.info;
      delete this.state.pending;
    }
  }

  get audioPlayer(): boolean {
    return this.input.device.audioPlayer;
  }

  /** After or during a sleep-ending track, or late on the device's clock (night.ts). */
  get night(): boolean {
    this.nightCache ??= isNight({
      now: this.now,
      ...(this.input.device.timeZone ? { timeZone: this.input.device.timeZone } : {}),
      ...(this.current() ? { current: this.current()! } : {}),
      ...(this.storedTrack() ? { last: this.storedTrack()! } : {}),
      ...(this.input.state?.updatedAt ? { lastUpdatedAt: this.input.state.updatedAt } : {}),
    });
    return this.nightCache;
  }

  titles(): string[] {
    return this.index.titles(this.input.locale);
  }

  ask(text: string, reprompt: string = this.p.anythingElse, awaiting?: ResponsePlan["awaiting"]): ResponsePlan {
    const plan: ResponsePlan = { speech: escapeSpeech(text), reprompt: escapeSpeech(reprompt), endSession: false, state: this.state };
    if (awaiting) plan.awaiting = awaiting;
    return plan;
  }

  /** Ends the session, with a few words or none. */
  close(text?: string): ResponsePlan {
    return text ? { speech: escapeSpeech(text), endSession: true, state: this.state } : { endSession: true, state: this.state };
  }

  silent(log?: string): ResponsePlan {
    return log ? { endSession: true, state: this.state, log } : { endSession: true, state: this.state };
  }

  /** An exercise heard (nearly) to its end counts for the look back (look-back.ts). */
  relaxed(track: CatalogTrack, offsetMs: number): void {
    recordRelaxation(this.state, track, offsetMs, this.now, this.input.locale);
  }

  remember(track: CatalogTrack): void {
    this.state.lastExercise = track.exercise;
    this.state.lastTrackId = track.id;
    this.state.lastLocale = track.locale;
  }

  play(track: CatalogTrack, offsetMs: number): PlayInstruction {
    const title = this.index.exerciseTitle(track);
    const instruction: PlayInstruction = {
      trackId: track.id,
      // The compact catalog always has both profiles; an older one may lack download: Alexa's file is valid MP3 too.
      urls: { alexa: this.audioUrl(track.files.alexa.path), download: this.audioUrl(track.files.download?.path ?? track.files.alexa.path) },
      token: formatToken({ locale: track.locale, trackId: track.id }),
      offsetMs,
      title,
      subtitle: phrasesFor(track.locale).subtitle(track.length, minutes(track)),
      sleep: track.ending === "sleep",
      speechFallback: escapeSpeech(title),
    };
    if (this.config.artUrl) instruction.artUrl = this.config.artUrl;
    return instruction;
  }

  /** Plays a track from an offset and remembers it; the session ends so the device plays. */
  playFrom(track: CatalogTrack, offsetMs: number): ResponsePlan {
    this.remember(track);
    this.state.offsetMs = offsetMs;
    delete this.state.chunk;
    delete this.state.retryOffer;
    return { play: this.play(track, offsetMs), endSession: true, state: this.state };
  }

  /** What the player reports right now, if the token is ours and names a track we know. */
  livePosition(): Position | undefined {
    const playback = this.input.playback;
    const token = playback ? parseToken(playback.token) : undefined;
    const track = token ? this.index.track(token.locale, token.trackId) : undefined;
    return track && playback ? { track, offsetMs: clampOffset(track, playback.offsetMs) } : undefined;
  }

  storedTrack(): CatalogTrack | undefined {
    const { lastLocale, lastTrackId } = this.state;
    return lastLocale && lastTrackId ? this.index.track(lastLocale, lastTrackId) : undefined;
  }

  /** The track being spoken chunk by chunk, if its chunks still exist. */
  chunkTrack(): CatalogTrack | undefined {
    const chunk = this.state.chunk;
    if (!chunk) return undefined;
    const track = this.index.track(chunk.locale, chunk.trackId);
    if (!track || track.ssml.alexa.length === 0) {
      delete this.state.chunk;
      return undefined;
    }
    return track;
  }

  private current(): CatalogTrack | undefined {
    return this.livePosition()?.track ?? this.chunkTrack();
  }

  private audioUrl(path: string): string {
    return `${this.config.audioBaseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  }
}

export function minutes(track: CatalogTrack): number {
  return Math.max(1, Math.round(track.durationMs / 60_000));
}
