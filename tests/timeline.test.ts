import { describe, expect, it } from "vitest";
import type { Variant } from "../audio-builder/model/script-schema.js";
import { buildTimeline } from "../audio-builder/timeline/build-timeline.js";
import { checkPacing } from "../audio-builder/timeline/check-pacing.js";
import { estimateSpeech } from "../audio-builder/timeline/estimate-speech.js";
import { GAP_MS, NOTICE_LEAD_MS } from "../audio-builder/timeline/plan-steps.js";
import type { SpeechDuration, Timeline } from "../audio-builder/timeline/timeline-types.js";
import { exerciseFixture } from "./helpers/exercise-fixture.js";

/** 100 ms per character (150 slow): easy to reason about in expectations. */
const speech: SpeechDuration = (text, rate) => text.length * (rate === "slow" ? 150 : 100);

const wakeShort: Variant = { length: "short", ending: "wake" };

function expectBackToBack(t: Timeline) {
  let clock = 0;
  for (const e of t.events) {
    expect(e.startMs).toBe(clock);
    expect(Number.isInteger(e.durationMs)).toBe(true);
    expect(e.durationMs).toBeGreaterThan(0);
    clock += e.durationMs;
  }
  expect(t.durationMs).toBe(clock);
}

const cycleLengths = (t: Timeline) => {
  const byCycle = new Map<number, number>();
  for (const b of t.breaths) byCycle.set(b.cycle, (byCycle.get(b.cycle) ?? 0) + b.durationMs);
  return [...byCycle.values()];
};

