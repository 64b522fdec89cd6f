// The conversation core: one turn in (intent, slots, remembered state, device), one plan out
// (what to say, what to play or stop, what to remember). Pure apart from the clock in config;
// never throws for anything a person or a device can send.
import type { CatalogInfo } from "../../audio-builder/catalog/catalog-types.js";
import type { SkillCatalog as Catalog, SkillCatalogTrack as CatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../../audio-builder/model/script-schema.js";
import { chooseVariant } from "./choose-variant.js";
import type { CoreConfig, PlayInstruction, ResponsePlan, TurnInput, UserState } from "./conversation-types.js";
import { matchExercise } from "./match-exercise.js";
import { chapterStartAt, clampOffset, nextChapterStart, previousChapterStart } from "./playback.js";
import { formatToken, parseToken } from "./playback-token.js";
import { phrasesFor, type Phrases } from "./phrases.js";
import { escapeSpeech, joinSpeech, speakBody } from "./ssml-text.js";
import { parseUserState } from "./user-state.js";
// Issue 17: reminders and the look back, in their own modules.
import { lookBack, recordRelaxation } from "./look-back.js";
import { planReminders, settleReminderTurn } from "./reminders/reminder-turn.js";
import type { ReminderOperation, ReminderOutcome } from "./reminders/reminder-types.js";

/** Info pieces by role; ids are fixed by the scripts (see the brief's agreed ids). */
export const INFO_IDS = { why: "waarom-ontspannen", tips: "tips", rest: "rustmomenten", seekHelp: "hulp-zoeken" } as const;

/** Alexa speaks at most 8,000 characters; leave room for our own sentences around catalog SSML. */
const MAX_INFO_SSML = 6000;
const MAX_ERROR_LOG = 300;
const MAX_SPEECH_CHARS = 8000;
const SPEAK_TAGS = "<speak></speak>".length;

export interface Core {
  respond(input: TurnInput): ResponsePlan;
  /** Issue 17: after the adapter ran a plan's `reminders` operation, the words and state for it. */
  settleReminders(input: TurnInput, operation: ReminderOperation, outcome: ReminderOutcome): ResponsePlan;
}

/** Binds the catalog (loaded once per container) and config; adapters keep one per container. */
export function createCore(catalog: Catalog, config: CoreConfig): Core {
  return {
    respond: (input) => respond(input, catalog, config),
    settleReminders: (input, operation, outcome) => settleReminderTurn(input, catalog, config, operation, outcome), // issue 17
  };
}

export function respond(input: TurnInput, catalog: Catalog, config: CoreConfig): ResponsePlan {
  const turn = new Turn(input, catalog, config);
  const plan = turn.run();
  plan.state.updatedAt = (config.now?.() ?? new Date()).toISOString();
  return plan;
}

interface Position {
  track: CatalogTrack;
  offsetMs: number;
}

class Turn {
  private readonly p: Phrases;
  private readonly state: UserState;

  constructor(
    private readonly input: TurnInput,
    private readonly catalog: Catalog,
    private readonly config: CoreConfig,
  ) {
    this.p = phrasesFor(input.locale);
    // A copy: the caller's state object stays as it was, and junk from storage is cleaned up.
    this.state = parseUserState(input.state);
  }

  run(): ResponsePlan {
    switch (this.input.intent) {
      case "Launch": return this.launch();
      case "ListExercises": return this.ask(this.p.listExercises(this.titles()));
      case "StartExercise": return this.startExercise();
      case "Why": return this.info(INFO_IDS.why);
      case "RestMoments": return this.info(INFO_IDS.rest);
      case "SeekHelp": return this.info(INFO_IDS.seekHelp);
      case "Tip": return this.tip();
      case "Help": return this.ask(this.p.help);
      case "Fallback": return this.ask(this.p.fallback);
      case "Stop":
      case "Cancel":
      case "Pause": return this.stop();
      case "Resume": return this.resume();
      case "Continue": return this.continueChunks();
      case "Next": return this.next();
      case "Previous": return this.previous();
      case "StartOver": return this.startOver();
      case "Repeat": return this.repeat();
      case "LoopOn":
      case "LoopOff":
      case "ShuffleOn":
      case "ShuffleOff": return this.notAvailable(this.p.loopShuffle);
      case "SessionEnded":
      case "PlaybackNearlyFinished": return this.silent();
      case "PlaybackStarted":
      case "PlaybackStopped": return this.playbackProgress();
      case "PlaybackFinished": return this.playbackFinished();
      case "PlaybackFailed": return this.playbackFailed();
      // Issue 17: skill/core/reminders/reminder-turn.ts and skill/core/look-back.ts.
      case "CreateReminder":
      case "ListReminders":
      case "ChangeReminder":
      case "DeleteReminders":
      case "ReminderConsent": return planReminders({ input: this.input, state: this.state, catalog: this.catalog, now: this.now() });
      case "LookBack": return lookBack(this.input, this.state, this.now());
    }
  }

  // ── conversation ──────────────────────────────────────────────────────────────────────────────

  private launch(): ResponsePlan {
    const first = this.state.visits === 0;
    this.state.visits += 1;
    if (first) return this.ask(`${this.p.welcomeFirst} ${this.p.listExercises(this.titles())}`);
    const resumable = this.resumableTitle();
    return this.ask(
      [this.p.welcomeBack, resumable ? this.p.resumeOffer(resumable) : undefined, this.p.whichExercise].filter(Boolean).join(" "),
    );
  }

  private startExercise(): ResponsePlan {
    const { locale, slots } = this.input;
    const exercise = matchExercise(this.catalog, locale, slots.exercise);
    if (!exercise) return this.ask(this.p.unknownExercise(this.titles()), this.p.listExercises(this.titles()));
    const choice = chooseVariant(this.catalog, locale, exercise, slots, this.state.preferredLength);
    if (!choice) return this.ask(`${this.p.infoMissing} ${this.p.listExercises(this.titles())}`);
    const { track } = choice;
    if (choice.preferredLength) this.state.preferredLength = choice.preferredLength;
    this.remember(track);
    const title = this.exerciseTitle(track);
    const intro = escapeSpeech(this.p.startIntro(title, track.length, minutes(track), track.ending === "sleep"));
    const card = { title, text: this.catalog.exercises.find((e) => e.locale === track.locale && e.id === track.exercise)?.description ?? title };

    if (this.input.device.audioPlayer) {
      this.state.offsetMs = 0;
      delete this.state.chunk;
      return { speech: intro, play: this.play(track, 0), endSession: true, state: this.state, card };
    }
    delete this.state.offsetMs;
    return { ...this.speakChunk(track, 0, intro), card };
  }

  private info(id: string): ResponsePlan {
    const info = this.findInfo(id);
    if (!info) return this.ask(`${this.p.infoMissing} ${this.p.listExercises(this.titles())}`);
    const whole = speakBody(info.ssml);
    // Too long for one response: the intro and the items' titles still answer the question.
    const speech =
      whole.length <= MAX_INFO_SSML ? whole : escapeSpeech(this.p.whyShort(info.intro, info.items.map((i) => i.title)));
    return {
      speech: joinSpeech(speech, escapeSpeech(this.p.afterInfo)),
      reprompt: escapeSpeech(this.p.afterInfo),
      endSession: false,
      state: this.state,
      card: { title: info.title, text: [info.intro, ...info.items.map((i) => `${i.title}: ${i.text}`), info.outro].filter(Boolean).join("\n") },
    };
  }

  private tip(): ResponsePlan {
    const info = this.findInfo(INFO_IDS.tips);
    if (!info || info.items.length === 0) return this.ask(`${this.p.infoMissing} ${this.p.listExercises(this.titles())}`);
    const index = this.state.tipIndex % info.items.length;
    const item = info.items[index]!;
    this.state.tipIndex = (index + 1) % info.items.length;
    return {
      speech: joinSpeech(escapeSpeech(this.p.tip(item.title, item.text)), escapeSpeech(this.p.afterInfo)),
      reprompt: escapeSpeech(this.p.afterInfo),
      endSession: false,
      state: this.state,
      card: { title: item.title, text: item.text },
    };
  }

  // ── playback intents ──────────────────────────────────────────────────────────────────────────

  /** Pause, Stop and Cancel all stop the player and keep the position, so Resume works after any. */
  private stop(): ResponsePlan {
    const live = this.livePosition();
    if (live) {
      this.remember(live.track);
      this.state.offsetMs = live.offsetMs;
      this.relaxed(live.track, live.offsetMs); // issue 17
    }
    const plan: ResponsePlan = { endSession: true, state: this.state };
    if (this.input.device.audioPlayer || live) plan.stopPlayback = true;
    if (this.input.intent !== "Pause") plan.speech = escapeSpeech(this.p.goodbye);
    return plan;
  }

  private resume(): ResponsePlan {
    if (this.chunkTrack()) return this.speakChunk(this.chunkTrack()!, this.state.chunk!.index);
    const at = this.resumePoint();
    if (!at || !this.input.device.audioPlayer) return this.ask(`${this.p.nothingToResume} ${this.p.listExercises(this.titles())}`);
    return this.playFrom(at.track, chapterStartAt(at.track, at.offsetMs));
  }

  private continueChunks(): ResponsePlan {
    const track = this.chunkTrack();
    if (!track) return this.resume();
    return this.speakChunk(track, this.state.chunk!.index + 1);
  }

  private next(): ResponsePlan {
    const chunks = this.chunkTrack();
    if (chunks) return this.continueChunks();
    const at = this.currentPosition();
    if (!at) return this.notAvailable(this.p.nothingPlaying);
    const start = nextChapterStart(at.track, at.offsetMs);
    return start === undefined ? this.notAvailable(this.p.lastChapter) : this.playFrom(at.track, start);
  }

  private previous(): ResponsePlan {
    const chunks = this.chunkTrack();
    if (chunks) {
      const index = this.state.chunk!.index;
      return index === 0 ? this.ask(this.p.firstChapter, this.p.continueReprompt) : this.speakChunk(chunks, index - 1);
    }
    const at = this.currentPosition();
    if (!at) return this.notAvailable(this.p.nothingPlaying);
    const start = previousChapterStart(at.track, at.offsetMs);
    return start === undefined ? this.notAvailable(this.p.firstChapter) : this.playFrom(at.track, start);
  }

  private startOver(): ResponsePlan {
    const chunks = this.chunkTrack();
    if (chunks) return this.speakChunk(chunks, 0);
    const at = this.currentPosition();
    return at ? this.playFrom(at.track, 0) : this.notAvailable(this.p.nothingPlaying);
  }

  private repeat(): ResponsePlan {
    const chunks = this.chunkTrack();
    if (chunks) return this.speakChunk(chunks, this.state.chunk!.index);
    const at = this.currentPosition();
    return at ? this.playFrom(at.track, chapterStartAt(at.track, at.offsetMs)) : this.notAvailable(this.p.nothingPlaying);
  }

  /** While audio plays, a short answer and the audio carries on; in a conversation, keep listening. */
  private notAvailable(text: string): ResponsePlan {
    if (this.input.playback) return { speech: escapeSpeech(text), endSession: true, state: this.state };
    return this.ask(`${text} ${this.p.anythingElse}`, this.p.anythingElse);
  }

  // ── player events ─────────────────────────────────────────────────────────────────────────────

  private playbackProgress(): ResponsePlan {
    const live = this.livePosition();
    if (!live) return this.silent("ignored a playback event with a token that is not ours");
    this.remember(live.track);
    this.state.offsetMs = live.offsetMs;
    this.relaxed(live.track, live.offsetMs); // issue 17
    return this.silent();
  }

  private playbackFinished(): ResponsePlan {
    const live = this.livePosition();
    if (!live) return this.silent("ignored a playback event with a token that is not ours");
    this.remember(live.track);
    delete this.state.offsetMs;
    this.state.completions = (this.state.completions ?? 0) + 1;
    this.state.lastCompletedTrackId = live.track.id;
    this.relaxed(live.track, live.track.durationMs); // issue 17
    return this.silent();
  }

  private playbackFailed(): ResponsePlan {
    const error = (this.input.playback?.error ?? "unknown error").slice(0, MAX_ERROR_LOG);
    const live = this.livePosition();
    if (live) {
      this.remember(live.track);
      this.state.offsetMs = live.offsetMs;
    }
    this.state.lastPlaybackError = error;
    return this.silent(`playback failed for ${live ? formatToken({ locale: live.track.locale, trackId: live.track.id }) : "an unknown token"}: ${error}`);
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────

  private now(): Date {
    return this.config.now?.() ?? new Date();
  }

  /** Issue 17: an exercise heard (nearly) to its end counts for the look back. */
  private relaxed(track: CatalogTrack, offsetMs: number): void {
    recordRelaxation(this.state, track, offsetMs, this.now(), this.input.locale);
  }

  private ask(text: string, reprompt: string = this.p.anythingElse): ResponsePlan {
    return { speech: escapeSpeech(text), reprompt: escapeSpeech(reprompt), endSession: false, state: this.state };
  }

  private silent(log?: string): ResponsePlan {
    return log ? { endSession: true, state: this.state, log } : { endSession: true, state: this.state };
  }

  private playFrom(track: CatalogTrack, offsetMs: number): ResponsePlan {
    this.remember(track);
    this.state.offsetMs = offsetMs;
    delete this.state.chunk;
    return { play: this.play(track, offsetMs), endSession: true, state: this.state };
  }

  private play(track: CatalogTrack, offsetMs: number): PlayInstruction {
    const instruction: PlayInstruction = {
      trackId: track.id,
      url: this.audioUrl(track.files.alexa.path),
      token: formatToken({ locale: track.locale, trackId: track.id }),
      offsetMs,
      title: this.exerciseTitle(track),
      subtitle: phrasesFor(track.locale).subtitle(track.length, minutes(track)),
    };
    // The compact catalog may leave the download profile out.
    const download = (track.files as { download?: { path?: unknown } }).download?.path;
    if (typeof download === "string") instruction.downloadUrl = this.audioUrl(download);
    if (this.config.artUrl) instruction.artUrl = this.config.artUrl;
    return instruction;
  }

  private audioUrl(path: string): string {
    return `${this.config.audioBaseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  }

  /** One SSML chunk for devices without an audio player; the last one ends the session kindly. */
  private speakChunk(track: CatalogTrack, index: number, intro?: string): ResponsePlan {
    const chunks = track.ssml.alexa;
    if (chunks.length === 0) {
      delete this.state.chunk;
      return this.ask(`${this.p.notOnThisDevice} ${this.p.listExercises(this.titles())}`);
    }
    const at = Math.min(Math.max(index, 0), chunks.length - 1);
    const body = speakBody(chunks[at]!);
    this.remember(track);
    if (at === chunks.length - 1) {
      delete this.state.chunk;
      this.state.completions = (this.state.completions ?? 0) + 1;
      this.state.lastCompletedTrackId = track.id;
      this.relaxed(track, track.durationMs); // issue 17
      const closing = escapeSpeech(this.p.chunkEnd(track.ending === "sleep"));
      return { speech: fitSpeech(body, intro, closing), endSession: true, state: this.state };
    }
    this.state.chunk = { locale: track.locale, trackId: track.id, index: at };
    return {
      speech: fitSpeech(body, intro, escapeSpeech(this.p.sayContinue)),
      reprompt: escapeSpeech(this.p.continueReprompt),
      endSession: false,
      state: this.state,
    };
  }

  private remember(track: CatalogTrack): void {
    this.state.lastExercise = track.exercise;
    this.state.lastTrackId = track.id;
    this.state.lastLocale = track.locale;
  }

  /** What the player reports right now, if the token is ours and names a track we know. */
  private livePosition(): Position | undefined {
    const playback = this.input.playback;
    const token = playback ? parseToken(playback.token) : undefined;
    const track = token ? this.track(token.locale, token.trackId) : undefined;
    return track && playback ? { track, offsetMs: clampOffset(track, playback.offsetMs) } : undefined;
  }

  private storedTrack(): CatalogTrack | undefined {
    const { lastLocale, lastTrackId } = this.state;
    return lastLocale && lastTrackId ? this.track(lastLocale, lastTrackId) : undefined;
  }

  /** For Next/Previous/Repeat/StartOver: the live player first, else what was last played. */
  private currentPosition(): Position | undefined {
    const live = this.livePosition();
    if (live) return live;
    const track = this.storedTrack();
    return track ? { track, offsetMs: clampOffset(track, this.state.offsetMs ?? 0) } : undefined;
  }

  /** For Resume: a stored or live position, unless that track has since been played to its end. */
  private resumePoint(): Position | undefined {
    const stored = this.storedTrack();
    const live = this.livePosition();
    if (live) {
      const finished = stored?.id === live.track.id && stored.locale === live.track.locale && this.state.offsetMs === undefined;
      return finished ? undefined : live;
    }
    if (stored && this.state.offsetMs !== undefined) return { track: stored, offsetMs: clampOffset(stored, this.state.offsetMs) };
    return undefined;
  }

  private resumableTitle(): string | undefined {
    const chunk = this.chunkTrack();
    if (chunk) return this.exerciseTitle(chunk);
    if (!this.input.device.audioPlayer) return undefined;
    const stored = this.storedTrack();
    return stored && (this.state.offsetMs ?? 0) > 0 ? this.exerciseTitle(stored) : undefined;
  }

  private chunkTrack(): CatalogTrack | undefined {
    const chunk = this.state.chunk;
    if (!chunk) return undefined;
    const track = this.track(chunk.locale, chunk.trackId);
    if (!track || track.ssml.alexa.length === 0) {
      delete this.state.chunk;
      return undefined;
    }
    return track;
  }

  private track(locale: Locale, id: string): CatalogTrack | undefined {
    return this.catalog.tracks.find((t) => t.locale === locale && t.id === id);
  }

  private findInfo(id: string): CatalogInfo | undefined {
    return this.catalog.info.find((i) => i.locale === this.input.locale && i.id === id);
  }

  private exerciseTitle(track: CatalogTrack): string {
    return this.catalog.exercises.find((e) => e.locale === track.locale && e.id === track.exercise)?.title ?? track.title;
  }

  private titles(): string[] {
    return this.catalog.exercises.filter((e) => e.locale === this.input.locale).map((e) => e.title);
  }
}

/**
 * The build packs chunks up to Alexa's 8,000 characters; our own sentences around a chunk must
 * not push it over. The intro goes first (the exercise greets the listener itself), then the
 * closing line (the reprompt still says how to continue).
 */
function fitSpeech(body: string, intro: string | undefined, closing: string): string {
  for (const parts of [[intro, body, closing], [body, closing], [body]]) {
    const speech = joinSpeech(...parts);
    if (speech.length + SPEAK_TAGS <= MAX_SPEECH_CHARS) return speech;
  }
  return body;
}

function minutes(track: CatalogTrack): number {
  return Math.max(1, Math.round(track.durationMs / 60_000));
}
