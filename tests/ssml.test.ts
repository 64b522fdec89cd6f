import { check } from "ssml-check-core";
import { describe, expect, it } from "vitest";
import { infoScript, type Locale, type Variant } from "../audio-builder/model/script-schema.js";
import { ASSISTANT_MAX_CHARS as ALEXA_MAX_CHARS } from "../audio-builder/ssml/render-assistant.js";
import { AZURE_MAX_BREAK_MS } from "../audio-builder/ssml/render-azure.js";
import { renderInfoSsml } from "../audio-builder/ssml/render-info.js";
import { renderSsml } from "../audio-builder/ssml/render-ssml.js";
import { splitBreak } from "../audio-builder/ssml/split-break.js";
import { escapeXml } from "../audio-builder/ssml/ssml-escape.js";
import { buildTimeline } from "../audio-builder/timeline/build-timeline.js";
import type { SpeechDuration } from "../audio-builder/timeline/timeline-types.js";
import { breakDurations, spokenTexts } from "./ssml-helpers.js";
import { exerciseFixture } from "./helpers/exercise-fixture.js";

const speech: SpeechDuration = (text, rate) => text.length * (rate === "slow" ? 80 : 60);
const wakeShort: Variant = { length: "short", ending: "wake" };

const render = (steps: unknown[], target: "alexa" | "google" | "azure", locale: Locale = "nl-NL", variant = wakeShort) =>
  renderSsml(buildTimeline(exerciseFixture(steps, { locale }), variant, speech), target);

describe("escapeXml", () => {
  it.each([
    ["Rust & stilte", "Rust &amp; stilte"],
    ["a < b > c", "a &lt; b &gt; c"],
    ['Zeg "in"', "Zeg &quot;in&quot;"],
    ["Let's go", "Let&apos;s go"],
    ["&amp;", "&amp;amp;"],
    ["gewoon tekst", "gewoon tekst"],
  ])("%j → %j", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });

  it.each(["alexa", "google"] as const)("%s: text with & < \" stays valid SSML and reads back unchanged", async (target) => {
    const text = `Rust & "kalmte" <nu>, it's fine.`;
    const [doc] = render([{ say: text }], target);
    expect(doc).toContain("Rust &amp; &quot;kalmte&quot; &lt;nu&gt;, it&apos;s fine.");
    expect(spokenTexts(doc!)).toContain(text);
    expect(await check(doc!, { platform: target === "alexa" ? "amazon" : "google" })).toBeUndefined();
  });
});

describe("break splitting", () => {
  it.each([
    { ms: 25_000, max: 10_000, parts: [10_000, 10_000, 5_000] },
    { ms: 25_000, max: 5_000, parts: [5_000, 5_000, 5_000, 5_000, 5_000] },
    { ms: 10_000, max: 10_000, parts: [10_000] },
    { ms: 10_001, max: 10_000, parts: [10_000, 1] },
    { ms: 700, max: 5_000, parts: [700] },
    { ms: 0, max: 10_000, parts: [] },
  ])("$ms ms with max $max → $parts", ({ ms, max, parts }) => {
    expect(splitBreak(ms, max)).toEqual(parts);
  });

  it.each([
    { target: "alexa" as const, breaks: [10_000, 10_000, 5_000] },
    { target: "google" as const, breaks: [10_000, 10_000, 5_000] },
    { target: "azure" as const, breaks: [5_000, 5_000, 5_000, 5_000, 5_000] },
  ])("$target renders a 25 s pause as $breaks", ({ target, breaks }) => {
    const [doc] = render([{ say: "Een." }, { pause: 25 }, { say: "Twee." }], target);
    const found = breakDurations(doc!);
    expect(found.slice(0, breaks.length)).toEqual(breaks);
  });

  it("merges adjacent silences before splitting: the total silence survives rendering", () => {
    const timeline = buildTimeline(
      exerciseFixture([{ say: "Adem." }, { breathe: { inhale: 4, exhale: 6, cycles: 2, cues: { inhale: "In", exhale: "Uit" } } }, { pause: 12 }]),
      wakeShort,
      speech,
    );
    const silenceMs = timeline.events.reduce((s, e) => s + (e.kind === "silence" ? e.durationMs : 0), 0);
    for (const target of ["alexa", "google", "azure"] as const) {
      const docs = renderSsml(timeline, target);
      expect(docs.flatMap(breakDurations).reduce((a, b) => a + b, 0)).toBe(silenceMs);
    }
  });
});

describe("rates and voices", () => {
  it.each(["alexa", "google"] as const)("%s: slow lines use <prosody rate=\"slow\">", async (target) => {
    const docs = render([{ say: "Gewoon." }, { say: "Langzaam.", slow: true }], target);
    expect(docs[0]).toContain('<prosody rate="slow"><s>Langzaam.</s></prosody>');
    expect(docs[0]).toContain("<s>Gewoon.</s>");
    expect(await check(docs[0]!, { platform: target === "alexa" ? "amazon" : "google" })).toBeUndefined();
  });

  it.each([
    { locale: "nl-NL" as const, voice: "nl-NL-FennaNeural" },
    { locale: "en-US" as const, voice: "en-US-JennyNeural" },
  ])("azure $locale: speak with version, namespace, xml:lang, <voice name=\"$voice\">, calm rate, breaks ≤ 5 s", ({ locale, voice }) => {
    const [doc] = render([{ say: "Hallo." }, { pause: 12 }, { say: "Langzaam.", slow: true }], "azure", locale);
    expect(doc).toMatch(new RegExp(`^<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${locale}"><voice name="${voice}">`));
    expect(doc).toMatch(/<\/voice><\/speak>$/);
    expect(doc).toContain('<prosody rate="-10%">Hallo.</prosody>');
    expect(doc).toContain('<prosody rate="-25%">Langzaam.</prosody>');
    expect(Math.max(...breakDurations(doc!))).toBeLessThanOrEqual(AZURE_MAX_BREAK_MS);
  });
});

