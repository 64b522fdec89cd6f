// dist/catalog.json from the scripts and the tracks built: the only thing the skill, the page and
// the feed read. Exercises are listed when they have a track, so every id the skill can offer plays.
import { CATALOG_VERSION, type Catalog, type CatalogExercise, type CatalogInfo, type CatalogTrack } from "../catalog/catalog-types.js";
import type { LoadedScript } from "../model/load-scripts.js";
import { ENDINGS, LENGTHS, LOCALES, type ExerciseScript, type InfoScript } from "../model/script-schema.js";
import { renderInfoSsml } from "../ssml/render-info.js";

export const CATALOG_FILE = "catalog.json";

export function composeCatalog(scripts: readonly LoadedScript[], tracks: readonly CatalogTrack[]): Catalog {
  const sorted = [...tracks].sort(compareTracks);
  const withTracks = new Set(sorted.map((t) => `${t.locale}/${t.exercise}`));

  const exercises: CatalogExercise[] = scripts
    .map((s) => s.script)
    .filter((s): s is ExerciseScript => s.kind === "exercise" && withTracks.has(`${s.locale}/${s.id}`))
    .sort((a, b) => localeOrder(a.locale) - localeOrder(b.locale) || a.id.localeCompare(b.id))
    .map((s) => ({ id: s.id, locale: s.locale, title: s.title, description: s.description, synonyms: [...s.synonyms], source: s.source }));

  const info: CatalogInfo[] = scripts
    .map((s) => s.script)
    .filter((s): s is InfoScript => s.kind === "info")
    .sort((a, b) => localeOrder(a.locale) - localeOrder(b.locale) || a.id.localeCompare(b.id))
    .map(infoEntry);

  const present = new Set([...exercises, ...info].map((x) => x.locale));
  return { version: CATALOG_VERSION, locales: LOCALES.filter((l) => present.has(l)), exercises, tracks: sorted, info };
}

function infoEntry(s: InfoScript): CatalogInfo {
  const ssml = renderInfoSsml(s, "alexa");
  const entry: CatalogInfo = {
    id: s.id,
    locale: s.locale,
    title: s.title,
    description: s.description,
    source: s.source,
    intro: s.intro,
    items: s.items.map((item, i) => ({ title: item.title, text: item.text, ssml: ssml.items[i] ?? "" })),
    ssml: ssml.whole,
  };
  if (s.outro !== undefined) entry.outro = s.outro;
  return entry;
}

const localeOrder = (l: CatalogTrack["locale"]) => LOCALES.indexOf(l);

function compareTracks(a: CatalogTrack, b: CatalogTrack): number {
  return (
    localeOrder(a.locale) - localeOrder(b.locale) ||
    a.exercise.localeCompare(b.exercise) ||
    LENGTHS.indexOf(a.length) - LENGTHS.indexOf(b.length) ||
    ENDINGS.indexOf(a.ending) - ENDINGS.indexOf(b.ending)
  );
}
