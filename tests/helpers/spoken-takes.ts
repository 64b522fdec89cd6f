// Takes as a narrator's microphone would give them, made from espeak-ng's speech: resampled to
// 48 kHz by ffmpeg (called directly, not through the code under test), with half a second of a
// room's noise floor and a low rumble before and after, 16-bit mono WAV. Saved through the real
// saveTake, so the build reads FLAC files exactly as the recording page leaves them.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Locale } from "../../audio-builder/model/script-schema.js";
import { saveTake } from "../../audio-builder/recordings/save-take.js";
import type { ScriptSentence } from "../../audio-builder/recordings/script-sentences.js";
import { encodeWav, parseWav } from "../../audio-builder/speech/wav.js";
import type { TtsEngine } from "../../audio-builder/speech/tts-engine.js";

const FFMPEG = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const run = promisify(execFile);

export interface MicOptions {
  /** Silence (room noise) before and after the speech, ms. */
  padMs?: number;
  /** Linear gain on the speech. */
  gain?: number;
}

/** A 48 kHz mono 16-bit WAV of `text` spoken by `engine`, padded with room noise and rumble. */
export async function micWav(engine: TtsEngine, locale: Locale, text: string, opts: MicOptions = {}): Promise<Buffer> {
  const speech = await engine.synthesize({ text, locale, rate: "normal" });
  const base = path.join(os.tmpdir(), `rustpunt-mic-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(`${base}-22k.wav`, encodeWav(speech.samples, speech.sampleRate));
    await run(FFMPEG, ["-hide_banner", "-nostdin", "-y", "-i", `${base}-22k.wav`, "-ar", "48000", "-ac", "1", "-c:a", "pcm_s16le", `${base}-48k.wav`]);
    const voice = parseWav(await readFile(`${base}-48k.wav`)).samples;
    const pad = Math.round(((opts.padMs ?? 500) * 48000) / 1000);
    const out = new Int16Array(pad + voice.length + pad);
    let seed = 12345;
    for (let i = 0; i < out.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = ((seed / 0x7fffffff) * 2 - 1) * 20; // about -64 dBFS
      const rumble = Math.sin((2 * Math.PI * 30 * i) / 48000) * 300; // 30 Hz at about -40 dBFS
      const v = i >= pad && i < pad + voice.length ? voice[i - pad]! * (opts.gain ?? 1) : 0;
      out[i] = Math.max(-32768, Math.min(32767, Math.round(v + noise + rumble)));
    }
    return encodeWav(out, 48000);
  } finally {
    await rm(`${base}-22k.wav`, { force: true });
    await rm(`${base}-48k.wav`, { force: true });
  }
}

/** Records (saves) a take of each sentence into recordings/<locale>/<voice>/. */
export async function recordTakes(
  engine: TtsEngine,
  recordingsDir: string,
  voice: string,
  sentences: readonly ScriptSentence[],
  narrator?: string,
): Promise<void> {
  for (const s of sentences) {
    await saveTake({
      recordingsDir,
      locale: s.locale,
      voice,
      ...(narrator ? { narrator } : {}),
      key: s.key,
      text: s.text,
      places: s.occurrences.map((o) => o.place),
      wav: await micWav(engine, s.locale, s.text),
    });
  }
}
