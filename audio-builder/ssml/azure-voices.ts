// Neural voices per locale: calm, clear female voices for guided relaxation.
import type { Locale } from "../model/script-schema.js";

export const AZURE_VOICES: Record<Locale, string> = {
  "nl-NL": "nl-NL-FennaNeural",
  "en-US": "en-US-JennyNeural",
};
