// What a renderer knows about one platform: how it says text and silence, and how big one
// document may be. The timeline knows none of this.
import type { Locale } from "../model/script-schema.js";
import type { DocumentShape } from "./chunk-documents.js";
import type { PieceRenderer } from "./ssml-pieces.js";

export interface SsmlPlatform {
  /** Longest single <break> the platform honours. */
  maxBreakMs: number;
  pieces(locale: Locale): PieceRenderer;
  document(locale: Locale): DocumentShape;
}
