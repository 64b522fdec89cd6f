// LAME 3.100 compiled to WebAssembly (lame/lame.wasm, built by lame/build.sh from the upstream
// release), run in the calling thread: the default encoder when the machine has no ffmpeg with
// libmp3lame (mp3-encoder.ts). It is configured as ffmpeg configures its libmp3lame for the
// profile (constant bitrate, the profile's -compression_level and -cutoff), and measured here it
// encodes about twice as fast as npm's static ffmpeg at the same settings, without a process or
// a scratch file: the limited PCM goes from the track's samples into the encoder chunk by chunk.
// The packaged LAME builds on npm (wasm-media-encoders, @mediabunny/mp3-encoder) fix LAME's
// quality at its slow default (3), which costs more than the WebAssembly saves.
// A profile at another rate is upsampled first (upsampler.ts: faster than LAME's resampler). The
// Info frame with the encoder delay and padding is written by lame-info-frame.ts, so the file
// decodes to its exact length.
import { readFile } from "node:fs/promises";
import type { ProfileSpec } from "./audio-profiles.js";
import { LAME_ENCODER_DELAY, withInfoFrame } from "./lame-info-frame.js";
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import { applyCurve } from "./true-peak-limiter.js";
import { Upsampler } from "./upsampler.js";

/** The LAME release lame.wasm is built from, as the Info frame names its encoder. */
export const LAME_WASM_VERSION = "LAME3.100";
const WASM_URL = new URL("./lame/lame.wasm", import.meta.url);
const CHUNK = 1 << 16;
/** LAME's own bound on the bytes one call can return (lame.h: 1.25 × samples + 7200). */
const OUT_BYTES = Math.ceil(1.25 * CHUNK) + 7200;
/** ffmpeg hands libmp3lame samples in the 16-bit scale; so does this, so the frames match. */
const SCALE = 32768;

interface LameExports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  rp_open(rate: number, kbps: number, quality: number, lowpassHz: number): number;
  rp_alloc(bytes: number): number;
  rp_encode(gfp: number, pcm: number, n: number, out: number, outSize: number): number;
  rp_flush(gfp: number, out: number, outSize: number): number;
  rp_close(gfp: number): void;
}

/** Compiled once per thread; each encode gets a fresh instance (its own memory, nothing carried over). */
let compiled: Promise<WebAssembly.Module> | undefined;
function lameModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(WASM_URL).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/**
 * A fresh LAME instance. wasi-libc's stdio is LAME's only way out: what it prints (its reasons
 * for refusing settings) is kept for the error message; nothing else of WASI is used.
 */
async function instantiate(): Promise<{ lame: LameExports; printed: () => string }> {
  let text = "";
  let memory: WebAssembly.Memory | undefined;
  const wasi = {
    fd_write(_fd: number, iovs: number, count: number, written: number): number {
      const view = new DataView(memory!.buffer);
      let total = 0;
      for (let i = 0; i < count; i++) {
        const ptr = view.getUint32(iovs + 8 * i, true);
        const len = view.getUint32(iovs + 8 * i + 4, true);
        text += Buffer.from(memory!.buffer, ptr, len).toString("utf8");
        total += len;
      }
      view.setUint32(written, total, true);
      return 0;
    },
    fd_close: () => 0,
    fd_seek: () => 70, // ESPIPE: stdio's streams are not seekable
    proc_exit(code: number): never {
      throw new Error(`LAME exited (${code}): ${text.trim()}`);
    },
  };
  const instance = await WebAssembly.instantiate(await lameModule(), { wasi_snapshot_preview1: wasi });
  const lame = instance.exports as unknown as LameExports;
  memory = lame.memory;
  lame._initialize();
  return { lame, printed: () => text.trim() };
}

/** gain × curve × pcm (pipeline rate) as a finished, untagged MP3 for `spec`, Info frame first. */
export async function encodeWithLameWasm(pcm: Float32Array, gain: number, curve: Float32Array, spec: ProfileSpec): Promise<Uint8Array> {
  const { lame, printed } = await instantiate();
  const gfp = lame.rp_open(spec.sampleRate, spec.bitrateKbps, spec.lameQuality, spec.lameCutoffHz ?? 0);
  if (gfp === 0) throw new Error(`LAME refused ${spec.bitrateKbps} kb/s at ${spec.sampleRate} Hz: ${printed() || "no reason given"}`);
  const inPtr = lame.rp_alloc(CHUNK * 4);
  const outPtr = lame.rp_alloc(OUT_BYTES);
  const parts: Uint8Array[] = [];
  let size = 0;
  const keep = (written: number, what: string) => {
    if (written < 0) throw new Error(`LAME failed to ${what} (error ${written})`);
    // A copy: the next call reuses the buffer (and memory may grow, detaching old views).
    parts.push(new Uint8Array(lame.memory.buffer, outPtr, written).slice());
    size += written;
  };
  const samples = pcmAtRate(pcm, gain * SCALE, curve, spec);
  for (let start = 0; start < samples.length; start += CHUNK) {
    const end = Math.min(samples.length, start + CHUNK);
    // Straight into LAME's input buffer; the view is made anew, as memory growth detaches it.
    samples.read(start, end, new Float32Array(lame.memory.buffer, inPtr, CHUNK));
    keep(lame.rp_encode(gfp, inPtr, end - start, outPtr, OUT_BYTES), "encode");
  }
  keep(lame.rp_flush(gfp, outPtr, OUT_BYTES), "finish the stream");
  lame.rp_close(gfp);
  const frames = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    frames.set(p, at);
    at += p.length;
  }
  return withInfoFrame(frames, {
    delay: LAME_ENCODER_DELAY,
    samples: samples.length,
    encoder: LAME_WASM_VERSION,
    ...(spec.lameCutoffHz ? { lowpassHz: spec.lameCutoffHz } : {}),
  });
}

/**
 * gain × curve × pcm at the profile's rate, read chunk by chunk: never a second copy of the
 * track. Upsampled where the profile's rate is not the pipeline's; such a profile names its
 * low-pass, the band the upsampler must keep.
 */
function pcmAtRate(pcm: Float32Array, gain: number, curve: Float32Array, spec: ProfileSpec): { length: number; read(from: number, to: number, out: Float32Array): void } {
  if (spec.sampleRate === PIPELINE_SAMPLE_RATE) {
    return { length: pcm.length, read: (from, to, out) => applyCurve(pcm, gain, curve, from, to, out) };
  }
  if (!spec.lameCutoffHz) throw new Error(`a profile at ${spec.sampleRate} Hz needs lameCutoffHz: the band its upsampling keeps`);
  const upsampler = new Upsampler(PIPELINE_SAMPLE_RATE, spec.sampleRate, spec.lameCutoffHz);
  let scratch = new Float32Array(0);
  return {
    length: upsampler.outputLength(pcm.length),
    read(from, to, out) {
      const span = upsampler.inputSpan(from, to);
      const start = Math.max(0, span.start);
      const end = Math.min(pcm.length, span.end);
      if (scratch.length < end - start) scratch = new Float32Array(end - start);
      if (end > start) applyCurve(pcm, gain, curve, start, end, scratch);
      upsampler.render(scratch.subarray(0, Math.max(0, end - start)), start, pcm.length, from, to, out);
    },
  };
}
