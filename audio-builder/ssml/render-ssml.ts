// Timeline → SSML for one platform: one or more complete <speak> documents.
import type { Timeline } from "../timeline/timeline-types.js";
import { renderAlexa } from "./render-alexa.js";
import { renderAzure } from "./render-azure.js";
import { renderGoogle } from "./render-google.js";
import type { SsmlTarget } from "./ssml-target.js";

export type { SsmlTarget } from "./ssml-target.js";

const RENDERERS: Record<SsmlTarget, (timeline: Timeline) => string[]> = {
  alexa: renderAlexa,
  google: renderGoogle,
  azure: renderAzure,
};

export function renderSsml(timeline: Timeline, target: SsmlTarget): string[] {
  return RENDERERS[target](timeline);
}
