// A skill catalog straight from the shipped scripts, without audio: the same track plan, timelines
// (estimated speech durations), SSML and composition the build uses, with file entries that point
// where the build would put them. For skill tests when the shared fixture dist/ is unavailable.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CatalogFile, CatalogTrack } from "../../audio-builder/catalog/catalog-types.js";
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import { skillFields } from "../../audio-builder/catalog/skill-fields.js";
import { composeCatalog } from "../../audio-builder/pipeline/compose-catalog.js";
import { planTracks, type TrackFilter } from "../../audio-builder/pipeline/plan-tracks.js";
import { toSkillCatalog } from "../../audio-builder/pipeline/skill-catalog.js";
import { trackTitle } from "../../audio-builder/pipeline/track-labels.js";
import { loadScriptsOrThrow } from "../../audio-builder/model/load-scripts.js";
import { buildTimeline } from "../../audio-builder/timeline/build-timeline.js";
import { estimateSpeech } from "../../audio-builder/timeline/estimate-speech.js";

const file = (p: string, mime: string): CatalogFile => ({ path: p, bytes: 0, sha256: "", mime });

/** Every track of the shipped scripts by default (both lengths, both endings, both locales). */
export async function skillCatalogFromScripts(filter: TrackFilter = {}): Promise<SkillCatalog> {
  const scripts = await loadScriptsOrThrow();
  const tracks: CatalogTrack[] = planTracks(scripts, filter).map((t) => {
    const timeline = buildTimeline(t.script, t.variant, estimateSpeech(t.locale));
    return {
      id: t.id,
      exercise: t.script.id,
      locale: t.locale,
      title: trackTitle(t.script, t.variant),
      length: t.variant.length,
      ending: t.variant.ending,
      durationMs: timeline.durationMs,
      chapters: timeline.chapters.map((c) => ({ id: c.id, title: c.title, startMs: c.startMs })),
      files: { download: file(t.paths.download, "audio/mpeg"), alexa: file(t.paths.alexa, "audio/mpeg") },
      transcript: file(t.paths.transcript, "text/vtt"),
      ...skillFields(timeline),
    };
  });
  return toSkillCatalog(composeCatalog(scripts, tracks));
}

/** Writes the catalog to a fresh temp dir; returns the file (for CATALOG_FILE). */
export async function writeCatalogFromScripts(filter?: TrackFilter): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "rustpunt-catalog-"));
  const out = path.join(dir, "skill-catalog.json");
  await writeFile(out, JSON.stringify(await skillCatalogFromScripts(filter)), "utf8");
  return out;
}
