// Speed of the audio layer alone on a 3-minute breathing track (voice-like bursts, breath tones
// and a brown bed): assembly, the one loudness measurement, then each profile's encode with its
// own measurement of the finished file. Run: npx tsx bench/audio-encode-speed.ts
// Speed is reported against CPU time (this process plus its ffmpeg children, from /proc) as
// well as wall time, so a busy machine does not distort the per-core figure.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { assembleTrack } from "../audio-builder/audio/assemble-track.js";
import type { AudioProfile } from "../audio-builder/audio/audio-profiles.js";
import { encodeTrack, measureSource } from "../audio-builder/audio/encode-track.js";
import { syntheticTrack } from "../tests/helpers/synthetic-track.js";

/** CPU seconds used so far by this process and its waited-for children (Linux /proc). */
function cpuSeconds(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14-17 of proc(5) (utime, stime, cutime, cstime) are at 11-14 after the comm field.
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100;
}

function speed(seconds: number, wallMs: number, cpu: number): string {
  return `${wallMs.toFixed(0)} ms wall, ${(cpu * 1000).toFixed(0)} ms CPU = ${(seconds / cpu).toFixed(0)}x real time per core`;
}

type Step = Parameters<typeof syntheticTrack>[0][number];
const steps: Step[] = [{ chapter: "Ademhaling" }];
let i = 0;
while (steps.length < 70) {
  i += 1;
  steps.push({ say: `Zin ${i} die rustig wordt uitgesproken.`, ms: 2400 }, { silence: 1500, purpose: "pause" });
  steps.push({ say: `in ${i}`, ms: 600, cue: "inhale" }, { silence: 3400, purpose: "inhale" });
  steps.push({ say: `uit ${i}`, ms: 600, cue: "exhale" }, { silence: 5400, purpose: "exhale" });
}
const { timeline, speech } = syntheticTrack(steps);
const seconds = timeline.durationMs / 1000;
const dir = await mkdtemp(path.join(tmpdir(), "rustpunt-audio-bench-"));
try {
  let t = performance.now();
  let c = cpuSeconds();
  const cpuStart = c;
  const pcm = assembleTrack(timeline, speech, { breathTones: true, bed: "brown" });
  const assembleMs = performance.now() - t;
  const assembleCpu = cpuSeconds() - c;
  t = performance.now();
  c = cpuSeconds();
  const source = measureSource(pcm);
  const measureMs = performance.now() - t;
  const measureCpu = cpuSeconds() - c;
  console.log(`track ${seconds.toFixed(1)} s`);
  console.log(`assemble: ${speed(seconds, assembleMs, assembleCpu)}`);
  console.log(`measure: ${speed(seconds, measureMs, measureCpu)} (${source.integratedLufs} LUFS, ${source.truePeakDbtp} dBTP)`);
  let total = assembleMs + measureMs;
  for (const profile of ["download", "alexa"] as AudioProfile[]) {
    t = performance.now();
    c = cpuSeconds();
    const r = await encodeTrack(pcm, profile, path.join(dir, `${profile}.mp3`), {
      tags: { title: "bench", artist: "Rustpunt", album: "bench", language: "dut", track: 1, year: 2025, comment: "bench" },
      chapters: timeline.chapters,
      durationMs: timeline.durationMs,
    });
    const ms = performance.now() - t;
    total += ms;
    console.log(`${profile} (encode + measure file): ${speed(seconds, ms, cpuSeconds() - c)}; ${r.integratedLufs} LUFS, ${r.truePeakDbtp} dBTP, ${r.bytes} bytes`);
  }
  console.log(`all: ${speed(seconds, total, cpuSeconds() - cpuStart)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
