// Stored state comes back from a table or a file written by an older version, or not at all:
// read it defensively so a bad record costs a memory, never a conversation.
import { LENGTHS, type Length } from "../../audio-builder/model/variant-names.js";
import type { ChunkPosition, TurnSlots, UserState } from "./conversation-types.js";
import { isLocale } from "./playback-token.js";
import { readLookBackState } from "./look-back.js"; // issue 17
import { readReminderState } from "./reminders/reminder-state.js"; // issue 17

export function emptyState(): UserState {
  return { visits: 0, tipIndex: 0 };
}

export function parseUserState(raw: unknown): UserState {
  const state = emptyState();
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return state;
  const r = raw as Record<string, unknown>;
  state.visits = count(r.visits);
  state.tipIndex = count(r.tipIndex);
  if (isId(r.lastExercise)) state.lastExercise = r.lastExercise;
  if (isId(r.lastTrackId)) state.lastTrackId = r.lastTrackId;
  if (isLocale(r.lastLocale)) state.lastLocale = r.lastLocale;
  if (isOffset(r.offsetMs)) state.offsetMs = r.offsetMs;
  if (isLength(r.preferredLength)) state.preferredLength = r.preferredLength;
  const chunk = parseChunk(r.chunk);
  if (chunk) state.chunk = chunk;
  if (r.completions !== undefined) state.completions = count(r.completions);
  if (isId(r.lastCompletedTrackId)) state.lastCompletedTrackId = r.lastCompletedTrackId;
  if (typeof r.lastPlaybackError === "string") state.lastPlaybackError = r.lastPlaybackError.slice(0, 300);
  if (typeof r.updatedAt === "string") state.updatedAt = r.updatedAt;
  readReminderState(r, state); // issue 17
  readLookBackState(r, state); // issue 17
  const info = parseInfo(r.info);
  if (info) state.info = info;
  const pending = parsePending(r.pending);
  if (pending) state.pending = pending;
  if (r.retryOffer === true) state.retryOffer = true;
  if (typeof r.timeZone === "string" && /^[A-Za-z0-9_+\-/]{1,64}$/.test(r.timeZone)) state.timeZone = r.timeZone;
  if (typeof r.timeZoneCheckedAt === "string" && Number.isFinite(Date.parse(r.timeZoneCheckedAt))) state.timeZoneCheckedAt = r.timeZoneCheckedAt;
  return state;
}

function parseChunk(raw: unknown): ChunkPosition | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (!isLocale(r.locale) || !isId(r.trackId) || !isOffset(r.index)) return undefined;
  return r.interrupted === true ? { locale: r.locale, trackId: r.trackId, index: r.index, interrupted: true } : { locale: r.locale, trackId: r.trackId, index: r.index };
}

function parseInfo(raw: unknown): UserState["info"] {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  return isId(r.id) && isOffset(r.next) ? { id: r.id, next: r.next } : undefined;
}

/** Only short words and a sane number: these came from a person's request. */
function parsePending(raw: unknown): TurnSlots | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const pending: TurnSlots = {};
  for (const key of ["length", "ending"] as const) {
    const v = r[key];
    if (typeof v === "string" && v.length > 0 && v.length <= 60) pending[key] = v;
  }
  if (typeof r.minutes === "number" && Number.isFinite(r.minutes) && r.minutes > 0 && r.minutes < 1000) pending.minutes = r.minutes;
  return Object.keys(pending).length > 0 ? pending : undefined;
}

function count(v: unknown): number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0;
}
function isOffset(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}
function isId(v: unknown): v is string {
  return typeof v === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v);
}
function isLength(v: unknown): v is Length {
  return typeof v === "string" && (LENGTHS as readonly string[]).includes(v);
}
