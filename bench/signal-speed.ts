// `npx tsx bench/signal-speed.ts [locale/exercise-length-ending] [--baseline DIR]`: times the audio
// layer's JavaScript signal work (assembly, loudness meter, peak analysis, leveller, low-pass,
// limiter curves, gain plans, the decoded file's peak meter) on one real espeak track, function
// by function, and prints a SHA-256 of every output. With `--baseline DIR` (a copy of an older
// audio-builder/) it runs the same calls on that copy in the same process, alternating, and
// says whether each output is bit-identical. The first run synthesises the track's speech with
// espeak into a cache under /tmp.
// A baseline from main, for example:
//   mkdir -p .cache/base && git archive main audio-builder | tar -x -C .cache/base
//   npx tsx bench/signal-speed.ts --baseline .cache/base/audio-builder
// SIGNAL_ROUNDS (default 3) sets the runs per case (the best counts), SIGNAL_ONLY=lowPass,limiter
// picks cases by name, SIGNAL_DUMP=file writes the assembled track (f32). A plain script, not
// part of `npm run bench`: it needs a baseline to say much, and a shared machine's noise needs
// its several rounds.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkScriptsOrThrow } from "../audio-builder/validate/check-scripts.js";
import { planTracks } from "../audio-builder/pipeline/plan-tracks.js";
import { createEngine } from "../audio-builder/speech/create-engine.js";
import { SegmentCache } from "../audio-builder/speech/segment-cache.js";
import { measureTimelines, requestId, speechRequest } from "../audio-builder/pipeline/measure-timelines.js";
import { loadTrackSpeech } from "../audio-builder/pipeline/build-track.js";
import { PROFILES } from "../audio-builder/audio/audio-profiles.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";
import type { SpeechAudio } from "../audio-builder/speech/tts-engine.js";
import type { SpeechEvent } from "../audio-builder/timeline/timeline-types.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const baselineAt = args.indexOf("--baseline");
const baselineDir = baselineAt >= 0 ? path.resolve(args.splice(baselineAt, 2)[1]!) : undefined;
const ref = args[0] ?? "nl-NL/ademhaling-long-sleep";
const ROUNDS = Number(process.env.SIGNAL_ROUNDS ?? 3);

// ---- one real track's speech --------------------------------------------------------------
const [locale, exercise] = ref.split("/") as [string, string];
const { scripts } = await checkScriptsOrThrow();
const planned = planTracks(scripts, { only: [exercise.split("-")[0]!], locales: [locale as never] });
const track = planned.find((t) => t.ref === ref);
if (!track) throw new Error(`no track ${ref}; planned: ${planned.map((t) => t.ref).join(", ")}`);
const engine = await createEngine({ tts: "espeak", env: process.env } as never);
const cache = new SegmentCache("/tmp/rustpunt-signal-bench/speech", engine, 2);
const { timelines } = await measureTimelines([track], cache);
const timeline = timelines.get(track.ref)!;
const speechAudio = await loadTrackSpeech(track.locale, timeline, cache);
await engine.close();
const speech = (e: SpeechEvent): SpeechAudio => speechAudio.get(requestId(speechRequest(track.locale, e)))!;
const assembleOpts = { breathTones: track.script.audio.breathTones, bed: track.script.audio.bed };

// ---- the implementations under test -------------------------------------------------------
type Audio = {
  assemble: typeof import("../audio-builder/audio/assemble-track.js");
  band: typeof import("../audio-builder/audio/band-limit.js");
  limiter: typeof import("../audio-builder/audio/true-peak-limiter.js");
  meter: typeof import("../audio-builder/audio/loudness-meter.js");
  streamed: typeof import("../audio-builder/audio/streamed-peak-meter.js");
  leveller: typeof import("../audio-builder/audio/speech-leveller.js");
  shaper: typeof import("../audio-builder/audio/speech-shaper.js");
  gain: typeof import("../audio-builder/audio/gain-plan.js");
  bed: typeof import("../audio-builder/audio/noise-bed.js");
  encode: typeof import("../audio-builder/audio/encode-track.js");
};
async function load(root: string): Promise<Audio> {
  const at = (file: string) => import(pathToFileURL(path.join(root, "audio", file)).href);
  return {
    assemble: await at("assemble-track.ts"),
    band: await at("band-limit.ts"),
    limiter: await at("true-peak-limiter.ts"),
    meter: await at("loudness-meter.ts"),
    streamed: await at("streamed-peak-meter.ts"),
    leveller: await at("speech-leveller.ts"),
    shaper: await at("speech-shaper.ts"),
    gain: await at("gain-plan.ts"),
    bed: await at("noise-bed.ts"),
    encode: await at("encode-track.ts"),
  };
}
const impls: [string, Audio][] = [["current", await load(path.join(here, "..", "audio-builder"))]];
if (baselineDir) impls.unshift(["baseline", await load(baselineDir)]);

