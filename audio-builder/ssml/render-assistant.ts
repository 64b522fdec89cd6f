// SSML for the voice assistants: Alexa, and Google Assistant through Dialogflow ES fulfillment
// (actions-on-google). Their rules agree on everything the pieces use, so one renderer serves
// both (Azure's differs: render-azure.ts).
// - Alexa (Alexa Skills Kit SSML and response-format references): <break time> at most 10 s;
//   outputSpeech at most 8,000 characters; prosody rate x-slow…x-fast or a percentage ≥ 20 %.
// - Google (its SSML reference): <speak>, <break>, <s>, <p>, <prosody> (rate as x-slow…x-fast or
//   a percentage); a break at most 10 s (ssml-check-core enforces the same). Google publishes no
//   size limit for one response's SSML, so documents keep to Alexa's 8,000 characters: one
//   comfortable turn each.
import type { Timeline } from "../timeline/timeline-types.js";
import { chunkDocuments } from "./chunk-documents.js";
import { breakTags } from "./split-break.js";
import { escapeXml } from "./ssml-escape.js";
import { renderPieces } from "./ssml-pieces.js";
import type { SsmlPlatform } from "./ssml-platform.js";

export const ASSISTANT_MAX_BREAK_MS = 10_000;
export const ASSISTANT_MAX_CHARS = 8_000;

export const assistant: SsmlPlatform = {
  maxBreakMs: ASSISTANT_MAX_BREAK_MS,
  pieces: () => ({
    speech: (text, rate) =>
      rate === "slow" ? `<prosody rate="slow"><s>${escapeXml(text)}</s></prosody>` : `<s>${escapeXml(text)}</s>`,
    silence: (ms) => breakTags(ms, ASSISTANT_MAX_BREAK_MS),
  }),
  document: () => ({ wrap: (body) => `<speak>${body}</speak>`, maxSize: ASSISTANT_MAX_CHARS, size: (doc) => doc.length }),
};

/** One or more <speak> documents, each small enough for one Alexa or Google response. */
export function renderAssistant(timeline: Timeline): string[] {
  return chunkDocuments(renderPieces(timeline, assistant.pieces(timeline.locale)), assistant.document(timeline.locale));
}
