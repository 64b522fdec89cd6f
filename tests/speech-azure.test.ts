// The Azure engine at the Speech SDK boundary: a fake synthesizer answers with the SDK's own
// result objects (SpeechSynthesisResult, PropertyCollection, ResultReason, CancellationErrorCode),
// so the engine's handling runs through the SDK's CancellationDetails.fromResult. No network.
import {
  CancellationDetails,
  CancellationErrorCode,
  PropertyCollection,
  ResultReason,
  SpeechConfig,
  SpeechSynthesisResult,
} from "microsoft-cognitiveservices-speech-sdk";
import { describe, expect, it } from "vitest";
import { AzureEngine, AzureSpeechError, type AzureSynthesizer } from "../audio-builder/speech/azure-engine.js";
import { createEngine, SpeechConfigError } from "../audio-builder/speech/create-engine.js";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { EDGE_SILENCE_MS } from "../audio-builder/speech/silence-trim.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";
import { encodeWav } from "../audio-builder/speech/wav.js";

/** What Azure would send: 100 ms of silence, a 0.5 s tone, 200 ms of silence, as RIFF. */
function azureAudio(sampleRate = PIPELINE_SAMPLE_RATE): ArrayBuffer {
  const samples = new Int16Array(Math.round(0.8 * sampleRate));
  const start = Math.round(0.1 * sampleRate);
  const toneLength = Math.round(0.5 * sampleRate);
  for (let i = 0; i < toneLength; i++) samples[start + i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
  const wav = encodeWav(samples, sampleRate);
  return wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer;
}

const completed = () => new SpeechSynthesisResult("r-ok", ResultReason.SynthesizingAudioCompleted, azureAudio());

/** A cancellation as the SDK builds it (SynthesisAdapterBase.cancelSynthesis): the error code by name in the properties. */
function canceled(code: CancellationErrorCode, details: string): SpeechSynthesisResult {
  const properties = new PropertyCollection();
  // The SDK's CancellationErrorCodePropertyName, which CancellationDetails.fromResult reads.
  properties.setProperty("CancellationErrorCode", CancellationErrorCode[code]);
  return new SpeechSynthesisResult("r-cancel", ResultReason.Canceled, undefined, details, properties);
}

type Answer = SpeechSynthesisResult | { error: string };

/** Answers each speakSsmlAsync with the next scripted answer; records SSML and closes. */
function fakeAzure(answers: Answer[]) {
  const log = { ssml: [] as string[], created: 0, closed: 0 };
  const factory = (): AzureSynthesizer => {
    log.created++;
    let closed = false;
    return {
      speakSsmlAsync(ssml, cb, err) {
        if (closed) throw new Error("speak on a closed synthesizer");
        log.ssml.push(ssml);
        const answer = answers.shift();
        if (!answer) throw new Error("more syntheses than scripted");
        setImmediate(() => ("error" in answer ? err?.(answer.error) : cb?.(answer)));
      },
      close(cb) {
        closed = true;
        log.closed++;
        setImmediate(() => cb?.());
      },
    };
  };
  return { log, factory };
}

function engineWith(answers: Answer[], attempts = 4) {
  const fake = fakeAzure(answers);
  const waits: number[] = [];
  const engine = new AzureEngine({
    key: "test-key",
    region: "westeurope",
    synthesizerFactory: fake.factory,
    backoff: { attempts, baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: async (ms) => void waits.push(ms),
  });
  return { engine, log: fake.log, waits };
}

const REQ = { text: "Adem in & laat <los>.", locale: "nl-NL", rate: "slow" } as const;

describe("Azure engine at the SDK boundary", () => {
  it("the fake's cancellations read back through the SDK as Azure's would", () => {
    const details = CancellationDetails.fromResult(canceled(CancellationErrorCode.TooManyRequests, "429 Too many requests"));
    expect(details.ErrorCode).toBe(CancellationErrorCode.TooManyRequests);
    expect(details.errorDetails).toBe("429 Too many requests");
  });

  it("sends one SSML document with the voice, the prosody and the escaped text", async () => {
    const { engine, log } = engineWith([completed()]);
    await engine.synthesize(REQ);
    expect(log.ssml).toHaveLength(1);
    const ssml = log.ssml[0]!;
    expect(ssml).toMatch(/^<speak version="1.0" xmlns="http:\/\/www.w3.org\/2001\/10\/synthesis" xml:lang="nl-NL">/);
    expect(ssml).toContain('<voice name="nl-NL-FennaNeural">');
    expect(ssml).toContain('<prosody rate="-25%">Adem in &amp; laat &lt;los&gt;.</prosody>');
    expect(ssml).not.toContain("<break");
  });

  it("measures the audio from its samples and trims Azure's silence to the fixed margin", async () => {
    const { engine } = engineWith([completed()]);
    const audio = await engine.synthesize(REQ);
    expect(audio.sampleRate).toBe(PIPELINE_SAMPLE_RATE);
    const expected = Math.round(0.5 * PIPELINE_SAMPLE_RATE) + 2 * Math.round((EDGE_SILENCE_MS * PIPELINE_SAMPLE_RATE) / 1000);
    expect(Math.abs(audio.samples.length - expected)).toBeLessThan(30); // the sine's zero crossings at its ends
  });

  it("retries throttling with growing, jittered back-off, then succeeds", async () => {
    const { engine, log, waits } = engineWith([
      canceled(CancellationErrorCode.TooManyRequests, "Too many requests"),
      canceled(CancellationErrorCode.ServiceTimeout, "Timeout while synthesizing"),
      { error: "Unable to contact server. StatusCode: 503, Reason: Service Unavailable" },
      completed(),
    ]);
    await expect(engine.synthesize(REQ)).resolves.toMatchObject({ sampleRate: PIPELINE_SAMPLE_RATE });
    expect(log.created).toBe(4);
    expect(log.closed).toBe(4);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[2]).toBeGreaterThanOrEqual(200);
    expect(waits[2]).toBeLessThanOrEqual(400);
  });

  it("gives up on persistent throttling after the bounded number of attempts, with Azure's words", async () => {
    const throttled = () => canceled(CancellationErrorCode.TooManyRequests, "HTTP 429: rate limit of the F0 tier exceeded");
    const { engine, log } = engineWith([throttled(), throttled(), throttled()], 3);
    const err = await engine.synthesize(REQ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureSpeechError);
    expect((err as Error).message).toMatch(/TooManyRequests.*rate limit of the F0 tier exceeded.*gave up after 3 attempts/);
    expect(log.closed).toBe(3);
  });

  it("never retries an authentication failure and says which settings to fix", async () => {
    const { engine, log, waits } = engineWith([canceled(CancellationErrorCode.AuthenticationFailure, "WebSocket upgrade failed: Authentication error (401)")]);
    const err = (await engine.synthesize(REQ).catch((e: unknown) => e)) as AzureSpeechError;
    expect(err.kind).toBe("auth");
    expect(err.message).toContain("Azure rejected the speech key for region westeurope");
    expect(err.message).toContain("AZURE_SPEECH_KEY");
    expect(err.message).toContain("AuthenticationFailure: WebSocket upgrade failed: Authentication error (401)");
    expect(log.created).toBe(1);
    expect(log.closed).toBe(1);
    expect(waits).toEqual([]);
  });

  it("treats the SDK's refused connection with status 401 as an auth failure, not a transient one", async () => {
    const { engine, log } = engineWith([
      canceled(CancellationErrorCode.ConnectionFailure, "Unable to contact server. StatusCode: 401, wss://westeurope.tts.speech.microsoft.com Reason: Unauthorized"),
    ]);
    await expect(engine.synthesize(REQ)).rejects.toThrow(/rejected the speech key/);
    expect(log.created).toBe(1);
  });

  it("reports any other cancellation with Azure's reason, code and details, without retrying", async () => {
    const { engine, log } = engineWith([canceled(CancellationErrorCode.BadRequestParameters, "SSML parsing error: 0x80045003")]);
    const err = (await engine.synthesize(REQ).catch((e: unknown) => e)) as AzureSpeechError;
    expect(err.message).toMatch(/reason Error, code BadRequestParameters: SSML parsing error: 0x80045003/);
    expect(err.message).toContain("Adem in & laat <los>.");
    expect(err.kind).toBe("permanent");
    expect(log.created).toBe(1);
    expect(log.closed).toBe(1);
  });

  it("rejects audio in a format other than the pipeline's", async () => {
    const { engine } = engineWith([new SpeechSynthesisResult("r", ResultReason.SynthesizingAudioCompleted, azureAudio(24000))]);
    await expect(engine.synthesize(REQ)).rejects.toThrow(/24000 Hz.*expected 22050 Hz mono/);
  });

  it("lets the environment choose the voice per locale", async () => {
    const fake = fakeAzure([completed(), completed()]);
    const engine = await createEngine({
      tts: "azure",
      env: { AZURE_SPEECH_KEY: "k", AZURE_SPEECH_REGION: "westeurope", AZURE_SPEECH_VOICE_NL: "nl-NL-ColetteNeural" },
      azure: { synthesizerFactory: fake.factory },
    });
    expect(engine.id).toBe("azure");
    expect(engine.voice("nl-NL")).toBe("nl-NL-ColetteNeural");
    expect(engine.voice("en-US")).toBe("en-US-JennyNeural");
    await engine.synthesize({ text: "Hallo.", locale: "nl-NL", rate: "normal" });
    expect(fake.log.ssml).toHaveLength(2); // the key probe, then the segment
    expect(fake.log.ssml[1]).toContain('<voice name="nl-NL-ColetteNeural">');
    await engine.close();
  });
});

describe("createEngine", () => {
  it("uses espeak unless both Azure variables are set", async () => {
    const engine = await createEngine({ env: { AZURE_SPEECH_KEY: "only-a-key" } });
    expect(engine).toBeInstanceOf(EspeakEngine);
    await engine.close();
  });

  it("picks Azure when both variables are set, and probes the key before any work", async () => {
    const fake = fakeAzure([completed()]);
    const engine = await createEngine({ env: { AZURE_SPEECH_KEY: "k", AZURE_SPEECH_REGION: "westeurope" }, azure: { synthesizerFactory: fake.factory } });
    expect(engine.id).toBe("azure");
    expect(fake.log.ssml).toHaveLength(1);
    expect(fake.log.closed).toBe(1);
    await engine.close();
  });

  it("names the missing variables when --tts azure is asked for without them", async () => {
    const err = await createEngine({ tts: "azure", env: { AZURE_SPEECH_REGION: "westeurope" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechConfigError);
    expect((err as Error).message).toMatch(/--tts azure needs AZURE_SPEECH_KEY in the environment/);
    await expect(createEngine({ tts: "azure", env: {} })).rejects.toThrow(/AZURE_SPEECH_KEY and AZURE_SPEECH_REGION/);
  });

  it("stops with a clear message when the probe finds the key rejected", async () => {
    const fake = fakeAzure([canceled(CancellationErrorCode.AuthenticationFailure, "Authentication error (401). Please check subscription information and region name.")]);
    await expect(
      createEngine({ tts: "azure", env: { AZURE_SPEECH_KEY: "wrong", AZURE_SPEECH_REGION: "northeurope" }, azure: { synthesizerFactory: fake.factory } }),
    ).rejects.toThrow(/^Azure rejected the speech key for region northeurope: check AZURE_SPEECH_KEY.*Please check subscription information/);
    expect(fake.log.closed).toBe(1);
  });
});

describe("the real SDK, offline", () => {
  it("fails cleanly and quickly when the endpoint refuses the connection", async () => {
    const engine = new AzureEngine({
      key: "bogus",
      region: "westeurope",
      // A closed local port: the real SpeechSynthesizer, no network. By name, not by IP address: the
      // SDK sends the host as the TLS server name, and Node warns (DEP0123) when that is an IP.
      speechConfig: SpeechConfig.fromEndpoint(new URL("wss://localhost:9/cognitiveservices/websocket/v1"), "bogus"),
      backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const err = (await engine.synthesize(REQ).catch((e: unknown) => e)) as AzureSpeechError;
    await engine.close();
    expect(err).toBeInstanceOf(AzureSpeechError);
    expect(err.errorCode).toBe("ConnectionFailure");
    expect(err.message).toMatch(/ECONNREFUSED (127\.0\.0\.1|::1):9.*gave up after 2 attempts/);
  }, 15_000);
});
