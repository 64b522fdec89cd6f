// The compact projection of the catalog that the skill's Lambda bundles (see skill-catalog-types.ts).
import type { Catalog } from "../catalog/catalog-types.js";
import type { SkillCatalog } from "../catalog/skill-catalog-types.js";

export const SKILL_CATALOG_FILE = "skill-catalog.json";

export function toSkillCatalog(catalog: Catalog): SkillCatalog {
  return {
    version: catalog.version,
    locales: [...catalog.locales],
    exercises: catalog.exercises.map((e) => ({ ...e })),
    // Fields are listed, not spread, so a field added to CatalogTrack later stays out until chosen.
    tracks: catalog.tracks.map((t) => ({
      id: t.id,
      exercise: t.exercise,
      locale: t.locale,
      title: t.title,
      length: t.length,
      ending: t.ending,
      durationMs: t.durationMs,
      chapters: t.chapters.map((c) => ({ ...c })),
      ...(t.resumePoints ? { resumePoints: [...t.resumePoints] } : {}),
      files: { download: { path: t.files.download.path }, alexa: { path: t.files.alexa.path } },
      ssml: { alexa: [...t.ssml.alexa], ...(t.ssml.alexaChapters ? { alexaChapters: [...t.ssml.alexaChapters] } : {}) },
    })),
    info: catalog.info.map((i) => ({ ...i, items: i.items.map((item) => ({ ...item })) })),
  };
}
