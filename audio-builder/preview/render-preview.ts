// `npm run preview`: one part of one track, heard within seconds of an edit. It runs the build's
// own steps on the one track (the shared script check, the measured timeline, the segment cache,
// assembly with the aids, the download profile's loudness plan) and stops before the MP3 encode:
// the part is cut from the finished PCM and written as a WAV file that any player opens.
import { mkdir } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { assembleTrack } from "../audio/assemble-track.js";
import { planLoudness, type AudioProfile } from "../audio/encode-track.js";
import { dbToGain, msToSamples } from "../audio/sample-clock.js";
import { applyCurve } from "../audio/true-peak-limiter.js";
import { writeFileAtomic } from "../files/atomic-file.js";
import { loadTrackSpeech } from "../pipeline/build-track.js";
import { measureTimelines, requestId, speechRequest } from "../pipeline/measure-timelines.js";
import { planTracks } from "../pipeline/plan-tracks.js";
import type { ScriptProblem } from "../model/script-problems.js";
import type { Ending, Length, Locale } from "../model/script-schema.js";
import { createEngine } from "../speech/create-engine.js";
import { SegmentCache } from "../speech/segment-cache.js";
import { PIPELINE_SAMPLE_RATE } from "../audio/pipeline-rate.js";
import { encodeWav } from "../speech/wav.js";
import type { Timeline } from "../timeline/timeline-types.js";
import { checkScriptsOrThrow } from "../validate/check-scripts.js";
import { previewSpan, PreviewSpanError, type PreviewSpan, type SpanRequest } from "./preview-span.js";

export interface PreviewOptions extends SpanRequest {
  exercise: string;
  locale: Locale;
  length?: Length;
  ending?: Ending;
  /** Whose loudness the preview has: the download (headphones) file by default, or Alexa's. */
  profile?: AudioProfile;
  scriptsDir?: string;
  /** Default .cache: the build's own speech cache, so a preview and a build share their work. */
  cacheDir?: string;
  /** Default: <os temp>/rustpunt-preview. */
  outDir?: string;
  tts?: "espeak" | "azure";
  env?: NodeJS.ProcessEnv;
  /** Speech synthesis progress (only called when something must be synthesised). */
  onSpeech?: (done: number, total: number) => void;
}

export interface PreviewResult {
  file: string;
  span: PreviewSpan;
  /** The whole track's timeline the span was cut from. */
  timeline: Timeline;
  /** Sentences synthesised for this preview (the edited ones; 0 with a warm cache and no edit). */
  synthesized: number;
  /** Damaged cache entries found and synthesised again. */
  repaired: number;
  warnings: ScriptProblem[];
}

export async function renderPreview(opts: PreviewOptions): Promise<PreviewResult> {
  const { scripts, warnings } = await checkScriptsOrThrow(opts.scriptsDir);
  const variant = { length: opts.length ?? "short", ending: opts.ending ?? "wake" } as const;
  const found = scripts.find((s) => s.script.id === opts.exercise && s.script.locale === opts.locale);
  if (found?.script.kind === "info") throw new PreviewSpanError(`${opts.exercise} is an info piece, not an exercise: it has no track to preview`);
  if (!found) {
    const exercises = scripts.filter((s) => s.script.kind === "exercise" && s.script.locale === opts.locale).map((s) => s.script.id).sort();
    throw new PreviewSpanError(`no exercise named ${opts.exercise} in ${opts.locale}; the exercises are: ${exercises.join(", ") || "(none)"}`);
  }
  const [track] = planTracks(scripts, { only: [opts.exercise], locales: [opts.locale], lengths: [variant.length], endings: [variant.ending] });
  if (!track) throw new Error(`${opts.exercise}: no ${variant.length} ${variant.ending} track was planned`);

  const engine = await createEngine({ tts: opts.tts, env: opts.env ?? process.env });
  try {
    const cache = new SegmentCache(path.join(path.resolve(opts.cacheDir ?? ".cache"), "speech"), engine, availableParallelism());
    const { timelines, synthesized } = await measureTimelines([track], cache, opts.onSpeech);
    const timeline = timelines.get(track.ref)!;
    const span = previewSpan(timeline, opts);

    // The whole track is assembled and levelled: the aids, the fade and the loudness all depend
    // on the whole, and the file's gain is the whole track's gain.
    const speech = await loadTrackSpeech(track.locale, timeline, cache);
    const pcm = assembleTrack(timeline, (e) => speech.get(requestId(speechRequest(track.locale, e)))!, {
      breathTones: track.script.audio.breathTones,
      bed: track.script.audio.bed,
    });
    const profile = opts.profile ?? "download";
    const { work, gain, curve, codecLossDb } = planLoudness(pcm, profile);

    const start = msToSamples(span.startMs);
    const end = Math.min(work.length, msToSamples(span.endMs));
    const part = new Float32Array(end - start);
    // The encoder loses `codecLossDb` of loudness; the WAV skips the encoder, so it takes that off here.
    applyCurve(work, gain * dbToGain(-codecLossDb), curve, start, end, part);
    const samples = new Int16Array(part.length);
    for (let i = 0; i < part.length; i++) samples[i] = Math.max(-32768, Math.min(32767, Math.round(part[i]! * 32768)));

    const outDir = path.resolve(opts.outDir ?? path.join(tmpdir(), "rustpunt-preview"));
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `${track.locale}-${track.id}-${String(Math.round(span.startMs / 1000)).padStart(4, "0")}s${profile === "download" ? "" : `-${profile}`}.wav`);
    await writeFileAtomic(file, encodeWav(samples, PIPELINE_SAMPLE_RATE));
    return { file, span, timeline, synthesized: synthesized + cache.repaired, repaired: cache.repaired, warnings };
  } finally {
    await engine.close();
  }
}
