// The listening page for one locale: every exercise with its variants (player, download,
// transcript, captions), the breathing companion, and the info pieces with their sources.
// Static HTML with inline style and script, relative links only: it works from any static host
// and from file://, loads nothing from elsewhere and tracks nobody.
import type { Catalog, CatalogExercise, CatalogInfo, CatalogTrack } from "../catalog/catalog-types.js";
import type { Locale } from "../model/script-schema.js";
import { BREATH_COMPANION_SCRIPT } from "./breath-companion-script.js";
import type { ReadyMadeCalendar } from "./calendar/ready-made.js";
import { escapeHtml as h, escapeUrlPath as u } from "./html-escape.js";
import { narratorLine } from "./narrator-line.js";
import { PAGE_STYLE } from "./page-style.js";
import type { BreathCue, TranscriptSection } from "./read-vtt.js";
import { renderPlanSection } from "./render-plan-section.js";
import { clockLabel, SITE_TEXT, variantLabel, type SiteText } from "./site-text.js";
import { citation } from "./source-citations.js";

export interface TrackTranscript {
  sections: TranscriptSection[];
  breaths: BreathCue[];
}

export interface PageInput {
  catalog: Catalog;
  locale: Locale;
  /** dist-relative file name of each locale's page. */
  pages: Partial<Record<Locale, string>>;
  /** Read from each track's VTT, by `<locale>/<track id>`. */
  transcripts: ReadonlyMap<string, TrackTranscript>;
  /** Absolute URL of this locale's feed, when feeds were written (what a podcast app needs). */
  feedUrl?: string;
  /** This locale's ready-made calendar files (calendar/ready-made.ts). */
  readyMade: readonly ReadyMadeCalendar[];
  /** The planning form's bundled script (calendar/plan-form-script.ts). */
  planScript: string;
}

export const transcriptKey = (t: Pick<CatalogTrack, "locale" | "id">) => `${t.locale}/${t.id}`;

/** The first locale's page is index.html; the others sit beside it, so every link stays relative. */
export function pageFile(locale: Locale, locales: readonly Locale[]): string {
  return locale === locales[0] ? "index.html" : `${locale}.html`;
}

export function renderPage(input: PageInput): string {
  const { catalog, locale } = input;
  const text = SITE_TEXT[locale];
  const exercises = catalog.exercises
    .filter((e) => e.locale === locale)
    .map((exercise) => ({ exercise, tracks: catalog.tracks.filter((t) => t.locale === locale && t.exercise === exercise.id) }));
  const info = catalog.info.filter((i) => i.locale === locale);
  const others = catalog.locales.filter((l) => l !== locale && input.pages[l]);

  const alternates = others
    .map((l) => `<link rel="alternate" hreflang="${h(SITE_TEXT[l].lang)}" href="${u(input.pages[l]!)}">`)
    .join("\n");
  const feedLink = input.feedUrl
    ? `<link rel="alternate" type="application/rss+xml" title="${h(`${text.title}: ${text.feedLink}`)}" href="${h(input.feedUrl)}">`
    : "";
  const languageLinks = others
    .map((l) => `<a href="${u(input.pages[l]!)}" hreflang="${h(SITE_TEXT[l].lang)}" lang="${h(SITE_TEXT[l].lang)}">${h(SITE_TEXT[l].languageName)}</a>`)
    .join(" · ");

  return `<!doctype html>
<html lang="${h(text.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${h(`${text.title}: ${text.tagline}`)}</title>
<meta name="description" content="${h(text.intro)}">
${alternates}
${feedLink}
<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#exercises">${h(text.exercisesHeading)}</a>
<div class="wrap">
<header class="site">
<h1>${h(text.title)}</h1>
${languageLinks ? `<nav aria-label="${h(text.otherLanguage)}">${languageLinks}</nav>` : ""}
</header>
<main>
<p class="tagline">${h(text.tagline)}</p>
<p>${h(text.intro)}</p>
<p class="note" role="note">${h(text.notADoctor)}</p>
<h2 id="exercises">${h(text.exercisesHeading)}</h2>
${exercises.map(({ exercise, tracks }) => renderExercise(exercise, tracks, input, text)).join("\n")}
${renderPlanSection(text, locale, exercises, input.readyMade)}
${info.length > 0 ? `<h2 id="info">${h(text.infoHeading)}</h2>\n${info.map((i) => renderInfo(i, text, locale)).join("\n")}` : ""}
${input.feedUrl ? renderFeedSection(input.feedUrl, text) : ""}
</main>
<footer><p>${h(text.footer)}</p></footer>
</div>
<script>${BREATH_COMPANION_SCRIPT}</script>
<script>${input.planScript}</script>
</body>
</html>
`;
}

