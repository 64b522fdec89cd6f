// Expands a script's steps for one variant into a flat plan: speech with known durations and
// silences with a minimum and a maximum. build-timeline.ts then stretches and lays it out.
import type { BreatheStep, ExerciseScript, Step, TenseStep, Variant } from "../model/script-schema.js";
import type { BreathPhase, SilenceEvent, SpeechDuration, SpeechEvent, SpeechRate } from "./timeline-types.js";

/** Silence between two consecutive sentences so they do not run together. */
export const GAP_MS = 700;
/** After "let go", a moment of quiet before the notice line is spoken. */
export const NOTICE_LEAD_MS = 1500;

export type PlannedSpeech = Omit<SpeechEvent, "startMs">;
export interface PlannedSilence {
  kind: "silence";
  purpose: SilenceEvent["purpose"];
  chapter: number;
  minMs: number;
  /** Equal to minMs unless the silence may stretch. */
  maxMs: number;
}
export type PlanItem = PlannedSpeech | PlannedSilence;

export interface PlannedSpan {
  phase: BreathPhase;
  cycle: number;
  cue: string;
  /** Inclusive item indices the phase covers. */
  firstItem: number;
  lastItem: number;
}

export interface Plan {
  items: PlanItem[];
  chapters: { title: string; firstItem: number }[];
  spans: PlannedSpan[];
  /** Index of the sleep ending's last silence, where the fade-out may begin. */
  sleepLastSilence?: number;
}

const ms = (seconds: number) => Math.round(seconds * 1000);

export function planSteps(script: ExerciseScript, variant: Variant, speech: SpeechDuration): Plan {
  const plan: Plan = { items: [], chapters: [], spans: [] };
  const { items } = plan;
  let lastWasSpeech = false;

  const chapter = () => plan.chapters.length - 1;
  const ensureChapter = () => {
    if (plan.chapters.length === 0) plan.chapters.push({ title: script.title, firstItem: items.length });
  };
  const silence = (purpose: SilenceEvent["purpose"], minMs: number, maxMs = minMs) => {
    if (maxMs <= 0) return;
    items.push({ kind: "silence", purpose, chapter: chapter(), minMs: Math.max(0, minMs), maxMs });
    lastWasSpeech = false;
  };
  /** Speech that may follow other speech gets a natural gap; breathing cues do not (phases are exact). */
  const separate = () => {
    if (lastWasSpeech) silence("gap", GAP_MS);
  };
  const say = (text: string, rate: SpeechRate, cue?: PlannedSpeech["cue"]) => {
    const durationMs = Math.max(1, Math.round(speech(text, rate)));
    items.push({ kind: "speech", text, rate, chapter: chapter(), durationMs, ...(cue ? { cue } : {}) });
    lastWasSpeech = true;
    return durationMs;
  };

  const breathe = (b: BreatheStep["breathe"], rate: SpeechRate) => {
    const cycles = typeof b.cycles === "number" ? b.cycles : b.cycles[variant.length];
    const spoken = b.spokenCycles ?? cycles;
    const phases: { phase: BreathPhase; base: number; end: number; cue: string }[] = [
      { phase: "inhale", base: b.inhale, end: b.ramp?.inhale ?? b.inhale, cue: b.cues.inhale },
    ];
    if (b.hold !== undefined) {
      phases.push({ phase: "hold", base: b.hold, end: b.ramp?.hold ?? b.hold, cue: b.cues.hold ?? "" });
    }
    phases.push({ phase: "exhale", base: b.exhale, end: b.ramp?.exhale ?? b.exhale, cue: b.cues.exhale });
    for (let cycle = 1; cycle <= cycles; cycle++) {
      // Linear ramp: the first cycle uses the base lengths, the last the ramp's.
      const t = cycles === 1 ? 0 : (cycle - 1) / (cycles - 1);
      for (const p of phases) {
        const phaseMs = ms(p.base + (p.end - p.base) * t);
        const firstItem = items.length;
        const cueMs = cycle <= spoken ? say(p.cue, rate, p.phase) : 0;
        if (phaseMs > cueMs) silence(p.phase, phaseMs - cueMs);
        plan.spans.push({ phase: p.phase, cycle, cue: p.cue, firstItem, lastItem: items.length - 1 });
      }
    }
  };

  const tense = (t: TenseStep["tense"], rate: SpeechRate) => {
    say(t.instruction, rate, "tense");
    silence("tense", ms(t.hold));
    say(t.release, rate, "release");
    // The rest counts from the release: the notice is spoken inside it, not added to it.
    let used = 0;
    if (t.notice !== undefined) {
      const noticeMs = speech(t.notice, rate);
      const lead = Math.min(NOTICE_LEAD_MS, Math.max(0, ms(t.rest) - Math.round(noticeMs)));
      silence("rest", lead);
      used = lead + say(t.notice, rate);
    }
    silence("rest", ms(t.rest) - used, ms(t.restMax ?? t.rest) - used);
  };

  const run = (steps: readonly Step[], forceSlow: boolean) => {
    for (const step of steps) {
      if (step.only !== undefined && step.only !== variant.length) continue;
      if ("chapter" in step) {
        separate();
        plan.chapters.push({ title: step.chapter, firstItem: items.length });
        lastWasSpeech = false;
        continue;
      }
      ensureChapter();
      if ("say" in step) {
        separate();
        say(step.say, forceSlow || step.slow ? "slow" : "normal");
      } else if ("pause" in step) {
        silence("pause", ms(step.pause), ms(step.max ?? step.pause));
      } else if ("breathe" in step) {
        separate();
        breathe(step.breathe, forceSlow ? "slow" : "normal");
      } else {
        separate();
        tense(step.tense, forceSlow ? "slow" : "normal");
      }
    }
  };

  run(script.steps, false);
  const endingStart = items.length;
  run(script.endings[variant.ending], variant.ending === "sleep");
  ensureChapter();

  if (variant.ending === "sleep") {
    for (let i = items.length - 1; i >= endingStart; i--) {
      if (items[i]?.kind === "silence") {
        plan.sleepLastSilence = i;
        break;
      }
    }
    const last = items[items.length - 1];
    // The track ends in the sleep ending's final pause: mark it so the audio builder can treat it as the outro.
    if (last?.kind === "silence" && last.purpose === "pause") last.purpose = "outro";
  }
  return plan;
}
