// A track's key: a hash of everything that decides its bytes. Same key, same files: the build
// skips the track without synthesis, assembly or encoding.
import { createHash } from "node:crypto";
import type { Timeline } from "../timeline/timeline-types.js";

/**
 * Bump when the assembly or encoding changes in a way the inputs below do not show (a new filter,
 * another encoder setting, a change to the VTT layout): every track is then rebuilt once.
 */
export const BUILD_FORMAT_VERSION = 2;

export interface TrackKeyInputs {
  /** The timeline laid out with measured speech durations. */
  timeline: Timeline;
  /** segmentKey() of each speech event, in event order: engine, voice, text and prosody. */
  segmentKeys: readonly string[];
  audio: { breathTones: boolean; bed: string };
  /** Everything written into the files besides the audio: tags, chapters' titles, catalog paths. */
  meta: unknown;
  /** The encoding profiles' settings as the audio module declares them (or their names). */
  profiles: unknown;
}

export function trackKey(inputs: TrackKeyInputs): string {
  return createHash("sha256")
    .update(stableJson({ format: BUILD_FORMAT_VERSION, ...inputs }))
    .digest("hex");
}

/** JSON with object keys sorted, so a key does not change with property order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
