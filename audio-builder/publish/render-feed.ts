// A podcast feed per locale (RSS 2.0 with the iTunes namespace), built with the `podcast`
// library so escaping and the iTunes tags are its business. One item per track; GUIDs are
// `rustpunt:<locale>:<track id>` so a rebuild never makes a podcast app download everything again.
import { Podcast } from "podcast";
import type { Catalog, CatalogTrack } from "../catalog/catalog-types.js";
import type { Locale } from "../model/script-schema.js";
import { publicUrl } from "./base-url.js";
import { COVER_FILE } from "./cover-image.js";
import { openingLines, type TranscriptSection } from "./read-vtt.js";
import { SITE_TEXT, variantLabel } from "./site-text.js";
import { citation } from "./source-citations.js";

export const feedFile = (locale: Locale) => `feed-${locale}.xml`;
export const trackGuid = (t: Pick<CatalogTrack, "locale" | "id">) => `rustpunt:${t.locale}:${t.id}`;

export interface FeedInput {
  catalog: Catalog;
  locale: Locale;
  baseUrl: string;
  /** dist-relative file name of this locale's page. */
  page: string;
  /** Each track's transcript, by `<locale>/<track id>`. */
  transcripts: ReadonlyMap<string, { sections: TranscriptSection[] }>;
  /** When each track was published (the build's date for it); the feed's date is the latest. */
  published: (track: CatalogTrack) => Date;
}

const DESCRIPTION_CHARS = 400;

export function renderFeed(input: FeedInput): string {
  const { catalog, locale, baseUrl } = input;
  const text = SITE_TEXT[locale];
  const tracks = catalog.tracks.filter((t) => t.locale === locale);
  const exercises = new Map(catalog.exercises.filter((e) => e.locale === locale).map((e) => [e.id, e]));
  const dates = tracks.map((t) => input.published(t));
  const latest = dates.reduce<Date | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  const pageUrl = publicUrl(baseUrl, input.page);
  const cover = publicUrl(baseUrl, COVER_FILE);

  const feed = new Podcast({
    title: `${text.title}: ${text.tagline}`,
    description: text.podcastDescription,
    feedUrl: publicUrl(baseUrl, feedFile(locale)),
    siteUrl: pageUrl,
    imageUrl: cover,
    itunesImage: cover,
    author: "Rustpunt",
    itunesAuthor: "Rustpunt",
    itunesOwner: { name: "Rustpunt", email: "" },
    language: text.lang,
    categories: ["Health & Fitness"],
    itunesCategory: [{ text: "Health & Fitness", subcats: [{ text: "Mental Health" }] }],
    itunesExplicit: false,
    itunesType: "episodic",
    generator: "Rustpunt audio-builder (podcast for Node)",
    ...(latest ? { pubDate: latest } : {}),
    // No namespace for podcasting 2.0 tags beyond what is used below.
    namespaces: { iTunes: true, podcast: true, simpleChapters: true },
  });

  tracks.forEach((track, i) => {
    const exercise = exercises.get(track.exercise);
    const title = track.title;
    const sections = input.transcripts.get(`${track.locale}/${track.id}`)?.sections ?? [];
    const opening = openingLines(sections, DESCRIPTION_CHARS);
    const about = exercise ? `${exercise.description} ` : "";
    const source = exercise ? `\n\n${text.source}: ${citation(exercise.source, locale)}` : "";
    const description = `${about}${variantLabel(text, track.length, track.ending)}.\n\n${opening}${source}`;
    feed.addItem({
      title,
      description,
      url: `${pageUrl}#${encodeURIComponent(track.id)}`,
      guid: trackGuid(track),
      date: dates[i]!,
      enclosure: { url: publicUrl(baseUrl, track.files.download.path), size: track.files.download.bytes, type: track.files.download.mime },
      itunesDuration: Math.round(track.durationMs / 1000),
      itunesExplicit: false,
      itunesEpisodeType: "full",
      itunesSummary: description,
      pscChapters: {
        version: "1.2",
        chapter: track.chapters.map((c) => ({ start: nptTime(c.startMs), title: c.title })),
      },
      // Podcasting 2.0 transcript: apps that support it show the same captions as the page.
      customElements: [
        {
          "podcast:transcript": {
            _attr: { url: publicUrl(baseUrl, track.transcript.path), type: "text/vtt", language: text.lang.slice(0, 2), rel: "captions" },
          },
        },
      ],
    });
  });
  return feed.buildXml({ indent: "  " });
}

/** Normal Play Time as Podlove Simple Chapters wants it: HH:MM:SS.mmm. */
function nptTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(Math.floor(total / 3_600_000))}:${pad(Math.floor((total % 3_600_000) / 60_000))}:${pad(Math.floor((total % 60_000) / 1000))}.${pad(total % 1000, 3)}`;
}
