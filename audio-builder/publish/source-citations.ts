// Scripts name their seed document by file name (e.g. 001_c5325292d2bedfb0.txt); people need a
// citation they can recognise. One row per seed in /work/shared/seeds (see its README).
import type { Locale } from "../model/script-schema.js";

const CITATIONS: Record<string, Record<Locale, string>> = {
  "000_430e520470e8e7cc.txt": {
    "nl-NL":
      "Stepstone 4: “Het belang van voldoende ontspanning voor duurzaam herstel en balans tijdens een multidisciplinair traject”, hand-out van een multidisciplinair revalidatieprogramma.",
    "en-US":
      "Stepstone 4: “The importance of enough relaxation for lasting recovery and balance during a multidisciplinary programme”, a handout of a multidisciplinary rehabilitation programme (in Dutch).",
  },
  "001_c5325292d2bedfb0.txt": {
    "nl-NL": "Zilveren Kruis, “Ontspanningsoefeningen bij stress op het werk”, artikel van 2 september 2025, met uitleg van universitair docent Margot van der Doef.",
    "en-US":
      "Zilveren Kruis (a Dutch health insurer), “Ontspanningsoefeningen bij stress op het werk” (relaxation exercises for stress at work), article of 2 September 2025, with explanations by university lecturer Margot van der Doef (in Dutch).",
  },
};

/** A readable citation; an unknown seed is named as it is rather than hidden. */
export function citation(source: string, locale: Locale): string {
  return CITATIONS[source]?.[locale] ?? source;
}

export function knownSources(): string[] {
  return Object.keys(CITATIONS);
}
