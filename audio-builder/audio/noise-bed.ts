// A quiet generated background (brown or pink noise) that masks room sounds and carries the
// listener through long pauses. Generated from a seeded PRNG so a rebuild is byte-identical.
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import { raisedCosine } from "./sample-clock.js";

export type BedKind = "brown" | "pink";
const FADE_S = 3;

/** A 32-bit FNV-1a hash, to seed the bed from the track's identity. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Writes the generator's next `count` values into `into` (doubles, as the filters compute them).
 * The generators fill a buffer per call rather than return a sample per call: a call per sample
 * of a 10-minute track is 13 million calls.
 */
type NoiseFill = (into: Float64Array, count: number) => void;

/** 1 / 2^32, exactly: the multiply gives what dividing by 2^32 gives, sooner. */
const TWO_TO_MINUS_32 = 2 ** -32;

/** White noise from mulberry32 (small, fast, the same sequence on every machine for a given seed), coloured. */
function noise(kind: BedKind, seed: number): NoiseFill {
  // The state lives in the closure between fills and in locals (registers) during one.
  let state = seed >>> 0;
  if (kind === "brown") {
    // Leaky integration of white noise: -6 dB/octave above ~17 Hz, no slow DC drift.
    let brown = 0;
    return (into, count) => {
      let a = state;
      let y = brown;
      for (let i = 0; i < count; i++) {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const random = ((t ^ (t >>> 14)) >>> 0) * TWO_TO_MINUS_32;
        y = 0.995 * y + (random * 2 - 1) * 0.1;
        into[i] = y;
      }
      state = a;
      brown = y;
    };
  }
  // Paul Kellet's refined pink filter: -3 dB/octave within 0.05 dB across the audible range.
  const pink = new Float64Array(7);
  return (into, count) => {
    let a = state;
    let b0 = pink[0]!, b1 = pink[1]!, b2 = pink[2]!, b3 = pink[3]!, b4 = pink[4]!, b5 = pink[5]!, b6 = pink[6]!;
    for (let i = 0; i < count; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const w = (((t ^ (t >>> 14)) >>> 0) * TWO_TO_MINUS_32) * 2 - 1;
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      const value = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
      into[i] = value;
    }
    state = a;
    pink[0] = b0;
    pink[1] = b1;
    pink[2] = b2;
    pink[3] = b3;
    pink[4] = b4;
    pink[5] = b5;
    pink[6] = b6;
  };
}

/** Values generated per fill. */
const NOISE_CHUNK = 4096;

/**
 * The generator's long-run RMS, from a fixed stretch of it: a track's own bed then lands within
 * a few hundredths of a dB of the asked level, and the bed is generated in one pass.
 */
const stationaryRms = new Map<BedKind, number>();
function generatorRms(kind: BedKind): number {
  let rms = stationaryRms.get(kind);
  if (rms === undefined) {
    const fill = noise(kind, 0x5eed);
    const chunk = new Float64Array(NOISE_CHUNK);
    const n = 60 * PIPELINE_SAMPLE_RATE;
    let energy = 0;
    for (let start = 0; start < n; start += NOISE_CHUNK) {
      const count = Math.min(NOISE_CHUNK, n - start);
      fill(chunk, count);
      for (let j = 0; j < count; j++) {
        const v = chunk[j]!;
        energy += v * v;
      }
    }
    rms = Math.sqrt(energy / n);
    stationaryRms.set(kind, rms);
  }
  return rms;
}

/** Adds the bed over the whole of `out` at the given RMS (linear), fading in and out over 3 s. */
export function addNoiseBed(out: Float32Array, kind: BedKind, rms: number, seed: number): void {
  const n = out.length;
  if (n === 0 || rms <= 0) return;
  const scale = rms / generatorRms(kind);
  const fade = Math.min(Math.round(FADE_S * PIPELINE_SAMPLE_RATE), Math.floor(n / 2));
  const fill = noise(kind, seed);
  const chunk = new Float64Array(NOISE_CHUNK);
  for (let start = 0; start < n; start += NOISE_CHUNK) {
    const count = Math.min(NOISE_CHUNK, n - start);
    fill(chunk, count);
    for (let j = 0; j < count; j++) {
      const i = start + j;
      const edge = Math.min(i, n - 1 - i);
      const envelope = edge < fade ? raisedCosine(edge / fade) : 1;
      out[i]! += chunk[j]! * scale * envelope;
    }
  }
}
