// Lays a timeline out as one PCM track, sample-exactly: each speech event's audio at its start,
// silence as exact zeros (so a scripted 6 s exhale is 6 s), optional eyes-closed aids under it,
// and the sleep ending's fade. Pure and in memory: ffmpeg only sees the finished track.
import type { SpeechAudio } from "../speech/tts-engine.js";
import { PIPELINE_SAMPLE_RATE } from "./pipeline-rate.js";
import type { SpeechEvent, Timeline } from "../timeline/timeline-types.js";
import { addBreathTone } from "./breath-tones.js";
import { addNoiseBed, seedFrom, type BedKind } from "./noise-bed.js";
import { dbToGain, msToSamples, raisedCosine } from "./sample-clock.js";

export interface AssembleOptions {
  breathTones: boolean;
  bed: "none" | BedKind;
}

/** Aids sit well under the voice: audible in the quiet, never competing with a word. */
export const BREATH_TONE_DB = -30;
export const BED_DB = -35;
/** Speech may run this far past its event (rounding of measured durations) before it is an error. */
const OVERRUN_TOLERANCE = msToSamples(1);

export function assembleTrack(
  timeline: Timeline,
  speech: (e: SpeechEvent) => SpeechAudio,
  opts: AssembleOptions,
): Float32Array {
  const out = new Float32Array(msToSamples(timeline.durationMs));
  const level = new VoiceLevel();
  for (const [index, event] of timeline.events.entries()) {
    if (event.kind !== "speech") continue;
    const audio = speech(event);
    if (audio.sampleRate !== PIPELINE_SAMPLE_RATE) {
      throw new Error(`speech for event ${index} (${JSON.stringify(event.text)}) is ${audio.sampleRate} Hz; the pipeline needs ${PIPELINE_SAMPLE_RATE} Hz`);
    }
    const start = msToSamples(event.startMs);
    const length = msToSamples(event.startMs + event.durationMs) - start;
    if (audio.samples.length > length + OVERRUN_TOLERANCE) {
      throw new Error(
        `speech for event ${index} (${JSON.stringify(event.text)}) lasts ${((audio.samples.length * 1000) / PIPELINE_SAMPLE_RATE).toFixed(1)} ms ` +
          `but the timeline gives it ${event.durationMs} ms: build the timeline from the measured speech durations (SegmentCache.durationMs), not from estimates`,
      );
    }
    const count = Math.min(length, audio.samples.length, out.length - start);
    for (let i = 0; i < count; i++) out[start + i] = audio.samples[i]! / 32768;
    level.add(out, start, count);
  }

  const voiceRms = level.rms();
  if (opts.breathTones) {
    const toneRms = voiceRms * dbToGain(BREATH_TONE_DB);
    for (const event of timeline.events) {
      if (event.kind !== "silence" || (event.purpose !== "inhale" && event.purpose !== "exhale")) continue;
      const start = msToSamples(event.startMs);
      const length = msToSamples(event.startMs + event.durationMs) - start;
      addBreathTone(out, start, length, event.purpose === "inhale" ? "rise" : "fall", toneRms);
    }
  }
  if (opts.bed !== "none") {
    const seed = seedFrom(`${timeline.exercise}/${timeline.locale}/${timeline.length}/${timeline.ending}/${opts.bed}`);
    addNoiseBed(out, opts.bed, voiceRms * dbToGain(BED_DB), seed);
  }
  if (timeline.fadeOutStartMs !== undefined) fadeToSilence(out, msToSamples(timeline.fadeOutStartMs));
  return out;
}

/** A sleep ending: everything (voice, tones, bed) glides to silence by the last sample. */
function fadeToSilence(out: Float32Array, from: number): void {
  const start = Math.max(0, Math.min(from, out.length));
  const span = out.length - 1 - start;
  if (span <= 0) {
    if (out.length > 0) out[out.length - 1] = 0;
    return;
  }
  for (let i = start; i < out.length; i++) out[i]! *= raisedCosine((out.length - 1 - i) / span);
}

/**
 * The voice's level, to set the aids relative to it: mean power over 20 ms blocks of speech,
 * leaving out blocks 10 dB under the average (pauses between words), as a loudness meter gates.
 */
class VoiceLevel {
  private readonly powers: number[] = [];
  private static readonly BLOCK = msToSamples(20);

  add(out: Float32Array, start: number, count: number): void {
    for (let b = start; b < start + count; b += VoiceLevel.BLOCK) {
      const end = Math.min(start + count, b + VoiceLevel.BLOCK);
      let sum = 0;
      for (let i = b; i < end; i++) sum += out[i]! * out[i]!;
      const power = sum / (end - b);
      if (power > 1e-7) this.powers.push(power);
    }
  }

  /** RMS (linear); -20 dBFS when there is no speech at all, so aids still have a level. */
  rms(): number {
    if (this.powers.length === 0) return 0.1;
    const mean = this.powers.reduce((a, b) => a + b, 0) / this.powers.length;
    const kept = this.powers.filter((p) => p >= mean * 0.1);
    return Math.sqrt(kept.reduce((a, b) => a + b, 0) / kept.length);
  }
}
