// A small, fully known timeline with voice-like tone bursts standing in for speech, so the audio
// layer's tests know exactly where every sample belongs without waiting on a TTS engine.
import { PIPELINE_SAMPLE_RATE } from "../../audio-builder/audio/pipeline-rate.js";
import { samplesToMs, type SpeechAudio } from "../../audio-builder/speech/tts-engine.js";
import type { BreathPhaseSpan, SpeechEvent, Timeline, TimelineChapter, TimelineEvent } from "../../audio-builder/timeline/timeline-types.js";

/**
 * A vowel-like burst: a 140 Hz voice with falling harmonics, opening and closing four times a
 * second like syllables. Its crest factor (peak over RMS) is speech-like, so the limiter works.
 */
export function toneBurst(ms: number, seed = 1): SpeechAudio {
  const n = Math.round((ms * PIPELINE_SAMPLE_RATE) / 1000);
  const samples = new Int16Array(n);
  const f0 = 120 + 10 * (seed % 5);
  for (let i = 0; i < n; i++) {
    const t = i / PIPELINE_SAMPLE_RATE;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(2 * Math.PI * f0 * h * t + h * seed) / h;
    const syllable = Math.sin(Math.PI * ((t * 4) % 1)) ** 2;
    const edge = Math.min(1, i / 200, (n - 1 - i) / 200);
    samples[i] = Math.round(v * syllable * edge * 0.25 * 32767);
  }
  return { sampleRate: PIPELINE_SAMPLE_RATE, samples };
}

type Step =
  | { say: string; ms: number; cue?: "inhale" | "exhale" }
  | { silence: number; purpose: "pause" | "inhale" | "exhale" | "hold" | "rest" }
  | { chapter: string };

export interface SyntheticTrack {
  timeline: Timeline;
  speech: (e: SpeechEvent) => SpeechAudio;
  audio: Map<string, SpeechAudio>;
}

/** Lays steps out back to back, as buildTimeline does, with speech durations measured from the bursts. */
export function syntheticTrack(steps: Step[], opts: { sleep?: { fadeMs: number } } = {}): SyntheticTrack {
  const audio = new Map<string, SpeechAudio>();
  const events: TimelineEvent[] = [];
  const chapters: TimelineChapter[] = [];
  const breaths: BreathPhaseSpan[] = [];
  let t = 0;
  let cycle = 0;
  for (const step of steps) {
    if ("chapter" in step) {
      const last = chapters.at(-1);
      if (last) last.durationMs = t - last.startMs;
      chapters.push({ id: `c${chapters.length + 1}`, title: step.chapter, startMs: t, durationMs: 0 });
      continue;
    }
    const chapter = chapters.length - 1;
    if ("say" in step) {
      const burst = toneBurst(step.ms, audio.size + 1);
      audio.set(step.say, burst);
      const durationMs = samplesToMs(burst.samples.length);
      const event: SpeechEvent = { kind: "speech", text: step.say, rate: "normal", startMs: t, durationMs, chapter };
      if (step.cue) {
        event.cue = step.cue;
        if (step.cue === "inhale") cycle += 1;
        breaths.push({ phase: step.cue, cycle, startMs: t, durationMs, cue: step.say });
      }
      events.push(event);
      t += durationMs;
    } else {
      events.push({ kind: "silence", purpose: step.purpose, startMs: t, durationMs: step.silence, chapter });
      const phase = breaths.at(-1);
      // A breathing phase spans its cue word and the silence that follows it.
      if (phase && phase.startMs + phase.durationMs === t && step.purpose === phase.phase) phase.durationMs += step.silence;
      t += step.silence;
    }
  }
  const last = chapters.at(-1);
  if (last) last.durationMs = t - last.startMs;
  const timeline: Timeline = {
    exercise: "synthetic",
    locale: "nl-NL",
    length: "short",
    ending: opts.sleep ? "sleep" : "wake",
    durationMs: t,
    events,
    chapters,
    breaths,
  };
  if (opts.sleep) timeline.fadeOutStartMs = t - opts.sleep.fadeMs;
  return {
    timeline,
    audio,
    speech: (e) => {
      const a = audio.get(e.text);
      if (!a) throw new Error(`no synthetic audio for ${e.text}`);
      return a;
    },
  };
}

/** The track every audio test uses: an intro, two breathing cycles with a 6 s exhale, a close. */
export function breathingTrack(opts: { sleep?: { fadeMs: number } } = {}): SyntheticTrack {
  return syntheticTrack(
    [
      { chapter: "Welkom" },
      { say: "Welkom bij deze oefening.", ms: 2200 },
      { silence: 1500, purpose: "pause" },
      { chapter: "Ademhaling" },
      { say: "Adem in", ms: 700, cue: "inhale" },
      { silence: 3300, purpose: "inhale" },
      { say: "en uit", ms: 700, cue: "exhale" },
      { silence: 6000, purpose: "exhale" },
      { say: "in", ms: 500, cue: "inhale" },
      { silence: 3500, purpose: "inhale" },
      { say: "uit", ms: 500, cue: "exhale" },
      { silence: 5500, purpose: "exhale" },
      { chapter: "Afsluiting" },
      { say: "Kom rustig terug in de ruimte.", ms: 2600 },
      { silence: 2000, purpose: "rest" },
      { say: "Dank je wel.", ms: 1200 },
      { silence: 1000, purpose: "pause" },
    ],
    opts,
  );
}
