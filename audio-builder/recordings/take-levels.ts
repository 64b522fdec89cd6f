// Quick facts about a take's samples, shared by the save (refuse a silent take) and the page's
// warnings (clipping, mostly silence): the same thresholds on both sides.

/** A sample at or above this (of full scale) counts as clipped. */
export const CLIP_LEVEL = 0.999;
/** Frames quieter than this (dBFS RMS) count as silence: below soft speech, above a quiet room. */
export const SILENT_FRAME_DB = -45;
/** A take whose audible frames are fewer than this share is "mostly silence". */
export const MIN_AUDIBLE_SHARE = 0.15;
/** A take with fewer than this many clipped samples is not called clipped (one overshoot is harmless). */
export const MIN_CLIPPED_SAMPLES = 3;

export interface TakeLevels {
  peakDb: number;
  clippedSamples: number;
  /** Share of 20 ms frames above SILENT_FRAME_DB. */
  audibleShare: number;
}

/** `samples` as 16-bit integers. */
export function takeLevels(samples: Int16Array, sampleRate: number): TakeLevels {
  const frame = Math.max(1, Math.round(sampleRate * 0.02));
  let peak = 0;
  let clipped = 0;
  let frames = 0;
  let audible = 0;
  const gate = (10 ** (SILENT_FRAME_DB / 20) * 32768) ** 2;
  for (let start = 0; start < samples.length; start += frame) {
    const end = Math.min(samples.length, start + frame);
    let sum = 0;
    for (let i = start; i < end; i++) {
      const s = samples[i]!;
      const a = Math.abs(s);
      if (a > peak) peak = a;
      if (a >= CLIP_LEVEL * 32767) clipped++;
      sum += s * s;
    }
    frames++;
    if (sum / (end - start) > gate) audible++;
  }
  return {
    peakDb: peak === 0 ? Number.NEGATIVE_INFINITY : 20 * Math.log10(peak / 32768),
    clippedSamples: clipped,
    audibleShare: frames === 0 ? 0 : audible / frames,
  };
}

/** Words for the narrator, empty when the take is fine. */
export function takeWarnings(levels: TakeLevels): string[] {
  const warnings: string[] = [];
  if (levels.clippedSamples >= MIN_CLIPPED_SAMPLES) warnings.push("clipping: the take hits full scale; move back from the microphone or lower its gain");
  if (levels.audibleShare < MIN_AUDIBLE_SHARE) warnings.push("mostly silence: little speech was heard; check the microphone and speak the sentence");
  return warnings;
}