describe("Alexa chunking", () => {
  // Long enough to need several responses: 6 chapters of 12 long sentences with pauses.
  const sentence = (c: number, i: number) =>
    `Hoofdstuk ${c}, zin ${i}: laat je schouders zakken & voel hoe je adem "vanzelf" gaat, rustig en zacht, zonder haast.`;
  const steps = Array.from({ length: 6 }, (_, c) => [
    { chapter: `Deel ${c + 1}` },
    ...Array.from({ length: 12 }, (_, i) => [{ say: sentence(c + 1, i + 1) }, { pause: 15 }]).flat(),
  ]).flat();
  const timeline = buildTimeline(exerciseFixture(steps), wakeShort, speech);
  const docs = renderSsml(timeline, "alexa");
  const spokenEvents = timeline.events.flatMap((e) => (e.kind === "speech" ? [e.text] : []));

  it("needs several documents, each at most 8,000 characters", () => {
    expect(docs.length).toBeGreaterThan(1);
    for (const doc of docs) expect(doc.length).toBeLessThanOrEqual(ALEXA_MAX_CHARS);
  });

  it("each chunk is a complete, valid <speak> document", async () => {
    for (const doc of docs) {
      expect(doc.startsWith("<speak>") && doc.endsWith("</speak>")).toBe(true);
      expect(doc.match(/<speak>/g)).toHaveLength(1);
      expect(await check(doc, { platform: "amazon" })).toBeUndefined();
    }
  });

  it("no event is lost or duplicated, and the order is kept", () => {
    expect(docs.flatMap(spokenTexts)).toEqual(spokenEvents);
    const silenceMs = timeline.events.reduce((s, e) => s + (e.kind === "silence" ? e.durationMs : 0), 0);
    expect(docs.flatMap(breakDurations).reduce((a, b) => a + b, 0)).toBe(silenceMs);
  });

  it("cuts at chapter boundaries when chapters fit", () => {
    const chapterFirsts = new Set(
      timeline.chapters.map((_, i) => timeline.events.find((e) => e.chapter === i && e.kind === "speech")),
    );
    const firstTexts = new Set([...chapterFirsts].flatMap((e) => (e?.kind === "speech" ? [e.text] : [])));
    for (const doc of docs) expect(firstTexts.has(spokenTexts(doc)[0]!)).toBe(true);
  });

  it("cuts inside a chapter, between events, when one chapter is too big", () => {
    const big = [{ chapter: "Groot" }, ...Array.from({ length: 80 }, (_, i) => [{ say: sentence(1, i) }, { pause: 3 }]).flat()];
    const t = buildTimeline(exerciseFixture(big), wakeShort, speech);
    const out = renderSsml(t, "alexa");
    expect(out.length).toBeGreaterThan(1);
    for (const doc of out) expect(doc.length).toBeLessThanOrEqual(ALEXA_MAX_CHARS);
    expect(out.flatMap(spokenTexts)).toEqual(t.events.flatMap((e) => (e.kind === "speech" ? [e.text] : [])));
  });
});

describe("info SSML", () => {
  const info = infoScript.parse({
    id: "tips",
    locale: "nl-NL",
    kind: "info",
    title: "Tips",
    description: "Zes tips.",
    source: "001_c5325292d2bedfb0.txt",
    intro: "Hier zijn drie tips.",
    items: [
      { title: "Beweeg", text: "Wandel elke dag & geniet." },
      { title: "Slaap", text: "Ga op tijd naar bed." },
      { title: "Praat", text: 'Zeg "nee" als het te veel wordt.' },
    ],
    outro: "Succes!",
  });

  it.each(["alexa", "google"] as const)("%s: intro, items with short pauses, outro; one document per item; all valid", async (target) => {
    const { whole, items } = renderInfoSsml(info, target);
    expect(spokenTexts(whole)).toEqual([
      "Hier zijn drie tips.", "Beweeg", "Wandel elke dag & geniet.", "Slaap", "Ga op tijd naar bed.", "Praat", 'Zeg "nee" als het te veel wordt.', "Succes!",
    ]);
    expect(breakDurations(whole).length).toBeGreaterThanOrEqual(6);
    expect(items.map(spokenTexts)).toEqual([
      ["Beweeg", "Wandel elke dag & geniet."],
      ["Slaap", "Ga op tijd naar bed."],
      ["Praat", 'Zeg "nee" als het te veel wordt.'],
    ]);
    const platform = target === "alexa" ? "amazon" : "google";
    for (const doc of [whole, ...items]) expect(await check(doc, { platform })).toBeUndefined();
  });

  it("azure: info uses the locale's voice", () => {
    expect(renderInfoSsml(info, "azure").whole).toContain('<voice name="nl-NL-FennaNeural">');
  });
});
