// Keeps one take: a 48 kHz mono 16-bit WAV from the recording page becomes `<key>.flac` in the
// voice's folder, and the index learns the text it was spoken for. Nothing is lost on failure:
// the FLAC and the index are written beside their targets and renamed over them only when both
// are complete and the FLAC decodes back to exactly the samples received (a full disk, a dying
// ffmpeg or a bad upload leave the previous take and index as they were).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, statfs, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sha256Hex } from "../files/atomic-file.js";
import { runFfmpeg } from "../audio/ffmpeg-tool.js";
import type { Locale } from "../model/script-schema.js";
import { parseWav, WavFormatError } from "../speech/wav.js";
import { emptyIndex, INDEX_FILE, readTakeIndex, serializeTakeIndex, voiceDir, type TakeEntry } from "./take-index.js";
import { FLAC_OUTPUT_OPTIONS, MAX_TAKE_SECONDS, TAKE_EXTENSION, TAKE_FORMAT_LABEL, TAKE_SAMPLE_RATE, TakeError } from "./take-format.js";
import { SILENT_FRAME_DB, takeLevels, takeWarnings } from "./take-levels.js";

export interface SaveTakeInput {
  recordingsDir: string;
  locale: Locale;
  voice: string;
  /** Written into a new index; an existing index keeps its narrator. */
  narrator?: string;
  key: string;
  /** The sentence, normalised. */
  text: string;
  places: string[];
  /** The WAV file's bytes. */
  wav: Uint8Array;
}

export interface SavedTake {
  entry: TakeEntry;
  /** Clipping, mostly silence: saved anyway, shown to the narrator. */
  warnings: string[];
}

/** A full disk, said plainly (the server answers 507 with it). */
export class DiskFullError extends TakeError {}

export async function saveTake(input: SaveTakeInput): Promise<SavedTake> {
  const samples = checkWav(input.wav);
  const levels = takeLevels(samples, TAKE_SAMPLE_RATE);
  if (levels.audibleShare === 0) {
    throw new TakeError(`the take is silent (nothing above ${SILENT_FRAME_DB} dBFS): check that the right microphone is selected and not muted`);
  }

  const dir = voiceDir(input.recordingsDir, input.locale, input.voice);
  const index = (await readTakeIndex(dir, input.locale, input.voice)) ?? emptyIndex(input.locale, input.voice, input.narrator);
  const file = `${input.key}${TAKE_EXTENSION}`;
  const suffix = `${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const scratch = path.join(os.tmpdir(), `rustpunt-take-${suffix}`);
  const tempFlac = path.join(dir, `.${file}.${suffix}`);
  const tempIndex = path.join(dir, `.${INDEX_FILE}.${suffix}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(`${scratch}.wav`, input.wav);
    await runFfmpeg({ input: `${scratch}.wav`, output: tempFlac, format: "flac", outputOptions: FLAC_OUTPUT_OPTIONS });
    // Lossless means the decoded FLAC is the upload, sample for sample.
    await runFfmpeg({ input: tempFlac, output: `${scratch}.raw`, format: "s16le", outputOptions: ["-ac", "1"] });
    const decoded = await readFile(`${scratch}.raw`);
    const sent = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
    if (!decoded.equals(sent)) throw new TakeError("the FLAC written does not decode to the recorded samples; nothing was saved");
    const flac = await readFile(tempFlac);
    const entry: TakeEntry = {
      text: input.text,
      file,
      samples: samples.length,
      sha256: sha256Hex(flac),
      recordedAt: new Date().toISOString(),
      places: [...input.places].sort(),
    };
    await writeFile(tempIndex, serializeTakeIndex({ ...index, takes: { ...index.takes, [input.key]: entry } }));
    // Both complete: two renames (no space needed) put them in place.
    await rename(tempFlac, path.join(dir, file));
    await rename(tempIndex, path.join(dir, INDEX_FILE));
    return { entry, warnings: takeWarnings(levels) };
  } catch (error) {
    // ffmpeg does not always say why it failed; a disk with no room left for the take is why.
    if (isDiskFull(error) || (await lacksRoom(dir, input.wav.byteLength))) {
      throw new DiskFullError(`the disk holding ${dir} is full: the take was not saved and the previous one is kept. Free some space and keep the take again.`);
    }
    throw error;
  } finally {
    await Promise.all([tempFlac, tempIndex, `${scratch}.wav`, `${scratch}.raw`].map((f) => rm(f, { force: true })));
  }
}

/** The WAV's samples, or a TakeError that says what was wrong with it. */
function checkWav(bytes: Uint8Array): Int16Array {
  if (bytes.byteLength === 0) throw new TakeError("the take is empty: nothing was recorded");
  let wav;
  try {
    wav = parseWav(bytes, { strict: true });
  } catch (error) {
    if (error instanceof WavFormatError) throw new TakeError(`the take is not a usable WAV file (${error.message}); a take is ${TAKE_FORMAT_LABEL.replace("FLAC", "PCM")}`);
    throw error;
  }
  if (wav.sampleRate !== TAKE_SAMPLE_RATE || wav.channels !== 1) {
    throw new TakeError(`the take is ${wav.sampleRate} Hz with ${wav.channels} channel(s); a take is ${TAKE_SAMPLE_RATE} Hz mono, 16-bit`);
  }
  if (wav.samples.length === 0) throw new TakeError("the take is empty: nothing was recorded");
  if (wav.samples.length > MAX_TAKE_SECONDS * TAKE_SAMPLE_RATE) {
    throw new TakeError(`the take lasts more than ${MAX_TAKE_SECONDS} s: a take is one sentence`);
  }
  return wav.samples;
}

function isDiskFull(error: unknown): boolean {
  if ((error as NodeJS.ErrnoException)?.code === "ENOSPC" || (error as NodeJS.ErrnoException)?.code === "EDQUOT") return true;
  // ffmpeg reports it in its own words.
  return error instanceof Error && /No space left on device|Disk quota exceeded/i.test(error.message);
}

/** Whether the file system holding `dir` has less free space than a take of `bytes` needs. */
async function lacksRoom(dir: string, bytes: number): Promise<boolean> {
  const fs = await statfs(dir).catch(() => undefined);
  return fs !== undefined && fs.bavail * fs.bsize < bytes;
}
