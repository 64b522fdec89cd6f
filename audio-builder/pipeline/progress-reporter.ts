// What a person watching the build sees: a bar with an ETA on a terminal, one line per finished
// track in a log (CI, a pipe), nothing at all with --quiet.
import cliProgress from "cli-progress";

export interface ProgressReporter {
  /** Speech synthesis: segments done of total (only called when something must be synthesised). */
  speech(done: number, total: number): void;
  /** The encoding phase starts with this many tracks to build. */
  tracksStarted(total: number): void;
  trackBuilt(ref: string, audioMs: number, elapsedMs: number): void;
  /** Stop the bar before the caller prints its summary. */
  finish(): void;
}

export function createProgressReporter(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressReporter {
  if (opts.quiet) return { speech() {}, tracksStarted() {}, trackBuilt() {}, finish() {} };
  const stream = opts.stream ?? process.stderr;
  return stream.isTTY ? barReporter(stream) : lineReporter(stream);
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  let bar: cliProgress.SingleBar | undefined;
  let phase: "speech" | "tracks" | undefined;
  let built = 0;
  const start = (next: "speech" | "tracks", total: number) => {
    bar?.stop();
    phase = next;
    bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${next === "speech" ? "speech" : "tracks"} [{bar}] {value}/{total} | ETA {eta_formatted} | {item}`,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { item: "" });
  };
  return {
    speech(done, total) {
      if (phase !== "speech") start("speech", total);
      bar?.update(done, { item: "synthesising speech" });
    },
    tracksStarted(total) {
      built = 0;
      if (total > 0) start("tracks", total);
    },
    trackBuilt(ref) {
      bar?.update(++built, { item: ref });
    },
    finish() {
      bar?.stop();
      bar = undefined;
      phase = undefined;
    },
  };
}

function lineReporter(stream: NodeJS.WriteStream): ProgressReporter {
  let speechStarted = 0;
  return {
    speech(done, total) {
      if (speechStarted === 0) speechStarted = performance.now();
      if (done === total) {
        stream.write(`synthesised ${total} speech segment${total === 1 ? "" : "s"} in ${seconds(performance.now() - speechStarted)}\n`);
      }
    },
    tracksStarted() {},
    trackBuilt(ref, audioMs, elapsedMs) {
      stream.write(`built ${ref} (${clock(audioMs)} of audio) in ${seconds(elapsedMs)}\n`);
    },
    finish() {},
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function clock(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
