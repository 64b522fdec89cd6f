// A locale grammar's templates, expanded into the sentences of each intent, checked against the
// rules both platforms share: only the intent's declared slots, each at most once, lower-case
// words without digits or punctuation, and a sample count Dialogflow accepts per intent.
import { expandTemplate, TemplateError } from "./expand-template.js";
import type { LocaleGrammar } from "./grammar-types.js";
import { INTENTS, type IntentKey } from "./intents.js";

/**
 * Our budget per intent and language. Dialogflow ES trains on at most 2,000 phrases per intent and
 * language, and an Alexa model that large builds slowly; past it, the grammar has grown too wide.
 */
export const MAX_SAMPLES_PER_INTENT = 2000;

export class GrammarError extends Error {
  override readonly name = "GrammarError";
}

const WORDS = /^(?:[\p{Ll}']+|\{[a-z][a-zA-Z]*\})(?: (?:[\p{Ll}']+|\{[a-z][a-zA-Z]*\}))*$/u;

/** The sentences of one intent: shared templates, plus the Dialogflow-only ones when asked. */
export function expandIntent(grammar: LocaleGrammar, key: IntentKey, file: string, platform: "alexa" | "dialogflow"): string[] {
  const templates = [...(grammar.intents[key] ?? []), ...(platform === "dialogflow" ? (grammar.dialogflowOnly?.[key] ?? []) : [])];
  const declared = Object.keys((INTENTS[key] as { slots?: Record<string, string> }).slots ?? {});
  const out = new Set<string>();
  for (const template of templates) {
    let sentences: string[];
    try {
      sentences = expandTemplate(template, grammar.fragments, `${file}: ${key}`);
    } catch (error) {
      if (error instanceof TemplateError) throw new GrammarError(error.message);
      throw error;
    }
    for (const sentence of sentences) {
      if (!WORDS.test(sentence)) {
        throw new GrammarError(
          `${file}: ${key} template "${template}" gives "${sentence}": use lower-case words and {slot} references only; ` +
            "spell numbers out (Alexa rejects digits and punctuation other than apostrophes).",
        );
      }
      const slots = [...sentence.matchAll(/\{([a-z][a-zA-Z]*)\}/g)].map((m) => m[1]!);
      for (const slot of slots) {
        if (!declared.includes(slot)) throw new GrammarError(`${file}: ${key} template "${template}" uses {${slot}}, which ${key} does not have.`);
      }
      if (new Set(slots).size !== slots.length) throw new GrammarError(`${file}: ${key} template "${template}" gives "${sentence}" with a slot twice.`);
      out.add(sentence);
    }
  }
  if (out.size > MAX_SAMPLES_PER_INTENT) {
    throw new GrammarError(`${file}: ${key} expands to ${out.size} sentences, more than ${MAX_SAMPLES_PER_INTENT}; narrow the softeners or noun phrases it uses.`);
  }
  return [...out];
}