function renderExercise(exercise: CatalogExercise, tracks: CatalogTrack[], input: PageInput, text: SiteText): string {
  const sectionId = `exercise-${exercise.id}`;
  const breathing = tracks.some((t) => (input.transcripts.get(transcriptKey(t))?.breaths.length ?? 0) > 0);
  const words = { ...text.breathing.phase, none: text.breathing.idle };
  const companion = breathing
    ? `<div class="breath" data-phase="none" data-words="${h(JSON.stringify(words))}">
<div class="breath-stage" aria-hidden="true"><div class="breath-circle"></div></div>
<div class="breath-text">
<h4>${h(text.breathing.heading)}</h4>
<p class="breath-label" aria-live="polite" aria-atomic="true">${h(text.breathing.idle)}</p>
<p class="breath-help">${h(text.breathing.help)}</p>
</div>
</div>`
    : "";
  return `<section class="exercise card" id="${h(sectionId)}" aria-labelledby="${h(sectionId)}-title">
<h3 id="${h(sectionId)}-title">${h(exercise.title)}</h3>
<p>${h(exercise.description)}</p>
${companion}
<ul class="tracks">
${tracks.map((t) => renderTrack(t, exercise, input, text)).join("\n")}
</ul>
<p class="source">${h(text.source)}: ${h(citation(exercise.source, exercise.locale))}</p>
</section>`;
}

function renderTrack(track: CatalogTrack, exercise: CatalogExercise, input: PageInput, text: SiteText): string {
  const label = variantLabel(text, track.length, track.ending);
  const transcript = input.transcripts.get(transcriptKey(track));
  const breaths = transcript?.breaths ?? [];
  // "phase:start:end" in seconds: the same cues as the VTT, for when <track> cannot load (file://).
  const breathAttr = breaths.length
    ? ` data-breaths="${h(breaths.map((b) => `${b.phase}:${(b.startMs / 1000).toFixed(3)}:${(b.endMs / 1000).toFixed(3)}`).join(" "))}"`
    : "";
  const download = track.files.download;
  const seconds = Math.round(track.durationMs / 1000);
  const narrator = narratorLine(track.narration, track.locale);
  return `<li class="track" id="${h(track.id)}" data-track-id="${h(track.id)}" data-duration-ms="${track.durationMs}">
<div class="track-head">
<h4>${h(label)}</h4>
<p class="duration">${h(text.duration)}: <time datetime="PT${seconds}S">${h(clockLabel(track.durationMs))}</time></p>
${narrator ? `<p class="narrator">${h(narrator)}</p>\n` : ""}</div>
<audio controls preload="metadata" src="${u(download.path)}" aria-label="${h(`${exercise.title}: ${label}`)}"${breathAttr}>
<track kind="captions" src="${u(track.transcript.path)}" srclang="${h(text.lang.slice(0, 2))}" label="${h(text.captionsLabel)}">
</audio>
<a class="download" href="${u(download.path)}" download type="${h(download.mime)}">${h(text.download)} (${h(megabytes(download.bytes, text.lang))})</a>
${transcript && transcript.sections.length > 0 ? renderTranscript(transcript.sections, text) : ""}
</li>`;
}

function renderTranscript(sections: readonly TranscriptSection[], text: SiteText): string {
  const body = sections
    .map((s) => `${s.title ? `<h5>${h(s.title)}</h5>\n` : ""}${s.lines.map((line) => `<p>${h(line)}</p>`).join("\n")}`)
    .join("\n");
  return `<details class="transcript">
<summary>${h(text.transcript)}</summary>
${body}
</details>`;
}

function renderInfo(info: CatalogInfo, text: SiteText, locale: Locale): string {
  const id = `info-${info.id}`;
  return `<section class="info card" id="${h(id)}" aria-labelledby="${h(id)}-title">
<h3 id="${h(id)}-title">${h(info.title)}</h3>
<p>${h(info.intro)}</p>
<ol class="info-items">
${info.items.map((item) => `<li><strong>${h(item.title)}</strong> ${h(item.text)}</li>`).join("\n")}
</ol>
${info.outro ? `<p>${h(info.outro)}</p>` : ""}
<p class="source">${h(text.source)}: ${h(citation(info.source, locale))}</p>
</section>`;
}

function renderFeedSection(feedUrl: string, text: SiteText): string {
  return `<h2 id="podcast">${h(text.feedHeading)}</h2>
<p>${h(text.feedText)} <a href="${h(feedUrl)}" type="application/rss+xml">${h(text.feedLink)}</a><br><code>${h(feedUrl)}</code></p>`;
}

function megabytes(bytes: number, lang: string): string {
  return `${new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_000_000)} MB`;
}
