// A narrator's own voice behind the TtsEngine interface: each sentence is the take recorded for
// it (recordings/<locale>/<voice>/, see recordings/), processed for the pipeline; the timeline
// then uses each take's real length, exactly as it uses synthesised speech. Locales without a
// recorded voice, and with --fallback-tts the sentences that have no take yet, are spoken by
// the TTS engine it wraps. A take's content hash is part of its segment's cache key, so a new
// take re-processes that one sentence and rebuilds only the tracks that say it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "../files/atomic-file.js";
import type { Locale } from "../model/script-schema.js";
import { prepareTake, TAKE_PROCESSING } from "../recordings/prepare-take.js";
import { normalizeSentence, sentenceKey } from "../recordings/sentence-key.js";
import { readTakeIndex, voiceDir, type TakeIndex } from "../recordings/take-index.js";
import { TakeError } from "../recordings/take-format.js";
import type { SpeechRate } from "../timeline/timeline-types.js";
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import type { SpeechAudio, SpeechRequest, TtsEngine } from "./tts-engine.js";

export const RECORDED_PREFIX = "recorded:";

export interface RecordedEngineOptions {
  recordingsDir: string;
  /** The recorded voice per locale; other locales speak with `tts`. */
  voices: Partial<Record<Locale, string>>;
  tts: TtsEngine;
  /** Speak sentences that have no take with `tts` instead of failing. */
  fallbackTts: boolean;
}

interface LocaleVoice {
  voice: string;
  dir: string;
  index: TakeIndex | undefined;
  /** sha256 of each take file on disk, by sentence key. */
  hashes: Map<string, string>;
}

/** Who speaks a locale's sentences, for tags, the page and the catalog. */
export interface Narration {
  engine: "recorded" | "espeak" | "azure";
  /** The recorded voice's name, or the TTS engine's voice. */
  voice: string;
  /** The narrator's name as listeners see it (recorded voices). */
  narrator?: string;
}

export class RecordedEngine implements TtsEngine {
  readonly id = "recorded";

  private constructor(
    private readonly voices: Map<Locale, LocaleVoice>,
    private readonly tts: TtsEngine,
    private readonly fallbackTts: boolean,
  ) {}

  /** Reads each voice's index (refusing one of another locale) and hashes its takes. */
  static async open(opts: RecordedEngineOptions): Promise<RecordedEngine> {
    const voices = new Map<Locale, LocaleVoice>();
    for (const [locale, voice] of Object.entries(opts.voices) as [Locale, string][]) {
      const dir = voiceDir(opts.recordingsDir, locale, voice);
      const index = await readTakeIndex(dir, locale, voice);
      if (!index && !opts.fallbackTts) {
        throw new TakeError(
          `${dir} holds no takes of voice ${voice} for ${locale}: record them with npm run record -- --locale ${locale} --voice ${voice}, ` +
            `build another locale (--locale), or add --fallback-tts to speak them with the TTS engine`,
        );
      }
      const hashes = new Map<string, string>();
      await Promise.all(
        Object.entries(index?.takes ?? {}).map(async ([key, entry]) => {
          const bytes = await readFile(path.join(dir, entry.file)).catch(() => undefined);
          if (bytes) hashes.set(key, sha256Hex(bytes));
        }),
      );
      voices.set(locale, { voice, dir, index, hashes });
    }
    return new RecordedEngine(voices, opts.tts, opts.fallbackTts);
  }

  voice(locale: Locale): string {
    const recorded = this.voices.get(locale);
    return recorded ? `${RECORDED_PREFIX}${recorded.voice}` : this.tts.voice(locale);
  }

  /** Takes carry their own delivery; what a TTS-spoken sentence depends on is in sourceKey. */
  prosodyKey(_rate: SpeechRate): string {
    return "";
  }

  sourceKey(req: SpeechRequest): string {
    const hash = this.takeHash(req);
    if (hash) return `take ${hash} ${TAKE_PROCESSING}`;
    return `${this.tts.id} ${this.tts.voice(req.locale)} ${this.tts.prosodyKey(req.rate)}`;
  }

  /** Whether the sentence is spoken from a take. */
  hasTake(req: SpeechRequest): boolean {
    return this.takeHash(req) !== undefined;
  }

  /** Locales whose sentences are meant to come from takes. */
  recordedLocales(): Locale[] {
    return [...this.voices.keys()];
  }

  /** The voice folder and its index (undefined before the first take). */
  takesOf(locale: Locale): { voice: string; dir: string; index: TakeIndex | undefined } | undefined {
    const v = this.voices.get(locale);
    return v && { voice: v.voice, dir: v.dir, index: v.index };
  }

  narration(locale: Locale): Narration {
    const recorded = this.voices.get(locale);
    if (recorded) return { engine: "recorded", voice: recorded.voice, narrator: recorded.index?.narrator ?? recorded.voice };
    return { engine: this.tts.id as Narration["engine"], voice: this.tts.voice(locale) };
  }

  /** The TTS engine's own narration (what speaks sentences without a take). */
  ttsNarration(locale: Locale): Narration {
    return { engine: this.tts.id as Narration["engine"], voice: this.tts.voice(locale) };
  }

  async synthesize(req: SpeechRequest): Promise<SpeechAudio> {
    const recorded = this.voices.get(req.locale);
    if (!recorded) return this.tts.synthesize(req);
    const key = sentenceKey(req.locale, req.text);
    const entry = recorded.index?.takes[key];
    if (!entry || !recorded.hashes.has(key)) {
      if (this.fallbackTts) return this.tts.synthesize(req);
      throw new TakeError(`no take of ${JSON.stringify(normalizeSentence(req.text))} in ${recorded.dir}: record it, or build with --fallback-tts`);
    }
    const fix = `record the sentence ${JSON.stringify(entry.text)} again (npm run record -- --locale ${req.locale} --voice ${recorded.voice} --all), or restore the file from git`;
    const samples = await prepareTake(path.join(recorded.dir, entry.file), fix, entry.samples);
    return { sampleRate: PIPELINE_SAMPLE_RATE, samples };
  }

  close(): Promise<void> {
    return this.tts.close();
  }

  private takeHash(req: SpeechRequest): string | undefined {
    const recorded = this.voices.get(req.locale);
    if (!recorded) return undefined;
    const key = sentenceKey(req.locale, req.text);
    // The index must say the take is for this very text (a key collision would be a different sentence).
    if (recorded.index?.takes[key]?.text !== normalizeSentence(req.text)) return undefined;
    return recorded.hashes.get(key);
  }
}

/** The voice name in `recorded:<name>`, or a TakeError saying what `--voice` takes. */
export function parseRecordedVoice(value: string, from: string): string {
  if (!value.startsWith(RECORDED_PREFIX) || value.length === RECORDED_PREFIX.length) {
    throw new TakeError(`${from}=${JSON.stringify(value)}: a voice is recorded:<name> (e.g. recorded:anna), the folder recordings/<locale>/<name>/; engines are chosen with --tts`);
  }
  return value.slice(RECORDED_PREFIX.length);
}
