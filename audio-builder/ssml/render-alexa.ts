// Alexa SSML. Limits from the Alexa Skills Kit SSML reference and response-format reference:
// <break time> at most 10 s; outputSpeech at most 8,000 characters; prosody rate is x-slow…x-fast
// or a percentage of at least 20 %.
import type { Timeline } from "../timeline/timeline-types.js";
import { chunkDocuments } from "./chunk-documents.js";
import { breakTags } from "./split-break.js";
import { escapeXml } from "./ssml-escape.js";
import { renderPieces } from "./ssml-pieces.js";
import type { SsmlPlatform } from "./ssml-platform.js";

export const ALEXA_MAX_BREAK_MS = 10_000;
export const ALEXA_MAX_CHARS = 8_000;

export const alexa: SsmlPlatform = {
  maxBreakMs: ALEXA_MAX_BREAK_MS,
  pieces: () => ({
    speech: (text, rate) =>
      rate === "slow" ? `<prosody rate="slow"><s>${escapeXml(text)}</s></prosody>` : `<s>${escapeXml(text)}</s>`,
    silence: (ms) => breakTags(ms, ALEXA_MAX_BREAK_MS),
  }),
  document: () => ({ wrap: (body) => `<speak>${body}</speak>`, maxSize: ALEXA_MAX_CHARS, size: (doc) => doc.length }),
};

/** One or more <speak> documents, each small enough for one Alexa response. */
export function renderAlexa(timeline: Timeline): string[] {
  return chunkDocuments(renderPieces(timeline, alexa.pieces(timeline.locale)), alexa.document(timeline.locale));
}
