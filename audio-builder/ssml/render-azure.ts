// Azure Speech SSML. From the Speech service SSML docs: a document needs version, the synthesis
// namespace, xml:lang and a <voice>; <break time> is clamped to 5,000 ms (and chained breaks do
// not add up, which is why the audio builder inserts exact silence itself); a request takes at
// most 64 KB of SSML and produces at most 10 minutes of audio. Prosody rate is relative (-10 %).
import type { Locale } from "../model/script-schema.js";
import type { Timeline } from "../timeline/timeline-types.js";
import { AZURE_VOICES } from "./azure-voices.js";
import { chunkDocuments } from "./chunk-documents.js";
import { breakTags } from "./split-break.js";
import { escapeXml } from "./ssml-escape.js";
import { renderPieces } from "./ssml-pieces.js";
import type { SsmlPlatform } from "./ssml-platform.js";

export const AZURE_MAX_BREAK_MS = 5_000;
export const AZURE_MAX_BYTES = 64 * 1024;
export const AZURE_MAX_AUDIO_MS = 10 * 60 * 1000;
/** A calm guiding pace; slow lines (sleep endings) slower still. */
export const AZURE_RATES = { normal: "-10%", slow: "-25%" } as const;

export const azure: SsmlPlatform = {
  maxBreakMs: AZURE_MAX_BREAK_MS,
  pieces: () => ({
    speech: (text, rate) => `<prosody rate="${AZURE_RATES[rate]}">${escapeXml(text)}</prosody>`,
    silence: (ms) => breakTags(ms, AZURE_MAX_BREAK_MS),
  }),
  document: (locale: Locale) => ({
    wrap: (body) =>
      `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${locale}">` +
      `<voice name="${AZURE_VOICES[locale]}">${body}</voice></speak>`,
    maxSize: AZURE_MAX_BYTES,
    size: (doc) => Buffer.byteLength(doc, "utf8"),
    maxDurationMs: AZURE_MAX_AUDIO_MS,
  }),
};

export function renderAzure(timeline: Timeline): string[] {
  return chunkDocuments(renderPieces(timeline, azure.pieces(timeline.locale)), azure.document(timeline.locale));
}
