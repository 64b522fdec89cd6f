// Planning one profile's gain: the linear gain, and the true-peak limiter's curve at that gain,
// that bring the track to the loudness the encode aims at. Read from the track's K-weighted
// block energies (loudness-meter.ts), so each gain tried costs a pass over the blocks, not a
// filter over every sample. The encode loop (encode-track.ts) calls it once per attempt.
import type { LoudnessMeter } from "./loudness-meter.js";
import { dbToGain } from "./sample-clock.js";
import { limiterCurve, type PeakAnalysis } from "./true-peak-limiter.js";

/** The gain search stops this close to its aim, or after this many measurements. */
const PLAN_TOLERANCE_LU = 0.1;
const PLAN_ROUNDS = 5;

export interface GainPlan {
  gain: number;
  /** The limiter's gain per block start (limiterCurve). */
  curve: Float32Array;
  /** How far the planned loudness falls from the aim, LU (aim − planned). */
  offLu: number;
}

/**
 * The gain, and the limiter curve at that gain, whose limited PCM measures `aimLufs`. The
 * limited track's loudness is read from the track's K-weighted block energies under the curve
 * (loudness-meter.ts) rather than estimated from plain energy: on sparse speech (short breathing cues
 * between long pauses) the limiter's share of the loudness is two or three times what its
 * energy suggests, because the loudness gate then admits more of the quiet blocks. There, more
 * gain can even make the track quieter, so the closest reading wins. The gain may exceed the
 * plain gain (no limiter) by at most `maxMakeUpDb`, so speech is not squashed into loudness.
 */
export function planGain(
  meter: LoudnessMeter,
  analysis: PeakAnalysis,
  opts: { aimLufs: number; ceilings: Float32Array; maxMakeUpDb: number },
): GainPlan {
  const workLufs = meter.integratedLufs();
  const plainDb = opts.aimLufs - workLufs;
  let gainDb = plainDb;
  let best: { gainDb: number; gain: number; curve: Float32Array; offLu: number } | undefined;
  /** Each try's curve goes into an array the best one does not hold (a fresh one when none is free). */
  let spare: Float32Array | undefined;
  let previous: { gainDb: number; lufs: number } | undefined;
  /** Set once more gain has made the track quieter: from then on the search steps down. */
  let downStep: number | undefined;
  for (let round = 0; round < PLAN_ROUNDS; round++) {
    const gain = dbToGain(gainDb);
    const curve = limiterCurve(analysis, gain, opts.ceilings, undefined, spare);
    // Where the limiter does nothing, the result is exactly the gain: nothing to measure.
    const lufs = curveIsFlat(curve) ? workLufs + gainDb : limitedLoudness(meter, gain, curve);
    const offLu = opts.aimLufs - lufs;
    const improved = !best || Math.abs(offLu) < Math.abs(best.offLu);
    if (improved) {
      spare = best?.curve;
      best = { gainDb, gain, curve, offLu };
    } else {
      spare = curve;
    }
    if (Math.abs(offLu) <= PLAN_TOLERANCE_LU) break;
    let next: number;
    if (downStep !== undefined) {
      if (!improved) break;
      next = gainDb - downStep;
    } else if (previous && gainDb > previous.gainDb && lufs <= previous.lufs) {
      // Past the loudest point: the limiter pins the speech while pauses, tones and bed come up.
      downStep = (gainDb - previous.gainDb) / 2;
      next = best!.gainDb - downStep;
    } else {
      next = Math.min(plainDb + opts.maxMakeUpDb, gainDb + offLu);
    }
    if (Math.abs(next - gainDb) < 0.01) break;
    previous = { gainDb, lufs };
    gainDb = next;
  }
  return best!;
}

function curveIsFlat(curve: Float32Array): boolean {
  for (let i = 0; i < curve.length; i++) if (curve[i]! < 1) return false;
  return true;
}

/**
 * Integrated loudness of gain × curve × PCM from the PCM's K-weighted block energies: the curve
 * runs linearly from curve[b] to curve[b + 1] over block b, so the block's power scales by the
 * mean of its square.
 */
function limitedLoudness(meter: LoudnessMeter, gain: number, curve: Float32Array): number {
  const g2 = gain * gain;
  return meter.integratedLufs((b) => {
    const c0 = curve[b]!;
    const c1 = curve[b + 1]!;
    return (g2 * (c0 * c0 + c0 * c1 + c1 * c1)) / 3;
  });
}
