// Independent eyes on the built files: ffprobe and ffmpeg's own filters, called directly (not
// through the audio module under test), so a bug there cannot hide itself.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

const require = createRequire(import.meta.url);
const FFMPEG = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const FFPROBE = (require("@ffprobe-installer/ffprobe") as { path: string }).path;
const run = promisify(execFile);

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
  const { stdout } = await run(FFPROBE, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file]);
  const info = JSON.parse(stdout) as { format: { duration: string; start_time?: string; bit_rate: string }; streams: ProbedStream[] };
  const stream = info.streams[0];
  if (!stream) throw new Error(`${file}: no audio stream`);
  const startMs = Number(info.format.start_time ?? 0) * 1000;
  return { durationMs: Number(info.format.duration) * 1000 - startMs, startMs, stream, bitRate: Number(stream.bit_rate ?? info.format.bit_rate) };
}

/** Decoded duration: what a player actually plays (after the encoder's delay and padding are removed). */
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

/** ffmpeg silencedetect: stretches quieter than `noiseDb` (dBFS) for at least `minMs`. */
export async function detectSilences(file: string, noiseDb: number, minMs: number): Promise<Span[]> {
  const { stderr } = await ffmpeg(["-i", file, "-af", `silencedetect=noise=${noiseDb}dB:d=${minMs / 1000}`, "-f", "null", "-"]);
  const spans: Span[] = [];
  let start: number | undefined;
  for (const line of stderr.split("\n")) {
    const s = /silence_start: (-?\d+(?:\.\d+)?)/.exec(line);
    if (s) start = Number(s[1]) * 1000;
    const e = /silence_end: (\d+(?:\.\d+)?)/.exec(line);
    if (e && start !== undefined) {
      spans.push({ startMs: Math.max(0, start), endMs: Number(e[1]) * 1000 });
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

/** EBU R128 integrated loudness and true peak, from ffmpeg's ebur128 filter. */
export async function loudness(file: string): Promise<{ integratedLufs: number; truePeakDbtp: number }> {
  const { stderr } = await ffmpeg(["-nostats", "-i", file, "-af", "ebur128=peak=true", "-f", "null", "-"]);
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const i = /I:\s+(-?\d+(?:\.\d+)?) LUFS/.exec(summary);
  const tp = /True peak:\s+Peak:\s+(-?(?:\d+(?:\.\d+)?|inf)) dBFS/.exec(summary);
  if (!i || !tp) throw new Error(`${file}: no ebur128 summary`);
  return { integratedLufs: Number(i[1]), truePeakDbtp: tp[1] === "-inf" ? Number.NEGATIVE_INFINITY : Number(tp[1]) };
}

async function ffmpeg(args: string[]): Promise<{ stderr: string }> {
  const { stderr } = await run(FFMPEG, ["-hide_banner", "-nostdin", ...args], { maxBuffer: 64 << 20 });
  return { stderr };
}

/** MPEG audio version and layer of the first frame after the ID3v2 tag. */
export function firstFrameHeader(bytes: Uint8Array): { version: "1" | "2" | "2.5"; layer: 1 | 2 | 3; sampleRateIndex: number } {
  let offset = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    // ID3v2 size is 4 synchsafe bytes (7 bits each), plus the 10-byte header (and a footer if flagged).
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    offset = 10 + size + ((bytes[5]! & 0x10) !== 0 ? 10 : 0);
  }
  while (offset + 1 < bytes.length && !(bytes[offset] === 0xff && (bytes[offset + 1]! & 0xe0) === 0xe0)) offset++;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const versionBits = (b1 >> 3) & 0b11;
  const layerBits = (b1 >> 1) & 0b11;
  const version = versionBits === 0b11 ? "1" : versionBits === 0b10 ? "2" : versionBits === 0b00 ? "2.5" : undefined;
  const layer = layerBits === 0b01 ? 3 : layerBits === 0b10 ? 2 : layerBits === 0b11 ? 1 : undefined;
  if (!version || !layer) throw new Error(`no MPEG audio frame header at byte ${offset}`);
  return { version, layer, sampleRateIndex: (b2 >> 2) & 0b11 };
}
