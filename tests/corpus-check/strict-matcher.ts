// A deliberately strict stand-in for a voice platform's language understanding, to test the
// Alexa model and the Dialogflow agent against how people ask: an utterance matches a sample only
// word for word, with each {slot} filled by a value or synonym of its slot type (or, for numbers,
// a number or a clock time said in words). Real NLU is more forgiving; a request this matcher
// resolves, the real one resolves too, which is the point.
import type { Locale } from "../../audio-builder/model/script-schema.js";
import { spokenNumber } from "./spoken-numbers.js";
import { MAX_TIME_WORDS, spokenTime } from "./spoken-times.js";

export const NUMBER_TYPE = "NUMBER";
/** A clock time (AMAZON.TIME, @sys.time), resolved to "HH:MM". */
export const TIME_TYPE = "TIME";

export interface MatchIntent {
  name: string;
  /** Slot name → slot type name (a key of `slotTypes`, NUMBER_TYPE or TIME_TYPE). */
  slots: Record<string, string>;
  /** Samples: words and {slot} references. */
  samples: string[];
}

export interface MatchModel {
  locale: Locale;
  intents: MatchIntent[];
  /** Slot type → its values: the id the skill receives and every phrase that says it. */
  slotTypes: Record<string, { id: string; phrases: string[] }[]>;
  /**
   * Phrases of platform intents that have no samples of ours (Alexa's built-in intents). They are
   * consulted only when no sample matches: a sample of ours wins over a platform's own phrase.
   */
  platformPhrases?: Record<string, string[]>;
}

export type SlotValues = Record<string, string | number>;

export type MatchResult =
  | { kind: "match"; intent: string; slots: SlotValues; sample: string }
  | { kind: "none" }
  | { kind: "ambiguous"; candidates: { intent: string; slots: SlotValues; sample: string }[] };

/** Lower case, words only (apostrophes kept inside words), single spaces. */
export function normalizeUtterance(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .replace(/(^|\s)'+|'+(?=\s|$)/g, "$1")
    .split(" ")
    .filter((w) => w !== "");
}

type Token = { word: string } | { slot: string; type: string };

/** One way a sample matches: its slots, and how many words its time slot took. */
interface Fill {
  slots: SlotValues;
  timeWords: number;
}

interface CompiledSample {
  intent: string;
  sample: string;
  tokens: Token[];
}

export class StrictMatcher {
  private readonly samples: CompiledSample[] = [];
  private readonly platform: CompiledSample[] = [];
  /** Slot type → first word → [words of the phrase, id]. */
  private readonly values = new Map<string, Map<string, { words: string[]; id: string }[]>>();

  constructor(private readonly model: MatchModel) {
    for (const [type, list] of Object.entries(model.slotTypes)) {
      const byFirst = new Map<string, { words: string[]; id: string }[]>();
      for (const value of list) {
        for (const phrase of value.phrases) {
          const words = normalizeUtterance(phrase);
          if (words.length === 0) continue;
          const bucket = byFirst.get(words[0]!) ?? [];
          bucket.push({ words, id: value.id });
          byFirst.set(words[0]!, bucket);
        }
      }
      this.values.set(type, byFirst);
    }
    for (const intent of model.intents) {
      for (const sample of intent.samples) this.samples.push(this.compile(intent, sample));
    }
    for (const [intent, phrases] of Object.entries(model.platformPhrases ?? {})) {
      for (const phrase of phrases) this.platform.push({ intent, sample: phrase, tokens: normalizeUtterance(phrase).map((word) => ({ word })) });
    }
  }

  private compile(intent: MatchIntent, sample: string): CompiledSample {
    const tokens: Token[] = [];
    for (const part of sample.split(/(\{[^}]+\})/)) {
      const slot = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (slot !== undefined) {
        const type = intent.slots[slot];
        if (type === undefined) throw new Error(`${intent.name}: sample "${sample}" uses {${slot}}, which the intent does not declare.`);
        if (type !== NUMBER_TYPE && type !== TIME_TYPE && !this.values.has(type)) throw new Error(`${intent.name}: slot {${slot}} has type ${type}, which the model does not define.`);
        tokens.push({ slot, type });
      } else {
        for (const word of normalizeUtterance(part)) tokens.push({ word });
      }
    }
    return { intent: intent.name, sample, tokens };
  }

  match(utterance: string): MatchResult {
    const words = normalizeUtterance(utterance);
    let found = this.collect(this.samples, words);
    if (found.length === 0) found = this.collect(this.platform, words);
    if (found.length === 0) return { kind: "none" };
    // Within an intent, a time slot takes the longest time said: "om negen uur 's avonds" is
    // {time: 21:00}, not {time: 09:00, partOfDay: evening}, as Alexa fills a built-in slot with the
    // whole expression. Two intents stay ambiguous.
    const longest = new Map<string, number>();
    for (const f of found) longest.set(f.intent, Math.max(longest.get(f.intent) ?? 0, f.timeWords));
    found = found.filter((f) => f.timeWords === longest.get(f.intent));
    const distinct = new Map<string, { intent: string; slots: SlotValues; sample: string }>();
    for (const { timeWords: _, ...f } of found) {
      const key = `${f.intent} ${JSON.stringify(Object.entries(f.slots).sort(([a], [b]) => a.localeCompare(b)))}`;
      if (!distinct.has(key)) distinct.set(key, f);
    }
    const candidates = [...distinct.values()];
    return candidates.length === 1 ? { kind: "match", ...candidates[0]! } : { kind: "ambiguous", candidates };
  }

  private collect(samples: CompiledSample[], words: string[]): { intent: string; slots: SlotValues; sample: string; timeWords: number }[] {
    const out: { intent: string; slots: SlotValues; sample: string; timeWords: number }[] = [];
    for (const sample of samples) {
      for (const { slots, timeWords } of this.fill(sample.tokens, 0, words, 0)) out.push({ intent: sample.intent, slots, sample: sample.sample, timeWords });
    }
    return out;
  }

  /** Every way the tokens from index t match the words from index w exactly to the end. */
  private fill(tokens: Token[], t: number, words: string[], w: number): Fill[] {
    if (t === tokens.length) return w === words.length ? [{ slots: {}, timeWords: 0 }] : [];
    if (w >= words.length) return [];
    const token = tokens[t]!;
    if ("word" in token) return token.word === words[w] ? this.fill(tokens, t + 1, words, w + 1) : [];
    const results: Fill[] = [];
    const add = (value: string | number, length: number): void => {
      for (const rest of this.fill(tokens, t + 1, words, w + length)) {
        if (token.slot in rest.slots) continue;
        const timeWords = rest.timeWords + (token.type === TIME_TYPE ? length : 0);
        results.push({ slots: { [token.slot]: value, ...rest.slots }, timeWords });
      }
    };
    if (token.type === TIME_TYPE) {
      for (let length = 1; length <= MAX_TIME_WORDS && w + length <= words.length; length++) {
        const time = spokenTime(words.slice(w, w + length), this.model.locale);
        if (time !== undefined) add(time, length);
      }
      return results;
    }
    if (token.type === NUMBER_TYPE) {
      for (const length of [1, 2]) {
        const n = w + length <= words.length ? spokenNumber(words.slice(w, w + length), this.model.locale) : undefined;
        if (n !== undefined) add(n, length);
      }
      return results;
    }
    for (const value of this.values.get(token.type)!.get(words[w]!) ?? []) {
      if (value.words.every((word, i) => words[w + i] === word)) add(value.id, value.words.length);
    }
    return results;
  }
}
