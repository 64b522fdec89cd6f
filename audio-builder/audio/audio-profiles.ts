// What each delivery target needs from a finished MP3. Numbers come from design.md ("Audio").
import type { Shaping } from "./speech-shaper.js";

export type AudioProfile = "download" | "alexa";

export interface ProfileSpec {
  sampleRate: number;
  channels: 1;
  bitrateKbps: number;
  /** Integrated loudness the gain aims at, LUFS; the file must land within ±1. */
  targetLufs: number;
  /** The file's true peak must not exceed this, dBTP. */
  maxTruePeakDbtp: number;
  /** Headroom the limiter keeps below `maxTruePeakDbtp` for the peaks MP3 coding adds back. */
  limiterMarginDb: number;
  /**
   * More headroom on the first encode, for a track whose loudness does not need it: it spares the
   * second encode where the codec would push a peak over. A track the extra headroom would leave
   * short of its loudness aim is planned with `limiterMarginDb` alone.
   */
  firstTryMarginDb?: number;
  /** libmp3lame -q (0 best … 9 fastest): 7 is "fast, ok quality"; speech band-limited well under the bitrate's low-pass loses nothing audible. */
  lameQuality: number;
  /**
   * How much quieter libmp3lame makes the signal at this bitrate (its quantiser rounds towards
   * zero). Measured here with ebur128 on a 1 kHz sine and on espeak speech: 0.4 to 0.5 LU at
   * 96 and 48 kb/s, none at 320 kb/s. Pre-compensating saves a second encode for most tracks;
   * the finished file is measured either way.
   */
  codecLossDb: number;
  /** libmp3lame's low-pass, Hz, when the profile sets it rather than LAME's bitrate default. */
  lameCutoffHz?: number;
  /** Shaping before gain and limiter, for a loudness target espeak's peaky speech cannot reach without. */
  shaping?: Shaping;
  /**
   * The platform's own acceptance window, LUFS. A track that cannot reach target ±1 without
   * squashing the voice, but keeps the true-peak limit and lands inside this window, is kept
   * with a warning instead of failing the whole build.
   */
  acceptLufs?: readonly [number, number];
}

export const PROFILES: Record<AudioProfile, ProfileSpec> = {
  // Mono rather than stereo: every voice and aid is mono, so a second identical channel adds
  // nothing but encoding time (libmp3lame takes about twice as long for joint stereo), and a mono
  // stream spends all its bits on the one voice. A mono file is heard on both
  // earpieces, so podcast practice (AES TD1004) puts it 3 LU under stereo: -19 LUFS, which
  // sounds as loud as a -16 LUFS stereo episode. 22,050 Hz is the pipeline rate itself: the
  // speech has nothing above 11 kHz, so 44.1 kHz would only double the encoder's work (and the
  // file). 64 kb/s mono MPEG-2 Layer III keeps speech transparent on headphones.
  download: {
    sampleRate: 22050,
    channels: 1,
    bitrateKbps: 64,
    targetLufs: -19,
    maxTruePeakDbtp: -1.5,
    limiterMarginDb: 0.7,
    // A speech-only, 11 kHz-wide signal at 64 kb/s mono leaves LAME bits to spare: q7 is
    // transparent here and ~10% faster.
    lameQuality: 7,
    codecLossDb: 0.45,
  },
  // Alexa's SSML <audio> and AudioPlayer: MP3 at 48 kb/s, 24,000 Hz (MPEG-2 Layer III), mono;
  // Amazon's loudness guidance is -14 LUFS with true peak at most -2 dBTP. That is a peak-to-
  // loudness ratio espeak's speech is ~7 dB short of, so the track is shaped first (speech-
  // shaper.ts). The numbers were tuned on the catalogue's espeak tracks (nl-NL, en-US): less
  // levelling or pulse trimming leaves the file ~1 LU short; the codec then adds 0.5-1 dB of
  // true peak, locally up to ~2, which the encode loop takes off where it happens.
  alexa: {
    sampleRate: 24000,
    channels: 1,
    bitrateKbps: 48,
    targetLufs: -14,
    // Amazon may reject skill audio outside -19 to -9 LUFS (design.md).
    acceptLufs: [-19, -9],
    maxTruePeakDbtp: -2,
    limiterMarginDb: 1.0,
    // Measured on the whole catalogue (espeak): 44 alexa encodes for 32 tracks without it, 34 with
    // 0.25 dB; the files then land at -14.2 to -15.0 LUFS, all within -14 ±1.
    firstTryMarginDb: 0.25,
    lameQuality: 7,
    codecLossDb: 0.45,
    // LAME's own low-pass at 48 kb/s, 24 kHz mono is ~7.5 kHz; named so it matches the shaping.
    lameCutoffHz: 7500,
    shaping: {
      leveller: { thresholdDb: -12, ratio: 4, kneeDb: 6, detectorMs: 5, smoothMs: 8, gateDb: -25 },
      pulseCeilingDb: 10,
      pulseTiming: { attackMs: 1, releaseMs: 6, truePeaks: true },
      bandLimit: { passHz: 6000, stopHz: 7800 },
    },
  },
};
