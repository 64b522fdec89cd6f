// Two passes over the timelines: lay them out with estimated speech to learn which sentences are
// needed, make sure the cache has all of them (synthesising only the new ones), then lay them out
// again with the durations measured from the audio. Only the second layout is ever built.
import type { Locale } from "../model/script-schema.js";
import type { SegmentCache } from "../speech/segment-cache.js";
import type { SpeechRequest } from "../speech/tts-engine.js";
import { buildTimeline } from "../timeline/build-timeline.js";
import { estimateSpeech } from "../timeline/estimate-speech.js";
import type { SpeechDuration, SpeechEvent, Timeline } from "../timeline/timeline-types.js";
import type { PlannedTrack } from "./plan-tracks.js";

/** Which layout pass may still find sentences the previous pass did not ask for. */
const MAX_PASSES = 4;

export function speechRequest(locale: Locale, e: Pick<SpeechEvent, "text" | "rate">): SpeechRequest {
  return { text: e.text, locale, rate: e.rate };
}

export function requestId(req: SpeechRequest): string {
  return `${req.locale}\u0000${req.rate}\u0000${req.text}`;
}

export function speechEvents(timeline: Timeline): SpeechEvent[] {
  return timeline.events.filter((e): e is SpeechEvent => e.kind === "speech");
}

export interface MeasuredTimelines {
  /** By PlannedTrack.ref, laid out with measured speech durations. */
  timelines: Map<string, Timeline>;
  synthesized: number;
}

export async function measureTimelines(
  tracks: readonly PlannedTrack[],
  cache: Pick<SegmentCache, "durationMs" | "ensure">,
  onProgress?: (done: number, total: number) => void,
): Promise<MeasuredTimelines> {
  let synthesized = 0;
  // First pass: the estimate. Sentences do not depend on durations today, but the layout
  // (rests that shrink to nothing, say) might: later passes pick up anything it missed.
  let wanted = new Map<string, SpeechRequest>();
  for (const t of tracks) {
    for (const e of speechEvents(buildTimeline(t.script, t.variant, estimateSpeech(t.locale)))) {
      const req = speechRequest(t.locale, e);
      wanted.set(requestId(req), req);
    }
  }

  for (let pass = 1; ; pass++) {
    const missing = [...wanted.values()].filter((req) => cache.durationMs(req) === undefined);
    // Nothing missing means the engine is never asked for anything: a no-op build stays cheap.
    if (missing.length > 0) synthesized += (await cache.ensure(missing, onProgress)).synthesized;

    wanted = new Map();
    const timelines = new Map<string, Timeline>();
    for (const t of tracks) {
      const estimate = estimateSpeech(t.locale);
      const measured: SpeechDuration = (text, rate) => {
        const req: SpeechRequest = { text, locale: t.locale, rate };
        const ms = cache.durationMs(req);
        if (ms !== undefined) return ms;
        wanted.set(requestId(req), req);
        return estimate(text, rate);
      };
      timelines.set(t.ref, buildTimeline(t.script, t.variant, measured));
    }
    if (wanted.size === 0) return { timelines, synthesized };
    if (pass >= MAX_PASSES) {
      throw new Error(`speech durations did not settle after ${MAX_PASSES} passes: ${[...wanted.values()].map((r) => JSON.stringify(r.text)).join(", ")}`);
    }
  }
}
