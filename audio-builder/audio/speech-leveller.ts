// A speech leveller for loud delivery profiles (Alexa's -14 LUFS with ≤ -2 dBTP leaves a peak-
// to-loudness ratio of 12 dB; espeak's syllables reach 19). It evens out the syllable-to-syllable
// level, so the loud vowels that set the true peak stop running far above the speech around them
// and the limiter has little left to do. Gentle by design: an RMS detector over ~15 ms (longer
// than a pitch period, so the gain does not ride individual glottal pulses), a soft knee, a
// modest ratio and smooth gain changes, so there is no pumping and no distortion.
//
// The whole track is in memory, so detector and gain are smoothed forwards and then backwards:
// zero phase, no latency, the gain starts to fall just before a loud syllable rather than after.
// Silence stays exact silence (the gain multiplies it).
import { BLOCK } from "./true-peak-limiter.js";
export interface Leveller {
  /** Where compression starts, dB relative to the track's integrated loudness. */
  thresholdDb: number;
  ratio: number;
  kneeDb: number;
  /** Time constant of the energy detector, ms. */
  detectorMs: number;
  /** Time constant of the gain's smoothing, ms. */
  smoothMs: number;
  /**
   * Below this level (dB relative to the track's loudness) there is no speech, only pauses, the
   * noise bed or breath tones: the gain holds across them (interpolated between the speech on
   * either side), so aids keep their level under the voice and the bed does not pump.
   */
  gateDb: number;
}

/** Blocks whose linear gains are worked out at a time. */
const GAIN_CHUNK = 1024;

/** How long the gain takes to move from the speech's edge to the pause gain. */
export const PAUSE_RAMP_MS = 80;

/**
 * Returns a levelled copy of `pcm` (or `pcm` itself, levelled in place, when the caller has no
 * further use for the original) and how much quieter it got (dB, energy-weighted like
 * integrated loudness), and which BLOCK-sample blocks hold speech. `referenceDb` is the track's
 * integrated loudness; the threshold is relative to it, so the leveller acts the same on quiet
 * and loud source material.
 */
export function levelSpeech(
  pcm: Float32Array,
  referenceDb: number,
  lev: Leveller,
  sampleRate: number,
  opts: { inPlace: boolean } = { inPlace: false },
): { pcm: Float32Array; lossDb: number; voiced: Uint8Array } {
  const n = pcm.length;
  const blocks = Math.ceil(n / BLOCK);
  const blockRate = sampleRate / BLOCK;
  // Mean square per block. Single precision throughout: a block level needs no more, and
  // a 10-minute track has 800k blocks, two tracks in flight.
  const energy = meanSquares(pcm);
  smoothBothWays(energy, onePole(lev.detectorMs, blockRate));
  // Gain reduction per block, dB (≤ 0), with a quadratic soft knee.
  const gainDb = new Float32Array(blocks + 1);
  const slope = 1 / lev.ratio - 1;
  const threshold = referenceDb + lev.thresholdDb;
  const halfKnee = lev.kneeDb / 2;
  const gate = referenceDb + lev.gateDb;
  const voiced = new Uint8Array(blocks);
  let eAll = 0;
  let eLevelled = 0;
  for (let b = 0; b < blocks; b++) {
    const level = 10 * Math.log10(energy[b]! + 1e-20);
    if (level < gate) continue;
    voiced[b] = 1;
    const over = level - threshold;
    gainDb[b] = over <= -halfKnee ? 0 : over >= halfKnee ? slope * over : (slope * (over + halfKnee) ** 2) / (2 * lev.kneeDb);
    eAll += energy[b]!;
    eLevelled += energy[b]! * 10 ** (gainDb[b]! / 10);
  }
  // Pauses take the speech's average gain: whatever sits in them (bed, tones) keeps its level
  // relative to the voice's loudness once the make-up gain is applied, instead of rising by the
  // whole compression; it also keeps their share of the loudness gating as it was.
  const pauseDb = eAll > 0 ? 10 * Math.log10(eLevelled / eAll) : 0;
  fillPauses(gainDb, voiced, pauseDb, Math.round((PAUSE_RAMP_MS / 1000) * blockRate));
  smoothBothWays(gainDb, onePole(lev.smoothMs, blockRate));
  const out = opts.inPlace ? pcm : new Float32Array(n);
  const [before, after] = applyGain(pcm, gainDb, out);
  return { pcm: out, lossDb: before > 0 && after > 0 ? 10 * Math.log10(after / before) : 0, voiced };
}

