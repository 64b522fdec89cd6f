// Pacing checks a writer can act on: each problem names the schema path and what to change.
import { ALL_VARIANTS, type ExerciseScript, type Step } from "../model/script-schema.js";
import { buildTimeline } from "./build-timeline.js";
import type { SpeechDuration, SpeechRate } from "./timeline-types.js";

export interface PacingProblem {
  path: (string | number)[];
  message: string;
}

/** No track is longer: past this a script is a mistake (a pause of 300 s repeated), not a relaxation exercise. */
export const MAX_TRACK_MS = 45 * 60_000;

/** How far a variant may miss its target length. */
export const TARGET_TOLERANCE = 0.1;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

export function checkPacing(script: ExerciseScript, speech: SpeechDuration): PacingProblem[] {
  const problems: PacingProblem[] = [
    ...checkSteps(script.steps, ["steps"], "normal", speech),
    ...checkSteps(script.endings.wake, ["endings", "wake"], "normal", speech),
    ...checkSteps(script.endings.sleep, ["endings", "sleep"], "slow", speech),
  ];

  for (const variant of ALL_VARIANTS) {
    const targetMs = script.targetSeconds[variant.length] * 1000;
    const { durationMs } = buildTimeline(script, variant, speech);
    if (durationMs > MAX_TRACK_MS) {
      problems.push({
        path: ["targetSeconds", variant.length],
        message: `the ${variant.length} variant with the ${variant.ending} ending lasts ${clock(durationMs)}; a track lasts at most ${clock(MAX_TRACK_MS)}: shorten pauses, texts or breathing cycles`,
      });
      continue;
    }
    const off = (durationMs - targetMs) / targetMs;
    if (Math.abs(off) <= TARGET_TOLERANCE) continue;
    const percent = Math.round(Math.abs(off) * 100);
    const fix =
      off < 0
        ? variant.length === "long"
          ? "add stretchable pauses (`max`) or long-only steps (`only: long`)"
          : "add pauses or raise the `max` of stretchable pauses"
        : variant.length === "short"
          ? "shorten pauses or texts, or mark steps `only: long`"
          : "shorten pauses, texts or breathing cycles";
    problems.push({
      path: ["targetSeconds", variant.length],
      message:
        `the ${variant.length} variant with the ${variant.ending} ending lasts ${clock(durationMs)}, ` +
        `${percent} % ${off < 0 ? "under" : "over"} its target of ${clock(targetMs)} (allowed ±${TARGET_TOLERANCE * 100} %): ${fix}`,
    });
  }
  return problems;
}

function checkSteps(steps: readonly Step[], base: (string | number)[], rate: SpeechRate, speech: SpeechDuration): PacingProblem[] {
  const problems: PacingProblem[] = [];
  steps.forEach((step, i) => {
    if ("breathe" in step) {
      const b = step.breathe;
      const phases = [
        { phase: "inhale", cue: b.cues.inhale, base: b.inhale, ramp: b.ramp?.inhale },
        { phase: "hold", cue: b.cues.hold, base: b.hold, ramp: b.ramp?.hold },
        { phase: "exhale", cue: b.cues.exhale, base: b.exhale, ramp: b.ramp?.exhale },
      ] as const;
      for (const p of phases) {
        if (p.base === undefined || p.cue === undefined) continue;
        // Over a ramp the shortest phase is at one end; both ends must hold the cue.
        const shortestMs = Math.min(p.base, p.ramp ?? p.base) * 1000;
        const cueMs = speech(p.cue, rate);
        if (cueMs > shortestMs) {
          problems.push({
            path: [...base, i, "breathe", p.phase],
            message:
              `the cue "${p.cue}" takes about ${seconds(cueMs)} but the ${p.phase} lasts ${seconds(shortestMs)}: ` +
              `use a shorter cue or a longer ${p.phase}`,
          });
        }
      }
    } else if ("tense" in step && step.tense.notice !== undefined) {
      const noticeMs = speech(step.tense.notice, rate);
      if (noticeMs > step.tense.rest * 1000) {
        problems.push({
          path: [...base, i, "tense", "rest"],
          message:
            `the notice "${step.tense.notice}" takes about ${seconds(noticeMs)}, longer than the ${seconds(step.tense.rest * 1000)} rest: ` +
            `lengthen \`rest\` or shorten \`notice\``,
        });
      }
    }
  });
  return problems;
}
