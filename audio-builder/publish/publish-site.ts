// Everything in dist/ that is for people rather than for the skill: one listening page per
// locale and, when the public base URL is known, a podcast feed per locale with its cover image.
// Runs after the tracks and their transcripts are in place (it reads the VTTs). Every file is
// written atomically, and only when its content changed, so a no-op build uploads nothing.
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../files/atomic-file.js";
import type { Catalog, CatalogTrack } from "../catalog/catalog-types.js";
import type { Locale } from "../model/script-schema.js";
import { normaliseBaseUrl, publicUrl } from "./base-url.js";
import { COVER_FILE, renderCoverPng } from "./cover-image.js";
import { planFormScript } from "./calendar/plan-form-script.js";
import { CALENDAR_DIR, readyMadeCalendars, withoutBuildDate as icsWithoutBuildDate } from "./calendar/ready-made.js";
import { breathCues, parseVtt, transcriptSections } from "./read-vtt.js";
import { pageFile, renderPage, transcriptKey, type TrackTranscript } from "./render-page.js";

export interface PublishSiteOptions {
  catalog: Catalog;
  distDir: string;
  /** Absolute http(s) URL dist/ is served from; without it the feeds are skipped (see `notices`). */
  baseUrl?: string;
  /** SOURCE_DATE_EPOCH pins the feeds' dates and the calendar files' DTSTAMP (reproducible builds);
   *  otherwise each MP3's mtime is its feed date and the calendar files take the current time. */
  env?: NodeJS.ProcessEnv;
}

export interface PublishSiteResult {
  /** dist-relative files this call wrote or found already up to date. */
  files: string[];
  feeds: "written" | "skipped";
  /** One line each for a person, e.g. why the feeds were skipped. */
  notices: string[];
}

export async function publishSite(opts: PublishSiteOptions): Promise<PublishSiteResult> {
  const distDir = path.resolve(opts.distDir);
  const env = opts.env ?? process.env;
  const { catalog } = opts;
  const baseUrl = opts.baseUrl === undefined ? undefined : normaliseBaseUrl(opts.baseUrl);
  const transcripts = await readTranscripts(distDir, catalog.tracks);
  const pages: Partial<Record<Locale, string>> = {};
  for (const locale of catalog.locales) pages[locale] = pageFile(locale, catalog.locales);
  const files: string[] = [];
  const notices: string[] = [];

  const feedUrls: Partial<Record<Locale, string>> = {};
  if (baseUrl) {
    // The feed library is loaded only for a build that writes feeds: it is not small, and the
    // build holds everything it loaded through its whole run.
    const { feedFile, renderFeed } = await import("./render-feed.js");
    for (const locale of catalog.locales) feedUrls[locale] = publicUrl(baseUrl, feedFile(locale));
    await writeIfChanged(distDir, COVER_FILE, renderCoverPng());
    files.push(COVER_FILE);
    const published = await publicationDates(distDir, catalog.tracks, env);
    for (const locale of catalog.locales) {
      const xml = renderFeed({ catalog, locale, baseUrl, page: pages[locale]!, transcripts, published: (t) => published.get(t)! });
      await writeIfChanged(distDir, feedFile(locale), xml, withoutBuildDate);
      files.push(feedFile(locale));
    }
  } else {
    notices.push("Podcast feeds skipped: no public base URL. Pass --base-url https://… or set PUBLIC_BASE_URL to write dist/feed-<locale>.xml.");
  }

  const now = pinnedDate(env) ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const planScript = await planFormScript();
  const calendars = new Set<string>();
  for (const locale of catalog.locales) {
    const readyMade = readyMadeCalendars({ catalog, locale, page: pages[locale]!, now, ...(baseUrl ? { baseUrl } : {}) });
    for (const calendar of readyMade) {
      await writeIfChanged(distDir, calendar.file, calendar.ics, icsWithoutBuildDate);
      files.push(calendar.file);
      calendars.add(calendar.file);
    }
    const html = renderPage({
      catalog,
      locale,
      pages,
      transcripts,
      readyMade,
      planScript,
      ...(feedUrls[locale] ? { feedUrl: feedUrls[locale] } : {}),
    });
    await writeIfChanged(distDir, pages[locale]!, html);
    files.push(pages[locale]!);
  }
  await removeStaleCalendars(distDir, calendars);
  return { files, feeds: baseUrl ? "written" : "skipped", notices };
}

async function readTranscripts(distDir: string, tracks: readonly CatalogTrack[]): Promise<Map<string, TrackTranscript>> {
  const out = new Map<string, TrackTranscript>();
  for (const track of tracks) {
    const file = path.join(distDir, track.transcript.path);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new Error(`${file}: the transcript catalog.json lists for ${track.locale}/${track.id} is missing; rebuild with \`npm run build\``);
    }
    const cues = parseVtt(text, file);
    out.set(transcriptKey(track), { sections: transcriptSections(cues), breaths: breathCues(cues) });
  }
  return out;
}

/** dist/calendar/ is this module's alone: a file for an exercise or locale that is gone goes too. */
async function removeStaleCalendars(distDir: string, keep: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(path.join(distDir, CALENDAR_DIR), { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".ics")) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (!keep.has(path.relative(distDir, file).split(path.sep).join("/"))) await rm(file, { force: true });
  }
}

function pinnedDate(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

async function publicationDates(distDir: string, tracks: readonly CatalogTrack[], env: NodeJS.ProcessEnv): Promise<Map<CatalogTrack, Date>> {
  const pinned = pinnedDate(env);
  const dates = new Map<CatalogTrack, Date>();
  for (const track of tracks) {
    // The build keeps an unchanged track's file (and its mtime): the date moves only when the audio does.
    const date = pinned ?? (await stat(path.join(distDir, track.files.download.path))).mtime;
    dates.set(track, new Date(Math.floor(date.getTime() / 1000) * 1000));
  }
  return dates;
}

/** The RSS library stamps <lastBuildDate> with the current time; it alone is no reason to rewrite a feed. */
function withoutBuildDate(xml: string): string {
  return xml.replace(/<lastBuildDate>[^<]*<\/lastBuildDate>/, "");
}

async function writeIfChanged(distDir: string, relative: string, data: string | Buffer, compareAs: (s: string) => string = (s) => s): Promise<void> {
  const file = path.join(distDir, relative);
  const current = await readFile(file).catch(() => undefined);
  if (current !== undefined) {
    const same = typeof data === "string" ? compareAs(current.toString("utf8")) === compareAs(data) : current.equals(data);
    if (same) return;
  }
  await writeFileAtomic(file, data);
}
