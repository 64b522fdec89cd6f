// What a script author gets wrong beyond the schema: bytes that are not UTF-8, an unknown seed,
// text the speech engine would read out literally, files and structures far too large, tabs,
// and a script `validate` rejects for its pacing, which `build` must refuse just the same.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildDist } from "../audio-builder/pipeline/build-dist.js";
import { ScriptLoadError, type ScriptProblem } from "../audio-builder/model/load-scripts.js";
import { firstInvalidUtf8 } from "../audio-builder/model/script-text.js";
import { checkScripts } from "../audio-builder/validate/check-scripts.js";
import { edit, exerciseYaml, removeFixtures, writeScripts } from "./helpers/script-fixtures.js";

afterEach(removeFixtures);

const NL = "nl-NL/ademhaling.yaml";
const nl = exerciseYaml("nl-NL");

async function check(changes: Record<string, string | Buffer | null>) {
  const textual = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, Buffer.isBuffer(v) ? "placeholder" : v]));
  const dir = await writeScripts(textual);
  for (const [k, v] of Object.entries(changes)) if (Buffer.isBuffer(v)) await writeFile(path.join(dir, k), v);
  const result = await checkScripts(dir);
  const at = (line: number, column: number, field: string, message: string): ScriptProblem => ({
    file: path.join(dir, NL),
    line,
    column,
    field,
    message: expect.stringContaining(message) as unknown as string,
  });
  return { dir, ...result, at };
}

describe("bytes and sizes", () => {
  it("Latin-1 bytes are an error at their line and column, not a U+FFFD in the title", async () => {
    const latin1 = Buffer.from(edit(nl, "title: Ademhaling", "title: Ademhaling voor één"), "latin1");
    const { problems, scripts, at } = await check({ [NL]: latin1 });
    expect(problems).toEqual([at(4, 24, "", "the file is not UTF-8 (byte E9 here): save it as UTF-8")]);
    expect(scripts.some((s) => s.script.title.includes("\uFFFD"))).toBe(false);
  });

  it("finds the first invalid UTF-8 sequence (overlong, surrogate, truncated, stray continuation)", () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBeUndefined(); // aéb
    expect(at(0xf0, 0x9f, 0x98, 0x8c)).toBeUndefined(); // 😌
    expect(at(0x61, 0xc0, 0xaf)).toBe(1); // overlong "/"
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // a UTF-16 surrogate
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(2); // cut off at the end
    expect(at(0x80)).toBe(0);
  });

  it("a file far too large is refused before it is parsed", async () => {
    const huge = nl + `# ${"x".repeat(300 * 1024)}\n`;
    const { problems, at } = await check({ [NL]: huge });
    expect(problems).toEqual([at(1, 1, "", "a script is at most 256 KB: split it")]);
  });

  it("a sentence far too long names its length", async () => {
    const { problems, at } = await check({ [NL]: edit(nl, "say: Open langzaam je ogen.", `say: ${"Adem rustig. ".repeat(100).trim()}`) });
    expect(problems).toEqual([at(34, 12, "endings.wake[0].say", "a text is at most 1000 characters, this one has 1299: split it into several steps")]);
  });

  it("a track far past any sensible length", async () => {
    const longSteps = Array.from({ length: 12 }, () => "  - pause: 300\n    only: long\n").join("");
    const yaml = edit(nl, "endings:", `${longSteps}endings:`).replace("long: 180", "long: 1800");
    const { problems } = await check({ [NL]: yaml });
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/the long variant with the wake ending lasts 6\d:\d\d; a track lasts at most 45:00/));
  });
});

describe("catalogue limits", () => {
  it("more script files than a catalogue holds is one problem for the folder", async () => {
    const extra = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`nl-NL/extra-${i}.yaml`, "id: x\n"]));
    const { dir, problems } = await check(extra);
    expect(problems).toEqual([{ file: dir, line: 1, column: 1, field: "", message: "204 script files; a catalogue holds at most 200: is this the right folder?" }]);
  });

  it("a catalogue of too many hours of tracks is refused", async () => {
    const changes: Record<string, string> = {};
    for (let i = 0; i < 9; i++) {
      for (const locale of ["nl-NL", "en-US"] as const) {
        changes[`${locale}/lang-${i}.yaml`] = exerciseYaml(locale, `lang-${i}`).replace(/short: 60\n  long: 180/, "short: 900\n  long: 1800");
      }
    }
    const { dir, problems } = await check(changes);
    expect(problems).toContainEqual({ file: dir, line: 1, column: 1, field: "", message: expect.stringContaining("the exercises add up to 27.3 hours of tracks; a catalogue holds at most 24") });
  });
});