// ---- the cases: each returns what it computed, to be hashed -------------------------------
const alexa = PROFILES.alexa;
const shaping = alexa.shaping!;
const source = impls.at(-1)![1].assemble.assembleTrack(timeline, speech, assembleOpts);
const BLOCK = 16;
if (process.env.SIGNAL_DUMP) writeFileSync(process.env.SIGNAL_DUMP, source);
/** Gains the encode's plans typically try, around the download profile's plain gain. */
const GAINS = [0.8, 1.1, 1.5, 2.0, 2.6];

function hashOf(...parts: (ArrayBufferView | number | string)[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    if (typeof p === "number") h.update(new Float64Array([p]));
    else if (typeof p === "string") h.update(p);
    else h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  }
  return h.digest("hex").slice(0, 16);
}

interface Case {
  name: string;
  /** Runs the case on `a`, wrapping only the calls under test in `time`; returns a hash of what they computed. */
  run(a: Audio, time: <T>(f: () => T) => T): string;
}
const lowPassed = (() => {
  const x = source.slice();
  impls.at(-1)![1].band.lowPassInPlace(x, shaping.bandLimit, PIPELINE_SAMPLE_RATE);
  return x;
})();
const sourceLufs = impls.at(-1)![1].meter.integratedLoudness(source, PIPELINE_SAMPLE_RATE);
const slowCeilings = new Float32Array(Math.ceil(source.length / BLOCK)).fill(10 ** (-2.2 / 20));
for (let b = 0; b < slowCeilings.length; b += 997) slowCeilings[b] = slowCeilings[b]! * 0.8;

const cases: Case[] = [
  { name: "assembleTrack (tones, bed)", run: (a, time) => hashOf(time(() => a.assemble.assembleTrack(timeline, speech, assembleOpts))) },
  {
    name: "addNoiseBed",
    run: (a, time) => {
      const x = new Float32Array(source.length);
      time(() => a.bed.addNoiseBed(x, "brown", 0.01, 12345));
      return hashOf(x);
    },
  },
  {
    name: "LoudnessMeter.push (block grains)",
    run: (a, time) => {
      const m = new a.meter.LoudnessMeter(PIPELINE_SAMPLE_RATE, BLOCK, source.length);
      time(() => m.push(source));
      return hashOf(m.integratedLufs(), m.integratedLufs((g) => 1 + (g % 7) / 10));
    },
  },
  {
    name: "analysePeaks + truePeak",
    run: (a, time) => {
      const [an, peak] = time(() => {
        const an = a.limiter.analysePeaks(source, { remember: false });
        return [an, a.limiter.truePeak(an)] as const;
      });
      return hashOf(peak, an.samplePeak, an.blockEnergy);
    },
  },
  {
    name: "levelSpeech",
    run: (a, time) => {
      const r = time(() => a.leveller.levelSpeech(source, sourceLufs, shaping.leveller, PIPELINE_SAMPLE_RATE));
      return hashOf(r.pcm, r.lossDb, r.voiced);
    },
  },
  {
    name: "lowPassInPlace",
    run: (a, time) => {
      const x = source.slice();
      time(() => a.band.lowPassInPlace(x, shaping.bandLimit, PIPELINE_SAMPLE_RATE));
      return hashOf(x);
    },
  },
  {
    name: `limiterCurve ×${GAINS.length} (slow, ceilings)`,
    run: (a, time) => {
      const an = a.limiter.analysePeaks(source, { remember: false });
      const curve = new Float32Array(an.samplePeak.length + 1);
      const h = createHash("sha256");
      for (const g of GAINS) {
        // The first gain also oversamples the blocks that need it, as the first plan in a build does.
        time(() => a.limiter.limiterCurve(an, g, slowCeilings, undefined, curve));
        h.update(hashOf(curve, a.limiter.limiterLossDb(an, curve)));
      }
      return h.digest("hex").slice(0, 16);
    },
  },
  {
    name: `limiterCurve ×${GAINS.length} (pulse, one ceiling)`,
    run: (a, time) => {
      const an = a.limiter.analysePeaks(lowPassed, { remember: false });
      const curve = new Float32Array(an.samplePeak.length + 1);
      const h = createHash("sha256");
      for (const g of GAINS) {
        time(() => a.limiter.limiterCurve(an, g * 3, 10 ** ((-14 + shaping.pulseCeilingDb) / 20), shaping.pulseTiming, curve));
        h.update(hashOf(curve));
      }
      return h.digest("hex").slice(0, 16);
    },
  },
  {
    name: "applyCurve",
    run: (a, time) => {
      const an = a.limiter.analysePeaks(source, { remember: false });
      const curve = a.limiter.limiterCurve(an, 2, 10 ** (-2.2 / 20));
      const out = new Float32Array(source.length);
      const part = new Float32Array(100_003);
      time(() => {
        a.limiter.applyCurve(source, 2, curve, 0, source.length, out);
        a.limiter.applyCurve(source, 2, curve, 1_234_567, 1_234_567 + part.length, part);
      });
      return hashOf(out, part);
    },
  },
  {
    name: "shapeSpeech (alexa)",
    run: (a, time) => hashOf(time(() => a.shaper.shapeSpeech(source, sourceLufs, alexa.targetLufs, shaping))),
  },
  {
    name: "planGain (download)",
    run: (a, time) => {
      const m = new a.meter.LoudnessMeter(PIPELINE_SAMPLE_RATE, BLOCK, source.length);
      m.push(source);
      const an = a.limiter.analysePeaks(source, { remember: false });
      const p = time(() => a.gain.planGain(m, an, { aimLufs: -19 + 0.45, ceilings: slowCeilings, maxMakeUpDb: 6 }));
      return hashOf(p.gain, p.curve, p.offLu);
    },
  },
  {
    // What a track's first encode of each profile computes before the encoder: measuring the
    // source, shaping (alexa), the block meter and the gain plan.
    name: "planLoudness (download + alexa)",
    run: (a, time) => {
      const pcm = source.slice();
      const [d, x] = time(() => [a.encode.planLoudness(pcm, "download"), a.encode.planLoudness(pcm, "alexa")] as const);
      return hashOf(d.gain, d.curve, d.work, x.gain, x.curve, x.work);
    },
  },
  {
    name: "StreamedPeakMeter (decoded file)",
    run: (a, time) => {
      const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
      const r = time(() => {
        const m = new a.streamed.StreamedPeakMeter(2400, 10 ** (-2.3 / 20));
        // A pipe's chunking: 64 KiB, with an odd length now and then.
        for (let at = 0; at < bytes.length; ) {
          const n = Math.min(bytes.length - at, at % 3 === 0 ? 65536 : 65533);
          m.push(bytes.subarray(at, at + n));
          at += n;
        }
        return m.finish();
      });
      return hashOf(r.samples, r.truePeak, r.framePeaks);
    },
  },
];

