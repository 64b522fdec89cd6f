// The committed Alexa skill package: interaction models in sync with the scripts, the built-in
// intents an audio skill must handle, and a manifest that declares the audio player.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadScriptsOrThrow, type LoadedScript } from "../audio-builder/model/load-scripts.js";
import { LOCALES } from "../audio-builder/model/script-schema.js";
import { BUILTIN_INTENTS, buildModel, generateModels, ModelError, modelPath } from "../skill/alexa/interaction-model/generate-model.js";
import { GRAMMARS } from "../skill/grammar/grammars.js";
import type { InteractionModel } from "../skill/alexa/interaction-model/model-types.js";
import { readAlexaConfig } from "../skill/alexa/config.js";
import { legalUrls, SKILL_MANIFEST_FILE } from "../skill/alexa/skill-manifest.js";

let scripts: LoadedScript[];
beforeAll(async () => {
  scripts = await loadScriptsOrThrow();
});

const committed = async (locale: string): Promise<string> => readFile(modelPath(locale as never), "utf8");

describe("interaction models", () => {
  it("are in sync with the scripts and grammars", async () => {
    const fresh = await generateModels();
    for (const locale of LOCALES) {
      const onDisk = await committed(locale);
      expect(onDisk === fresh[locale], `${path.relative(process.cwd(), modelPath(locale))} is stale: run npm run skill:model`).toBe(true);
    }
  });

  it("have every built-in intent an audio skill must answer, and rich StartExercise samples", async () => {
    for (const locale of LOCALES) {
      const model = JSON.parse(await committed(locale)) as InteractionModel;
      const lm = model.interactionModel.languageModel;
      expect(lm.invocationName).toBe("rustpunt");
      const names = lm.intents.map((i) => i.name);
      for (const builtin of BUILTIN_INTENTS) expect(names, locale).toContain(builtin);
      const start = lm.intents.find((i) => i.name === "StartExerciseIntent")!;
      expect(start.samples.length, locale).toBeGreaterThanOrEqual(20);
      expect(start.slots?.map((s) => `${s.name}:${s.type}`)).toEqual(["exercise:EXERCISE", "length:LENGTH", "minutes:AMAZON.NUMBER", "ending:ENDING"]);
      const all = lm.intents.flatMap((i) => i.samples);
      expect(new Set(all.map((s) => s.toLowerCase())).size, `${locale}: a sample in two intents`).toBe(all.length);
      for (const s of all) expect(s, locale).not.toMatch(/\d/);
    }
  });

  it("take the exercise slot values and synonyms from the scripts", async () => {
    const model = JSON.parse(await committed("nl-NL")) as InteractionModel;
    const exercise = model.interactionModel.languageModel.types.find((t) => t.name === "EXERCISE")!;
    const ids = scripts.filter((s) => s.script.kind === "exercise" && s.script.locale === "nl-NL").map((s) => s.script.id);
    expect(exercise.values.map((v) => v.id).sort()).toEqual([...ids].sort());
    const words = exercise.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]);
    for (const w of ["ademhaling", "adem", "ademhalingsoefening", "buikademhaling", "bodyscan", "lichaamsscan", "visualisatie", "fantasiereis", "spierontspanning", "spieren ontspannen"]) {
      expect(words).toContain(w);
    }
  });

  it("refuse samples Alexa would reject, naming the grammar file", () => {
    const { grammar } = GRAMMARS["nl-NL"];
    const original = grammar.intents.Tip!;
    try {
      grammar.intents.Tip = [...original, "geef me 2 tips"];
      expect(() => buildModel("nl-NL", scripts)).toThrow(ModelError);
      expect(() => buildModel("nl-NL", scripts)).toThrow(/grammar-nl\.ts: Tip template "geef me 2 tips"/);
      grammar.intents.Tip = [...original, "welke oefeningen zijn er"];
      expect(() => buildModel("nl-NL", scripts)).toThrow(/both ListExercisesIntent and TipIntent/);
      grammar.intents.Tip = [...original, "een tip over {exercise}"];
      expect(() => buildModel("nl-NL", scripts)).toThrow(/uses \{exercise\}, which Tip does not have/);
      grammar.intents.Tip = [...original, "(een|twee tip"];
      expect(() => buildModel("nl-NL", scripts)).toThrow(/grammar-nl\.ts: Tip: "\(een\|twee tip": missing \)/);
    } finally {
      grammar.intents.Tip = original;
    }
  });

  it("are generated from the grammar: every sentence of a template is a sample, within the size budget", async () => {
    const model = JSON.parse(await committed("nl-NL")) as InteractionModel;
    const start = model.interactionModel.languageModel.intents.find((i) => i.name === "StartExerciseIntent")!;
    // "(doe|start) <soft> <np-short>" and "(doe|start) <np>" give these, with the slots in any order.
    expect(start.samples).toContain("doe maar even de {length} {exercise} {ending}");
    expect(start.samples).toContain("start nog een keer de {exercise} {length}");
    expect(start.samples).toContain("start {ending} de {exercise}");
    expect(start.samples).toContain("de {exercise} te beginnen");
    for (const intent of model.interactionModel.languageModel.intents) expect(intent.samples.length, intent.name).toBeLessThanOrEqual(2000);
    const ending = model.interactionModel.languageModel.types.find((t) => t.name === "ENDING")!;
    const sleep = ending.values.find((v) => v.id === "sleep")!;
    for (const s of ["voor het slapen", "om in slaap te vallen", "voor het slapengaan", "voor het slapen gaan"]) expect(sleep.name.synonyms).toContain(s);
  });
});