describe("YAML that would hang or confuse", () => {
  it("an alias bomb is refused with the file named", async () => {
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 10; i++) bomb += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]\n`;
    const started = performance.now();
    const { problems, at } = await check({ [NL]: bomb });
    expect(problems.filter((p) => p.file.endsWith(NL))).toEqual([at(1, 1, "", "the aliases (`*name`) in this file expand to too much data")]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a structure nested thousands of levels deep is refused, in flow or block style", async () => {
    const flow = `id: ademhaling\nsteps: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`;
    const { problems: flowProblems, at } = await check({ [NL]: flow });
    expect(flowProblems.filter((p) => p.file.endsWith(NL))).toEqual([at(2, 40, "", "nested more than 32 levels deep")]);

    const block = "id: ademhaling\nsteps:\n" + Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i + 1)}a${i}:`).join("\n") + "\n";
    const { problems: blockProblems } = await check({ [NL]: block });
    expect(blockProblems.filter((p) => p.file.endsWith(NL)).map((p) => p.message)).toEqual([expect.stringContaining("nested more than 32 levels deep")]);
  });

  it("a tab in the indentation is one problem that names every line with a tab", async () => {
    const tabbed = nl.replace("    max: 40", "\tmax: 40").replace("      exhale: 6", "\t  exhale: 6");
    const { problems, at } = await check({ [NL]: tabbed });
    expect(problems).toEqual([at(14, 1, "", "tabs are not allowed for indentation; indent with spaces (lines 14 and 17 start with a tab)")]);
  });

  it("indentation errors say so", async () => {
    const { problems, at } = await check({ [NL]: edit(nl, "      exhale: 6", "     exhale: 6") });
    expect(problems).toEqual([at(17, 1, "", "check the indentation (all mapping items must start at the same column)")]);
  });
});

describe("sources and spoken text", () => {
  it("a source that names no seed document is an error that lists the seeds", async () => {
    const { problems, at } = await check({ [NL]: edit(nl, "source: 001_c5325292d2bedfb0.txt", "source: 007_0123456789abcdef.txt") });
    expect(problems).toEqual([at(6, 9, "source", "`007_0123456789abcdef.txt` is not one of the seed documents (000_430e520470e8e7cc.txt, 001_c5325292d2bedfb0.txt)")]);
  });

  it("markup, entities, addresses, formatting and emoji are warnings at their place", async () => {
    const yaml = edit(nl, "say: Ga rustig zitten en leg een hand op je buik.", 'say: "Ga <emphasis>rustig</emphasis> zitten, zie www.rustpunt.nl 😌"')
      .replace("title: Ademhaling", "title: Adem &amp; **rust**");
    const { problems, warnings, at } = await check({ [NL]: yaml });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      at(4, 8, "title", "the entity `&amp;` would be read out literally"),
      at(4, 8, "title", "the formatting `**rust**` would be read out literally"),
      at(12, 10, "steps[1].say", "markup `<emphasis>` would be read out literally"),
      at(12, 10, "steps[1].say", "the address `www.rustpunt.nl` would be spelled out"),
      at(12, 10, "steps[1].say", "the emoji 😌 would be read out"),
    ]);
  });
});

describe("build accepts exactly what validate accepts", () => {
  it("a short variant far over its target is refused by both, and nothing is written", async () => {
    const yaml = edit(nl, "    only: long\n", "    only: long\n  - pause: 200\n    only: short\n");
    const { dir, problems, at } = await check({ [NL]: yaml });
    expect(problems).toEqual([
      at(8, 10, "targetSeconds.short", "the short variant with the wake ending lasts 4:1"),
      at(8, 10, "targetSeconds.short", "the short variant with the sleep ending lasts 4:2"),
    ]);

    const out = await mkdtemp(path.join(tmpdir(), "rustpunt-refused-"));
    try {
      const error = await buildDist({ scriptsDir: dir, out, cacheDir: path.join(out, ".cache"), tts: "espeak", quiet: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScriptLoadError);
      expect((error as ScriptLoadError).problems).toEqual(problems);
      expect(await readdir(out)).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
