// The eyes-closed breathing aid: a soft sine under the silent part of each inhale (pitch rising,
// like a chest filling) and exhale (pitch falling), so a listener can follow the rhythm without
// words. It fades in and out with a raised cosine so it never clicks or startles.
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import { raisedCosine } from "./sample-clock.js";

export const BREATH_TONE_LOW_HZ = 220;
export const BREATH_TONE_HIGH_HZ = 330;
const MAX_FADE_S = 0.6;

/**
 * Adds a glide into `out[start, start+length)` with the given RMS level (linear).
 * The glide is exponential in frequency, which the ear hears as an even rise or fall.
 */
export function addBreathTone(out: Float32Array, start: number, length: number, direction: "rise" | "fall", rms: number): void {
  if (length <= 1 || rms <= 0) return;
  const [from, to] = direction === "rise" ? [BREATH_TONE_LOW_HZ, BREATH_TONE_HIGH_HZ] : [BREATH_TONE_HIGH_HZ, BREATH_TONE_LOW_HZ];
  const fade = Math.min(Math.round(MAX_FADE_S * PIPELINE_SAMPLE_RATE), Math.floor(length / 3));
  const amplitude = rms * Math.SQRT2;
  const step = Math.pow(to / from, 1 / (length - 1));
  let increment = (2 * Math.PI * from) / PIPELINE_SAMPLE_RATE;
  let phase = 0;
  const ramp = fadeRamp(fade);
  for (let i = 0; i < length; i++) {
    phase += increment;
    increment *= step;
    const edge = Math.min(i, length - 1 - i);
    const envelope = edge < fade ? ramp[edge]! : 1;
    out[start + i]! += amplitude * envelope * Math.sin(phase);
  }
}

/** The last fade's ramp: most tones are long enough for the full fade, so they share one. */
let lastRamp = new Float64Array(0);

/** raisedCosine(edge / fade) for every edge < fade: fade-in and fade-out read the same values. */
function fadeRamp(fade: number): Float64Array {
  if (lastRamp.length !== fade) {
    lastRamp = new Float64Array(fade);
    for (let edge = 0; edge < fade; edge++) lastRamp[edge] = raisedCosine(edge / fade);
  }
  return lastRamp;
}
