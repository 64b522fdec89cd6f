// Which libmp3lame encodes the tracks, and the one call that runs it. Chosen once per build and
// handed to the track workers as plain data:
//  - ffmpeg's libmp3lame when FFMPEG_PATH names an ffmpeg, or a system ffmpeg with libmp3lame
//    is on PATH (the fastest here: Debian's ffmpeg encodes ~3x faster than npm's static build);
//  - else LAME in WebAssembly, in the track worker itself (lame-wasm-encoder.ts), at the same
//    settings: about twice as fast as npm's static ffmpeg, which then only decodes the finished
//    files for their check.
// Both write the encoder delay and padding in the LAME/Xing Info frame, so the file decodes to
// its exact length, and both are byte-for-byte reproducible.
import { open, rm, writeFile } from "node:fs/promises";
import type { ProfileSpec } from "./audio-profiles.js";
import { ffmpegVersion, findFfmpeg, PCM_INPUT_OPTIONS, runFfmpeg } from "./ffmpeg-tool.js";
import { encodeWithLameWasm, LAME_WASM_VERSION } from "./lame-wasm-encoder.js";
import { applyCurve } from "./true-peak-limiter.js";

export interface Mp3EncoderChoice {
  kind: "lame-wasm" | "ffmpeg";
  /** The ffmpeg that decodes finished files for their check (and encodes, for kind "ffmpeg"). */
  ffmpeg: string;
  /** For people: the build's first line names it. */
  label: string;
}

/** FFMPEG_PATH, else a system ffmpeg with libmp3lame, else LAME in WebAssembly (see above). */
export function chooseMp3Encoder(env: NodeJS.ProcessEnv = process.env): Mp3EncoderChoice {
  const ffmpeg = findFfmpeg(env);
  if (ffmpeg.source === "bundled") {
    return {
      kind: "lame-wasm",
      ffmpeg: ffmpeg.path,
      label: `${LAME_WASM_VERSION} in WebAssembly (no system ffmpeg with libmp3lame found; npm's ffmpeg ${ffmpegVersion(ffmpeg.path)} decodes for the checks)`,
    };
  }
  const where = ffmpeg.source === "FFMPEG_PATH" ? `FFMPEG_PATH=${ffmpeg.path}` : `system ffmpeg at ${ffmpeg.path}`;
  return { kind: "ffmpeg", ffmpeg: ffmpeg.path, label: `libmp3lame in ffmpeg ${ffmpegVersion(ffmpeg.path)} (${where})` };
}

/** gain × curve × pcm (pipeline rate) encoded for `spec` into `file`: untagged, Info frame first. */
export async function encodeMp3(
  encoder: Mp3EncoderChoice,
  pcm: Float32Array,
  gain: number,
  curve: Float32Array,
  spec: ProfileSpec,
  file: string,
): Promise<void> {
  if (encoder.kind === "lame-wasm") {
    await writeFile(file, await encodeWithLameWasm(pcm, gain, curve, spec));
    return;
  }
  // The limited PCM goes to a scratch file first, rather than through a pipe: the encoder then
  // never waits on this thread, which meanwhile shapes and measures the other tracks (a pipe
  // stalls libmp3lame for as long as any synchronous step on this thread runs).
  const pcmFile = `${file}.f32`;
  try {
    await writeLimitedPcm(pcm, gain, curve, pcmFile);
    await runFfmpeg({
      binary: encoder.ffmpeg,
      input: pcmFile,
      inputOptions: PCM_INPUT_OPTIONS,
      // soxr: a no-op for downloads (the pipeline rate), 160/147 for Alexa's 24 kHz without audible aliasing.
      filters: `aresample=${spec.sampleRate}:resampler=soxr`,
      format: "mp3",
      output: file,
      outputOptions: [
        "-c:a", "libmp3lame",
        "-b:a", `${spec.bitrateKbps}k`,
        "-ar", String(spec.sampleRate),
        "-ac", String(spec.channels),
        "-compression_level", String(spec.lameQuality),
        ...(spec.lameCutoffHz ? ["-cutoff", String(spec.lameCutoffHz)] : []),
        // The Xing/LAME frame carries the encoder delay and padding, so players (and ffprobe)
        // report the exact duration and play gaplessly; it needs a seekable file, as here.
        "-write_xing", "1",
        // node-id3 writes the tags afterwards; ffmpeg's own ID3 tag would only be replaced.
        "-id3v2_version", "0",
        "-map_metadata", "-1",
      ],
    });
  } finally {
    await rm(pcmFile, { force: true });
  }
}

/** Gain × limiter curve × PCM, computed and written chunk by chunk: no second copy of the track. */
async function writeLimitedPcm(pcm: Float32Array, gain: number, curve: Float32Array, pcmFile: string): Promise<void> {
  const out = await open(pcmFile, "w");
  try {
    const chunk = new Float32Array(1 << 16);
    for (let start = 0; start < pcm.length; start += chunk.length) {
      const end = Math.min(pcm.length, start + chunk.length);
      applyCurve(pcm, gain, curve, start, end, chunk);
      await out.write(new Uint8Array(chunk.buffer, 0, (end - start) * 4));
    }
  } finally {
    await out.close();
  }
}
