// dist/skill-catalog.json: the part of catalog.json the skill needs at run time. It is loaded at
// every Lambda cold start, so hashes, sizes, MIME types and transcripts stay out. A full Catalog
// is assignable to SkillCatalog, so code written against this type reads either file.
import type { CatalogExercise, CatalogInfo, CatalogTrack, CATALOG_VERSION } from "./catalog-types.js";

export interface SkillCatalogFile {
  /** Relative to dist/ (and to AUDIO_BASE_URL), forward slashes. */
  path: string;
}

export interface SkillCatalogTrack extends Omit<CatalogTrack, "files" | "transcript"> {
  /** alexa: AudioPlayer and <audio>; download: Google's media response and links. */
  files: { download: SkillCatalogFile; alexa: SkillCatalogFile };
}

export interface SkillCatalog {
  version: typeof CATALOG_VERSION;
  locales: CatalogExercise["locale"][];
  exercises: CatalogExercise[];
  tracks: SkillCatalogTrack[];
  info: CatalogInfo[];
}
