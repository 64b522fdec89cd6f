// The grammar of each locale, with the file to name in errors.
import type { Locale } from "../../audio-builder/model/script-schema.js";
import { grammarEn } from "./grammar-en.js";
import { grammarNl } from "./grammar-nl.js";
import type { LocaleGrammar } from "./grammar-types.js";

export const GRAMMARS: Record<Locale, { file: string; grammar: LocaleGrammar }> = {
  "nl-NL": { file: "skill/grammar/grammar-nl.ts", grammar: grammarNl },
  "en-US": { file: "skill/grammar/grammar-en.ts", grammar: grammarEn },
};
