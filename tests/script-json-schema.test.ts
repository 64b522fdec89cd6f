// The editor's JSON Schema of the script format: committed, current, referenced by every script,
// and in agreement with the loader on real scripts and on typical mistakes. Also checks that the
// complete example in docs/writing-scripts.md is a script the loader and the pacing check accept.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SCRIPT_JSON_SCHEMA_PATH, scriptJsonSchemaText } from "../audio-builder/model/script-json-schema.js";
import { validateScript } from "../audio-builder/model/schema-issues.js";
import { checkPacing } from "../audio-builder/timeline/check-pacing.js";
import { estimateSpeech } from "../audio-builder/timeline/estimate-speech.js";
import { edit, exerciseYaml, infoYaml } from "./helpers/script-fixtures.js";

const REPO = path.resolve(import.meta.dirname, "..");
const MODELINE = "# yaml-language-server: $schema=../../schemas/script.schema.json";

async function shippedScripts(): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const locale of (await readdir(path.join(REPO, "scripts"))).sort()) {
    for (const name of (await readdir(path.join(REPO, "scripts", locale))).sort()) {
      const file = path.join("scripts", locale, name);
      out.push({ file, text: await readFile(path.join(REPO, file), "utf8") });
    }
  }
  return out;
}

const committed = () => readFile(path.join(REPO, SCRIPT_JSON_SCHEMA_PATH), "utf8");
const validator = async () => new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(await committed()) as object);

describe("schemas/script.schema.json", () => {
  it("is the one generated from the loader's zod schema (run `npm run schema` when this fails)", async () => {
    expect(await committed(), "schemas/script.schema.json is stale: run `npm run schema` and commit it").toBe(scriptJsonSchemaText());
  });

  it("is named on the first line of every script, by a path that resolves to it", async () => {
    const scripts = await shippedScripts();
    expect(scripts.length).toBeGreaterThan(0);
    for (const { file, text } of scripts) {
      expect(text.split("\n")[0], file).toBe(MODELINE);
      const target = path.resolve(path.dirname(path.join(REPO, file)), MODELINE.split("$schema=")[1]!);
      expect(target).toBe(path.join(REPO, SCRIPT_JSON_SCHEMA_PATH));
    }
  });

  it("accepts every shipped script and the test templates, as the loader does", async () => {
    const validate = await validator();
    const texts = [...(await shippedScripts()), ...["nl-NL", "en-US"].flatMap((l) => [
      { file: `template exercise ${l}`, text: exerciseYaml(l as "nl-NL") },
      { file: `template info ${l}`, text: infoYaml(l as "nl-NL") },
    ])];
    for (const { file, text } of texts) {
      const data = parse(text) as unknown;
      expect(validateScript(data).issues, file).toEqual([]);
      expect(validate(data) ? [] : validate.errors, file).toEqual([]);
    }
  });

  it("rejects the mistakes the loader rejects field by field", async () => {
    const validate = await validator();
    const nl = exerciseYaml("nl-NL");
    const mistakes: [string, string][] = [
      ["a misspelt step", edit(nl, "  - pause: 3\n", "  - pauze: 3\n")],
      ["an unknown field", edit(nl, "title: Ademhaling", "title: Ademhaling\ntitel: Ademhaling")],
      ["a pause as text", edit(nl, "pause: 3\n", "pause: 3s\n")],
      ["a negative pause", edit(nl, "pause: 3\n", "pause: -3\n")],
      ["a breathing phase over 20 s", edit(nl, "exhale: 6", "exhale: 25")],
      ["zero cycles", edit(nl, "cycles: 2", "cycles: 0")],
      ["only: both", edit(nl, "only: long", "only: both")],
      ["no endings", nl.slice(0, nl.indexOf("endings:"))],
      ["a wrong locale", edit(nl, "locale: nl-NL", "locale: nl-BE")],
      ["an id with capitals", edit(nl, "id: ademhaling", "id: Ademhaling")],
      ["a source that is no seed file name", edit(nl, "source: 001_c5325292d2bedfb0.txt", "source: artikel.pdf")],
      ["an unknown bed", edit(nl, "targetSeconds:", "audio: { bed: white }\ntargetSeconds:")],
      ["a short target under a minute", edit(nl, "short: 60", "short: 30")],
      ["an info piece without items", edit(infoYaml("nl-NL"), "items:\n  - title: Beweeg\n    text: Ga even wandelen.\n", "")],
    ];
    for (const [what, text] of mistakes) {
      const data = parse(text) as unknown;
      expect(validateScript(data).issues.length, `loader: ${what}`).toBeGreaterThan(0);
      expect(validate(data), `JSON Schema: ${what}`).toBe(false);
    }
  });

  it("gives editors a help text for every step kind and every field, nested ones too", () => {
    type Node = { description?: string; properties?: Record<string, Node> };
    const schema = JSON.parse(scriptJsonSchemaText()) as { definitions: Record<string, Node> };
    const undescribed: string[] = [];
    const walk = (node: Node, at: string) => {
      if (!node.description) undescribed.push(at);
      for (const [field, child] of Object.entries(node.properties ?? {})) walk(child, `${at}.${field}`);
    };
    for (const [name, definition] of Object.entries(schema.definitions)) walk(definition, name);
    expect(undescribed).toEqual([]);
  });
});

describe("docs/writing-scripts.md", () => {
  it("has a complete example that the loader and the pacing check accept", async () => {
    const doc = await readFile(path.join(REPO, "docs/writing-scripts.md"), "utf8");
    const example = /## A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(example!.split("\n")[0]).toBe(MODELINE);
    const { script, issues } = validateScript(parse(example!) as unknown);
    expect(issues).toEqual([]);
    expect(script?.kind).toBe("exercise");
    if (script?.kind !== "exercise") return;
    expect(checkPacing(script, estimateSpeech(script.locale))).toEqual([]);
    // It shows every step kind.
    const kinds = new Set([...script.steps, ...script.endings.wake, ...script.endings.sleep].map((s) => Object.keys(s).find((k) => k !== "only" && k !== "slow" && k !== "max")));
    expect([...kinds].sort()).toEqual(["breathe", "chapter", "pause", "say", "tense"]);
  });
});
