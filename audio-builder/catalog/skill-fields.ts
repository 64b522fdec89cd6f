// What the voice skill needs from a track's timeline besides its chapters: where a listener may
// resume (so "resume" never repeats more than about a minute) and the exercise as Alexa SSML
// documents for devices without an audio player, one chapter per document (a chapter too long for
// one response is cut between events). Pure: the build and the tests call it on a timeline.
import { assistant as alexa } from "../ssml/render-assistant.js";
import { chunkDocuments } from "../ssml/chunk-documents.js";
import { renderPieces, type SsmlPiece } from "../ssml/ssml-pieces.js";
import type { Timeline } from "../timeline/timeline-types.js";
import type { CatalogTrack } from "./catalog-types.js";

/** Resume repeats at most this much of what the listener already heard, where the script allows. */
export const MAX_RESUME_GAP_MS = 60_000;

export function skillFields(timeline: Timeline): Pick<CatalogTrack, "resumePoints" | "ssml"> {
  return { resumePoints: resumePoints(timeline), ssml: chapterSpeech(timeline) };
}

/** Not a place to start listening: inside a breath, or between "tense" and "let go". */
const MID_STEP_CUES = new Set(["inhale", "hold", "exhale", "release"]);
const MID_STEP_SILENCES = new Set(["inhale", "hold", "exhale", "tense"]);

/**
 * Offsets (ms, ascending) where playback may resume: every chapter start and, inside a chapter
 * longer than MAX_RESUME_GAP_MS, as few step boundaries as keep the gaps at most that long: the
 * start of a breathing cycle, of a sentence or of a pause, or a moment inside a long pause. Never
 * inside a breath, a sentence, or a tense-and-release.
 */
export function resumePoints(timeline: Timeline, maxGapMs = MAX_RESUME_GAP_MS): number[] {
  const candidates = new Set<number>();
  const quiet: { from: number; to: number }[] = [];
  for (const b of timeline.breaths) if (b.phase === "inhale") candidates.add(b.startMs);
  for (const e of timeline.events) {
    if (e.kind === "speech" ? e.cue !== undefined && MID_STEP_CUES.has(e.cue) : MID_STEP_SILENCES.has(e.purpose)) continue;
    candidates.add(e.startMs);
    if (e.kind === "silence") quiet.push({ from: e.startMs, to: e.startMs + e.durationMs });
  }
  const sorted = [...candidates].sort((a, b) => a - b);
  const inQuiet = (ms: number) => quiet.some((q) => q.from < ms && ms < q.to);
  const starts = timeline.chapters.map((c) => c.startMs);
  const points: number[] = [];
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? timeline.durationMs;
    points.push(start);
    let last = start;
    while (end - last > maxGapMs) {
      const inside = sorted.filter((c) => c > last && c < end);
      const near = inside.filter((c) => c <= last + maxGapMs);
      const next = near.length > 0 ? near[near.length - 1] : inQuiet(last + maxGapMs) ? last + maxGapMs : inside[0];
      if (next === undefined) break;
      points.push(next);
      last = next;
    }
  });
  return [...new Set(points)].sort((a, b) => a - b);
}

/** The speech path's documents and, for each, the index of the chapter it speaks. */
export function chapterSpeech(timeline: Timeline): CatalogTrack["ssml"] {
  const byChapter = new Map<number, SsmlPiece[]>();
  for (const piece of renderPieces(timeline, alexa.pieces(timeline.locale))) {
    const group = byChapter.get(piece.chapter) ?? [];
    group.push(piece);
    byChapter.set(piece.chapter, group);
  }
  const documents: string[] = [];
  const chapters: number[] = [];
  for (const [chapter, pieces] of [...byChapter].sort(([a], [b]) => a - b)) {
    for (const doc of chunkDocuments(pieces, alexa.document(timeline.locale))) {
      documents.push(doc);
      chapters.push(chapter);
    }
  }
  return { alexa: documents, alexaChapters: chapters };
}
