// Azure neural voices through the Speech SDK. One synthesis per speech segment (the pipeline
// inserts every pause itself, so no SSML breaks and no long documents), asked for in the
// pipeline's own format so nothing is resampled.
import {
  CancellationDetails,
  CancellationErrorCode,
  CancellationReason,
  ResultReason,
  SpeechConfig,
  SpeechSynthesisOutputFormat,
  SpeechSynthesizer,
  type SpeechSynthesisResult,
} from "microsoft-cognitiveservices-speech-sdk";
import type { Locale } from "../model/script-schema.js";
import type { SpeechRate } from "../timeline/timeline-types.js";
import { backoffDelayMs, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from "./backoff.js";
import { EDGE_SILENCE_MS, trimToSpeech } from "./silence-trim.js";
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import { type SpeechAudio, type SpeechRequest, type TtsEngine } from "./tts-engine.js";
import { parseWav } from "./wav.js";

export const DEFAULT_AZURE_VOICES: Record<Locale, string> = {
  "nl-NL": "nl-NL-FennaNeural",
  "en-US": "en-US-JennyNeural",
};

/** Neural voices already sound unhurried; a little slower suits relaxation, more for "slow". */
const PROSODY_RATE: Record<SpeechRate, string> = { normal: "-10%", slow: "-25%" };

/** The part of the SDK's SpeechSynthesizer the engine uses; tests hand in a fake of it. */
export type AzureSynthesizer = Pick<SpeechSynthesizer, "speakSsmlAsync" | "close">;
export type SynthesizerFactory = (config: SpeechConfig) => AzureSynthesizer;

// The synthesizer only speaks into the returned result: no speaker output (null AudioConfig).
const realSynthesizer: SynthesizerFactory = (config) => new SpeechSynthesizer(config, null);

export interface AzureEngineOptions {
  key: string;
  region: string;
  voices?: Partial<Record<Locale, string>>;
  /** Overrides key/region, e.g. for a private endpoint. */
  speechConfig?: SpeechConfig;
  synthesizerFactory?: SynthesizerFactory;
  backoff?: BackoffPolicy;
  /** Injected in tests so retries do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** A synthesis that Azure cancelled or that failed to reach it, with what Azure said. */
export class AzureSpeechError extends Error {
  override readonly name = "AzureSpeechError";
  constructor(
    message: string,
    readonly reason: string,
    readonly errorCode: string,
    readonly details: string,
    readonly kind: "auth" | "transient" | "permanent",
  ) {
    super(message);
  }
}

const AUTH_CODES = new Set([CancellationErrorCode.AuthenticationFailure, CancellationErrorCode.Forbidden]);
const TRANSIENT_CODES = new Set([
  CancellationErrorCode.TooManyRequests,
  CancellationErrorCode.ServiceTimeout,
  CancellationErrorCode.ConnectionFailure,
]);
// The SDK reports a refused websocket upgrade as ConnectionFailure with the HTTP status in the
// details ("Unable to contact server. StatusCode: 401 ..."), so the details are read as well.
const STATUS = String.raw`(?:status ?code|http(?:/[\d.]+)?|error code)[:= ]*`;
const AUTH_DETAILS = new RegExp(String.raw`${STATUS}(?:401|403)\b|unauthori[sz]ed|authentication ?fail|invalid subscription key|access denied`, "i");
const TRANSIENT_DETAILS = new RegExp(
  String.raw`${STATUS}(?:429|5\d\d)\b|\b429\b|too many requests|throttl|service ?unavailable|bad gateway|timed? ?out|timeout|ECONNRESET|ETIMEDOUT|ECONNREFUSED`,
  "i",
);

function classify(code: CancellationErrorCode | undefined, details: string): AzureSpeechError["kind"] {
  if ((code !== undefined && AUTH_CODES.has(code)) || AUTH_DETAILS.test(details)) return "auth";
  if ((code !== undefined && TRANSIENT_CODES.has(code)) || TRANSIENT_DETAILS.test(details)) return "transient";
  return "permanent";
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** One segment as a complete SSML document: Azure requires a <voice> element. */
export function segmentSsml(text: string, locale: Locale, voice: string, rate: SpeechRate): string {
  return (
    `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${locale}">` +
    `<voice name="${escapeXml(voice)}"><prosody rate="${PROSODY_RATE[rate]}">${escapeXml(text)}</prosody></voice></speak>`
  );
}

export class AzureEngine implements TtsEngine {
  readonly id = "azure";
  private readonly config: SpeechConfig;
  private readonly voices: Record<Locale, string>;
  private readonly createSynthesizer: SynthesizerFactory;
  private readonly backoff: BackoffPolicy;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly open = new Set<AzureSynthesizer>();

  constructor(private readonly opts: AzureEngineOptions) {
    this.config = opts.speechConfig ?? SpeechConfig.fromSubscription(opts.key, opts.region);
    this.config.speechSynthesisOutputFormat = SpeechSynthesisOutputFormat.Riff22050Hz16BitMonoPcm;
    this.voices = { ...DEFAULT_AZURE_VOICES, ...opts.voices };
    this.createSynthesizer = opts.synthesizerFactory ?? realSynthesizer;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.wait = opts.sleep ?? sleep;
  }

  voice(locale: Locale): string {
    return this.voices[locale];
  }

  prosodyKey(rate: SpeechRate): string {
    return `rate${PROSODY_RATE[rate]} riff22050 edge${EDGE_SILENCE_MS}ms`;
  }

  /**
   * A first, tiny synthesis before any real work, so that a wrong key or region stops the
   * build at once with a message that says what to fix.
   */
  async verify(locale: Locale = "nl-NL"): Promise<void> {
    await this.synthesize({ text: locale === "nl-NL" ? "Rust." : "Rest.", locale, rate: "normal" });
  }

  async synthesize(req: SpeechRequest): Promise<SpeechAudio> {
    const voice = this.voice(req.locale);
    const ssml = segmentSsml(req.text, req.locale, voice, req.rate);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.synthesizeOnce(ssml, req, voice);
      } catch (err) {
        if (!(err instanceof AzureSpeechError)) throw err;
        if (err.kind === "auth") throw this.authError(err);
        if (err.kind !== "transient" || attempt >= this.backoff.attempts) {
          if (attempt > 1) err.message += ` (gave up after ${attempt} attempts)`;
          throw err;
        }
        await this.wait(backoffDelayMs(this.backoff, attempt));
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((s) => closeSynthesizer(s)));
    this.config.close();
  }

  private async synthesizeOnce(ssml: string, req: SpeechRequest, voice: string): Promise<SpeechAudio> {
    // A fresh synthesizer per segment: one that saw a cancellation is not reused.
    const synthesizer = this.createSynthesizer(this.config);
    this.open.add(synthesizer);
    let result: SpeechSynthesisResult;
    try {
      result = await new Promise<SpeechSynthesisResult>((resolve, reject) =>
        synthesizer.speakSsmlAsync(ssml, resolve, (e) => reject(new Error(String(e)))),
      );
    } catch (err) {
      const details = oneLine(err instanceof Error ? err.message : String(err));
      throw new AzureSpeechError(
        `Azure speech synthesis failed for ${describe(req, voice)}: ${details}`,
        "Error",
        "Unknown",
        details,
        classify(undefined, details),
      );
    } finally {
      this.open.delete(synthesizer);
      await closeSynthesizer(synthesizer);
    }
    if (result.reason === ResultReason.SynthesizingAudioCompleted) return toSpeechAudio(result, req, voice);
    if (result.reason === ResultReason.Canceled) {
      const cancellation = CancellationDetails.fromResult(result);
      const reason = CancellationReason[cancellation.reason] ?? String(cancellation.reason);
      const code = CancellationErrorCode[cancellation.ErrorCode] ?? String(cancellation.ErrorCode);
      const details = oneLine(cancellation.errorDetails ?? "");
      throw new AzureSpeechError(
        `Azure cancelled speech synthesis for ${describe(req, voice)}: reason ${reason}, code ${code}: ${details}`,
        reason,
        code,
        details,
        classify(cancellation.ErrorCode, details),
      );
    }
    throw new AzureSpeechError(
      `Azure speech synthesis for ${describe(req, voice)} ended with ${ResultReason[result.reason]}, not SynthesizingAudioCompleted`,
      ResultReason[result.reason] ?? String(result.reason),
      "NoError",
      result.errorDetails ?? "",
      "permanent",
    );
  }

  private authError(err: AzureSpeechError): AzureSpeechError {
    return new AzureSpeechError(
      `Azure rejected the speech key for region ${this.opts.region}: check AZURE_SPEECH_KEY and AZURE_SPEECH_REGION ` +
        `(the key of a Speech resource in that region). Azure said: ${err.errorCode}: ${err.details}`,
      err.reason,
      err.errorCode,
      err.details,
      "auth",
    );
  }
}

// The SDK's messages carry line breaks and indentation from its source.
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function describe(req: SpeechRequest, voice: string): string {
  const text = req.text.length > 60 ? `${req.text.slice(0, 57)}...` : req.text;
  return `${JSON.stringify(text)} (${voice})`;
}

function closeSynthesizer(s: AzureSynthesizer): Promise<void> {
  // Closing is best effort: a failure to close must not hide the synthesis outcome.
  return new Promise((resolve) => s.close(() => resolve(), () => resolve()));
}

function toSpeechAudio(result: SpeechSynthesisResult, req: SpeechRequest, voice: string): SpeechAudio {
  // Durations come from the samples, not from result.audioDuration.
  const wav = parseWav(new Uint8Array(result.audioData));
  if (wav.sampleRate !== PIPELINE_SAMPLE_RATE || wav.channels !== 1) {
    throw new Error(`Azure returned ${wav.sampleRate} Hz, ${wav.channels} channel(s) for ${describe(req, voice)}; expected ${PIPELINE_SAMPLE_RATE} Hz mono`);
  }
  const samples = trimToSpeech(wav.samples);
  if (!samples) throw new Error(`Azure returned silence for ${describe(req, voice)}`);
  return { sampleRate: PIPELINE_SAMPLE_RATE, samples };
}
