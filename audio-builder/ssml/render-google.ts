// Google Assistant SSML for Dialogflow ES fulfillment (actions-on-google). Its SSML reference
// supports <speak>, <break>, <s>, <p>, <prosody> (rate as x-slow…x-fast or a percentage); a break
// is at most 10 s (ssml-check-core enforces the same). Google publishes no size limit for one
// response's SSML, so documents are kept to Alexa's 8,000 characters: one comfortable turn each.
import type { Timeline } from "../timeline/timeline-types.js";
import { chunkDocuments } from "./chunk-documents.js";
import { breakTags } from "./split-break.js";
import { escapeXml } from "./ssml-escape.js";
import { renderPieces } from "./ssml-pieces.js";
import type { SsmlPlatform } from "./ssml-platform.js";

export const GOOGLE_MAX_BREAK_MS = 10_000;
export const GOOGLE_MAX_CHARS = 8_000;

export const google: SsmlPlatform = {
  maxBreakMs: GOOGLE_MAX_BREAK_MS,
  pieces: () => ({
    speech: (text, rate) =>
      rate === "slow" ? `<prosody rate="slow"><s>${escapeXml(text)}</s></prosody>` : `<s>${escapeXml(text)}</s>`,
    silence: (ms) => breakTags(ms, GOOGLE_MAX_BREAK_MS),
  }),
  document: () => ({ wrap: (body) => `<speak>${body}</speak>`, maxSize: GOOGLE_MAX_CHARS, size: (doc) => doc.length }),
};

export function renderGoogle(timeline: Timeline): string[] {
  return chunkDocuments(renderPieces(timeline, google.pieces(timeline.locale)), google.document(timeline.locale));
}
