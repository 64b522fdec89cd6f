// The conversation: welcome, the list, choosing and starting an exercise, the info pieces one item
// at a time, help, fallback, and yes/no to "nog eentje?".
import type { CatalogInfo } from "../../audio-builder/catalog/catalog-types.js";
import { chooseVariant } from "./choose-variant.js";
import type { ResponsePlan, TurnSlots } from "./conversation-types.js";
import { matchExercise } from "./match-exercise.js";
import { continueChunks, resume } from "./playback-navigation.js";
import { speakChunk } from "./speech-chunks.js";
import { escapeSpeech, joinSpeech, speakBody } from "./ssml-text.js";
import { minutes, type Turn } from "./turn.js";

/** Info pieces by role; ids are fixed by the scripts. */
export const INFO_IDS = { why: "waarom-ontspannen", tips: "tips", rest: "rustmomenten", seekHelp: "hulp-zoeken" } as const;

/** Between an info piece's intro and its first item: time to let it land. */
const INFO_PAUSE = '<break time="1s"/>';

export function launch(turn: Turn): ResponsePlan {
  const { p, state } = turn;
  if (state.visits === 0) state.visits = 1; // a launch inside a running session still counts once
  if (turn.earlierVisits === 0) return turn.ask(`${p.welcome} ${p.about} ${p.listExercises(turn.titles())}`, p.whichExercise, "choice");
  const stored = turn.storedTrack();
  if (state.retryOffer && stored) {
    return turn.ask(`${p.welcomeBack} ${p.retryOffer(turn.index.exerciseTitle(stored))}`, p.retryReprompt, "choice");
  }
  const resumable = resumableTitle(turn);
  return turn.ask([p.welcomeBack, resumable ? p.resumeOffer(resumable) : undefined, p.whichExercise].filter(Boolean).join(" "), p.whichExercise, "choice");
}

export function listExercises(turn: Turn): ResponsePlan {
  return turn.ask(turn.p.listExercises(turn.titles()), turn.p.whichExercise, "choice");
}

export function startExercise(turn: Turn): ResponsePlan {
  const { input, state, p, index } = turn;
  // The answer to "which one?" brings the name; the length or ending said before still holds.
  const slots: TurnSlots = { ...state.pending, ...input.slots };
  if (slots.exercise?.trim() === "") delete slots.exercise;
  if (slots.exercise === undefined) {
    state.pending = withoutExercise(slots);
    return turn.ask(p.chooseExercise(turn.titles()), p.listExercises(turn.titles()), "choice");
  }
  const exercise = matchExercise(index.catalog, input.locale, slots.exercise);
  if (!exercise) {
    state.pending = withoutExercise(slots);
    return turn.ask(p.unknownExercise(turn.titles()), p.listExercises(turn.titles()), "choice");
  }
  delete state.pending;
  const choice = chooseVariant(index.catalog, input.locale, exercise, slots, state.preferredLength);
  if (!choice) return turn.ask(`${p.infoMissing} ${p.listExercises(turn.titles())}`, p.whichExercise, "choice");
  const { track } = choice;
  if (choice.preferredLength) state.preferredLength = choice.preferredLength;
  delete state.info;
  const title = index.exerciseTitle(track);
  // One greeting: the exercise opens with its own welcome, so the intro never says it. A first
  // visit that starts with a one-shot still hears, once, what Rustpunt is and is not.
  const intro = escapeSpeech(
    [turn.earlierVisits === 0 ? p.about : undefined, p.startIntro(title, track.length, minutes(track), track.ending === "sleep")].filter(Boolean).join(" "),
  );
  const card = { title, text: index.exercise(track.locale, track.exercise)?.description ?? title };

  if (turn.audioPlayer) return { ...turn.playFrom(track, 0), speech: intro, card };
  return { ...speakChunk(turn, track, 0, intro), card };
}

export function why(turn: Turn): ResponsePlan {
  return infoPiece(turn, INFO_IDS.why);
}
export function restMoments(turn: Turn): ResponsePlan {
  return infoPiece(turn, INFO_IDS.rest);
}
export function seekHelp(turn: Turn): ResponsePlan {
  return infoPiece(turn, INFO_IDS.seekHelp);
}

