// One catalog lookup for the whole core: tracks, exercises and info pieces by locale and id, built
// once per container (the catalog never changes while the Lambda lives).
import type { CatalogExercise, CatalogInfo } from "../../audio-builder/catalog/catalog-types.js";
import type { SkillCatalog, SkillCatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Locale } from "../../audio-builder/model/script-schema.js";

const key = (locale: string, id: string) => `${locale}|${id}`;

export class CatalogIndex {
  private readonly tracks = new Map<string, SkillCatalogTrack>();
  private readonly exercises = new Map<string, CatalogExercise>();
  private readonly infos = new Map<string, CatalogInfo>();
  private readonly titleLists = new Map<Locale, string[]>();

  constructor(readonly catalog: SkillCatalog) {
    for (const t of catalog.tracks) this.tracks.set(key(t.locale, t.id), t);
    for (const e of catalog.exercises) {
      this.exercises.set(key(e.locale, e.id), e);
      const list = this.titleLists.get(e.locale) ?? [];
      list.push(e.title);
      this.titleLists.set(e.locale, list);
    }
    for (const i of catalog.info) this.infos.set(key(i.locale, i.id), i);
  }

  track(locale: Locale, id: string): SkillCatalogTrack | undefined {
    return this.tracks.get(key(locale, id));
  }

  info(locale: Locale, id: string): CatalogInfo | undefined {
    return this.infos.get(key(locale, id));
  }

  exercise(locale: Locale, id: string): CatalogExercise | undefined {
    return this.exercises.get(key(locale, id));
  }

  /** The exercise's title ("Rustig ademen"), which the person knows it by; the track's title otherwise. */
  exerciseTitle(track: SkillCatalogTrack): string {
    return this.exercise(track.locale, track.exercise)?.title ?? track.title;
  }

  titles(locale: Locale): string[] {
    return this.titleLists.get(locale) ?? [];
  }
}
