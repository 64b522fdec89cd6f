// Timeline → SSML for one platform: one or more complete <speak> documents.
import type { Timeline } from "../timeline/timeline-types.js";
import { renderAssistant } from "./render-assistant.js";
import { renderAzure } from "./render-azure.js";
import type { SsmlTarget } from "./ssml-target.js";

export type { SsmlTarget } from "./ssml-target.js";

const RENDERERS: Record<SsmlTarget, (timeline: Timeline) => string[]> = {
  // Alexa and Google take the same SSML (render-assistant.ts).
  alexa: renderAssistant,
  google: renderAssistant,
  azure: renderAzure,
};

export function renderSsml(timeline: Timeline, target: SsmlTarget): string[] {
  return RENDERERS[target](timeline);
}
