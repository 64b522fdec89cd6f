// The one module that touches fluent-ffmpeg (the design card's media tool). Everything else in
// the audio layer asks for "run ffmpeg on this file into that one" and reads back stderr, so the
// tool can be swapped without touching loudness or encoding logic.
import { accessSync, chmodSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
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
  /** The file to read. */
  input: string;
  inputOptions?: string[];
  /** An -af filter chain. */
  filters?: string;
  /** A file path, or "-" with `format: "null"` to discard the output (measurement runs). */
  output: string;
  format: string;
  outputOptions?: string[];
}

/** Input options that describe a raw file of pipeline PCM. */
export const PCM_INPUT_OPTIONS = ["-f", "f32le", "-ar", String(PIPELINE_SAMPLE_RATE), "-ac", "1"];

/**
 * Runs ffmpeg from file to file and resolves with its whole stderr (where filters like ebur128
 * report). Large audio goes through files rather than pipes: the encoder then never waits on a
 * JS thread, and no stream of fresh chunk buffers piles up for the garbage collector.
 */
export function runFfmpeg(run: FfmpegRun): Promise<string> {
  const binary = ffmpegPath();
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const cmd = ffmpeg({ stdoutLines: 0 }).setFfmpegPath(binary).input(run.input);
    if (run.inputOptions) cmd.inputOptions(run.inputOptions);
    cmd.inputOptions(["-hide_banner"]);
    if (run.filters) cmd.audioFilters(run.filters);
    cmd.format(run.format).outputOptions(["-nostats", ...(run.outputOptions ?? [])]).output(run.output);
    cmd.on("stderr", (line: string) => lines.push(line));
    cmd.on("error", (err: Error) => {
      const tail = lines.slice(-8).join("\n");
      reject(new Error(`ffmpeg (${binary}) failed: ${err.message}${tail ? `\n${tail}` : ""}`));
    });
    cmd.on("end", () => resolve(lines.join("\n")));
    cmd.run();
  });
}