describe("breathing cycles", () => {
  it.each([
    { name: "4/6 short cues", inhale: 4, exhale: 6, hold: undefined, cues: { inhale: "In", exhale: "Uit" }, cycleMs: 10_000 },
    { name: "4/6 long cues", inhale: 4, exhale: 6, hold: undefined, cues: { inhale: "Adem rustig in", exhale: "En adem weer uit" }, cycleMs: 10_000 },
    { name: "4/2/6 with hold", inhale: 4, exhale: 6, hold: 2, cues: { inhale: "In", hold: "Vast", exhale: "Uit" }, cycleMs: 12_000 },
    { name: "3.5/5.5 fractional", inhale: 3.5, exhale: 5.5, hold: undefined, cues: { inhale: "In", exhale: "Uit" }, cycleMs: 9_000 },
  ])("$name: every cycle lasts exactly $cycleMs ms whatever the cue length", ({ inhale, exhale, hold, cues, cycleMs }) => {
    const t = buildTimeline(exerciseFixture([{ breathe: { inhale, exhale, hold, cycles: 5, cues } }]), wakeShort, speech);
    expect(cycleLengths(t)).toEqual([cycleMs, cycleMs, cycleMs, cycleMs, cycleMs]);
    const firstInhale = t.breaths.find((b) => b.phase === "inhale" && b.cycle === 1)!;
    expect(firstInhale.durationMs).toBe(inhale * 1000);
    // The cue starts the phase: it is inside the phase, not before it.
    const cue = t.events.find((e) => e.startMs === firstInhale.startMs)!;
    expect(cue).toMatchObject({ kind: "speech", cue: "inhale", text: cues.inhale });
    expectBackToBack(t);
  });

  it.each([
    { cycles: 2, expected: [[4000, 6000], [6000, 9000]] },
    { cycles: 3, expected: [[4000, 6000], [5000, 7500], [6000, 9000]] },
    { cycles: 5, expected: [[4000, 6000], [4500, 6750], [5000, 7500], [5500, 8250], [6000, 9000]] },
    { cycles: 1, expected: [[4000, 6000]] },
  ])("a ramp over $cycles cycles moves linearly from base to ramp", ({ cycles, expected }) => {
    const t = buildTimeline(
      exerciseFixture([{ breathe: { inhale: 4, exhale: 6, cycles, cues: { inhale: "In", exhale: "Uit" }, ramp: { inhale: 6, exhale: 9 } } }]),
      wakeShort,
      speech,
    );
    const phases = expected.map((_, i) =>
      ["inhale", "exhale"].map((p) => t.breaths.find((b) => b.cycle === i + 1 && b.phase === p)!.durationMs),
    );
    expect(phases).toEqual(expected);
  });

  it.each([
    { length: "short" as const, cycles: 3 },
    { length: "long" as const, cycles: 8 },
  ])("cycles per length: $length has $cycles cycles", ({ length, cycles }) => {
    const s = exerciseFixture([{ breathe: { inhale: 4, exhale: 6, cycles: { short: 3, long: 8 }, cues: { inhale: "In", exhale: "Uit" } } }]);
    const t = buildTimeline(s, { length, ending: "wake" }, speech);
    expect(cycleLengths(t)).toHaveLength(cycles);
  });

  it.each([1, 2, 4])("spokenCycles %i: cues are spoken only in the first cycles, then silence keeps the beat", (spokenCycles) => {
    const s = exerciseFixture([{ breathe: { inhale: 4, exhale: 6, cycles: 5, spokenCycles, cues: { inhale: "In", exhale: "Uit" } } }]);
    const t = buildTimeline(s, wakeShort, speech);
    const cues = t.events.filter((e) => e.kind === "speech" && e.cue !== undefined);
    expect(cues).toHaveLength(spokenCycles * 2);
    expect(cycleLengths(t)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    // Silent phases still carry their cue for captions.
    expect(t.breaths.filter((b) => b.cycle === 5).map((b) => b.cue)).toEqual(["In", "Uit"]);
    const silentPhase = t.breaths.find((b) => b.cycle === 5 && b.phase === "exhale")!;
    expect(t.events.find((e) => e.startMs === silentPhase.startMs)).toMatchObject({ kind: "silence", purpose: "exhale", durationMs: 6000 });
  });
});

describe("steps and variants", () => {
  it.each([
    { length: "short" as const, texts: ["Altijd.", "Kort.", "Open je ogen."] },
    { length: "long" as const, texts: ["Altijd.", "Lang.", "Open je ogen."] },
  ])("`only` keeps the $length steps", ({ length, texts }) => {
    const s = exerciseFixture([{ say: "Altijd." }, { say: "Kort.", only: "short" }, { say: "Lang.", only: "long" }]);
    const t = buildTimeline(s, { length, ending: "wake" }, speech);
    expect(t.events.flatMap((e) => (e.kind === "speech" ? [e.text] : []))).toEqual(texts);
  });

  it("puts a short gap between consecutive sentences but not before a pause", () => {
    const t = buildTimeline(exerciseFixture([{ say: "Een." }, { say: "Twee." }, { pause: 3 }, { say: "Drie." }]), wakeShort, speech);
    expect(t.events.map((e) => (e.kind === "speech" ? e.text : `${e.purpose}:${e.durationMs}`))).toEqual([
      "Een.", `gap:${GAP_MS}`, "Twee.", "pause:3000", "Drie.", `gap:${GAP_MS}`, "Open je ogen.",
    ]);
  });

  it("tense and release: instruction, hold, release, then a rest counted from the release with the notice inside it", () => {
    const s = exerciseFixture([{ tense: { part: "schouders", instruction: "Span aan.", hold: 5, release: "Los.", rest: 20, notice: "Voel het." } }]);
    const t = buildTimeline(s, wakeShort, speech);
    const [instruction, hold, release, lead, notice, rest] = t.events;
    expect(instruction).toMatchObject({ kind: "speech", cue: "tense", startMs: 0, durationMs: 900 });
    expect(hold).toMatchObject({ kind: "silence", purpose: "tense", startMs: 900, durationMs: 5000 });
    expect(release).toMatchObject({ kind: "speech", cue: "release", startMs: 5900, durationMs: 400 });
    expect(lead).toMatchObject({ kind: "silence", purpose: "rest", durationMs: NOTICE_LEAD_MS });
    expect(notice).toMatchObject({ kind: "speech", text: "Voel het.", durationMs: 900 });
    expect(rest).toMatchObject({ kind: "silence", purpose: "rest" });
    expect(lead!.durationMs + notice!.durationMs + rest!.durationMs).toBe(20_000);
    expectBackToBack(t);
  });

  it("sleep ending: every line slow, the track ends in its final pause, fade-out in the last 20 s", () => {
    const s = exerciseFixture([{ say: "Hallo." }], { endings: { wake: [{ say: "Wakker." }], sleep: [{ say: "Slaap." }, { breathe: { inhale: 4, exhale: 6, cycles: 1, cues: { inhale: "In", exhale: "Uit" } } }, { pause: 60 }] } });
    const t = buildTimeline(s, { length: "short", ending: "sleep" }, speech);
    const ending = t.events.filter((e) => e.kind === "speech" && e.text !== "Hallo.");
    expect(ending.every((e) => e.kind === "speech" && e.rate === "slow")).toBe(true);
    const last = t.events.at(-1)!;
    expect(last).toMatchObject({ kind: "silence", purpose: "outro", durationMs: 60_000 });
    expect(t.fadeOutStartMs).toBe(t.durationMs - 20_000);
  });

  it("sleep ending with a short final pause fades from the start of that pause", () => {
    const t = buildTimeline(exerciseFixture([{ say: "Hallo." }]), { length: "short", ending: "sleep" }, speech);
    const last = t.events.at(-1)!;
    expect(t.fadeOutStartMs).toBe(Math.max(last.startMs, t.durationMs - 20_000));
  });

  it("wake endings have no fade-out", () => {
    expect(buildTimeline(exerciseFixture([{ say: "Hallo." }]), wakeShort, speech).fadeOutStartMs).toBeUndefined();
  });
});

describe("chapters", () => {
  it.each([
    {
      name: "implicit first chapter titled with the script title",
      steps: [{ say: "Welkom." }, { chapter: "Adem" }, { say: "Adem." }],
      titles: ["Test", "Adem"],
    },
    {
      name: "script that starts with a chapter",
      steps: [{ chapter: "Begin" }, { say: "Welkom." }, { chapter: "Adem" }, { say: "Adem." }],
      titles: ["Begin", "Adem"],
    },
  ])("$name", ({ steps, titles }) => {
    const t = buildTimeline(exerciseFixture(steps), wakeShort, speech);
    expect(t.chapters.map((c) => c.title)).toEqual(titles);
    expect(t.chapters.map((c) => c.id)).toEqual(titles.map((_, i) => `c${i + 1}`));
    // Chapters tile the track, and each starts with its first event.
    expect(t.chapters[0]!.startMs).toBe(0);
    t.chapters.forEach((c, i) => {
      const next = t.chapters[i + 1];
      expect(c.startMs + c.durationMs).toBe(next ? next.startMs : t.durationMs);
      const first = t.events.find((e) => e.chapter === i)!;
      expect(first.startMs).toBe(c.startMs);
      expect(first.kind).toBe("speech");
    });
  });
});

describe("stretch to the target length", () => {
  const stretchy = (steps: unknown[], short: number, long: number) => exerciseFixture(steps, { targetSeconds: { short, long } });

  it.each([
    { name: "room enough: hits the target", steps: [{ say: "Hallo." }, { pause: 10, max: 100 }, { pause: 10, max: 40 }], short: 60, expectSeconds: 60 },
    { name: "too little room: every pause at its max", steps: [{ say: "Hallo." }, { pause: 5, max: 10 }], short: 60, expectSeconds: 0.6 + 10 + 1.3 },
    { name: "already over target: minimums kept", steps: [{ say: "Hallo." }, { pause: 90, max: 120 }], short: 60, expectSeconds: 0.6 + 90 + 1.3 },
  ])("$name", ({ steps, short, expectSeconds }) => {
    const t = buildTimeline(stretchy(steps, short, 600), wakeShort, speech);
    expect(t.durationMs).toBe(Math.round(expectSeconds * 1000));
    expectBackToBack(t);
  });

  it.each([
    { length: "short" as const, target: 90 },
    { length: "long" as const, target: 300 },
  ])("$length reaches its $target s target within ±10 %, never below min or above max", ({ length, target }) => {
    const s = stretchy(
      [
        { say: "Ga zitten." },
        { pause: 5, max: 60 },
        { tense: { part: "armen", instruction: "Span aan.", hold: 5, release: "Los.", rest: 15, restMax: 40 } },
        { say: "Lang stuk.", only: "long" },
        { pause: 20, max: 200, only: "long" },
      ],
      90,
      300,
    );
    const t = buildTimeline(s, { length, ending: "wake" }, speech);
    expect(Math.abs(t.durationMs - target * 1000) / (target * 1000)).toBeLessThanOrEqual(0.1);
    const pauses = t.events.filter((e) => e.kind === "silence" && e.purpose === "pause");
    expect(pauses[0]!.durationMs).toBeGreaterThanOrEqual(5000);
    expect(pauses[0]!.durationMs).toBeLessThanOrEqual(60_000);
    const rest = t.events.find((e) => e.kind === "silence" && e.purpose === "rest")!;
    expect(rest.durationMs).toBeGreaterThanOrEqual(15_000);
    expect(rest.durationMs).toBeLessThanOrEqual(40_000);
    expectBackToBack(t);
  });
});

describe("checkPacing", () => {
  it("flags a cue that does not fit its phase, with the schema path", () => {
    const s = exerciseFixture([{ say: "Hallo." }, { breathe: { inhale: 2, exhale: 6, cycles: 3, cues: { inhale: "Adem heel rustig en diep in", exhale: "Uit" } } }], { targetSeconds: { short: 60, long: 180 } });
    const problems = checkPacing(s, speech);
    expect(problems).toContainEqual(expect.objectContaining({ path: ["steps", 1, "breathe", "inhale"] }));
    expect(problems.find((p) => p.path[3] === "inhale")!.message).toMatch(/shorter cue or a longer inhale/);
  });

  it("flags a ramp end whose phase is too short for the cue", () => {
    const s = exerciseFixture([{ breathe: { inhale: 4, exhale: 6, ramp: { inhale: 1, exhale: 6 }, cycles: 3, cues: { inhale: "Adem diep in", exhale: "Uit" } } }]);
    expect(checkPacing(s, speech)).toContainEqual(expect.objectContaining({ path: ["steps", 0, "breathe", "inhale"] }));
  });

  it("flags a tense rest shorter than its notice", () => {
    const notice = "Voel hoe je spieren warm en zwaar worden, heel zwaar en warm, steeds zwaarder.";
    const s = exerciseFixture([{ tense: { part: "armen", instruction: "Span.", hold: 2, release: "Los.", rest: 5, notice } }]);
    expect(checkPacing(s, speech)).toContainEqual(expect.objectContaining({ path: ["steps", 0, "tense", "rest"] }));
  });

  it.each([
    { name: "too short", short: 300, long: 900, length: "short", word: "under", fix: /pauses/ },
    { name: "too long", short: 60, long: 180, length: "short", word: "over", fix: /only: long/ },
  ])("flags a variant $name against its target", ({ short, long, length, word, fix }) => {
    const s = exerciseFixture([{ say: "Hallo." }, { pause: 80 }], { targetSeconds: { short, long } });
    const p = checkPacing(s, speech).find((x) => x.path[0] === "targetSeconds" && x.path[1] === length);
    expect(p).toBeDefined();
    expect(p!.message).toContain(word);
    expect(p!.message).toMatch(fix);
  });

  it("is quiet for a well-paced script", () => {
    const s = exerciseFixture([{ say: "Hallo." }, { pause: 20, max: 200 }, { breathe: { inhale: 4, exhale: 6, cycles: 3, cues: { inhale: "In", exhale: "Uit" } } }], {
      targetSeconds: { short: 90, long: 240 },
    });
    expect(checkPacing(s, speech)).toEqual([]);
  });
});

describe("estimateSpeech", () => {
  it.each([
    { locale: "nl-NL" as const, text: "Adem rustig in door je neus.", rate: "normal" as const },
    { locale: "en-US" as const, text: "Breathe in gently through your nose.", rate: "normal" as const },
  ])("$locale: about 2.4 words a second, slower when slow, deterministic", ({ locale, text, rate }) => {
    const est = estimateSpeech(locale);
    const ms = est(text, rate);
    expect(ms).toBe(est(text, rate));
    expect(ms).toBeGreaterThan(1800);
    expect(ms).toBeLessThan(3600);
    expect(est(text, "slow")).toBeGreaterThan(ms);
    expect(est("Een. Twee. Drie.", rate)).toBeGreaterThan(est("Een twee drie", rate));
  });
});
