// A WebVTT transcript that follows the timeline, for captions and for the page's breathing
// visual. Every cue has an identifier saying what it is, so a page can pick cues by kind:
//
//   chapter-<id>            the chapter's title over the chapter's span      e.g. chapter-c2
//   speech-<n>              a spoken sentence (n counts speech events, 1-based)
//   breath-<n>-<phase>      one breathing phase; n counts the timeline's breath spans (1-based,
//                           unique per file), phase is inhale | hold | exhale; the cue text is the
//                           spoken cue word and the cue's start/end are the phase's span
//
// BREATH_CUE_ID matches the breathing cues. Cues overlap (a chapter spans its sentences; a
// phase spans its cue word and the silence after it), which WebVTT allows; they are ordered by
// start time, and at equal starts chapter before breath before speech.
import type { BreathPhase, Timeline } from "../timeline/timeline-types.js";

export const BREATH_CUE_ID = /^breath-(\d+)-(inhale|hold|exhale)$/;

interface Cue {
  id: string;
  startMs: number;
  endMs: number;
  text: string;
  rank: number;
}

export function renderVtt(timeline: Timeline): string {
  const cues: Cue[] = [];
  for (const chapter of timeline.chapters) {
    cues.push({ id: `chapter-${chapter.id}`, startMs: chapter.startMs, endMs: chapter.startMs + chapter.durationMs, text: chapter.title, rank: 0 });
  }
  timeline.breaths.forEach((span, i) => {
    cues.push({ id: breathCueId(i + 1, span.phase), startMs: span.startMs, endMs: span.startMs + span.durationMs, text: span.cue, rank: 1 });
  });
  let spoken = 0;
  for (const event of timeline.events) {
    if (event.kind !== "speech") continue;
    spoken += 1;
    cues.push({ id: `speech-${spoken}`, startMs: event.startMs, endMs: event.startMs + event.durationMs, text: event.text, rank: 2 });
  }
  // Array.prototype.sort is stable, so cues of one kind keep timeline order.
  cues.sort((a, b) => a.startMs - b.startMs || a.rank - b.rank);

  const blocks = ["WEBVTT"];
  for (const cue of cues) {
    const end = Math.min(Math.max(cue.endMs, cue.startMs), timeline.durationMs);
    blocks.push(`${cue.id}\n${timestamp(cue.startMs)} --> ${timestamp(end)}\n${cueText(cue.text)}`);
  }
  return `${blocks.join("\n\n")}\n`;
}

export function breathCueId(n: number, phase: BreathPhase): string {
  return `breath-${n}-${phase}`;
}

/** HH:MM:SS.mmm (WebVTT allows MM:SS.mmm too; hours keep long tracks uniform). */
export function timestamp(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(milli, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Cue text may not contain "-->" or a blank line, and &, < and > must be escaped. */
function cueText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}
