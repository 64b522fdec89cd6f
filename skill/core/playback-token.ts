// The AudioPlayer token names what is playing: `<locale>|<trackId>`. Tokens come back from the
// device in later requests; anything that does not parse (another skill's token, a garbled one)
// is treated as "nothing of ours is playing".
import { LOCALES, type Locale } from "../../audio-builder/model/variant-names.js";
import type { PlaybackToken } from "./conversation-types.js";

const SEPARATOR = "|";
const TRACK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function formatToken(token: PlaybackToken): string {
  return `${token.locale}${SEPARATOR}${token.trackId}`;
}

export function parseToken(raw: unknown): PlaybackToken | undefined {
  if (typeof raw !== "string" || raw.length > 200) return undefined;
  const parts = raw.trim().split(SEPARATOR);
  if (parts.length !== 2) return undefined;
  const [locale, trackId] = parts as [string, string];
  if (!isLocale(locale) || !TRACK_ID.test(trackId)) return undefined;
  return { locale, trackId };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
