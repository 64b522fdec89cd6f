// libmp3lame compiled to WebAssembly (wasm-media-encoders), run in the calling thread: the default
// encoder when no system ffmpeg is found (mp3-encoder.ts says for which profiles). Measured here
// it encodes 600 s of 22,050 Hz mono at 64 kb/s in 2.25 CPU-s against 3.8 for the static ffmpeg
// npm ships, and it needs no scratch file: the limited PCM goes from the track's samples into the
// encoder chunk by chunk. LAME can resample to another rate itself (its resampler adds no delay);
// the Info frame with the encoder delay and padding is written by lame-info-frame.ts, as LAME
// returns bare frames here.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createEncoder, type WasmMediaEncoder } from "wasm-media-encoders";
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import type { ProfileSpec } from "./audio-profiles.js";
import { LAME_ENCODER_DELAY, withInfoFrame } from "./lame-info-frame.js";
import { applyCurve } from "./true-peak-limiter.js";

const require = createRequire(import.meta.url);
/** The LAME build inside wasm-media-encoders (its binary's own version string). */
export const LAME_WASM_VERSION = "LAME3.100";
/** Bitrates LAME accepts in constant-bitrate mode (wasm-media-encoders' type). */
type CbrKbps = 8 | 16 | 24 | 32 | 40 | 48 | 64 | 80 | 96 | 112 | 128 | 160 | 192 | 224 | 256 | 320;
type OutputRate = 8000 | 11025 | 12000 | 16000 | 22050 | 24000 | 32000 | 44100 | 48000;
const CHUNK = 1 << 16;

/** Compiled once per thread; each encode gets a fresh instance (its own memory, nothing carried over). */
let compiled: Promise<WebAssembly.Module> | undefined;
function lameModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(require.resolve("wasm-media-encoders/wasm/mp3")).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/** gain × curve × pcm (pipeline rate) as a finished, untagged MP3 for `spec`, Info frame first. */
export async function encodeWithLameWasm(pcm: Float32Array, gain: number, curve: Float32Array, spec: ProfileSpec): Promise<Uint8Array> {
  const encoder: WasmMediaEncoder<"audio/mpeg"> = await createEncoder("audio/mpeg", await lameModule());
  encoder.configure({
    channels: spec.channels,
    sampleRate: PIPELINE_SAMPLE_RATE,
    bitrate: spec.bitrateKbps as CbrKbps,
    outputSampleRate: spec.sampleRate as OutputRate,
  });
  const parts: Uint8Array[] = [];
  let size = 0;
  const keep = (bytes: Uint8Array) => {
    // The encoder's output is a view into its memory, reused by the next call.
    parts.push(bytes.slice());
    size += bytes.length;
  };
  const chunk = new Float32Array(CHUNK);
  for (let start = 0; start < pcm.length; start += CHUNK) {
    const end = Math.min(pcm.length, start + CHUNK);
    applyCurve(pcm, gain, curve, start, end, chunk);
    keep(encoder.encode([chunk.subarray(0, end - start)]));
  }
  keep(encoder.finalize());
  const frames = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    frames.set(p, at);
    at += p.length;
  }
  return withInfoFrame(frames, {
    delay: LAME_ENCODER_DELAY,
    samples: Math.round((pcm.length * spec.sampleRate) / PIPELINE_SAMPLE_RATE),
    encoder: LAME_WASM_VERSION,
    ...(spec.lameCutoffHz ? { lowpassHz: spec.lameCutoffHz } : {}),
  });
}
