// A take as the pipeline speaks it: rumble below the voice removed (high-pass at 80 Hz),
// resampled once to the pipeline's rate (soxr), clicks removed (adeclick), the room's silence
// before and after the sentence trimmed to the same small margin synthesised speech gets, and
// the level matched: every take is brought to the same speech loudness, so one sentence is not
// louder than the next. The track's loudness is set later, by the encoder, for the whole track.
import { randomBytes } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runFfmpeg } from "../audio/ffmpeg-tool.js";
import { integratedLoudness } from "../audio/loudness-meter.js";
import { EDGE_SILENCE_MS } from "../speech/silence-trim.js";
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import { TAKE_FORMAT_LABEL, TAKE_SAMPLE_RATE, TakeError } from "./take-format.js";

/** Every take's speech is brought to this loudness (about where espeak's speech sits), sample peak at most PEAK_CEILING. */
export const TAKE_TARGET_LUFS = -20;
const PEAK_CEILING = 10 ** (-1 / 20);
const FADE_MS = 5;
/** Changing any processing step changes the audio: part of every recorded segment's cache key. */
export const TAKE_PROCESSING = `hp80 soxr adeclick trim${EDGE_SILENCE_MS}ms fade${FADE_MS}ms ${TAKE_TARGET_LUFS}LUFS v1`;

const FILTERS = `highpass=f=80,aresample=${PIPELINE_SAMPLE_RATE}:resampler=soxr,adeclick`;

/**
 * The take's processed samples at the pipeline's rate. `expectedSamples` (at the take's rate, from
 * the index) catches a file cut short or partly overwritten: ffmpeg skips frames it cannot decode.
 * Throws a TakeError naming the file for a take that cannot be used.
 */
export async function prepareTake(file: string, fix: string, expectedSamples?: number): Promise<Int16Array> {
  const size = await stat(file).then((s) => s.size, () => undefined);
  if (size === undefined) throw new TakeError(`${file} is missing: ${fix}`);
  if (size === 0) throw new TakeError(`${file} is empty (0 bytes): ${fix}`);
  const scratch = path.join(os.tmpdir(), `rustpunt-take-${process.pid}-${randomBytes(4).toString("hex")}.f32`);
  let decoded: Float32Array;
  try {
    let stderr: string;
    try {
      stderr = await runFfmpeg({ input: file, filters: FILTERS, output: scratch, format: "f32le", outputOptions: ["-ac", "1"] });
    } catch {
      throw new TakeError(`${file} cannot be decoded (a damaged or truncated file?): ${fix}`);
    }
    const stream = /Stream #0:0[^:]*: Audio: (\w+), (\d+) Hz, ([\w.() ]+?), (\w+)/.exec(stderr);
    if (!stream || stream[1] !== "flac" || Number(stream[2]) !== TAKE_SAMPLE_RATE || stream[3] !== "mono" || stream[4] !== "s16") {
      const found = stream ? `${stream[1]}, ${stream[2]} Hz, ${stream[3]}, ${stream[4]}` : "no audio stream";
      throw new TakeError(`${file} is ${found}, not ${TAKE_FORMAT_LABEL}: ${fix}`);
    }
    const bytes = await readFile(scratch);
    decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    if (expectedSamples !== undefined) {
      const expected = (expectedSamples * PIPELINE_SAMPLE_RATE) / TAKE_SAMPLE_RATE;
      if (Math.abs(decoded.length - expected) > 64) {
        const seconds = (n: number) => (n / PIPELINE_SAMPLE_RATE).toFixed(2);
        throw new TakeError(`${file} is damaged: it decodes to ${seconds(decoded.length)} s of audio where ${seconds(expected)} s were recorded: ${fix}`);
      }
    }
  } finally {
    await rm(scratch, { force: true });
  }
  const speech = trimTake(decoded, PIPELINE_SAMPLE_RATE);
  if (!speech) throw new TakeError(`${file} holds no audible speech: ${fix}`);
  return levelAndQuantise(speech, PIPELINE_SAMPLE_RATE);
}

/**
 * The span from the first to the last frame that rises above the threshold, with EDGE_SILENCE_MS
 * kept on each side. Rooms, microphones and voices differ, so the threshold is measured per take:
 * 40 dB under its loudest frame (where soft onsets and word endings still are), but at least
 * 6 dB over its quietest frames (the room) and never under -65 dBFS.
 */
export function trimTake(samples: Float32Array, sampleRate: number): Float32Array | undefined {
  const frame = Math.max(1, Math.round(sampleRate * 0.01));
  const frames = Math.floor(samples.length / frame);
  if (frames === 0) return undefined;
  const rms = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) sum += samples[i]! * samples[i]!;
    rms[f] = Math.sqrt(sum / frame);
  }
  const sorted = Float64Array.from(rms).sort();
  const floor = sorted[Math.floor(frames * 0.1)]!;
  const loudest = sorted[frames - 1]!;
  const threshold = Math.max(10 ** (-65 / 20), floor * 10 ** (6 / 20), loudest * 10 ** (-40 / 20));
  let first = 0;
  while (first < frames && rms[first]! < threshold) first++;
  if (first === frames) return undefined;
  let last = frames - 1;
  while (rms[last]! < threshold) last--;
  const margin = Math.round((EDGE_SILENCE_MS * sampleRate) / 1000);
  const from = Math.max(0, first * frame - margin);
  const to = Math.min(samples.length, (last + 1) * frame + margin);
  return samples.slice(from, to);
}

/** Gain to TAKE_TARGET_LUFS (held under the peak ceiling), short fades at the cut edges, 16-bit. */
function levelAndQuantise(speech: Float32Array, sampleRate: number): Int16Array {
  // The loudness gate needs 400 ms blocks; a one-word cue ("In") is measured repeated to 1.2 s.
  const minimum = Math.round(sampleRate * 1.2);
  let measured = speech;
  if (speech.length < minimum) {
    measured = new Float32Array(Math.ceil(minimum / speech.length) * speech.length);
    for (let at = 0; at < measured.length; at += speech.length) measured.set(speech, at);
  }
  const lufs = integratedLoudness(measured, sampleRate);
  let peak = 0;
  for (const s of speech) peak = Math.max(peak, Math.abs(s));
  const gain = Math.min(10 ** ((TAKE_TARGET_LUFS - lufs) / 20), peak > 0 ? PEAK_CEILING / peak : 1);
  const fade = Math.max(1, Math.min(Math.round((FADE_MS * sampleRate) / 1000), Math.floor(speech.length / 2)));
  const out = new Int16Array(speech.length);
  for (let i = 0; i < speech.length; i++) {
    const edge = Math.min(1, i / fade, (speech.length - 1 - i) / fade);
    out[i] = Math.round(Math.max(-1, Math.min(1, speech[i]! * gain * edge)) * 32767);
  }
  return out;
}
