// Synthesised speech segments on disk, keyed by everything that shapes the audio, so a
// rebuild synthesises only what changed. An index of sample counts answers duration
// questions (needed to plan every timeline) without opening a single WAV file.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import { samplesToMs, type SpeechAudio, type SpeechRequest, type TtsEngine } from "./tts-engine.js";
import { encodeWav, parseWav, wavFileBytes, WavFormatError } from "./wav.js";

/** sha256 of engine id, voice, prosody, text (and a take's hash): any change there is a different segment. */
export function segmentKey(engine: TtsEngine, req: SpeechRequest): string {
  const parts = [engine.id, engine.voice(req.locale), engine.prosodyKey(req.rate), req.text];
  if (engine.sourceKey) parts.push(engine.sourceKey(req));
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

interface IndexEntry {
  samples: number;
  durationMs: number;
  /** sha256 of the WAV file as written: a damaged file of the right size is caught on reading. */
  sha256: string;
}

interface IndexFile {
  version: typeof INDEX_VERSION;
  sampleRate: number;
  segments: Record<string, IndexEntry>;
}

/** 2: entries carry the WAV's sha256 (an index of version 1 is dropped; its WAVs are re-adopted and hashed). */
const INDEX_VERSION = 2;

export class SegmentCache {
  private readonly dir: string;
  private readonly indexFile: string;
  private readonly index: Map<string, IndexEntry>;
  private readonly concurrency: number;
  /** Segments found damaged on disk (content differs from its hash) and synthesised again. */
  repaired = 0;

  /** `dir` is the cache root (e.g. .cache/speech); each engine gets its own folder in it. */
  constructor(root: string, private readonly engine: TtsEngine, concurrency = 8) {
    this.dir = join(root, engine.id);
    this.indexFile = join(this.dir, "index.json");
    this.index = loadIndex(this.indexFile);
    this.concurrency = concurrency;
  }

  durationMs(req: SpeechRequest): number | undefined {
    return this.index.get(segmentKey(this.engine, req))?.durationMs;
  }

  /**
   * Makes sure every request has a valid cached segment; synthesises (with bounded
   * concurrency) only those that are missing, truncated or unreadable.
   */
  async ensure(
    reqs: SpeechRequest[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ synthesized: number }> {
    const unique = new Map<string, SpeechRequest>();
    for (const req of reqs) unique.set(segmentKey(this.engine, req), req);

    const missing: [string, SpeechRequest][] = [];
    let indexChanged = false;
    await Promise.all(
      [...unique].map(async ([key, req]) => {
        const entry = this.index.get(key);
        const size = await fileSize(this.wavPath(key));
        // A size check catches truncation at the cost of a stat; audio() checks content.
        if (entry && size === wavFileBytes(entry.samples)) return;
        if (!entry && size !== undefined) {
          // Written by a run that was stopped before it saved the index.
          const read = await this.readSegment(key);
          if (read.audio) {
            this.remember(key, read.audio.samples.length, read.sha256);
            indexChanged = true;
            return;
          }
        }
        missing.push([key, req]);
      }),
    );
    if (missing.length === 0) {
      if (indexChanged) await this.saveIndex();
      return { synthesized: 0 };
    }

    await mkdir(this.dir, { recursive: true });
    const limit = pLimit(this.concurrency);
    let done = 0;
    onProgress?.(0, missing.length);
    try {
      await Promise.all(
        missing.map(([key, req]) =>
          limit(async () => {
            await this.store(key, await this.engine.synthesize(req));
            onProgress?.(++done, missing.length);
          }),
        ),
      );
    } finally {
      // Keep what was synthesised even when one segment failed: the next run resumes from it.
      limit.clearQueue();
      await this.saveIndex();
    }
    return { synthesized: missing.length };
  }

  /** The cached audio; a segment found damaged on disk is synthesised again (and counted in `repaired`). */
  async audio(req: SpeechRequest): Promise<SpeechAudio> {
    const key = segmentKey(this.engine, req);
    const { audio: cached, sha256, damaged } = await this.readSegment(key);
    if (cached) {
      if (this.index.get(key)?.sha256 !== sha256) {
        this.remember(key, cached.samples.length, sha256);
        await this.saveIndex();
      }
      return cached;
    }
    if (damaged) this.repaired++;
    const audio = await this.engine.synthesize(req);
    await mkdir(this.dir, { recursive: true });
    await this.store(key, audio);
    await this.saveIndex();
    return audio;
  }

  private wavPath(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  /**
   * A segment whose bytes match its index entry (hash, format, length). `damaged` when a file is
   * there but not as it was written: it is never used, however plausible its size.
   */
  private async readSegment(key: string): Promise<{ audio: SpeechAudio; sha256: string; damaged: false } | { audio?: undefined; sha256?: undefined; damaged: boolean }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.wavPath(key));
    } catch {
      return { damaged: false };
    }
    const damaged = { damaged: true } as const;
    const expected = this.index.get(key);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (expected && expected.sha256 !== sha256) return damaged;
    try {
      const wav = parseWav(bytes, { strict: true });
      if (wav.sampleRate !== PIPELINE_SAMPLE_RATE || wav.channels !== 1) return damaged;
      if (expected && expected.samples !== wav.samples.length) return damaged;
      if (bytes.byteLength !== wavFileBytes(wav.samples.length)) return damaged; // trailing junk
      return { audio: { sampleRate: PIPELINE_SAMPLE_RATE, samples: wav.samples }, sha256, damaged: false };
    } catch (err) {
      if (err instanceof WavFormatError) return damaged;
      throw err;
    }
  }

  private async store(key: string, audio: SpeechAudio): Promise<void> {
    const bytes = encodeWav(audio.samples, PIPELINE_SAMPLE_RATE);
    await writeAtomic(this.wavPath(key), bytes);
    this.remember(key, audio.samples.length, createHash("sha256").update(bytes).digest("hex"));
  }

  private remember(key: string, samples: number, sha256: string): void {
    this.index.set(key, { samples, durationMs: samplesToMs(samples), sha256 });
  }

  private async saveIndex(): Promise<void> {
    const file: IndexFile = {
      version: INDEX_VERSION,
      sampleRate: PIPELINE_SAMPLE_RATE,
      segments: Object.fromEntries([...this.index].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    await mkdir(this.dir, { recursive: true });
    await writeAtomic(this.indexFile, JSON.stringify(file));
  }
}

function loadIndex(file: string): Map<string, IndexEntry> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return new Map();
  }
  try {
    const parsed = JSON.parse(text) as Partial<IndexFile>;
    if (parsed.version !== INDEX_VERSION || parsed.sampleRate !== PIPELINE_SAMPLE_RATE || !parsed.segments) return new Map();
    const entries = Object.entries(parsed.segments).filter(
      ([, e]) => Number.isInteger(e?.samples) && e.samples > 0 && e.durationMs === samplesToMs(e.samples) && typeof e.sha256 === "string",
    );
    return new Map(entries);
  } catch {
    // A damaged index only costs a re-scan: ensure() re-adopts the WAV files it finds.
    return new Map();
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

let tempCounter = 0;

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${tempCounter++}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}
