// How a take is kept on disk: FLAC, mono, 16-bit, 48 kHz. Lossless (the narrator's performance is
// source material, committed like the scripts) yet about half the size of a WAV. 48 kHz is what
// browsers capture at, so the page's PCM is stored untouched; the build resamples once, to the
// pipeline's rate. 16 bits hold a microphone's whole range (96 dB) with room to spare.
export const TAKE_SAMPLE_RATE = 48000;
export const TAKE_CHANNELS = 1;
export const TAKE_BITS = 16;
export const TAKE_EXTENSION = ".flac";
/** The longest take accepted: a sentence, not a chapter. */
export const MAX_TAKE_SECONDS = 120;

export const TAKE_FORMAT_LABEL = `FLAC, ${TAKE_SAMPLE_RATE} Hz, mono, ${TAKE_BITS}-bit`;

/** ffmpeg output options that write a take (compression level 8: smallest, still fast for a sentence). */
export const FLAC_OUTPUT_OPTIONS = ["-c:a", "flac", "-compression_level", "8", "-sample_fmt", "s16", "-ac", "1", "-ar", String(TAKE_SAMPLE_RATE), "-map_metadata", "-1"];

/** A voice folder's name: what `--voice` and `recorded:<name>` say. */
export const VOICE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class TakeError extends Error {
  override readonly name = "TakeError";
}

export function checkVoiceName(name: string): string {
  if (!VOICE_NAME.test(name)) {
    throw new TakeError(`voice name ${JSON.stringify(name)}: use lower-case letters, digits, - or _ (e.g. anna), at most 40 characters`);
  }
  return name;
}
