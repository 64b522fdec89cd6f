// The encoder choice (FFMPEG_PATH, a system ffmpeg with libmp3lame, else LAME in WebAssembly),
// LAME in WebAssembly itself (the same frames as ffmpeg's libmp3lame at the same settings) and
// the Info frame the pipeline writes for it: two independent decoders (npm's ffmpeg and mpg123)
// must return exactly the samples that went in, in their place.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { MPEGDecoder } from "mpg123-decoder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILES, type AudioProfile } from "../audio-builder/audio/audio-profiles.js";
import { withInfoFrame } from "../audio-builder/audio/lame-info-frame.js";
import { encodeWithLameWasm } from "../audio-builder/audio/lame-wasm-encoder.js";
import { chooseMp3Encoder } from "../audio-builder/audio/mp3-encoder.js";
import { BLOCK } from "../audio-builder/audio/true-peak-limiter.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";

const require = createRequire(import.meta.url);
const NPM_FFMPEG = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const run = promisify(execFile);

/** A smooth click at `at` in silence: where it lands after decoding shows any offset. */
function clickTrack(samples: number, at: number): Float32Array {
  const pcm = new Float32Array(samples);
  for (let i = -40; i <= 40; i++) pcm[at + i] = 0.5 * Math.exp(-(i * i) / 50);
  return pcm;
}

function loudestAt(x: Float32Array): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i]!) > Math.abs(x[best]!)) best = i;
  return best;
}

async function ffmpegDecode(file: string): Promise<Float32Array> {
  const out = `${file}.f32`;
  await run(NPM_FFMPEG, ["-hide_banner", "-nostdin", "-y", "-i", file, "-f", "f32le", "-c:a", "pcm_f32le", "-ac", "1", out]);
  const bytes = await readFile(out);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

async function mpg123Decode(mp3: Uint8Array): Promise<Float32Array> {
  const decoder = new MPEGDecoder({ enableGapless: true });
  await decoder.ready;
  try {
    return decoder.decode(mp3).channelData[0]!;
  } finally {
    decoder.free();
  }
}

describe("LAME in WebAssembly with the pipeline's Info frame", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-lame-wasm-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // An odd length, so the padding is not a round number.
  const pcm = clickTrack(7 * PIPELINE_SAMPLE_RATE + 123, 10_000);
  const flat = new Float32Array(Math.ceil(pcm.length / BLOCK) + 1).fill(1);

  it.each(["download", "alexa"] as AudioProfile[])("%s: both decoders return the exact length, the click in its place, the same bytes every time", async (profile) => {
    const spec = PROFILES[profile];
    const mp3 = await encodeWithLameWasm(pcm, 1, flat, spec);
    expect(Buffer.from(await encodeWithLameWasm(pcm, 1, flat, spec)).equals(Buffer.from(mp3))).toBe(true);
    const file = path.join(dir, `${profile}.mp3`);
    await writeFile(file, mp3);
    const expectedLength = Math.round((pcm.length * spec.sampleRate) / PIPELINE_SAMPLE_RATE);
    const expectedClick = Math.round((10_000 * spec.sampleRate) / PIPELINE_SAMPLE_RATE);
    for (const decoded of [await ffmpegDecode(file), await mpg123Decode(mp3)]) {
      expect(decoded.length).toBe(expectedLength);
      expect(Math.abs(loudestAt(decoded) - expectedClick)).toBeLessThanOrEqual(1);
    }
    const { stderr } = await run(NPM_FFMPEG, ["-hide_banner", "-i", file], { encoding: "utf8" }).catch((e: { stderr: string }) => e);
    expect(stderr).toMatch(new RegExp(`Audio: mp3, ${spec.sampleRate} Hz, mono, .*${spec.bitrateKbps} kb/s`));
  });

  it("writes the very frames ffmpeg's libmp3lame writes at the download profile's settings", async () => {
    // Speech-like: a gliding tone under a slow envelope, with a little noise.
    const n = 5 * PIPELINE_SAMPLE_RATE + 77;
    const x = new Float32Array(n);
    let seed = 7;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      x[i] = 0.3 * Math.sin(i * 0.05 + 3 * Math.sin(i * 0.0003)) * (0.5 + 0.5 * Math.sin(i / 5000)) + 0.05 * (seed / 2147483648 - 0.5);
    }
    const spec = PROFILES.download;
    const ours = await encodeWithLameWasm(x, 1, new Float32Array(Math.ceil(n / BLOCK) + 1).fill(1), spec);
    const raw = path.join(dir, "same.f32");
    const theirs = path.join(dir, "same.mp3");
    await writeFile(raw, Buffer.from(x.buffer));
    await run(NPM_FFMPEG, [
      "-hide_banner", "-nostdin", "-y", "-f", "f32le", "-ar", String(PIPELINE_SAMPLE_RATE), "-ac", "1", "-i", raw,
      "-c:a", "libmp3lame", "-b:a", `${spec.bitrateKbps}k`, "-compression_level", String(spec.lameQuality), "-write_xing", "1", "-id3v2_version", "0", "-map_metadata", "-1", theirs,
    ]);
    // Each file opens with its own Info frame; the audio frames after it must match byte for byte.
    const a = frames(ours).slice(1);
    const b = frames(await readFile(theirs)).slice(1);
    expect(a.length).toBeGreaterThan(150);
    expect(a.length).toBe(b.length);
    expect(a.every((f, i) => f.equals(b[i]!))).toBe(true);
  });

  it("refuses a stream that is not whole CBR Layer III frames", () => {
    expect(() => withInfoFrame(Uint8Array.of(1, 2, 3, 4), { delay: 576, samples: 10, encoder: "LAME3.100" })).toThrow(/no frame header at byte 0/);
  });

  it("refuses a sample count the frames cannot hold", async () => {
    const mp3 = await encodeWithLameWasm(pcm, 1, flat, PROFILES.download);
    // The frames without the Info frame the encoder call added, claiming more samples than they hold.
    const frames = mp3.subarray(firstFrameLength(mp3));
    expect(() => withInfoFrame(frames, { delay: 576, samples: pcm.length * 2, encoder: "LAME3.100" })).toThrow(/cannot hold/);
  });
});

