// The Dialogflow agent in the repo: regenerated from the scripts, it must equal the committed
// export (run `npm run agent` after changing scripts or phrases), cover every intent the webhook
// maps, and zip into the layout the Dialogflow console imports.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScriptsOrThrow } from "../audio-builder/model/load-scripts.js";
import type { ExerciseScript } from "../audio-builder/model/script-schema.js";
import { matchExercise } from "../skill/core/match-exercise.js";
import { parseEnding, parseLength } from "../skill/core/choose-variant.js";
import { INTENT_MAP, MEDIA_STATUS_INTENT } from "../skill/google/dialogflow-app.js";
import { WEBHOOK_SECRET_HEADER } from "../skill/google/webhook-secret.js";
import { buildAgentFiles, EXPORT_DIR, WEBHOOK_SECRET_PLACEHOLDER, writeAgent } from "../skill/google/agent/generate-agent.js";
import { zipAgent } from "../skill/google/agent/zip-agent.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";

interface Piece { text: string; alias?: string; meta?: string }
interface Phrase { data: Piece[]; lang: string }
interface Entry { value: string; synonyms: string[] }

let files: Map<string, string>;
let exercises: ExerciseScript[];
let temp: string;

beforeAll(async () => {
  const scripts = await loadScriptsOrThrow();
  exercises = scripts.map((s) => s.script).filter((s): s is ExerciseScript => s.kind === "exercise");
  files = buildAgentFiles(scripts);
  temp = await mkdtemp(path.join(tmpdir(), "rustpunt-agent-"));
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

const json = <T>(name: string): T => JSON.parse(files.get(name)!) as T;

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join("/"))
    .sort();
}

describe("Dialogflow agent", () => {
  it("the committed export equals a fresh generation (run `npm run agent` if not)", async () => {
    expect(await listFiles(EXPORT_DIR)).toEqual([...files.keys()]);
    for (const [name, content] of files) expect(await readFile(path.join(EXPORT_DIR, name), "utf8"), name).toBe(content);
  });

  it("is a Dutch agent with English, its webhook on with a placeholder secret header", () => {
    const agent = json<{ displayName: string; language: string; supportedLanguages: string[]; webhook: { available: boolean; headers: Record<string, string> } }>("agent.json");
    expect(agent.displayName).toBe("Rustpunt");
    expect(agent.language).toBe("nl");
    expect(agent.supportedLanguages).toEqual(["en"]);
    expect(agent.webhook.available).toBe(true);
    expect(agent.webhook.headers).toEqual({ [WEBHOOK_SECRET_HEADER]: WEBHOOK_SECRET_PLACEHOLDER });
  });

  it("has every intent the webhook maps, each fulfilled by the webhook, with phrases in both languages", () => {
    for (const name of [...Object.keys(INTENT_MAP), MEDIA_STATUS_INTENT]) {
      const intent = json<{ name: string; webhookUsed: boolean; fallbackIntent: boolean; events: { name: string }[] }>(`intents/${name}.json`);
      expect(intent.name).toBe(name);
      expect(intent.webhookUsed).toBe(true);
      expect(intent.fallbackIntent).toBe(name === "Default Fallback Intent");
      if (name === MEDIA_STATUS_INTENT) {
        expect(intent.events).toEqual([{ name: "actions_intent_MEDIA_STATUS" }]);
        continue;
      }
      if (name === "Default Fallback Intent") continue;
      for (const lang of ["nl", "en"]) {
        const phrases = json<Phrase[]>(`intents/${name}_usersays_${lang}.json`);
        expect(phrases.length, `${name} ${lang}`).toBeGreaterThanOrEqual(4);
        expect(phrases.every((p) => p.lang === lang)).toBe(true);
      }
    }
    expect(json<{ events: { name: string }[] }>("intents/Default Welcome Intent.json").events.map((e) => e.name)).toContain("GOOGLE_ASSISTANT_WELCOME");
  });

  it("generates the exercise entity from the scripts: ids as values, titles and synonyms as synonyms", () => {
    for (const [lang, locale] of [["nl", "nl-NL"], ["en", "en-US"]] as const) {
      const entries = json<Entry[]>(`entities/exercise_entries_${lang}.json`);
      const mine = exercises.filter((e) => e.locale === locale);
      expect(entries.map((e) => e.value).sort()).toEqual(mine.map((e) => e.id).sort());
      for (const script of mine) {
        const entry = entries.find((e) => e.value === script.id)!;
        for (const name of [script.title, ...script.synonyms]) expect(entry.synonyms.map((s) => s.toLowerCase())).toContain(name.toLowerCase());
      }
    }
    expect(json<Entry[]>("entities/exercise_entries_nl.json").find((e) => e.value === "ademhaling")!.synonyms).toContain("buikademhaling");
  });

  it("start_exercise has 15+ annotated phrases per language whose parameter values the core understands", async () => {
    const catalog = await skillCatalogFromScripts();
    for (const [lang, locale] of [["nl", "nl-NL"], ["en", "en-US"]] as const) {
      const phrases = json<Phrase[]>(`intents/start_exercise_usersays_${lang}.json`);
      expect(phrases.length).toBeGreaterThanOrEqual(15);
      const annotated = phrases.flatMap((p) => p.data.filter((d) => d.alias));
      for (const alias of ["exercise", "length", "ending", "minutes"]) expect(annotated.some((d) => d.alias === alias), alias).toBe(true);
      const lengths = json<Entry[]>(`entities/length_entries_${lang}.json`);
      const endings = json<Entry[]>(`entities/ending_entries_${lang}.json`);
      const exerciseEntries = json<Entry[]>(`entities/exercise_entries_${lang}.json`);
      for (const piece of annotated) {
        if (piece.alias === "exercise") {
          // Every name Dialogflow is taught resolves to the same exercise in the core's own matcher.
          const entry = exerciseEntries.find((e) => e.synonyms.includes(piece.text))!;
          expect(entry, piece.text).toBeDefined();
          expect(matchExercise(catalog, locale, piece.text), piece.text).toBe(entry.value);
        }
        if (piece.alias === "length") expect(lengths.some((e) => e.synonyms.includes(piece.text)), piece.text).toBe(true);
        if (piece.alias === "ending") expect(endings.some((e) => e.synonyms.includes(piece.text)), piece.text).toBe(true);
        if (piece.alias === "minutes") expect(piece.meta).toBe("@sys.number");
      }
      // The resolved values are what the core parses.
      expect(lengths.map((e) => parseLength(e.value))).toEqual(["short", "long"]);
      expect(endings.map((e) => parseEnding(e.value))).toEqual(["sleep", "wake"]);
      for (const e of exerciseEntries) expect(matchExercise(catalog, locale, e.value)).toBe(e.value);
    }
  });

  it("writes atomically and zips reproducibly into the console's import layout", async () => {
    const dir = path.join(temp, "export");
    await writeAgent(files, dir);
    await writeAgent(files, dir);
    expect(await listFiles(dir)).toEqual([...files.keys()]);
    const first = await zipAgent(dir, path.join(temp, "a.zip"));
    const second = await zipAgent(dir, path.join(temp, "b.zip"));
    const a = await readFile(first.file);
    expect(a.equals(await readFile(second.file))).toBe(true);
    const unzipped = unzipSync(new Uint8Array(a));
    expect(Object.keys(unzipped).sort()).toEqual([...files.keys()]);
    expect(Buffer.from(unzipped["agent.json"]!).toString("utf8")).toBe(files.get("agent.json"));
    expect(Object.keys(unzipped)).toContain("intents/start_exercise_usersays_nl.json");
  });
});
