// Milliseconds to pipeline samples, the one rounding rule every part of the audio layer shares:
// an event from a to b ms covers samples [round(a*22.05), round(b*22.05)), so back-to-back
// events tile the track with no gap and no overlap.
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";

export function msToSamples(ms: number): number {
  return Math.round((ms * PIPELINE_SAMPLE_RATE) / 1000);
}

/** A raised-cosine ramp from 0 (x = 0) to 1 (x = 1). */
export function raisedCosine(x: number): number {
  const t = x <= 0 ? 0 : x >= 1 ? 1 : x;
  return 0.5 - 0.5 * Math.cos(Math.PI * t);
}

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}
