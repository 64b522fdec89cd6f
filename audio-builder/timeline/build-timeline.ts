// The timeline: script + variant + speech durations → speech and silence back to back, in ms.
// Pure: no I/O, same input same output.
import type { ExerciseScript, Variant } from "../model/script-schema.js";
import { planSteps, type PlanItem } from "./plan-steps.js";
import { stretchDurations } from "./stretch.js";
import type { SpeechDuration, Timeline, TimelineEvent } from "./timeline-types.js";

/** A sleep track fades out over at most its last 20 seconds. */
export const MAX_FADE_MS = 20_000;

export function buildTimeline(script: ExerciseScript, variant: Variant, speech: SpeechDuration): Timeline {
  const plan = planSteps(script, variant, speech);
  const durations = itemDurations(plan.items, script.targetSeconds[variant.length] * 1000);

  const starts: number[] = [];
  let clock = 0;
  for (const d of durations) {
    starts.push(clock);
    clock += d;
  }
  const durationMs = clock;
  const startOf = (item: number) => starts[item] ?? durationMs;

  const events: TimelineEvent[] = [];
  plan.items.forEach((item, i) => {
    const d = durations[i] ?? 0;
    if (d === 0) return; // a rest with nothing left after its notice
    if (item.kind === "speech") events.push({ ...item, startMs: startOf(i), durationMs: d });
    else events.push({ kind: "silence", purpose: item.purpose, chapter: item.chapter, startMs: startOf(i), durationMs: d });
  });

  const chapters = plan.chapters.map((c, i) => {
    const startMs = startOf(c.firstItem);
    const next = plan.chapters[i + 1];
    return { id: `c${i + 1}`, title: c.title, startMs, durationMs: (next ? startOf(next.firstItem) : durationMs) - startMs };
  });

  const breaths = plan.spans.map((s) => {
    const startMs = startOf(s.firstItem);
    return { phase: s.phase, cycle: s.cycle, cue: s.cue, startMs, durationMs: startOf(s.lastItem + 1) - startMs };
  });

  const timeline: Timeline = {
    exercise: script.id,
    locale: script.locale,
    length: variant.length,
    ending: variant.ending,
    durationMs,
    events,
    chapters,
    breaths,
  };
  if (variant.ending === "sleep") {
    const lastSilence = plan.sleepLastSilence === undefined ? 0 : startOf(plan.sleepLastSilence);
    timeline.fadeOutStartMs = Math.max(lastSilence, durationMs - MAX_FADE_MS, 0);
  }
  return timeline;
}

function itemDurations(items: readonly PlanItem[], targetMs: number): number[] {
  let fixedMs = 0;
  const stretchIndex: number[] = [];
  items.forEach((item, i) => {
    if (item.kind === "speech") fixedMs += item.durationMs;
    else if (item.maxMs > item.minMs) stretchIndex.push(i);
    else fixedMs += item.minMs;
  });
  const stretched = stretchDurations(
    fixedMs,
    stretchIndex.map((i) => {
      const s = items[i] as Extract<PlanItem, { kind: "silence" }>;
      return { minMs: s.minMs, maxMs: s.maxMs };
    }),
    targetMs,
  );
  const out = items.map((item) => (item.kind === "speech" ? item.durationMs : item.minMs));
  stretchIndex.forEach((itemIndex, k) => {
    out[itemIndex] = stretched[k] ?? 0;
  });
  return out;
}