/** A different tip each time (the rotation survives sessions), then "nog eentje?". */
export function tip(turn: Turn): ResponsePlan {
  const { state, p } = turn;
  const info = turn.index.info(turn.input.locale, INFO_IDS.tips);
  if (!info || info.items.length === 0) return missing(turn);
  const index = state.tipIndex % info.items.length;
  const item = info.items[index]!;
  state.tipIndex = (index + 1) % info.items.length;
  state.info = { id: INFO_IDS.tips, next: state.tipIndex };
  return itemAnswer(turn, escapeSpeech(p.tip(item.title, item.text)), true, { title: item.title, text: item.text });
}

export function help(turn: Turn): ResponsePlan {
  return turn.ask(turn.p.help);
}

export function fallback(turn: Turn): ResponsePlan {
  return turn.ask(turn.p.fallback);
}

/** "Ja": the next item after "nog eentje?", or trying a failed track again. */
export function yes(turn: Turn): ResponsePlan {
  const { state } = turn;
  if (state.info) return nextInfoItem(turn);
  if (state.chunk) return continueChunks(turn);
  if (state.retryOffer) return resume(turn);
  return listExercises(turn);
}

/** "Nee" to "nog eentje?": offer an exercise; otherwise a short goodbye (none at night). */
export function no(turn: Turn): ResponsePlan {
  const { state, p } = turn;
  if (state.info && !turn.night) {
    delete state.info;
    return turn.ask(p.afterInfo, p.whichExercise, "choice");
  }
  delete state.info;
  return turn.close(turn.night ? undefined : p.goodbye);
}

/** "Verder" / "volgende" while an info piece is being told: its next item. */
export function nextInfoItem(turn: Turn): ResponsePlan {
  const open = turn.state.info;
  if (!open) return listExercises(turn);
  if (open.id === INFO_IDS.tips) return tip(turn);
  const info = turn.index.info(turn.input.locale, open.id);
  return info ? infoItem(turn, info, open.next) : missing(turn);
}

function infoPiece(turn: Turn, id: string): ResponsePlan {
  const info = turn.index.info(turn.input.locale, id);
  return info && info.items.length > 0 ? infoItem(turn, info, 0) : missing(turn);
}

/** One item per response: the intro before the first, the outro after the last. */
function infoItem(turn: Turn, info: CatalogInfo, n: number): ResponsePlan {
  const { state } = turn;
  const at = Math.min(Math.max(n, 0), info.items.length - 1);
  const item = info.items[at]!;
  const more = at + 1 < info.items.length;
  const speech = joinSpeech(
    at === 0 ? `${escapeSpeech(info.intro)} ${INFO_PAUSE}` : undefined,
    item.ssml ? speakBody(item.ssml) : escapeSpeech(`${item.title}. ${item.text}`),
    !more && info.outro ? escapeSpeech(info.outro) : undefined,
  );
  if (more) state.info = { id: info.id, next: at + 1 };
  else delete state.info;
  return itemAnswer(turn, speech, more, { title: info.title, text: `${item.title}: ${item.text}` });
}

/**
 * After an item: "nog eentje?" when there is more, else an exercise. At night nothing is asked
 * and the session closes: no reprompt for someone falling asleep.
 */
function itemAnswer(turn: Turn, speech: string, more: boolean, card: { title: string; text: string }): ResponsePlan {
  const { p, state } = turn;
  if (turn.night) {
    delete state.info;
    return { speech, endSession: true, state, card };
  }
  const question = more ? p.anotherOne : p.afterInfo;
  return {
    speech: joinSpeech(speech, escapeSpeech(question)),
    reprompt: escapeSpeech(more ? p.anotherOneReprompt : p.whichExercise),
    endSession: false,
    state,
    card,
    awaiting: more ? "another" : "choice",
  };
}

function missing(turn: Turn): ResponsePlan {
  return turn.ask(`${turn.p.infoMissing} ${turn.p.listExercises(turn.titles())}`, turn.p.whichExercise, "choice");
}

function resumableTitle(turn: Turn): string | undefined {
  const chunk = turn.chunkTrack();
  if (chunk) return turn.index.exerciseTitle(chunk);
  const stored = turn.storedTrack();
  return stored && (turn.state.offsetMs ?? 0) > 0 ? turn.index.exerciseTitle(stored) : undefined;
}

function withoutExercise(slots: TurnSlots): TurnSlots {
  const { exercise: _named, ...rest } = slots;
  return rest;
}
