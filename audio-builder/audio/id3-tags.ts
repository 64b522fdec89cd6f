// ID3v2 tags through node-id3: what podcast apps and music players show, plus one CHAP frame
// per script chapter and a CTOC listing them, so a listener can skip to "the body scan" part.
import NodeID3 from "node-id3";
import type { TimelineChapter } from "../timeline/timeline-types.js";

export interface TrackTags {
  title: string;
  artist: string;
  album: string;
  /** ISO 639-2, e.g. "dut" or "eng" (ID3's TLAN and the comment's language). */
  language: string;
  track: number;
  year: number;
  /** Where the text comes from (the seed source), for the COMM frame. */
  comment: string;
}

export const TOC_ID = "toc";

export function id3Tags(tags: TrackTags, chapters: readonly TimelineChapter[], durationMs: number): NodeID3.Tags {
  if (!/^[a-z]{3}$/.test(tags.language)) {
    throw new Error(`ID3 language must be a three-letter ISO 639-2 code such as "dut" or "eng", got ${JSON.stringify(tags.language)}`);
  }
  return {
    title: tags.title,
    artist: tags.artist,
    album: tags.album,
    language: tags.language,
    trackNumber: String(tags.track),
    year: String(tags.year),
    comment: { language: tags.language, text: tags.comment },
    chapter: chapters.map((c) => ({
      elementID: c.id,
      startTimeMs: Math.max(0, Math.round(c.startMs)),
      // node-id3 drops a chapter whose end is 0; a chapter always ends after it starts.
      endTimeMs: Math.max(1, Math.round(Math.min(durationMs, c.startMs + c.durationMs))),
      tags: { title: c.title },
    })),
    // node-id3 marks the first CTOC as top-level; isOrdered says the chapters play in order.
    tableOfContents: chapters.length
      ? [{ elementID: TOC_ID, isOrdered: true, elements: chapters.map((c) => c.id), tags: { title: tags.title } }]
      : [],
  };
}

/** Returns the MP3 with exactly these tags in front (any earlier ID3v2 tag is replaced). */
export function withTags(mp3: Buffer, tags: TrackTags, chapters: readonly TimelineChapter[], durationMs: number): Buffer {
  const tagged = NodeID3.write(id3Tags(tags, chapters, durationMs), mp3);
  if (!(tagged instanceof Buffer)) throw new Error("node-id3 could not write the tags");
  return tagged;
}
