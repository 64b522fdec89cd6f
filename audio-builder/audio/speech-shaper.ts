// Makes room for a loud delivery profile. Alexa wants -14 LUFS with true peak ≤ -2 dBTP after
// 48 kb/s MP3 coding: a peak-to-loudness ratio of about 11 dB before the codec. espeak speech
// measures ~19: its loudest vowels run ~9 dB above the average speech, and within a vowel the
// glottal pulses peak ~10 dB above its RMS. A linear gain and the true-peak limiter alone would
// have to squash the voice by that much, so the track is shaped first, in three zero-latency
// steps (the whole track is in memory, so nothing moves against the timeline):
//  1. a speech leveller evens out syllables (see speech-leveller.ts);
//  2. a zero-phase low-pass at the codec's band edge, so what follows works on the band the
//     listener gets (the codec's own low-pass would otherwise reshape every trimmed peak and
//     bring 2-4 dB of true peak back);
//  3. a fast true-peak limiter (1 ms look-ahead, few-ms release) trims the pulse tips a few
//     dB: a smooth gain dip per pitch period, whose products are harmonics of the voice's own
//     pitch, not the hard-clipping buzz a clipper adds.
// The result is a new PCM track; the caller measures it and runs the usual gain and limiter.
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import { lowPassInPlace, type BandLimit } from "./band-limit.js";
import { dbToGain } from "./sample-clock.js";
import { fillPauses, levelSpeech, PAUSE_RAMP_MS, type Leveller } from "./speech-leveller.js";
import { analysePeaks, applyCurve, BLOCK, limiterCurve, limiterLossDb, type LimiterTiming } from "./true-peak-limiter.js";

/** The pulse trim may cost at most this much loudness, made up by gain. */
const MAX_TRIM_MAKEUP_DB = 6;

export interface Shaping {
  leveller: Leveller;
  /** The fast limiter's true-peak ceiling, dB above the shaped track's loudness. */
  pulseCeilingDb: number;
  pulseTiming: LimiterTiming;
  bandLimit: BandLimit;
}

/**
 * The shaped track, brought near `targetLufs`: loudness gating has an absolute threshold
 * (-70 LUFS), so a quiet noise bed counts only at the level the file will have, and the
 * caller's measurement of this track should see it there. `inPlace` shapes `pcm` itself, for a
 * caller that needs the original no more: a long track is then not held twice.
 */
export function shapeSpeech(
  pcm: Float32Array,
  sourceLufs: number,
  targetLufs: number,
  shaping: Shaping,
  opts: { inPlace: boolean } = { inPlace: false },
): Float32Array {
  const levelled = levelSpeech(pcm, sourceLufs, shaping.leveller, PIPELINE_SAMPLE_RATE, opts);
  const out = levelled.pcm;
  lowPassInPlace(out, shaping.bandLimit, PIPELINE_SAMPLE_RATE);
  // Loudness is estimated from energy (what the leveller and the pulse limiter take, weighted
  // like integrated loudness): close enough to place the ceiling, and no measuring pass. The
  // gain that brings the trimmed track to the target is found in a few rounds, as the trim
  // grows with the gain; capped, so speech that would need more is not crushed.
  const ceiling = dbToGain(targetLufs + shaping.pulseCeilingDb);
  const analysis = analysePeaks(out, { remember: false });
  const baseDb = targetLufs - (sourceLufs + levelled.lossDb);
  let gainDb = baseDb;
  const curve = limiterCurve(analysis, dbToGain(gainDb), ceiling, shaping.pulseTiming);
  for (let round = 0; round < 6; round++) {
    const next = baseDb + Math.min(MAX_TRIM_MAKEUP_DB, -limiterLossDb(analysis, curve));
    if (Math.abs(next - gainDb) < 0.05) break;
    gainDb = next;
    limiterCurve(analysis, dbToGain(gainDb), ceiling, shaping.pulseTiming, curve);
  }
  // The make-up for the trim is for the voice: pauses (bed, tones) are trimmed by as much, so
  // they keep their level under the voice.
  const trimDb = gainDb - baseDb;
  if (trimDb > 0) {
    const pauseDb = new Float32Array(levelled.voiced.length + 1);
    fillPauses(pauseDb, levelled.voiced, -trimDb, Math.round((PAUSE_RAMP_MS / 1000) * (PIPELINE_SAMPLE_RATE / BLOCK)));
    // pauseDb holds long runs of one value (0 in speech, -trimDb in pauses): a power per run.
    let lastDb = Number.NaN;
    let lastGain = Number.NaN;
    for (let b = 0; b < curve.length; b++) {
      const db = pauseDb[Math.min(b, pauseDb.length - 1)]!;
      if (db !== lastDb) {
        lastDb = db;
        lastGain = dbToGain(db);
      }
      curve[b] = curve[b]! * lastGain;
    }
  }
  applyCurve(out, dbToGain(gainDb), curve, 0, out.length, out);
  return out;
}
