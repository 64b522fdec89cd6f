// The page's line under a track read by a recorded narrator ("Ingesproken door Anna").
import type { CatalogNarration } from "../catalog/catalog-types.js";
import type { Locale } from "../model/script-schema.js";

const PAGE_WORDS: Record<Locale, { by: string; fallback: (n: number) => string }> = {
  "nl-NL": { by: "Ingesproken door", fallback: (n) => `${n === 1 ? "één zin" : `${n} zinnen`} nog met de computerstem` },
  "en-US": { by: "Narrated by", fallback: (n) => `${n === 1 ? "one sentence" : `${n} sentences`} still in the computer voice` },
};

/** The page's line under a track spoken by a recorded narrator ("Ingesproken door Anna"), else undefined. */
export function narratorLine(narration: CatalogNarration | undefined, locale: Locale): string | undefined {
  if (narration?.engine !== "recorded") return undefined;
  const words = PAGE_WORDS[locale];
  const rest = narration.fallback ? ` (${words.fallback(narration.fallback.sentences)})` : "";
  return `${words.by} ${narration.narrator ?? narration.voice}${rest}`;
}