// ---- run ----------------------------------------------------------------------------------
console.log(`${track.ref}: ${(source.length / PIPELINE_SAMPLE_RATE).toFixed(0)} s at ${PIPELINE_SAMPLE_RATE} Hz, ${source.length} samples; best of ${ROUNDS}`);
const names = impls.map(([n]) => n);
const header = ["function", ...names.map((n) => `${n} ms`), ...(baselineDir ? ["speed-up", "identical"] : ["hash"])];
const rows: string[][] = [];
const totals = names.map(() => 0);
const only = process.env.SIGNAL_ONLY;
for (const c of cases.filter((c) => !only || only.split(",").some((part) => c.name.includes(part)))) {
  const best = names.map(() => Infinity);
  const hashes = names.map(() => "");
  for (let round = 0; round < ROUNDS; round++) {
    impls.forEach(([, impl], i) => {
      let ms = 0;
      const h = c.run(impl, (f) => {
        const t0 = performance.now();
        const result = f();
        ms += performance.now() - t0;
        return result;
      });
      best[i] = Math.min(best[i]!, ms);
      if (hashes[i] && hashes[i] !== h) throw new Error(`${c.name}: ${names[i]} is not deterministic`);
      hashes[i] = h;
    });
  }
  best.forEach((ms, i) => (totals[i]! += ms));
  const tail = baselineDir ? [`${(best[0]! / best[1]!).toFixed(1)}x`, hashes[0] === hashes[1] ? "yes" : `NO ${hashes[0]} ${hashes[1]}`] : [hashes[0]!];
  rows.push([c.name, ...best.map((ms) => ms.toFixed(0)), ...tail]);
  console.log(`  ${rows.at(-1)!.join("  ")}`);
}
rows.push(["total", ...totals.map((ms) => ms.toFixed(0)), ...(baselineDir ? [`${(totals[0]! / totals[1]!).toFixed(1)}x`, ""] : [""])]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
if (baselineDir && rows.some((r) => r.at(-1)!.startsWith("NO"))) process.exitCode = 1;
