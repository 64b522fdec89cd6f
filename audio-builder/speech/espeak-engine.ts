// The offline default engine: espeak-ng compiled to WebAssembly (the `espeak-ng` npm package),
// so a fresh checkout builds audio with no account, no network and no system install.
import { createRequire } from "node:module";
import type { Locale } from "../model/script-schema.js";
import type { SpeechRate } from "../timeline/timeline-types.js";
import { EspeakPool } from "./espeak-pool.js";
import { EDGE_SILENCE_MS, trimToSpeech } from "./silence-trim.js";
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import { type SpeechAudio, type SpeechRequest, type TtsEngine } from "./tts-engine.js";
import { parseWav } from "./wav.js";

/** espeak-ng voice names, as listed by `espeak-ng --voices` in the package's embedded data. */
const VOICES: Record<Locale, string> = { "nl-NL": "nl", "en-US": "en-us" };

/**
 * Calm delivery. espeak's default is 175 words a minute; guided relaxation wants well under
 * conversational pace, and "slow" passages (breathing cues, the close) slower again. A pitch a
 * little under the default (50) sounds less alert; the extra word gap (units of 10 ms) lets
 * each word land without dragging the vowels the way a very low -s does. At these settings a
 * sentence lasts about what estimateSpeech() plans for it (measured: within ~5% for full
 * sentences), so timelines planned offline and built with espeak agree.
 */
const PROSODY: Record<SpeechRate, { wpm: number; pitch: number; wordGap: number }> = {
  normal: { wpm: 130, pitch: 40, wordGap: 2 },
  slow: { wpm: 110, pitch: 38, wordGap: 3 },
};

const ESPEAK_VERSION = (createRequire(import.meta.url)("espeak-ng/package.json") as { version: string }).version;

export interface EspeakEngineOptions {
  /** Worker threads; defaults to the number of cores. */
  threads?: number;
}

export class EspeakEngine implements TtsEngine {
  readonly id = "espeak";
  private readonly pool: EspeakPool;

  constructor(opts: EspeakEngineOptions = {}) {
    this.pool = new EspeakPool(opts.threads);
  }

  voice(locale: Locale): string {
    return VOICES[locale];
  }

  prosodyKey(rate: SpeechRate): string {
    const p = PROSODY[rate];
    // The package version and the trim margin change the audio too.
    return `espeak-ng@${ESPEAK_VERSION} s${p.wpm} p${p.pitch} g${p.wordGap} edge${EDGE_SILENCE_MS}ms`;
  }

  async synthesize(req: SpeechRequest): Promise<SpeechAudio> {
    const p = PROSODY[req.rate];
    const args = ["-v", this.voice(req.locale), "-s", String(p.wpm), "-p", String(p.pitch), "-g", String(p.wordGap)];
    // espeak reads a newline as the end of a clause; a segment is one flowing piece of text.
    const text = req.text.replace(/\s+/g, " ").trim();
    const wav = parseWav(await this.pool.run(args, text));
    if (wav.sampleRate !== PIPELINE_SAMPLE_RATE || wav.channels !== 1) {
      throw new Error(`espeak-ng produced ${wav.sampleRate} Hz, ${wav.channels} channel(s); the pipeline needs ${PIPELINE_SAMPLE_RATE} Hz mono`);
    }
    const samples = trimToSpeech(wav.samples);
    if (!samples) throw new Error(`espeak-ng produced no audible speech for ${JSON.stringify(req.text)} (${req.locale})`);
    return { sampleRate: PIPELINE_SAMPLE_RATE, samples };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
