// A recorded sentence's stable name: derived from its text and locale only, as the speech cache
// derives a segment's key from what shapes it. Reflowing a YAML line (spaces, line breaks) keeps
// the take; changing a word asks for a new one.
import { createHash } from "node:crypto";
import type { Locale } from "../model/script-schema.js";

/** The text as a narrator reads it: runs of white space are one space, none at the ends. */
export function normalizeSentence(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** 16 hex digits (64 bits) of sha256: unique among a catalogue's few hundred sentences, short as a file name. */
export function sentenceKey(locale: Locale, text: string): string {
  return createHash("sha256").update(JSON.stringify(["take", locale, normalizeSentence(text)])).digest("hex").slice(0, 16);
}
