// The one module that touches fluent-ffmpeg (the design card's media tool). Everything else in
// the audio layer asks for "run ffmpeg on this file into that one" and reads back stderr, so the
// tool can be swapped without touching loudness or encoding logic.
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import path, { delimiter } from "node:path";
import ffmpeg from "fluent-ffmpeg";
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";

const require = createRequire(import.meta.url);

export interface FfmpegBinary {
  path: string;
  /** Where it came from: FFMPEG_PATH, the first `ffmpeg` on PATH that has libmp3lame, or npm's static build. */
  source: "FFMPEG_PATH" | "system" | "bundled";
}

const found = new Map<string, FfmpegBinary>();

/**
 * The ffmpeg binary: FFMPEG_PATH when set; else a system ffmpeg on PATH built with libmp3lame
 * and libsoxr (what the encoder and the Alexa resampling use), which encodes several times faster
 * than the bundled one; else the static build from @ffmpeg-installer/ffmpeg. Looked up once per
 * process. A bad FFMPEG_PATH throws a message naming the variable and the fix, so it stops the
 * build before any work instead of failing halfway through a track.
 */
export function findFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegBinary {
  const fromEnv = env.FFMPEG_PATH;
  const cacheKey = `${fromEnv ?? ""}\0${env.PATH ?? ""}`;
  const known = found.get(cacheKey);
  if (known) return known;
  let binary: FfmpegBinary;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!isFile(fromEnv)) {
      throw new Error(
        `FFMPEG_PATH=${fromEnv} is not a file. Point FFMPEG_PATH at an ffmpeg binary, or unset it to use a system ffmpeg or the built-in encoder.`,
      );
    }
    binary = { path: ensureExecutable(fromEnv, "FFMPEG_PATH"), source: "FFMPEG_PATH" };
  } else {
    const system = systemFfmpeg(env.PATH ?? "");
    binary = system
      ? { path: system, source: "system" }
      : { path: ensureExecutable((require("@ffmpeg-installer/ffmpeg") as { path: string }).path, "@ffmpeg-installer/ffmpeg"), source: "bundled" };
  }
  found.set(cacheKey, binary);
  return binary;
}

/** The binary's path (see findFfmpeg). */
export function ffmpegPath(): string {
  return findFfmpeg().path;
}

/** The first `ffmpeg` on PATH whose build has libmp3lame and libsoxr, if any. */
function systemFfmpeg(searchPath: string): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "ffmpeg");
    if (!isFile(candidate)) continue;
    try {
      accessSync(candidate, constants.X_OK);
      const version = execFileSync(candidate, ["-hide_banner", "-version"], { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] });
      if (version.includes("--enable-libmp3lame") && version.includes("--enable-libsoxr")) return candidate;
    } catch {
      // Not runnable here: look further.
    }
  }
  return undefined;
}

/** "5.1.6" from `ffmpeg -version`, or "?". */
export function ffmpegVersion(binary: string): string {
  try {
    return execFileSync(binary, ["-version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).match(/^ffmpeg version (\S+)/)?.[1] ?? "?";
  } catch {
    return "?";
  }
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
  /** The binary to run; by default findFfmpeg()'s. */
  binary?: string;
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
  const binary = run.binary ?? ffmpegPath();
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
