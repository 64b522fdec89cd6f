// Timeline events → SSML pieces, one per speech event or run of silence. A renderer supplies how
// its platform says text and silence; chunking later cuts only between pieces.
import type { SpeechRate, Timeline } from "../timeline/timeline-types.js";

export interface SsmlPiece {
  ssml: string;
  chapter: number;
  /** Indices into timeline.events that this piece renders. */
  events: number[];
  /** How long the piece lasts on the timeline. */
  durationMs: number;
}

export interface PieceRenderer {
  speech(text: string, rate: SpeechRate): string;
  silence(ms: number): string;
}

export function renderPieces(timeline: Timeline, render: PieceRenderer): SsmlPiece[] {
  const pieces: SsmlPiece[] = [];
  let silence: { ms: number; chapter: number; events: number[] } | undefined;
  const flush = () => {
    if (silence) {
      pieces.push({ ssml: render.silence(silence.ms), chapter: silence.chapter, events: silence.events, durationMs: silence.ms });
    }
    silence = undefined;
  };
  timeline.events.forEach((event, i) => {
    if (event.kind === "silence") {
      // Adjacent silences (a cue's fill, then a pause) are one stretch of quiet: merge before splitting.
      if (silence && silence.chapter === event.chapter) {
        silence.ms += event.durationMs;
        silence.events.push(i);
      } else {
        flush();
        silence = { ms: event.durationMs, chapter: event.chapter, events: [i] };
      }
      return;
    }
    flush();
    pieces.push({ ssml: render.speech(event.text, event.rate), chapter: event.chapter, events: [i], durationMs: event.durationMs });
  });
  flush();
  return pieces;
}
