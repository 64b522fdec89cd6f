// What a log (CI, a pipe) shows while speech is synthesised: a start line, a line at most every
// few seconds with how far it got, and an end line, so a long synthesis never looks hung.
import { describe, expect, it } from "vitest";
import { createProgressReporter, LOG_INTERVAL_MS } from "../audio-builder/pipeline/progress-reporter.js";

function logStream() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(...text.trimEnd().split("\n")) } as unknown as NodeJS.WriteStream;
  return { lines, stream };
}

describe("progress in a log", () => {
  it("prints synthesis progress lines at most every interval, with an estimate of what is left", () => {
    const { lines, stream } = logStream();
    let now = 0;
    const reporter = createProgressReporter({ stream, now: () => now });
    reporter.speech(0, 120);
    for (let done = 1; done <= 120; done++) {
      now += 250; // four segments a second: 30 s in all
      reporter.speech(done, 120);
    }
    expect(lines[0]).toBe("synthesising 120 speech segments ...");
    expect(lines[1]).toBe(`speech 20/120 (16 %) after ${(LOG_INTERVAL_MS / 1000).toFixed(1)} s, about 25.0 s left`);
    expect(lines.at(-1)).toBe("synthesised 120 speech segments in 30.0 s");
    // 30 s at one line per 5 s: five progress lines between start and end, no more.
    expect(lines).toHaveLength(7);
  });

  it("prints nothing with --quiet", () => {
    const { lines, stream } = logStream();
    const reporter = createProgressReporter({ stream, quiet: true });
    reporter.speech(0, 3);
    reporter.speech(3, 3);
    expect(lines).toEqual([]);
  });
});
