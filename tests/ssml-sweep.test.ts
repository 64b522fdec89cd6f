// Every SSML document from every shipped script and variant must pass ssml-check-core.
import { check } from "ssml-check-core";
import { describe, expect, it } from "vitest";
import { loadScriptsOrThrow, type LoadedScript } from "../audio-builder/model/load-scripts.js";
import { ALL_VARIANTS, type ExerciseScript, type InfoScript } from "../audio-builder/model/script-schema.js";
import { ASSISTANT_MAX_CHARS as ALEXA_MAX_CHARS } from "../audio-builder/ssml/render-assistant.js";
import { AZURE_MAX_BYTES } from "../audio-builder/ssml/render-azure.js";
import { renderInfoSsml } from "../audio-builder/ssml/render-info.js";
import { renderSsml } from "../audio-builder/ssml/render-ssml.js";
import { buildTimeline } from "../audio-builder/timeline/build-timeline.js";
import { estimateSpeech } from "../audio-builder/timeline/estimate-speech.js";
import { spokenTexts } from "./ssml-helpers.js";

const PLATFORMS = [
  { target: "alexa", platform: "amazon" },
  { target: "google", platform: "google" },
] as const;

const scripts: LoadedScript[] = await loadScriptsOrThrow("scripts");
const exercises = scripts.filter((s): s is LoadedScript<ExerciseScript> => s.script.kind === "exercise");
const infos = scripts.filter((s): s is LoadedScript<InfoScript> => s.script.kind === "info");

async function expectValid(docs: string[], platform: "amazon" | "google", where: string) {
  expect(docs.length, where).toBeGreaterThan(0);
  for (const [i, doc] of docs.entries()) {
    const errors = await check(doc, { platform });
    expect(errors, `${where} document ${i + 1}: ${JSON.stringify(errors)}`).toBeUndefined();
  }
}

describe("SSML sweep over the shipped scripts", () => {
  it("has scripts to sweep (so it cannot pass vacuously)", () => {
    expect(exercises.length).toBeGreaterThan(0);
    expect(infos.length).toBeGreaterThan(0);
  });

  it("uses a checker that really rejects bad SSML", async () => {
    expect(await check('<speak>a & b<break time="20s"/></speak>', { platform: "amazon" })).toBeDefined();
    expect(await check('<speak><prosody rate="-10%">a</prosody></speak>', { platform: "google" })).toBeDefined();
  });

  for (const { file, script } of exercises) {
    const speech = estimateSpeech(script.locale);
    for (const variant of ALL_VARIANTS) {
      const timeline = buildTimeline(script, variant, speech);
      const spoken = timeline.events.flatMap((e) => (e.kind === "speech" ? [e.text] : []));
      for (const { target, platform } of PLATFORMS) {
        it(`${file} ${variant.length}/${variant.ending} → ${target}`, async () => {
          const docs = renderSsml(timeline, target);
          await expectValid(docs, platform, `${file} ${variant.length}/${variant.ending} ${target}`);
          for (const doc of docs) expect(doc.length).toBeLessThanOrEqual(ALEXA_MAX_CHARS);
          expect(docs.flatMap(spokenTexts)).toEqual(spoken);
        });
      }
      it(`${file} ${variant.length}/${variant.ending} → azure fits its requests`, () => {
        const docs = renderSsml(timeline, "azure");
        for (const doc of docs) {
          expect(Buffer.byteLength(doc, "utf8")).toBeLessThanOrEqual(AZURE_MAX_BYTES);
          expect(doc).toContain(`xml:lang="${script.locale}"`);
        }
        expect(docs.flatMap(spokenTexts)).toEqual(spoken);
      });
    }
  }

  for (const { file, script } of infos) {
    for (const { target, platform } of PLATFORMS) {
      it(`${file} info → ${target}`, async () => {
        const { whole, items } = renderInfoSsml(script, target);
        await expectValid([whole], platform, `${file} ${target} whole`);
        await expectValid(items, platform, `${file} ${target} items`);
        expect(items).toHaveLength(script.items.length);
      });
    }
  }
});