describe("skill manifest", () => {
  it("declares the audio player and name-free routing, both locales, the health category and only the reminders permission", async () => {
    const { manifest } = JSON.parse(await readFile(SKILL_MANIFEST_FILE, "utf8"));
    expect(manifest.apis.custom.interfaces).toEqual([{ type: "AUDIO_PLAYER" }, { type: "CAN_FULFILL_INTENT_REQUEST" }]);
    expect(typeof manifest.apis.custom.endpoint.uri).toBe("string");
    expect(manifest.publishingInformation.category).toBe("HEALTH_AND_FITNESS");
    expect(manifest.permissions).toEqual([{ name: "alexa::alerts:reminders:skill:readwrite" }]); // issue 17
    for (const locale of LOCALES) {
      const info = manifest.publishingInformation.locales[locale];
      expect(info.name).toBe("Rustpunt");
      expect(info.examplePhrases.length).toBeGreaterThan(0);
      expect(manifest.privacyAndCompliance.locales[locale].privacyPolicyUrl).toMatch(/^https:\/\//);
    }
  });

  it("takes privacy and terms URLs from arguments, per-locale and shared variables, in that order", () => {
    const urls = legalUrls(
      { PRIVACY_POLICY_URL: "https://a.example/p", PRIVACY_POLICY_URL_EN_US: "https://a.example/en/p", TERMS_OF_USE_URL: "https://a.example/t" },
      {},
      {},
    );
    expect(urls["nl-NL"]).toEqual({ privacyPolicyUrl: "https://a.example/p", termsOfUseUrl: "https://a.example/t" });
    expect(urls["en-US"].privacyPolicyUrl).toBe("https://a.example/en/p");
    expect(legalUrls({}, { termsUrl: "https://b.example/t" }, {})["nl-NL"].termsOfUseUrl).toBe("https://b.example/t");
    expect(() => legalUrls({ PRIVACY_POLICY_URL: "http://insecure.example/p" }, {}, {})).toThrow(/must be an https:\/\/ address/);
  });
});

describe("Alexa configuration", () => {
  const base = { AUDIO_BASE_URL: "https://cdn.example/", ALEXA_SKILL_ID: "amzn1.ask.skill.1234-abcd" };

  it("requires the skill ID in Lambda and HTTPS audio, naming each variable", () => {
    expect(() => readAlexaConfig({ AUDIO_BASE_URL: base.AUDIO_BASE_URL }, { requireSkillId: true })).toThrow(/ALEXA_SKILL_ID is not set/);
    expect(() => readAlexaConfig({ ...base, AUDIO_BASE_URL: "http://cdn.example/" }, { requireSkillId: true })).toThrow(/AUDIO_BASE_URL .* must use https/);
    expect(() => readAlexaConfig({ ALEXA_SKILL_ID: base.ALEXA_SKILL_ID }, { requireSkillId: true })).toThrow(/AUDIO_BASE_URL is not set/);
    expect(() => readAlexaConfig({ ...base, ALEXA_SKILL_ID: "my-skill" }, { requireSkillId: true })).toThrow(/not a skill ID/);
  });

  it("reads a valid environment; the local server may serve audio over http on localhost only", () => {
    const config = readAlexaConfig({ ...base, TABLE_NAME: "state", CATALOG_FILE: "skill-catalog.json" }, { requireSkillId: true });
    expect(config).toMatchObject({ skillId: base.ALEXA_SKILL_ID, audioBaseUrl: base.AUDIO_BASE_URL, tableName: "state" });
    const local = readAlexaConfig({}, { requireSkillId: false, defaultAudioBaseUrl: "http://localhost:3000/audio/", allowLocalHttp: true });
    expect(local.audioBaseUrl).toBe("http://localhost:3000/audio/");
    expect(local.tableName).toBeUndefined();
    expect(() => readAlexaConfig({ AUDIO_BASE_URL: "http://example.com/" }, { requireSkillId: false, allowLocalHttp: true })).toThrow(/https/);
  });
});
