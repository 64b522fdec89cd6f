// The reminder conversation, platform-neutral, in two steps. planReminders decides from what was
// said and what is remembered: answer right away (a question, a refusal, "not here") or hand the
// adapter a ReminderOperation for its reminders service. settleReminders turns the service's
// outcome into words and remembered state. Neither step talks to a service or reads a clock of
// its own; the adapter runs the operation in between.
import type { SkillCatalog as Catalog } from "../../../audio-builder/catalog/skill-catalog-types.js";
import type { CoreConfig, ResponsePlan, TurnInput, UserState } from "../conversation-types.js";
import { isNight } from "../night.js";
import { matchExercise } from "../match-exercise.js";
import { escapeSpeech } from "../ssml-text.js";
import { parseUserState } from "../user-state.js";
import { reminderPhrasesFor, type ReminderPhrases } from "./reminder-phrases.js";
import { changedSchedule, scheduleFromWish, type ScheduleWish } from "./reminder-schedule.js";
import { MAX_REMINDERS, PENDING_TTL_MS } from "./reminder-state.js";
import type { ReminderOperation, ReminderOutcome, ReminderSchedule, StoredReminder } from "./reminder-types.js";

export interface ReminderTurn {
  input: TurnInput;
  /** The turn's own copy of the state (already parsed); changed in place and returned in the plan. */
  state: UserState;
  catalog: Catalog;
  now: Date;
  /** The turn's "at night" (night.ts): answers end quietly then. */
  night: boolean;
}

export function planReminders(turn: ReminderTurn): ResponsePlan {
  const { input, state } = turn;
  const p = reminderPhrasesFor(input.locale);
  dropStalePending(turn);
  if (input.device.reminders === undefined) return ask(turn, p.notHere);
  switch (input.intent) {
    case "CreateReminder": return create(turn, p);
    case "ReminderConsent": return consent(turn, p);
    case "ChangeReminder": return change(turn, p);
    case "ListReminders":
    case "DeleteReminders": {
      const ids = (state.reminders ?? []).map((r) => r.id);
      if (ids.length === 0) return ask(turn, p.none);
      if (input.device.reminders === "notGranted") return permissionCard(turn, p);
      return operation(turn, { kind: input.intent === "ListReminders" ? "list" : "delete", ids });
    }
    default: return ask(turn, p.anythingElse);
  }
}

function create(turn: ReminderTurn, p: ReminderPhrases): ResponsePlan {
  const { input, state } = turn;
  // "om half tien" after "herinner me elke avond" completes the request waiting for its time.
  const waiting = state.pendingReminder?.time === undefined ? state.pendingReminder : undefined;
  const wish = { ...waiting, ...wishOf(turn) };
  delete wish.since;
  const result = scheduleFromWish(wish);
  if (!result.ok) {
    const { days, partOfDay } = result;
    state.pendingReminder = { since: turn.now.toISOString(), ...(days ? { days } : {}), ...(partOfDay ? { partOfDay } : {}), ...(wish.exercise ? { exercise: wish.exercise } : {}) };
    return ask(turn, p.askTime, p.askTimeReprompt);
  }
  delete state.pendingReminder;
  if ((state.reminders ?? []).length >= MAX_REMINDERS) return ask(turn, p.tooMany);
  if (input.device.reminders === "notGranted") {
    // Alexa asks its own consent question next; the answer comes back as ReminderConsent.
    state.pendingReminder = { ...result.schedule, since: turn.now.toISOString() };
    return { speech: escapeSpeech(p.askPermission), endSession: true, state, askPermission: "voice" };
  }
  return createOperation(turn, result.schedule, p);
}

function consent(turn: ReminderTurn, p: ReminderPhrases): ResponsePlan {
  const { input, state } = turn;
  const pending = state.pendingReminder;
  delete state.pendingReminder;
  switch (input.slots.consent) {
    case "ACCEPTED": {
      if (!pending?.time || !pending.days) return ask(turn, p.permissionThanks);
      const schedule: ReminderSchedule = { days: pending.days, time: pending.time };
      if (pending.exercise) schedule.exercise = pending.exercise;
      return createOperation(turn, schedule, p);
    }
    case "DENIED": return ask(turn, p.permissionDenied);
    default: return { ...ask(turn, p.permissionNotAnswered), askPermission: "card" };
  }
}

function change(turn: ReminderTurn, p: ReminderPhrases): ResponsePlan {
  const { input, state } = turn;
  const newest = state.reminders?.at(-1);
  if (!newest) return ask(turn, p.none);
  const schedule = changedSchedule(newest, wishOf(turn));
  if (!schedule) return ask(turn, p.askChange, p.askChange);
  if (input.device.reminders === "notGranted") return permissionCard(turn, p);
  return operation(turn, { kind: "update", id: newest.id, schedule, text: reminderText(turn, schedule, p), ...zone(turn) });
}

/** What was said, with the exercise matched to its id; absent slots stay absent. */
function wishOf(turn: ReminderTurn): ScheduleWish {
  const { slots, locale } = turn.input;
  const exercise = slots.exercise ? matchExercise(turn.catalog, locale, slots.exercise) : undefined;
  const wish: ScheduleWish = {};
  if (slots.time !== undefined) wish.time = slots.time;
  if (slots.days) wish.days = slots.days;
  if (slots.partOfDay) wish.partOfDay = slots.partOfDay;
  if (exercise) wish.exercise = exercise;
  return wish;
}