/** Mean square of each BLOCK samples (a short last block still divided by BLOCK). */
function meanSquares(pcm: Float32Array): Float32Array {
  const n = pcm.length;
  const energy = new Float32Array(Math.ceil(n / BLOCK));
  for (let b = 0, i = 0; i < n; b++) {
    const end = Math.min(n, i + BLOCK);
    let e = 0;
    for (; i < end; i++) {
      const x = pcm[i]!;
      e += x * x;
    }
    energy[b] = e / BLOCK;
  }
  return energy;
}

/**
 * Writes pcm × gain into `out`, the gain (dB per block start in `gainDb`) running linearly
 * across each block; returns the energy before and after.
 */
function applyGain(pcm: Float32Array, gainDb: Float32Array, out: Float32Array): [number, number] {
  const n = pcm.length;
  const blocks = Math.ceil(n / BLOCK);
  let before = 0;
  let after = 0;
  // The linear gains are worked out a chunk of blocks ahead, in their own loop: a call out to
  // Math.pow inside the per-block loop would slow the per-sample loop beside it threefold.
  const gains = new Float64Array(GAIN_CHUNK + 1);
  for (let c0 = 0; c0 < blocks; c0 += GAIN_CHUNK) {
    const c1 = Math.min(blocks, c0 + GAIN_CHUNK);
    let lastDb = Number.NaN;
    let lastGain = Number.NaN;
    for (let b = c0; b <= c1; b++) {
      // Held gains (pauses, uncompressed speech) repeat a dB value: no power to work out again.
      const db = gainDb[b]!;
      if (db !== lastDb) {
        lastDb = db;
        lastGain = 10 ** (db / 20);
      }
      gains[b - c0] = lastGain;
    }
    for (let b = c0; b < c1; b++) {
      const g0 = gains[b - c0]!;
      const g1 = gains[b - c0 + 1]!;
      const first = b * BLOCK;
      const end = Math.min(n, first + BLOCK);
      const step = (g1 - g0) / BLOCK;
      // The block's gain is reached at its centre; interpolate towards the next one.
      let g = g0;
      for (let i = first; i < end; i++, g += step) {
        const x = pcm[i]!;
        const v = x * g;
        out[i] = v;
        before += x * x;
        after += v * v;
      }
    }
  }
  return [before, after];
}

/**
 * Sets the gain (dB) of every block between voiced blocks: `pauseDb`, reached by a straight
 * ramp of `ramp` blocks from the speech on either side, so nothing steps.
 */
export function fillPauses(gainDb: Float32Array, voiced: Uint8Array, pauseDb: number, ramp: number): void {
  const blocks = voiced.length;
  let lastVoiced = -1;
  for (let b = 0; b <= blocks; b++) {
    if (b < blocks && !voiced[b]) continue;
    const before = lastVoiced >= 0 ? gainDb[lastVoiced]! : pauseDb;
    const after = b < blocks ? gainDb[b]! : pauseDb;
    for (let k = lastVoiced + 1; k < b; k++) {
      const fromStart = Math.min(1, (k - lastVoiced) / ramp);
      const fromEnd = Math.min(1, (b - k) / ramp);
      gainDb[k] = fromStart <= fromEnd ? before + (pauseDb - before) * fromStart : after + (pauseDb - after) * fromEnd;
    }
    lastVoiced = b;
  }
  gainDb[blocks] = gainDb[blocks - 1] ?? 0;
}

function onePole(ms: number, rate: number): number {
  return 1 - Math.exp(-1000 / (ms * rate));
}

/** A one-pole low-pass run forwards then backwards: symmetric smoothing with no delay. */
function smoothBothWays(v: Float32Array, a: number): void {
  let s = v[0]!;
  for (let i = 0; i < v.length; i++) v[i] = s += a * (v[i]! - s);
  s = v[v.length - 1]!;
  for (let i = v.length - 1; i >= 0; i--) v[i] = s += a * (v[i]! - s);
}
