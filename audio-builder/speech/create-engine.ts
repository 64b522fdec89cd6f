// Picks and starts the TTS engine from the command line's --tts and the environment, and
// proves an Azure key works before the build does any work with it.
import type { AzureEngineOptions } from "./azure-engine.js";
import { EspeakEngine } from "./espeak-engine.js";
import { RecordedEngine, type RecordedEngineOptions } from "./recorded-engine.js";
import type { TtsEngine } from "./tts-engine.js";

export class SpeechConfigError extends Error {
  override readonly name = "SpeechConfigError";
}

export interface CreateEngineOptions {
  tts?: "espeak" | "azure";
  env: NodeJS.ProcessEnv;
  /** Seams for tests of the Azure path (a fake synthesizer, no waiting between retries). */
  azure?: Pick<AzureEngineOptions, "synthesizerFactory" | "speechConfig" | "sleep" | "backoff">;
  espeakThreads?: number;
  /** Recorded voices per locale (recorded-engine.ts); the TTS engine speaks everything else. */
  recorded?: Omit<RecordedEngineOptions, "tts">;
}

export async function createEngine(opts: CreateEngineOptions): Promise<TtsEngine> {
  const tts = await createTtsEngine(opts);
  if (!opts.recorded || Object.keys(opts.recorded.voices).length === 0) return tts;
  try {
    return await RecordedEngine.open({ ...opts.recorded, tts });
  } catch (error) {
    await tts.close();
    throw error;
  }
}

async function createTtsEngine(opts: CreateEngineOptions): Promise<TtsEngine> {
  const key = opts.env.AZURE_SPEECH_KEY?.trim();
  const region = opts.env.AZURE_SPEECH_REGION?.trim();
  const tts = opts.tts ?? (key && region ? "azure" : "espeak");
  if (tts === "espeak") return new EspeakEngine({ threads: opts.espeakThreads });

  const missing = [!key && "AZURE_SPEECH_KEY", !region && "AZURE_SPEECH_REGION"].filter(Boolean);
  if (missing.length > 0) {
    throw new SpeechConfigError(
      `--tts azure needs ${missing.join(" and ")} in the environment: set AZURE_SPEECH_KEY to a key of your ` +
        `Azure Speech resource and AZURE_SPEECH_REGION to its region (e.g. westeurope), or use --tts espeak ` +
        `for offline speech.`,
    );
  }
  if (!/^[a-z0-9]+$/.test(region!)) {
    throw new SpeechConfigError(
      `AZURE_SPEECH_REGION=${JSON.stringify(region)} is not an Azure region name: use the short form such as westeurope or eastus.`,
    );
  }
  // The Speech SDK is loaded only when Azure speaks: an espeak build never pays for it.
  const { AzureEngine } = await import("./azure-engine.js");
  const engine = new AzureEngine({
    ...opts.azure,
    key: key!,
    region: region!,
    voices: {
      ...(opts.env.AZURE_SPEECH_VOICE_NL?.trim() && { "nl-NL": opts.env.AZURE_SPEECH_VOICE_NL.trim() }),
      ...(opts.env.AZURE_SPEECH_VOICE_EN?.trim() && { "en-US": opts.env.AZURE_SPEECH_VOICE_EN.trim() }),
    },
  });
  try {
    await engine.verify();
  } catch (err) {
    await engine.close();
    throw err;
  }
  return engine;
}
