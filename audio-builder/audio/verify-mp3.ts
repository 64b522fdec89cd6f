// The check of a finished MP3: decoded once (ffmpeg), measured as it is read back: integrated
// loudness, true peak overall and per 100 ms frame, and the duration a player hears. The encode
// loop (encode-track.ts) accepts a file, or corrects the next attempt, from what this reports.
import { open, rm } from "node:fs/promises";
import type { ProfileSpec } from "./audio-profiles.js";
import { runFfmpeg } from "./ffmpeg-tool.js";
import { LoudnessMeter, type Loudness } from "./loudness-meter.js";
import { dbToGain } from "./sample-clock.js";
import { StreamedPeakMeter } from "./streamed-peak-meter.js";

/** The file's duration must equal the timeline's (design.md; tests check the same bound). */
const DURATION_TOLERANCE_MS = 50;
/** ebur128 reports the true peak per 100 ms frame; the encode loop corrects peaks per frame. */
export const FRAME_MS = 100;

export interface FileCheck {
  measured: Loudness;
  /** Per 100 ms frame: its end, and its true peak where it could exceed `peakLimitDb`. */
  frames: { endMs: number; dbtp: number }[];
}

/**
 * Decodes `file` once and measures the PCM as it is read back: integrated loudness
 * (loudness-meter.ts), the true peak overall and per 100 ms frame (the limiter's own 4x-
 * oversampled meter, exact only for frames that can be over `peakLimitDb`), and the
 * duration from its sample count.
 */
export async function verifyMp3(
  file: string,
  spec: ProfileSpec,
  opts: { durationMs: number; outFile: string; peakLimitDb: number; ffmpeg: string },
): Promise<FileCheck> {
  const frameSamples = Math.round((spec.sampleRate * FRAME_MS) / 1000);
  const meter = new StreamedPeakMeter(frameSamples, dbToGain(opts.peakLimitDb));
  const loudness = new LoudnessMeter(spec.sampleRate);
  // Decoded to a scratch file and read back through one reused buffer. Through a pipe, every
  // 64 KB chunk was a new buffer that only a garbage collection frees: a long track's whole
  // decoded PCM (58 MB at 24 kHz) piled up first, and the allocator kept the pages afterwards.
  const decoded = `${file}.decoded.f32`;
  try {
    await runFfmpeg({
      binary: opts.ffmpeg,
      input: file,
      format: "f32le",
      output: decoded,
      // The file's own rate and the decoder's own samples: nothing to resample before metering.
      outputOptions: ["-c:a", "pcm_f32le", "-ar", String(spec.sampleRate), "-ac", "1"],
    });
    const reader = await open(decoded, "r");
    try {
      const chunk = new Uint8Array(1 << 18);
      for (;;) {
        const { bytesRead } = await reader.read(chunk, 0, chunk.length);
        if (bytesRead === 0) break;
        const bytes = chunk.subarray(0, bytesRead);
        meter.push(bytes);
        loudness.pushBytes(bytes);
      }
    } finally {
      await reader.close();
    }
  } finally {
    await rm(decoded, { force: true });
  }
  // Rounded as ffmpeg's ebur128 prints it, so a retry decision never hangs on a hundredth.
  const integratedLufs = Math.round(loudness.integratedLufs() * 10) / 10;
  const { samples, truePeak: peak, framePeaks } = meter.finish();
  checkDuration((samples * 1000) / spec.sampleRate, opts.durationMs, opts.outFile);
  const frames = Array.from(framePeaks, (p, f) => ({ endMs: (f + 1) * FRAME_MS, dbtp: 20 * Math.log10(p) }));
  return { measured: { integratedLufs, truePeakDbtp: Math.round(2000 * Math.log10(peak)) / 100 }, frames };
}

/**
 * The duration a player hears: the decoded sample count, which honours the LAME tag's encoder
 * delay and padding. (The container's "Duration:" counts whole frames, delay and padding
 * included: up to ~70 ms more at 24 kHz.)
 */
function checkDuration(ms: number, expectedMs: number, outFile: string): void {
  if (Math.abs(ms - expectedMs) > DURATION_TOLERANCE_MS) {
    throw new Error(`${outFile}: encoded duration ${ms.toFixed(0)} ms differs from the timeline's ${expectedMs} ms by more than ${DURATION_TOLERANCE_MS} ms`);
  }
}
