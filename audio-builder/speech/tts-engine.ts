// The one interface every text-to-speech engine sits behind. Every engine delivers the
// pipeline's audio format (mono 16-bit PCM at PIPELINE_SAMPLE_RATE, audio/pipeline-rate.ts), so
// no engine output is ever resampled.
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import type { Locale } from "../model/script-schema.js";
import type { SpeechRate } from "../timeline/timeline-types.js";

export interface SpeechRequest {
  text: string;
  locale: Locale;
  rate: SpeechRate;
}

/** Mono. */
export interface SpeechAudio {
  sampleRate: 22050;
  samples: Int16Array;
}

export interface TtsEngine {
  readonly id: "espeak" | "azure" | "recorded";
  /** The engine's name for the voice, e.g. "nl" or "nl-NL-FennaNeural". */
  voice(locale: Locale): string;
  /** Everything about delivery that changes the audio; part of the segment cache key. */
  prosodyKey(rate: SpeechRate): string;
  /** What else a segment is made from, when it differs per sentence (a recorded take's content hash); part of the cache key. */
  sourceKey?(req: SpeechRequest): string;
  synthesize(req: SpeechRequest): Promise<SpeechAudio>;
  close(): Promise<void>;
}

/**
 * How long `samples` lasts in whole milliseconds, rounded up so that the timeline event made
 * from it always holds the audio: round(ms * 22.05) >= samples.
 */
export function samplesToMs(samples: number): number {
  return Math.ceil((samples * 1000) / PIPELINE_SAMPLE_RATE);
}
