// Numbers said in words, as Alexa's AMAZON.NUMBER and Dialogflow's @sys.number turn them into
// digits: "tien" → 10, "vijfentwintig" → 25, "twenty five" → 25. Up to 99 is enough for minutes.
import type { Locale } from "../../audio-builder/model/script-schema.js";

const NL_UNITS = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"];
const NL_TENS: Record<string, number> = { twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90 };
const EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** The number that these words (one or two tokens) say, or undefined. Digits count too. */
export function spokenNumber(words: readonly string[], locale: Locale): number | undefined {
  if (words.length === 1 && /^\d+$/.test(words[0]!)) return Number(words[0]);
  return locale === "nl-NL" ? dutch(words) : english(words);
}

function dutch(words: readonly string[]): number | undefined {
  if (words.length !== 1) return undefined;
  const word = words[0]!.replace("één", "een");
  const unit = NL_UNITS.indexOf(word);
  if (unit >= 0) return unit;
  if (word in NL_TENS) return NL_TENS[word];
  // "vijfentwintig", "drieëndertig": unit + en/ën + tens, one word.
  const match = /^([a-z]+?)(?:en|ën)(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)$/.exec(word);
  if (match) {
    const u = NL_UNITS.indexOf(match[1]!.replace(/ë$/, "e"));
    if (u >= 1 && u <= 9) return NL_TENS[match[2]!]! + u;
  }
  return undefined;
}

function english(words: readonly string[]): number | undefined {
  if (words.length === 1) {
    const unit = EN_UNITS.indexOf(words[0]!);
    if (unit >= 0) return unit;
    return EN_TENS[words[0]!];
  }
  if (words.length === 2) {
    const tens = EN_TENS[words[0]!];
    const unit = EN_UNITS.indexOf(words[1]!);
    if (tens !== undefined && unit >= 1 && unit <= 9) return tens + unit;
  }
  return undefined;
}
