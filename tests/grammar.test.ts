// The grammar notation: alternatives, optional parts, fragments, and clear errors for templates
// that cannot be expanded.
import { describe, expect, it } from "vitest";
import { expandTemplate, TemplateError } from "../skill/grammar/expand-template.js";
import { expandIntent, GrammarError } from "../skill/grammar/expand-grammar.js";
import { GRAMMARS } from "../skill/grammar/grammars.js";
import type { LocaleGrammar } from "../skill/grammar/grammar-types.js";

describe("grammar templates", () => {
  it("expand alternatives, optional parts, nested groups and fragments, without duplicates", () => {
    expect(expandTemplate("(doe|start) [maar] {exercise}", {})).toEqual(["doe {exercise}", "doe maar {exercise}", "start {exercise}", "start maar {exercise}"]);
    expect(expandTemplate("[maar [even|eens]] <np>", { np: ["de {exercise}", "[de] {exercise}"] })).toEqual([
      "de {exercise}",
      "{exercise}",
      "maar de {exercise}",
      "maar {exercise}",
      "maar even de {exercise}",
      "maar even {exercise}",
      "maar eens de {exercise}",
      "maar eens {exercise}",
    ]);
  });

  it("name the template and the problem when it cannot be expanded", () => {
    expect(() => expandTemplate("(doe|start {exercise}", {}, "g.ts: X")).toThrow(/g\.ts: X: "\(doe\|start \{exercise\}": missing \)/);
    expect(() => expandTemplate("doe] de", {})).toThrow(TemplateError);
    expect(() => expandTemplate("doe|start", {})).toThrow(/\| outside a group/);
    expect(() => expandTemplate("ontspannings(tip|oefening)", {})).toThrow(/whole words/);
    expect(() => expandTemplate("<np>", {})).toThrow(/no fragment <np>/);
    expect(() => expandTemplate("<a>", { a: ["x <b>"], b: ["<a>"] })).toThrow(/refers to itself \(a → b → a\)/);
  });

  it("keep each intent within the platform rules and the size budget", () => {
    const base = GRAMMARS["en-US"].grammar;
    const g = (intents: LocaleGrammar["intents"], fragments = base.fragments): LocaleGrammar => ({ ...base, fragments, intents });
    expect(() => expandIntent(g({ Tip: ["give me 2 tips"] }), "Tip", "g.ts", "alexa")).toThrow(/spell numbers out/);
    expect(() => expandIntent(g({ Tip: ["a tip, please"] }), "Tip", "g.ts", "alexa")).toThrow(GrammarError);
    expect(() => expandIntent(g({ Tip: ["a tip for {ending}"] }), "Tip", "g.ts", "alexa")).toThrow(/which Tip does not have/);
    expect(() => expandIntent(g({ StartExercise: ["{exercise} and {exercise}"] }), "StartExercise", "g.ts", "alexa")).toThrow(/slot twice/);
    const wide = { w: ["(a|b|c|d|e|f|g|h|i|j)"] };
    expect(() => expandIntent(g({ Tip: ["<w> <w> <w> <w>"] }, wide), "Tip", "g.ts", "alexa")).toThrow(/more than 2000/);
    expect(expandIntent(g({ Continue: ["go on"] }), "Continue", "g.ts", "dialogflow")).toEqual(["go on", ...(base.dialogflowOnly?.Continue ?? [])]);
    expect(expandIntent(g({ Continue: ["go on"] }), "Continue", "g.ts", "alexa")).toEqual(["go on"]);
  });
});
