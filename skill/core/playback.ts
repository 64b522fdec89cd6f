// Chapter arithmetic for long-form playback: resume, next, previous and repeat all land on the
// start of a chapter (a step of the exercise), so a listener never re-enters mid-sentence.
import type { SkillCatalogTrack as CatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";

/** Chapters sorted by start; a track without chapters behaves as one chapter from 0. */
function starts(track: CatalogTrack): number[] {
  const list = track.chapters.map((c) => c.startMs).filter((ms) => Number.isFinite(ms) && ms >= 0);
  list.sort((a, b) => a - b);
  if (list.length === 0 || list[0]! > 0) list.unshift(0);
  return list;
}

export function chapterIndexAt(track: CatalogTrack, offsetMs: number): number {
  const list = starts(track);
  let index = 0;
  for (let i = 0; i < list.length; i++) if (list[i]! <= offsetMs) index = i;
  return index;
}

/** Where to resume or repeat: the start of the chapter that contains the offset. */
export function chapterStartAt(track: CatalogTrack, offsetMs: number): number {
  return starts(track)[chapterIndexAt(track, offsetMs)]!;
}

export function nextChapterStart(track: CatalogTrack, offsetMs: number): number | undefined {
  return starts(track)[chapterIndexAt(track, offsetMs) + 1];
}

export function previousChapterStart(track: CatalogTrack, offsetMs: number): number | undefined {
  const index = chapterIndexAt(track, offsetMs);
  return index === 0 ? undefined : starts(track)[index - 1];
}

/** Offsets from a device can exceed the catalog's duration (rounding, another build): clamp. */
export function clampOffset(track: CatalogTrack, offsetMs: number): number {
  if (!Number.isFinite(offsetMs) || offsetMs < 0) return 0;
  return Math.min(Math.round(offsetMs), Math.max(0, track.durationMs - 1));
}

/**
 * Where "resume" starts: the last resume point at or before the offset. The catalog's resume
 * points add step boundaries inside long chapters (a breathing block of many cycles), so at most
 * about a minute is heard again; a catalog without them resumes at the chapter's start.
 */
export function resumePointAt(track: CatalogTrack, offsetMs: number): number {
  const points = track.resumePoints?.filter((ms) => Number.isFinite(ms) && ms >= 0) ?? [];
  let at = chapterStartAt(track, offsetMs);
  for (const ms of points) if (ms <= offsetMs && ms > at) at = ms;
  return at;
}