function createOperation(turn: ReminderTurn, schedule: ReminderSchedule, p: ReminderPhrases): ResponsePlan {
  return operation(turn, { kind: "create", schedule, text: reminderText(turn, schedule, p), ...zone(turn) });
}

/** The zone remembered from an earlier answer of the platform: the adapter's fallback. */
function zone(turn: ReminderTurn): { timeZone?: string } {
  const known = turn.input.device.timeZone ?? turn.state.timeZone;
  return known ? { timeZone: known } : {};
}

function operation(turn: ReminderTurn, op: ReminderOperation): ResponsePlan {
  // The words come from settleReminders; this plan only carries the work.
  return { endSession: true, state: turn.state, reminderOperation: op };
}

export function settleReminders(turn: ReminderTurn, op: ReminderOperation, outcome: ReminderOutcome): ResponsePlan {
  const { state } = turn;
  const p = reminderPhrasesFor(turn.input.locale);
  if (!outcome.ok) {
    if (outcome.problem === "noPermission") return permissionCard(turn, p);
    if (outcome.problem !== "notFound") return ask(turn, p[outcome.problem]);
    if (op.kind === "update") state.reminders = (state.reminders ?? []).filter((r) => r.id !== op.id);
    tidy(state);
    return ask(turn, p.gone);
  }
  switch (outcome.kind) {
    case "created": {
      if (op.kind !== "create") break;
      if (outcome.timeZone) state.timeZone = outcome.timeZone;
      state.reminders = [...(state.reminders ?? []), { id: outcome.id, ...op.schedule }];
      return done(turn, p.created(p.when(op.schedule), exerciseTitle(turn, op.schedule.exercise)));
    }
    case "updated": {
      if (op.kind !== "update") break;
      if (outcome.timeZone) state.timeZone = outcome.timeZone;
      state.reminders = (state.reminders ?? []).map((r) => (r.id === op.id ? { id: r.id, ...op.schedule } : r));
      return done(turn, p.changed(p.when(op.schedule)));
    }
    case "listed": {
      // Reminders deleted in the Alexa app are gone for us too.
      state.reminders = (state.reminders ?? []).filter((r) => outcome.present.includes(r.id));
      tidy(state);
      const list = state.reminders ?? [];
      if (list.length === 0) return ask(turn, p.none);
      return ask(turn, p.list(list.map((r) => describe(turn, r, p))));
    }
    case "deleted": {
      const count = (state.reminders ?? []).length;
      delete state.reminders;
      return done(turn, p.deleted(count));
    }
  }
  return ask(turn, p.unavailable);
}

function describe(turn: ReminderTurn, reminder: StoredReminder, p: ReminderPhrases): string {
  const title = exerciseTitle(turn, reminder.exercise);
  return title ? `${p.when(reminder)} (${title})` : p.when(reminder);
}

function reminderText(turn: ReminderTurn, schedule: ReminderSchedule, p: ReminderPhrases): string {
  return p.reminderText(exerciseTitle(turn, schedule.exercise));
}

function exerciseTitle(turn: ReminderTurn, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return turn.catalog.exercises.find((e) => e.locale === turn.input.locale && e.id === id)?.title;
}

function permissionCard(turn: ReminderTurn, p: ReminderPhrases): ResponsePlan {
  return { ...done(turn, p.permissionCard), askPermission: "card" };
}

/** Something done: say so and let the person go. */
function done(turn: ReminderTurn, text: string): ResponsePlan {
  return { speech: escapeSpeech(text), endSession: true, state: turn.state };
}

/** An answer that leaves the conversation open, except at night, when it ends quietly. */
function ask(turn: ReminderTurn, text: string, reprompt?: string): ResponsePlan {
  const p = reminderPhrasesFor(turn.input.locale);
  if (!reprompt && turn.night) return done(turn, text);
  const again = reprompt ?? p.anythingElse;
  return { speech: escapeSpeech(reprompt ? text : `${text} ${again}`), reprompt: escapeSpeech(again), endSession: false, state: turn.state };
}

function dropStalePending(turn: ReminderTurn): void {
  const since = turn.state.pendingReminder ? Date.parse(turn.state.pendingReminder.since) : NaN;
  if (turn.state.pendingReminder && !(turn.now.getTime() - since < PENDING_TTL_MS)) delete turn.state.pendingReminder;
}

function tidy(state: UserState): void {
  if (state.reminders?.length === 0) delete state.reminders;
}

/** The second step of a reminders turn (turn-loop.ts), on the first step's input and resulting state. */
export function settleReminderTurn(input: TurnInput, catalog: Catalog, config: CoreConfig, op: ReminderOperation, outcome: ReminderOutcome): ResponsePlan {
  const now = config.now?.() ?? new Date();
  const night = isNight({ now, ...(input.device.timeZone ? { timeZone: input.device.timeZone } : {}) });
  const plan = settleReminders({ input, state: parseUserState(input.state), catalog, now, night }, op, outcome);
  plan.state.updatedAt = now.toISOString();
  return plan;
}
