// Which part of a track a preview plays: a chapter (by number or title), an offset into it (or
// into the whole track) and a length. Pure: the timeline in, milliseconds out, or an error that
// says what exists.
import type { Timeline } from "../timeline/timeline-types.js";

export interface SpanRequest {
  /** A 1-based chapter number or a chapter title (case and surrounding spaces ignored). */
  chapter?: string;
  /** Offset into the chapter, or into the track without one: `mm:ss`, `m:ss.s` or plain seconds. */
  from?: string;
  /** At most this many seconds. */
  seconds?: number;
}

export interface PreviewSpan {
  startMs: number;
  endMs: number;
  /** What the span is, for the summary line: `chapter 2 "Ademhaling", 0:30-1:10`. */
  label: string;
}

export class PreviewSpanError extends Error {
  override readonly name = "PreviewSpanError";
}

/** `1:30`, `01:30`, `1:30.5` or `90` (seconds) → ms; anything else is an error that shows the form. */
export function parseClock(text: string): number {
  const match = /^\s*(?:(\d+):)?(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) throw new PreviewSpanError(`--from ${JSON.stringify(text)} is not a time: write minutes and seconds, e.g. --from 1:30`);
  const minutes = match[1] === undefined ? 0 : Number(match[1]);
  const seconds = Number(match[2]);
  if (match[1] !== undefined && seconds >= 60) throw new PreviewSpanError(`--from ${text}: the seconds must be under 60, e.g. --from 1:30`);
  return Math.round((minutes * 60 + seconds) * 1000);
}

export function clock(ms: number): string {
  const tenths = Math.round(ms / 100);
  const s = Math.floor(tenths / 10);
  const fraction = tenths % 10 === 0 ? "" : `.${tenths % 10}`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}${fraction}`;
}

export function previewSpan(timeline: Timeline, req: SpanRequest): PreviewSpan {
  let startMs = 0;
  let endMs = timeline.durationMs;
  let label = "the whole track";
  const track = `${timeline.exercise} (${timeline.locale}, ${timeline.length}, ${timeline.ending})`;
  if (req.chapter !== undefined) {
    const index = findChapter(timeline, req.chapter);
    const chapter = timeline.chapters[index]!;
    startMs = chapter.startMs;
    endMs = chapter.startMs + chapter.durationMs;
    label = `chapter ${index + 1} "${chapter.title}"`;
  }
  if (req.from !== undefined) {
    const offset = parseClock(req.from);
    if (offset >= endMs - startMs) {
      const what = req.chapter === undefined ? `${track} lasts` : `${label} lasts`;
      throw new PreviewSpanError(`--from ${req.from} is past the end: ${what} ${clock(endMs - startMs)}`);
    }
    startMs += offset;
  }
  if (req.seconds !== undefined) {
    if (!(Number.isFinite(req.seconds) && req.seconds > 0)) throw new PreviewSpanError(`--seconds must be a number of seconds above 0, e.g. --seconds 30`);
    endMs = Math.min(endMs, startMs + Math.round(req.seconds * 1000));
  }
  return { startMs, endMs, label: `${label}, ${clock(startMs)}-${clock(endMs)}` };
}

function findChapter(timeline: Timeline, wanted: string): number {
  const list = timeline.chapters.map((c, i) => `${i + 1} "${c.title}"`).join(", ");
  const known = `the chapters of ${timeline.exercise} (${timeline.length}, ${timeline.ending}) are: ${list || "(none)"}`;
  if (/^\s*\d+\s*$/.test(wanted)) {
    const n = Number(wanted);
    if (n >= 1 && n <= timeline.chapters.length) return n - 1;
    throw new PreviewSpanError(`--chapter ${n}: there is no chapter ${n}; ${known}`);
  }
  const norm = (s: string) => s.trim().toLocaleLowerCase();
  const exact = timeline.chapters.findIndex((c) => norm(c.title) === norm(wanted));
  if (exact >= 0) return exact;
  const partial = timeline.chapters.flatMap((c, i) => (norm(c.title).includes(norm(wanted)) ? [i] : []));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) throw new PreviewSpanError(`--chapter ${JSON.stringify(wanted)} matches more than one chapter; ${known}`);
  throw new PreviewSpanError(`--chapter ${JSON.stringify(wanted)}: no such chapter; ${known}`);
}