/** The stream's frames (MPEG-2 Layer III, as every profile writes), from its first byte. */
function frames(mp3: Uint8Array): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < mp3.length; ) {
    const length = frameLength(mp3.subarray(at));
    out.push(Buffer.from(mp3.subarray(at, at + length)));
    at += length;
  }
  return out;
}

function frameLength(mp3: Uint8Array): number {
  expect(mp3[0]).toBe(0xff);
  return firstFrameLength(mp3) + ((mp3[2]! >> 1) & 1);
}

function firstFrameLength(mp3: Uint8Array): number {
  // MPEG-2 Layer III: 72 × bitrate / rate (+ padding); the Info frame has no padding slot.
  const kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160][mp3[2]! >> 4]!;
  const rate = [22050, 24000, 16000][(mp3[2]! >> 2) & 3]!;
  return Math.floor((72 * kbps * 1000) / rate);
}

describe("chooseMp3Encoder", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-encoder-choice-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A folder holding an executable "ffmpeg" that prints `-version` output with these configure flags. */
  async function fakeFfmpegDir(name: string, flags: string): Promise<string> {
    const folder = path.join(dir, name);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, "ffmpeg");
    await writeFile(file, `#!/bin/sh\necho "ffmpeg version 9.9-test Copyright (c) the FFmpeg developers"\necho "configuration: ${flags}"\n`);
    await chmod(file, 0o755);
    return folder;
  }

  it("uses LAME in WebAssembly when no ffmpeg on PATH has libmp3lame", async () => {
    const without = await fakeFfmpegDir("no-lame", "--enable-libsoxr --enable-libopus");
    const choice = chooseMp3Encoder({ PATH: without });
    expect(choice.kind).toBe("lame-wasm");
    expect(choice.ffmpeg).toBe(NPM_FFMPEG); // npm's ffmpeg still decodes the files for their check
    expect(choice.label).toMatch(/^LAME3\.100 in WebAssembly \(no system ffmpeg with libmp3lame found; npm's ffmpeg .* decodes for the checks\)$/);
  });

  it("uses a system ffmpeg with libmp3lame without being asked", async () => {
    const without = await fakeFfmpegDir("no-lame-2", "--enable-libsoxr");
    const withLame = await fakeFfmpegDir("with-lame", "--enable-libmp3lame --enable-libsoxr");
    const choice = chooseMp3Encoder({ PATH: [without, withLame].join(path.delimiter) });
    expect(choice).toEqual({
      kind: "ffmpeg",
      ffmpeg: path.join(withLame, "ffmpeg"),
      label: `libmp3lame in ffmpeg 9.9-test (system ffmpeg at ${path.join(withLame, "ffmpeg")})`,
    });
  });

  it("lets FFMPEG_PATH override the search", async () => {
    const withLame = await fakeFfmpegDir("with-lame-2", "--enable-libmp3lame --enable-libsoxr");
    const choice = chooseMp3Encoder({ PATH: withLame, FFMPEG_PATH: NPM_FFMPEG });
    expect(choice.kind).toBe("ffmpeg");
    expect(choice.ffmpeg).toBe(NPM_FFMPEG);
    expect(choice.label).toContain(`FFMPEG_PATH=${NPM_FFMPEG}`);
  });
});
