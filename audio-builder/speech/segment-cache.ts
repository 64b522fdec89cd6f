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

/** sha256 of engine id, voice, prosody and text: any change there is a different segment. */
export function segmentKey(engine: TtsEngine, req: SpeechRequest): string {
  const parts = [engine.id, engine.voice(req.locale), engine.prosodyKey(req.rate), req.text];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

interface IndexEntry {
  samples: number;
  durationMs: number;
}

interface IndexFile {
  version: 1;
  sampleRate: number;
  segments: Record<string, IndexEntry>;
}

const INDEX_VERSION = 1;

export class SegmentCache {
  private readonly dir: string;
  private readonly indexFile: string;
  private readonly index: Map<string, IndexEntry>;
  private readonly concurrency: number;

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
          const audio = await this.readSegment(key);
          if (audio) {
            this.remember(key, audio.samples.length);
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

  /** The cached audio; a segment found damaged on disk is synthesised again. */
  async audio(req: SpeechRequest): Promise<SpeechAudio> {
    const key = segmentKey(this.engine, req);
    const cached = await this.readSegment(key);
    if (cached) {
      if (this.index.get(key)?.samples !== cached.samples.length) {
        this.remember(key, cached.samples.length);
        await this.saveIndex();
      }
      return cached;
    }
    const audio = await this.engine.synthesize(req);
    await mkdir(this.dir, { recursive: true });
    await this.store(key, audio);
    await this.saveIndex();
    return audio;
  }

  private wavPath(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  private async readSegment(key: string): Promise<SpeechAudio | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.wavPath(key));
    } catch {
      return undefined;
    }
    try {
      const wav = parseWav(bytes, { strict: true });
      const expected = this.index.get(key);
      if (wav.sampleRate !== PIPELINE_SAMPLE_RATE || wav.channels !== 1) return undefined;
      if (expected && expected.samples !== wav.samples.length) return undefined;
      if (bytes.byteLength !== wavFileBytes(wav.samples.length)) return undefined; // trailing junk
      return { sampleRate: PIPELINE_SAMPLE_RATE, samples: wav.samples };
    } catch (err) {
      if (err instanceof WavFormatError) return undefined;
      throw err;
    }
  }

  private async store(key: string, audio: SpeechAudio): Promise<void> {
    await writeAtomic(this.wavPath(key), encodeWav(audio.samples, PIPELINE_SAMPLE_RATE));
    this.remember(key, audio.samples.length);
  }

  private remember(key: string, samples: number): void {
    this.index.set(key, { samples, durationMs: samplesToMs(samples) });
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
      ([, e]) => Number.isInteger(e?.samples) && e.samples > 0 && e.durationMs === samplesToMs(e.samples),
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
