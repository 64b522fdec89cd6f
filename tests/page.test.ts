/// <reference lib="dom" />
// (DOM types: the callbacks passed to page.evaluate run in the browser.)
// The listening page and the podcast feeds in a real browser: Chromium (the system's, or the one
// from npm: tests/helpers/browser.ts) driven by playwright-core, on the shared fixture dist/ (real
// short tracks built with espeak and ffmpeg), published with publishSite and served by the
// project's own static server.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, CatalogTrack } from "../audio-builder/catalog/catalog-types.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import { publishSite } from "../audio-builder/publish/publish-site.js";
import { breathCues, parseVtt } from "../audio-builder/publish/read-vtt.js";
import { pageFile } from "../audio-builder/publish/render-page.js";
import { SITE_TEXT, clockLabel } from "../audio-builder/publish/site-text.js";
import { launchChromium } from "./helpers/browser.js";
import { PINNED_EPOCH, serveSiteCopy, type ServedSite } from "./helpers/served-site.js";


let dist: string;
let catalog: Catalog;
let site: ServedSite | undefined;
let origin: string;
let browser: Browser;
/** Console errors and uncaught exceptions of every page opened over http. */
const problems: string[] = [];

beforeAll(async () => {
  site = await serveSiteCopy("page");
  ({ dist, catalog, origin } = site);

  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const pageOf = (locale: Locale) => pageFile(locale, catalog.locales);
const tracksOf = (locale: Locale) => catalog.tracks.filter((t) => t.locale === locale);

async function open(locale: Locale, opts: { width?: number; reducedMotion?: "reduce" | "no-preference" } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1100, height: 900 } });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${locale}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${locale}: ${e.message}`));
  if (opts.reducedMotion) await page.emulateMedia({ reducedMotion: opts.reducedMotion });
  await page.goto(`${origin}/${pageOf(locale)}`);
  return page;
}

async function vttBreaths(track: CatalogTrack) {
  const file = path.join(dist, track.transcript.path);
  return breathCues(parseVtt(await readFile(file, "utf8"), file));
}

/** Seeks the track's player to `seconds` and returns the companion's phase once the page has caught up. */
async function seek(page: Page, trackId: string, seconds: number, expected: string): Promise<void> {
  await page.locator(`li#${trackId} audio`).evaluate((audio: HTMLAudioElement, t: number) => {
    audio.currentTime = t;
  }, seconds);
  const companion = page.locator(`section:has(li#${trackId}) .breath`);
  await expect.poll(() => companion.getAttribute("data-phase"), { timeout: 5000 }).toBe(expected);
}

