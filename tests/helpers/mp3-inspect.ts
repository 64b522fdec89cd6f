// Independent eyes for the audio and build tests: ffprobe and ffmpeg's own filters called directly
// with execFile, not through audio-builder/audio/ffmpeg-tool.ts, so a bug there cannot hide itself.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { ensureExecutable } from "../../audio-builder/audio/ffmpeg-tool.js";

const require = createRequire(import.meta.url);
const FFMPEG = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
// npm may have skipped the installer's chmod.
const FFPROBE = ensureExecutable((require("@ffprobe-installer/ffprobe") as { path: string }).path, "@ffprobe-installer/ffprobe");
const run = promisify(execFile);

export async function ffprobeJson<T>(args: string[]): Promise<T> {
  const { stdout } = await run(FFPROBE, ["-v", "error", "-print_format", "json", ...args], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout) as T;
}

export interface ProbedStream {
  codec_name: string;
  sample_rate: string;
  channels: number;
  bit_rate?: string;
}

/**
 * ffprobe's view of a file. For MP3 with a LAME tag, ffprobe reports the encoder delay as the
 * stream's start_time and counts it in `duration`; `durationMs` here is the part after it.
 */
export async function probe(file: string): Promise<{ durationMs: number; startMs: number; stream: ProbedStream; bitRate: number }> {
  const info = await ffprobeJson<{ format: { duration: string; start_time?: string; bit_rate: string }; streams: ProbedStream[] }>([
    "-show_format", "-show_streams", file,
  ]);
  const stream = info.streams[0];
  if (!stream) throw new Error(`${file}: no audio stream`);
  const startMs = Number(info.format.start_time ?? 0) * 1000;
  return { durationMs: Number(info.format.duration) * 1000 - startMs, startMs, stream, bitRate: Number(stream.bit_rate ?? info.format.bit_rate) };
}

export interface StreamInfo {
  codecName: string;
  sampleRate: number;
  channels: number;
  bitRate: number;
  /** Container duration: whole MPEG frames, encoder delay and padding included. */
  containerMs: number;
  /** What a player hears: decoded samples, with the LAME tag's delay and padding removed. */
  decodedMs: number;
}

export async function streamInfo(file: string): Promise<StreamInfo> {
  const info = await ffprobeJson<{
    format: { duration: string; bit_rate: string };
    streams: { codec_name: string; sample_rate: string; channels: number; bit_rate: string }[];
  }>(["-show_format", "-show_streams", file]);
  const frames = await ffprobeJson<{ frames: { nb_samples: number }[] }>([
    "-select_streams", "a", "-show_entries", "frame=nb_samples", file,
  ]);
  const s = info.streams[0]!;
  const samples = frames.frames.reduce((sum, f) => sum + f.nb_samples, 0);
  return {
    codecName: s.codec_name,
    sampleRate: Number(s.sample_rate),
    channels: s.channels,
    bitRate: Number(s.bit_rate),
    containerMs: Number(info.format.duration) * 1000,
    decodedMs: (samples * 1000) / Number(s.sample_rate),
  };
}

/** Decoded duration as ffmpeg's decoder reports it: what a player actually plays (after the encoder's delay and padding are removed). */
export async function decodedDurationMs(file: string): Promise<number> {
  const { stderr } = await ffmpeg(["-i", file, "-f", "null", "-"]);
  const times = [...stderr.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)];
  const last = times.at(-1);
  if (!last) throw new Error(`${file}: ffmpeg reported no time`);
  return (Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])) * 1000;
}

export interface Span {
  startMs: number;
  endMs: number;
}

/** ffmpeg silencedetect: stretches under `noiseDb` dBFS lasting at least `minMs`. */
export async function silences(file: string, noiseDb: number, minMs: number): Promise<Span[]> {
  const { stderr } = await ffmpeg(["-i", file, "-af", `silencedetect=noise=${noiseDb}dB:d=${minMs / 1000}`, "-f", "null", "-"]);
  const spans: Span[] = [];
  let start: number | undefined;
  for (const line of stderr.split("\n")) {
    const s = /silence_start: (-?[\d.]+)/.exec(line);
    if (s) start = Math.max(0, Number(s[1]) * 1000);
    const e = /silence_end: ([\d.]+)/.exec(line);
    if (e && start !== undefined) {
      spans.push({ startMs: start, endMs: Number(e[1]) * 1000 });
      start = undefined;
    }
  }
  // A silence that runs to the end of the file has a start but no end line.
  if (start !== undefined) spans.push({ startMs: start, endMs: Number.POSITIVE_INFINITY });
  return spans;
}

/** Highest sample level (dBFS) within a window, from ffmpeg's astats. */
export async function peakDb(file: string, startMs: number, durationMs: number): Promise<number> {
  const { stderr } = await ffmpeg([
    "-ss", String(startMs / 1000), "-t", String(durationMs / 1000), "-i", file,
    "-af", "astats=metadata=0:reset=0", "-f", "null", "-",
  ]);
  const m = /Overall[\s\S]*?Peak level dB: (-?(?:\d+(?:\.\d+)?|inf))/.exec(stderr);
  if (!m) throw new Error(`${file}: astats reported no peak level`);
  return m[1] === "-inf" ? Number.NEGATIVE_INFINITY : Number(m[1]);
}

/** EBU R128 integrated loudness and true peak of a file. */
export async function ebur128(file: string): Promise<{ integratedLufs: number; truePeakDbtp: number }> {
  // framelog=verbose keeps the per-100-ms lines out of stderr at the default log level.
  const { stderr } = await ffmpeg(["-nostats", "-i", file, "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"]);
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const i = /I:\s+(-?[\d.]+) LUFS/.exec(summary);
  const tp = /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary);
  if (!i || !tp) throw new Error(`${file}: no ebur128 summary in\n${stderr.slice(-500)}`);
  return { integratedLufs: Number(i[1]), truePeakDbtp: tp[1] === "-inf" ? Number.NEGATIVE_INFINITY : Number(tp[1]) };
}

async function ffmpeg(args: string[]): Promise<{ stderr: string }> {
  const { stderr } = await run(FFMPEG, ["-hide_banner", "-nostdin", ...args], { maxBuffer: 64 << 20 });
  return { stderr };
}

/** MPEG version and layer from the first audio frame after the ID3v2 tag. */
export function firstFrame(bytes: Uint8Array): { version: "1" | "2" | "2.5"; layer: 1 | 2 | 3 } {
  let offset = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    // ID3v2 size is 4 synchsafe bytes (7 bits each), plus the 10-byte header (and a footer if flagged).
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    offset = 10 + size + ((bytes[5]! & 0x10) !== 0 ? 10 : 0);
  }
  while (offset + 1 < bytes.length && !(bytes[offset] === 0xff && (bytes[offset + 1]! & 0xe0) === 0xe0)) offset++;
  const b1 = bytes[offset + 1]!;
  const versionBits = (b1 >> 3) & 0b11;
  const layerBits = (b1 >> 1) & 0b11;
  const version = versionBits === 0b11 ? "1" : versionBits === 0b10 ? "2" : versionBits === 0b00 ? "2.5" : undefined;
  const layer = layerBits === 0b01 ? 3 : layerBits === 0b10 ? 2 : layerBits === 0b11 ? 1 : undefined;
  if (!version || !layer) throw new Error(`no MPEG audio frame header at byte ${offset}`);
  return { version, layer };
}
