// Engines pad speech with silence of their own (espeak ~100 ms or more at the end, neural
// voices a little at both ends). The timeline owns every pause, so each segment is cut to
// a small, fixed margin around what is audible.
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";

/** Kept on each side so that soft onsets and word endings are not clipped. */
export const EDGE_SILENCE_MS = 30;
/** About -44 dBFS: below any speech onset, above the engines' dither and rounding noise. */
const AUDIBLE = 200;

/**
 * Returns the audible part of `samples` with exactly EDGE_SILENCE_MS of silence on each side,
 * or undefined when nothing is audible.
 */
export function trimToSpeech(samples: Int16Array, sampleRate = PIPELINE_SAMPLE_RATE): Int16Array | undefined {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < AUDIBLE) first++;
  if (first === samples.length) return undefined;
  let last = samples.length - 1;
  while (Math.abs(samples[last]!) < AUDIBLE) last--;

  const margin = Math.round((EDGE_SILENCE_MS * sampleRate) / 1000);
  const out = new Int16Array(margin + (last - first + 1) + margin);
  // Keep the engine's own quiet lead-in and tail where it has them; pad with zeros where not.
  const leadFrom = Math.max(0, first - margin);
  out.set(samples.subarray(leadFrom, first), margin - (first - leadFrom));
  const tailTo = Math.min(samples.length, last + 1 + margin);
  out.set(samples.subarray(first, tailTo), margin);
  return out;
}
