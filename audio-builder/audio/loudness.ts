// EBU R128 measurement through ffmpeg's ebur128 filter: integrated loudness (with its
// absolute and relative gates) and true peak (4x oversampled), on pipeline PCM or on a file.
import { runFfmpeg } from "./ffmpeg-tool.js";

export interface Loudness {
  integratedLufs: number;
  truePeakDbtp: number;
}

/** framelog=verbose keeps the per-100-ms lines out of stderr; only the summary is printed. */
export const EBUR128_FILTER = "ebur128=peak=true:framelog=verbose";

/**
 * Measures PCM (22,050 Hz mono) or an encoded file. Digital silence measures -70 LUFS / -inf dBTP.
 * Without `truePeak`, truePeakDbtp is NaN and the run is about twice as fast.
 */
export async function measureLoudness(input: Float32Array | string, opts: { truePeak: boolean } = { truePeak: true }): Promise<Loudness> {
  const stderr = await runFfmpeg({
    input,
    filters: opts.truePeak ? EBUR128_FILTER : "ebur128=framelog=verbose",
    format: "null",
    output: "-",
  });
  return parseEbur128Summary(stderr, opts.truePeak);
}

/** Reads the "Summary:" block ffmpeg prints when the ebur128 filter closes. */
export function parseEbur128Summary(stderr: string, withPeak = true): Loudness {
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const integrated = /I:\s+(-?[\d.]+|-inf|nan)\s+LUFS/.exec(summary);
  const peak = /True peak:\s+Peak:\s+(-?[\d.]+|-inf|nan)\s+dBFS/.exec(summary);
  if (!summary.startsWith("Summary:") || !integrated || (withPeak && !peak)) {
    throw new Error(`ffmpeg ebur128 printed no loudness summary:\n${stderr.slice(-600)}`);
  }
  return { integratedLufs: toNumber(integrated[1]!), truePeakDbtp: peak ? toNumber(peak[1]!) : Number.NaN };
}

function toNumber(text: string): number {
  return text === "-inf" ? -Infinity : Number(text);
}
