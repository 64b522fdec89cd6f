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

export function createProgressReporter(opts: { quiet?: boolean; stream?: NodeJS.WriteStream; now?: () => number } = {}): ProgressReporter {
  if (opts.quiet) return { speech() {}, tracksStarted() {}, trackBuilt() {}, finish() {} };
  const stream = opts.stream ?? process.stderr;
  return stream.isTTY ? barReporter(stream) : lineReporter(stream, opts.now);
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

/** In a log, synthesis prints a line at most this often (and at its start and end). */
export const LOG_INTERVAL_MS = 5000;

function lineReporter(stream: NodeJS.WriteStream, now: () => number = () => performance.now()): ProgressReporter {
  let speechStarted: number | undefined;
  let lastLine = 0;
  return {
    speech(done, total) {
      const t = now();
      if (speechStarted === undefined) {
        speechStarted = t;
        lastLine = t;
        stream.write(`synthesising ${total} speech segment${total === 1 ? "" : "s"} ...\n`);
      }
      if (done === total) {
        stream.write(`synthesised ${total} speech segment${total === 1 ? "" : "s"} in ${seconds(t - speechStarted)}\n`);
        speechStarted = undefined;
      } else if (t - lastLine >= LOG_INTERVAL_MS) {
        // A long synthesis (a new voice, a cold cache) must never look hung in a CI log.
        lastLine = t;
        const elapsed = t - speechStarted;
        const eta = done > 0 ? `, about ${seconds(((total - done) * elapsed) / done)} left` : "";
        stream.write(`speech ${done}/${total} (${Math.floor((done * 100) / total)} %) after ${seconds(elapsed)}${eta}\n`);
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