describe("the listening page", () => {
  it("lists every catalog track with its player, captions, download link, duration and transcript", async () => {
    for (const locale of catalog.locales) {
      const page = await open(locale);
      expect(await page.getAttribute("html", "lang")).toBe(SITE_TEXT[locale].lang);
      const listed = await page.locator("li.track").evaluateAll((items) => items.map((li) => li.id));
      expect(listed).toEqual(tracksOf(locale).map((t) => t.id));
      for (const track of tracksOf(locale)) {
        const item = page.locator(`li#${track.id}`);
        expect(await item.locator("audio").getAttribute("src")).toBe(track.files.download.path);
        expect(await item.locator("audio").getAttribute("preload")).toBe("metadata");
        expect(await item.locator("audio track").getAttribute("src")).toBe(track.transcript.path);
        expect(await item.locator("audio track").getAttribute("kind")).toBe("captions");
        expect(await item.locator("a.download").getAttribute("href")).toBe(track.files.download.path);
        expect(await item.locator(".duration time").textContent()).toBe(clockLabel(track.durationMs));
        // The transcript is the VTT's speech, readable without playing anything.
        const vtt = parseVtt(await readFile(path.join(dist, track.transcript.path), "utf8"), track.transcript.path);
        const firstSpeech = vtt.find((c) => c.id.startsWith("speech-"))!;
        expect(await item.locator("details.transcript").textContent()).toContain(firstSpeech.text);
      }
      // Every exercise and info piece names its source in words, not as a file name.
      const sources = await page.locator(".source").allTextContents();
      expect(sources.length).toBe(catalog.exercises.filter((e) => e.locale === locale).length + catalog.info.filter((i) => i.locale === locale).length);
      for (const s of sources) expect(s).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
      expect(await page.locator(".note").textContent()).toContain(locale === "nl-NL" ? "arts" : "doctor");
      await page.close();
    }
  });

  it("loads each track's metadata with the catalog's duration (±0.5 s)", async () => {
    for (const locale of catalog.locales) {
      const page = await open(locale);
      for (const track of tracksOf(locale)) {
        const audio = page.locator(`li#${track.id} audio`);
        await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
        const duration = await audio.evaluate((a: HTMLAudioElement) => a.duration);
        expect(Math.abs(duration - track.durationMs / 1000), `${locale}/${track.id}: ${duration} s`).toBeLessThanOrEqual(0.5);
      }
      await page.close();
    }
  });

  it("has download links that resolve to the MP3s, whole and by range", async () => {
    const page = await open(catalog.locales[0]!);
    const links = await page.locator("a.download").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBe(tracksOf(catalog.locales[0]!).length);
    for (const [i, link] of links.entries()) {
      const track = tracksOf(catalog.locales[0]!)[i]!;
      const whole = await fetch(link);
      expect(whole.status).toBe(200);
      expect(whole.headers.get("content-type")).toBe("audio/mpeg");
      expect((await whole.arrayBuffer()).byteLength).toBe(track.files.download.bytes);
      // <audio> seeks with Range requests: the server must answer 206 with the slice asked for.
      const part = await fetch(link, { headers: { range: "bytes=100-199" } });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toBe(`bytes 100-199/${track.files.download.bytes}`);
      expect((await part.arrayBuffer()).byteLength).toBe(100);
    }
    await page.close();
  });

  it("moves the breathing circle with the track's own cues: inhale, then exhale, at the VTT's times", async () => {
    for (const locale of catalog.locales) {
      const track = tracksOf(locale).find((t) => t.exercise === "ademhaling")!;
      const breaths = await vttBreaths(track);
      expect(breaths.length).toBeGreaterThanOrEqual(2);
      const page = await open(locale);
      const item = page.locator(`li#${track.id}`);
      // The browser has loaded the <track> and sees the same breathing cues as the file holds.
      await expect
        .poll(() => item.locator("audio track").evaluate((t: HTMLTrackElement) => t.track.cues?.length ?? 0), { timeout: 10_000 })
        .toBeGreaterThan(0);
      const cues = await item
        .locator("audio track")
        .evaluate((t: HTMLTrackElement) =>
          Array.from(t.track.cues ?? [])
            .filter((c) => c.id.startsWith("breath-"))
            .map((c) => ({ id: c.id, start: c.startTime, end: c.endTime })),
        );
      expect(cues.map((c) => Math.round(c.start * 1000))).toEqual(breaths.map((b) => b.startMs));

      const companion = page.locator(`section:has(li#${track.id}) .breath`);
      const circle = companion.locator(".breath-circle");
      expect(await companion.locator("[aria-hidden=true] .breath-circle").count()).toBe(1);
      expect(await companion.locator(".breath-label").getAttribute("aria-live")).toBe("polite");

      // Before the first cue nothing is asked of the listener.
      await seek(page, track.id, Math.max(0, breaths[0]!.startMs / 1000 - 1), "none");
      for (const cue of breaths.slice(0, 4)) {
        await seek(page, track.id, cue.startMs / 1000 + 0.05, cue.phase);
        expect(await companion.getAttribute("data-cue-source")).toBe("track");
        expect(await companion.locator(".breath-label").textContent()).toBe(SITE_TEXT[locale].breathing.phase[cue.phase]);
        const style = await circle.evaluate((el) => {
          const s = getComputedStyle(el);
          return { name: s.animationName, duration: parseFloat(s.animationDuration) };
        });
        expect(style.name).toBe(cue.phase === "exhale" ? "rp-exhale" : cue.phase === "inhale" ? "rp-inhale" : "none");
        if (cue.phase !== "hold") expect(style.duration).toBeCloseTo((cue.endMs - cue.startMs) / 1000, 2);
      }
      // Just before the end of an inhale: playing on crosses into the exhale by itself.
      const inhale = breaths.findIndex((b) => b.phase === "inhale" && breaths[breaths.indexOf(b) + 1]?.phase === "exhale");
      await seek(page, track.id, breaths[inhale]!.endMs / 1000 - 0.4, "inhale");
      await item.locator("audio").evaluate((a: HTMLAudioElement) => a.play());
      await expect.poll(() => companion.getAttribute("data-phase"), { timeout: 5000 }).toBe("exhale");
      expect(await companion.getAttribute("data-playing")).toBe("true");
      await item.locator("audio").evaluate((a: HTMLAudioElement) => a.pause());
      await page.close();
    }
  });

  it("honours prefers-reduced-motion: the phase shows without scaling", async () => {
    const locale = catalog.locales[0]!;
    const track = tracksOf(locale).find((t) => t.exercise === "ademhaling")!;
    const inhale = (await vttBreaths(track)).find((b) => b.phase === "inhale")!;
    const looks = async (reducedMotion: "reduce" | "no-preference") => {
      const page = await open(locale, { reducedMotion });
      await seek(page, track.id, inhale.startMs / 1000 + 0.05, "inhale");
      const circle = page.locator(`section:has(li#${track.id}) .breath-circle`);
      const style = await circle.evaluate((el) => ({ animation: getComputedStyle(el).animationName, transform: getComputedStyle(el).transform }));
      await page.close();
      return style;
    };
    const moving = await looks("no-preference");
    expect(moving.animation).toBe("rp-inhale");
    const still = await looks("reduce");
    expect(still).toEqual({ animation: "none", transform: "none" });
  });

  it("fits a 360 px phone without horizontal scrolling", async () => {
    for (const locale of catalog.locales) {
      const page = await open(locale, { width: 360 });
      await page.locator("details.transcript").first().evaluate((d: HTMLDetailsElement) => (d.open = true));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.close();
    }
  });

  it("works from file:// (the breathing cues come from the page when <track> cannot load)", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pathToFileURL(path.join(dist, "index.html")).href);
    const locale = catalog.locales[0]!;
    expect(await page.locator("li.track").count()).toBe(tracksOf(locale).length);
    const track = tracksOf(locale).find((t) => t.exercise === "ademhaling")!;
    const first = (await vttBreaths(track))[0]!;
    await seek(page, track.id, first.startMs / 1000 + 0.05, first.phase);
    expect(await page.locator(`section:has(li#${track.id}) .breath`).getAttribute("data-cue-source")).toBe("embedded");
    // The link to the other language is relative, so it works here too.
    const other = catalog.locales[1];
    if (other) {
      await page.locator(`a[hreflang="${SITE_TEXT[other].lang}"]`).first().click();
      await expect.poll(() => page.getAttribute("html", "lang")).toBe(SITE_TEXT[other].lang);
      expect(await page.locator("li.track").count()).toBe(tracksOf(other).length);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("logged no console errors on any page served over http", () => {
    expect(problems).toEqual([]);
  });
});

describe("the podcast feeds", () => {
  /** Parsed by the browser's own XML parser (namespace-aware, strict). */
  async function parseFeed(locale: Locale) {
    const response = await fetch(`${origin}/feed-${locale}.xml`);
    expect(response.status).toBe(200);
    const xml = await response.text();
    const page = await browser.newPage();
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "application/xml");
      const error = doc.querySelector("parsererror");
      const IT = "http://www.itunes.com/dtds/podcast-1.0.dtd";
      const channel = doc.querySelector("rss > channel")!;
      const own = (el: Element, name: string) => Array.from(el.children).find((c) => c.localName === name && !c.namespaceURI);
      const it = (el: Element, name: string) => Array.from(el.children).filter((c) => c.namespaceURI === IT && c.localName === name);
      return {
        error: error?.textContent ?? null,
        version: doc.documentElement.getAttribute("version"),
        channel: {
          title: own(channel, "title")?.textContent ?? "",
          language: own(channel, "language")?.textContent ?? "",
          author: it(channel, "author")[0]?.textContent ?? "",
          image: it(channel, "image")[0]?.getAttribute("href") ?? "",
          category: it(channel, "category")[0]?.getAttribute("text") ?? "",
          explicit: it(channel, "explicit")[0]?.textContent ?? "",
        },
        items: Array.from(channel.getElementsByTagName("item")).map((item) => ({
          title: own(item, "title")?.textContent ?? "",
          guid: own(item, "guid")?.textContent ?? "",
          permaLink: own(item, "guid")?.getAttribute("isPermaLink") ?? "",
          description: own(item, "description")?.textContent ?? "",
          enclosure: {
            url: own(item, "enclosure")?.getAttribute("url") ?? "",
            length: own(item, "enclosure")?.getAttribute("length") ?? "",
            type: own(item, "enclosure")?.getAttribute("type") ?? "",
          },
          duration: it(item, "duration")[0]?.textContent ?? "",
        })),
      };
    }, xml);
    await page.close();
    return { xml, ...parsed };
  }

  const seconds = (hms: string) => hms.split(":").reduce((total, part) => total * 60 + Number(part), 0);

  it("are RSS 2.0 with the iTunes channel tags, one item per track, consistent with the files", async () => {
    for (const locale of catalog.locales) {
      const feed = await parseFeed(locale);
      expect(feed.error).toBeNull();
      expect(feed.version).toBe("2.0");
      expect(feed.channel.title).toContain("Rustpunt");
      expect(feed.channel.language).toBe(locale);
      expect(feed.channel.author).toBe("Rustpunt");
      expect(feed.channel.category).toBe("Health & Fitness");
      expect(feed.channel.explicit).toBe("false");

      // The cover is a real square PNG that podcast apps accept (1400 to 3000 px).
      const cover = await fetch(feed.channel.image);
      expect(cover.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await cover.arrayBuffer());
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 1400]);

      const tracks = tracksOf(locale);
      expect(feed.items.map((i) => i.guid)).toEqual(tracks.map((t) => `rustpunt:${locale}:${t.id}`));
      for (const [i, item] of feed.items.entries()) {
        const track = tracks[i]!;
        expect(item.permaLink).toBe("false");
        expect(item.title).toBe(track.title);
        expect(item.enclosure.type).toBe("audio/mpeg");
        expect(item.enclosure.url).toBe(`${origin}/${track.files.download.path}`);
        const onDisk = (await stat(path.join(dist, track.files.download.path))).size;
        expect(Number(item.enclosure.length)).toBe(onDisk);
        expect(onDisk).toBe(track.files.download.bytes);
        const served = await fetch(item.enclosure.url, { method: "HEAD" });
        expect(served.status).toBe(200);
        expect(Number(served.headers.get("content-length"))).toBe(onDisk);
        expect(seconds(item.duration)).toBe(Math.round(track.durationMs / 1000));
        const vtt = parseVtt(await readFile(path.join(dist, track.transcript.path), "utf8"), track.transcript.path);
        expect(item.description).toContain(vtt.find((c) => c.id.startsWith("speech-"))!.text);
      }
    }
  });

  it("keep their GUIDs and bytes when nothing changed", async () => {
    const file = path.join(dist, `feed-${catalog.locales[0]}.xml`);
    const before = { text: await readFile(file, "utf8"), mtime: (await stat(file)).mtimeMs };
    await new Promise((resolve) => setTimeout(resolve, 1100)); // <lastBuildDate> has 1 s resolution
    await publishSite({ catalog, distDir: dist, baseUrl: `${origin}/`, env: { SOURCE_DATE_EPOCH: PINNED_EPOCH } });
    expect(await readFile(file, "utf8")).toBe(before.text);
    expect((await stat(file)).mtimeMs).toBe(before.mtime);
  });
});
