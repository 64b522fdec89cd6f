// One turn's answer: intent + remembered state + device in, a response plan out (what to say,
// what to play or stop, what to remember). Pure apart from the clock in config; never throws for
// anything a person or a device can send. turn-loop.ts wraps it with loading and saving state.
//
// INTENTS is the one place that says which concern answers which intent: a new intent is one
// entry here (and its name in CoreIntent).
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import { CatalogIndex } from "./catalog-index.js";
import * as conversation from "./conversation.js";
import type { CoreConfig, CoreIntent, ResponsePlan, TurnInput } from "./conversation-types.js";
import { lookBack } from "./look-back.js";
import * as playback from "./playback-navigation.js";
import { planReminders } from "./reminders/reminder-turn.js";
import { Turn } from "./turn.js";

export { INFO_IDS } from "./conversation.js";

type Answer = (turn: Turn) => ResponsePlan;

const INTENTS: Record<CoreIntent, Answer> = {
  Launch: conversation.launch,
  ListExercises: conversation.listExercises,
  StartExercise: conversation.startExercise,
  Why: conversation.why,
  Tip: conversation.tip,
  RestMoments: conversation.restMoments,
  SeekHelp: conversation.seekHelp,
  Help: conversation.help,
  Fallback: conversation.fallback,
  Yes: conversation.yes,
  No: conversation.no,
  Stop: playback.stop,
  Cancel: playback.stop,
  Pause: playback.stop,
  Resume: playback.resume,
  Continue: playback.continueChunks,
  Next: playback.next,
  Previous: playback.previous,
  StartOver: playback.startOver,
  Repeat: playback.repeat,
  LoopOn: playback.loopOrShuffle,
  LoopOff: playback.loopOrShuffle,
  ShuffleOn: playback.loopOrShuffle,
  ShuffleOff: playback.loopOrShuffle,
  SessionEnded: (turn) => turn.silent(),
  PlaybackNearlyFinished: (turn) => turn.silent(),
  PlaybackStarted: playback.playbackProgress,
  PlaybackStopped: playback.playbackProgress,
  PlaybackFinished: playback.playbackFinished,
  PlaybackFailed: playback.playbackFailed,
  // Reminders (skill/core/reminders/) and the gentle look back (look-back.ts).
  CreateReminder: reminders,
  ListReminders: reminders,
  ChangeReminder: reminders,
  DeleteReminders: reminders,
  ReminderConsent: reminders,
  LookBack: (turn) => lookBack(turn.input, turn.state, turn.now, turn.night),
};

function reminders(turn: Turn): ResponsePlan {
  return planReminders({ input: turn.input, state: turn.state, catalog: turn.index.catalog, now: turn.now, night: turn.night });
}

/** For tests and one-off use; a container keeps one CatalogIndex (turn-loop.ts: createCore). */
export function respond(input: TurnInput, catalog: SkillCatalog | CatalogIndex, config: CoreConfig): ResponsePlan {
  const index = catalog instanceof CatalogIndex ? catalog : new CatalogIndex(catalog);
  const turn = new Turn(input, index, config);
  const plan = INTENTS[meaning(turn)](turn);
  plan.state.updatedAt = turn.now.toISOString();
  return plan;
}

/**
 * What the words mean in the conversation so far: in the middle of an exercise spoken chunk by
 * chunk, "ga verder" (Resume) means the next chunk; while an info piece is told, "verder" and
 * "volgende" mean its next item.
 */
function meaning(turn: Turn): CoreIntent {
  const { intent, newSession } = turn.input;
  const { chunk, info } = turn.state;
  if (newSession) return intent;
  if (intent === "Resume" && chunk && !turn.audioPlayer) return "Continue";
  if ((intent === "Continue" || intent === "Next") && info && !chunk) return "Yes";
  return intent;
}
