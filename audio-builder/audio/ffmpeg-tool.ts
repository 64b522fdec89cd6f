// The one module that touches fluent-ffmpeg (the design card's media tool). Everything else in
// the audio layer asks for "run ffmpeg with this PCM on stdin" and reads back stderr (and, when
// asked, stdout), so the tool can be swapped without touching loudness or encoding logic.
import { accessSync, chmodSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import { Readable, Writable } from "node:stream";
import ffmpeg from "fluent-ffmpeg";
import { PIPELINE_SAMPLE_RATE } from "../speech/tts-engine.js";

const require = createRequire(import.meta.url);

/**
 * The ffmpeg binary: FFMPEG_PATH when set, else the static build from @ffmpeg-installer/ffmpeg.
 * Throws a message naming the variable and the fix, so a bad setting stops the build before
 * any work instead of failing halfway through a track.
 */
export function ffmpegPath(): string {
  const fromEnv = process.env.FFMPEG_PATH;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!isFile(fromEnv)) {
      throw new Error(
        `FFMPEG_PATH=${fromEnv} is not a file. Point FFMPEG_PATH at an ffmpeg binary, or unset it to use the bundled @ffmpeg-installer/ffmpeg.`,
      );
    }
    return ensureExecutable(fromEnv, "FFMPEG_PATH");
  }
  const installed = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  return ensureExecutable(installed, "@ffmpeg-installer/ffmpeg");
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** npm may skip the installer's postinstall (e.g. --ignore-scripts), leaving the binary without +x. */
export function ensureExecutable(path: string, source: string): string {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    try {
      chmodSync(path, 0o755);
      return path;
    } catch (err) {
      throw new Error(`${source}: ${path} is not executable and chmod failed (${(err as Error).message}). Run: chmod +x ${path}`);
    }
  }
}

export interface FfmpegRun {
  /** Mono float PCM at 22,050 Hz fed on stdin, or a file path to read. */
  input: Float32Array | Readable | string;
  inputOptions?: string[];
  /** An -af filter chain. */
  filters?: string;
  /** A file path, or "-" with `format: "null"` to discard the output (measurement runs). */
  output: string;
  format: string;
  outputOptions?: string[];
}

/**
 * Float32 samples as a stream of little-endian f32 chunks, without copying the whole track.
 * `map` computes each chunk on demand instead (e.g. gain and limiter applied as ffmpeg reads).
 */
export function pcmStream(
  pcm: Float32Array,
  chunkSamples = 1 << 16,
  map?: (start: number, end: number) => Float32Array,
): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= pcm.length) {
        this.push(null);
        return;
      }
      const end = Math.min(pcm.length, offset + chunkSamples);
      const view = map ? map(offset, end) : pcm.subarray(offset, end);
      offset = end;
      this.push(Buffer.from(view.buffer, view.byteOffset, view.byteLength));
    },
  });
}

/** Input options that describe pipeline PCM on stdin. */
export const PCM_INPUT_OPTIONS = ["-f", "f32le", "-ar", String(PIPELINE_SAMPLE_RATE), "-ac", "1"];

/**
 * `onChunk` hands each stdout chunk over as it arrives and keeps none of it (the resolved
 * stdout is then empty): a long decoded track need not be held whole to be measured.
 */
export interface StdoutOptions {
  expectedBytes?: number;
  onChunk?: (chunk: Buffer) => void;
}

/** Runs ffmpeg to completion and resolves with its whole stderr (where filters like ebur128 report). */
export function runFfmpeg(run: FfmpegRun): Promise<string>;
/**
 * With `stdout`, the output goes to stdout (pipe:1) and its bytes come back too, e.g. decoded
 * PCM to measure in JS. `expectedBytes` sizes the buffer up front, so a long track is not
 * held twice while chunks are joined.
 */
export function runFfmpeg(run: Omit<FfmpegRun, "output"> & { stdout: StdoutOptions }): Promise<{ stderr: string; stdout: Uint8Array }>;
export function runFfmpeg(
  run: (FfmpegRun & { stdout?: undefined }) | (Omit<FfmpegRun, "output"> & { stdout: StdoutOptions }),
): Promise<string | { stderr: string; stdout: Uint8Array }> {
  const binary = ffmpegPath();
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const source = run.input instanceof Float32Array ? pcmStream(run.input) : run.input;
    const cmd = ffmpeg({ stdoutLines: 0 }).setFfmpegPath(binary).input(source);
    if (run.input instanceof Float32Array || run.input instanceof Readable) {
      // fluent-ffmpeg sets the format with -f; the rate and channels follow.
      cmd.inputFormat("f32le").inputOptions(PCM_INPUT_OPTIONS.slice(2));
    }
    if (run.inputOptions) cmd.inputOptions(run.inputOptions);
    cmd.inputOptions(["-hide_banner"]);
    if (run.filters) cmd.audioFilters(run.filters);
    const sink = run.stdout ? new ByteSink(run.stdout.onChunk ? 0 : (run.stdout.expectedBytes ?? 1 << 20), run.stdout.onChunk) : undefined;
    cmd.format(run.format).outputOptions(["-nostats", ...(run.outputOptions ?? [])]);
    if (sink) cmd.output(sink, { end: true });
    else cmd.output((run as FfmpegRun).output);
    cmd.on("stderr", (line: string) => lines.push(line));
    let failed = false;
    cmd.on("error", (err: Error) => {
      failed = true;
      if (source instanceof Readable) source.destroy();
      const tail = lines.slice(-8).join("\n");
      reject(new Error(`ffmpeg (${binary}) failed: ${err.message}${tail ? `\n${tail}` : ""}`));
    });
    // ffmpeg's exit and the last stdout bytes arrive in either order; resolve once both are in.
    let pending = sink ? 2 : 1;
    const settle = () => {
      if (--pending > 0 || failed) return;
      const stderr = lines.join("\n");
      resolve(sink ? { stderr, stdout: sink.bytes() } : stderr);
    };
    cmd.on("end", settle);
    sink?.on("finish", settle);
    // A broken pipe when ffmpeg exits early is reported through the command's own error.
    if (source instanceof Readable) source.on("error", () => undefined);
    cmd.run();
  });
}

/**
 * Collects stdout into one growing buffer. No 'close' event: fluent-ffmpeg kills ffmpeg when
 * its output stream closes before the process has been seen to exit.
 */
class ByteSink extends Writable {
  private buf: Uint8Array;
  private length = 0;

  constructor(
    expectedBytes: number,
    private readonly onChunk?: (chunk: Buffer) => void,
  ) {
    super({ emitClose: false });
    this.buf = new Uint8Array(onChunk ? 0 : Math.max(1024, expectedBytes));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.onChunk) {
      try {
        this.onChunk(chunk);
      } catch (err) {
        done(err as Error);
        return;
      }
      done();
      return;
    }
    if (this.length + chunk.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + chunk.length));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(chunk, this.length);
    this.length += chunk.length;
    done();
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
