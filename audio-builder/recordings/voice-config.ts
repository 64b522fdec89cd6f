// Which locales speak with a recorded voice: `--voice recorded:<name>` for every locale built,
// else a per-locale default from the environment (RUSTPUNT_VOICE_NL, RUSTPUNT_VOICE_EN, like
// AZURE_SPEECH_VOICE_NL/EN), else none. `--voice tts` overrides a default back to the TTS engine.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locale } from "../model/script-schema.js";
import { parseRecordedVoice } from "../speech/recorded-engine.js";
import { checkVoiceName } from "./take-format.js";

/** The repository's recordings/ folder: takes are committed next to the scripts. */
export const DEFAULT_RECORDINGS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../recordings");

export const VOICE_ENV: Record<Locale, string> = { "nl-NL": "RUSTPUNT_VOICE_NL", "en-US": "RUSTPUNT_VOICE_EN" };

export function recordedVoices(opts: { voice?: string; locales: readonly Locale[]; env: NodeJS.ProcessEnv }): Partial<Record<Locale, string>> {
  const voices: Partial<Record<Locale, string>> = {};
  for (const locale of opts.locales) {
    const flag = opts.voice?.trim();
    if (flag === "tts") continue;
    const value = flag || opts.env[VOICE_ENV[locale]]?.trim();
    if (!value) continue;
    voices[locale] = checkVoiceName(parseRecordedVoice(value, flag ? "--voice" : VOICE_ENV[locale]));
  }
  return voices;
}
