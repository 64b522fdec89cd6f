/// <reference lib="dom" />
// (DOM types: the callbacks passed to page.evaluate run in the browser.)
// "Plan a moment of rest" on the listening page, in Chromium: the form driven by mouse and by
// keyboard at desktop and phone width, the downloaded event read back by ical.js, axe-core on
// the whole page, and the ready-made files for browsers without JavaScript.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import axe from "axe-core";
import ICAL from "ical.js";
import type { Browser, BrowserContext, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../audio-builder/catalog/catalog-types.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import { WEEK, type Weekday } from "../audio-builder/publish/calendar/rest-moment-ics.js";
import { wallFieldsAt } from "../audio-builder/publish/calendar/wall-clock.js";
import { pageFile } from "../audio-builder/publish/render-page.js";
import { SITE_TEXT } from "../audio-builder/publish/site-text.js";
import { launchChromium } from "./helpers/browser.js";
import { serveSiteCopy, type ServedSite } from "./helpers/served-site.js";

const PHONE = 375;
const DESKTOP = 1100;

let dist: string;
let catalog: Catalog;
let site: ServedSite | undefined;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  site = await serveSiteCopy("plan");
  ({ dist, catalog, origin } = site);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const pageOf = (locale: Locale) => pageFile(locale, catalog.locales);

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

async function open(
  locale: Locale,
  width: number,
  timezoneId: string,
  url = `${origin}/${pageOf(locale)}`,
  colorScheme: "light" | "dark" = "light",
): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId, locale, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    // From file:// Chromium refuses the captions' <track> files (the page falls back to its own cues).
    if (m.type() === "error" && !url.startsWith("file:")) problems.push(m.text());
  });
  await page.goto(url);
  return { context, page, problems };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
  return violations;
}

async function downloadedEvent(download: Download) {
  const file = await download.path();
  const text = await readFile(file, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { text, calendar, vevent, event: new ICAL.Event(vevent), name: download.suggestedFilename() };
}

/** The next `count` occurrences, as weekday + wall-clock time in `zone`. */
function occurrencesIn(event: ICAL.Event, count: number, zone: string): { day: Weekday; time: string; at: Date }[] {
  const iterator = event.iterator();
  const out: { day: Weekday; time: string; at: Date }[] = [];
  for (let next = iterator.next(); next && out.length < count; next = iterator.next()) {
    const at = next.toJSDate();
    const f = wallFieldsAt(at.getTime(), zone);
    out.push({
      at,
      day: WEEK[(new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay() + 6) % 7]!,
      time: `${String(f.hour).padStart(2, "0")}:${String(f.minute).padStart(2, "0")}`,
    });
  }
  return out;
}

describe("plan a moment of rest", () => {
  it("nl-NL, desktop, mouse: chosen days, a time and an exercise give a weekly event in the browser's zone", async () => {
    const locale: Locale = "nl-NL";
    const zone = "Europe/Amsterdam";
    const text = SITE_TEXT[locale].plan;
    const { context, page, problems } = await open(locale, DESKTOP, zone);
    const form = page.locator("form.plan-form");
    expect(await form.isVisible()).toBe(true);
    expect(await page.locator("h2#plan").textContent()).toBe(text.heading);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(text.chosenDays).check();
    for (const d of WEEK) {
      const box = page.getByLabel(text.dayNames[d], { exact: true });
      if (d === "TU" || d === "TH") await box.check();
      else await box.uncheck();
    }
    await page.getByLabel(text.time).fill("07:15");
    const track = catalog.tracks.find((t) => t.locale === locale && t.exercise === "bodyscan" && t.ending === "sleep")!;
    await page.getByLabel(text.exercise).selectOption(track.id);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: text.download }).click()]);
    const { vevent, event, calendar, name, text: raw } = await downloadedEvent(download);

    expect(name).toBe(`rustpunt-${track.id}.ics`);
    expect(calendar.getFirstSubcomponent("vtimezone")!.getFirstPropertyValue("tzid")).toBe(zone);
    expect(event.startDate.zone?.tzid).toBe(zone);
    expect(raw).toMatch(/^RRULE:FREQ=WEEKLY;BYDAY=TU,TH\r$/m);
    const series = occurrencesIn(event, 30, zone);
    expect(series[0]!.at.getTime()).toBeGreaterThan(Date.now());
    expect(new Set(series.map((o) => o.day))).toEqual(new Set(["TU", "TH"]));
    expect(new Set(series.map((o) => o.time))).toEqual(new Set(["07:15"]));
    expect(event.duration.toSeconds()).toBe(Math.ceil(track.durationMs / 60_000) * 60);

    const exercise = catalog.exercises.find((e) => e.locale === locale && e.id === "bodyscan")!;
    expect(event.summary).toBe(text.event.summary.replace("{exercise}", exercise.title));
    expect(vevent.getFirstPropertyValue("url")).toBe(`${origin}/index.html#${track.id}`);
    expect(event.description).toContain(`${origin}/${track.files.download.path}`);
    expect((vevent.getFirstSubcomponent("valarm")!.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds()).toBe(-300);
    // The page said so, in words a screen reader announces (role=status).
    expect(await page.locator(".plan-status").textContent()).toBe(text.downloaded.replace("{file}", name));
    expect(await page.locator(".plan-status").getAttribute("role")).toBe("status");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("en-US, phone, keyboard only: weekdays by arrow keys, submitted with Enter, in the browser's own zone", async () => {
    const locale: Locale = "en-US";
    const zone = "America/Chicago";
    const text = SITE_TEXT[locale].plan;
    const { context, page, problems } = await open(locale, PHONE, zone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);
    expect(await axeViolations(page)).toEqual([]);

    // The radio group is the form's first stop.
    await page.getByLabel(text.everyDay).focus();
    await page.keyboard.press("ArrowDown"); // radio groups move and select with the arrow keys
    expect(await page.getByLabel(text.weekdays).isChecked()).toBe(true);
    const checked = await page.locator('input[name="day"]').evaluateAll((boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value));
    expect(checked).toEqual(["MO", "TU", "WE", "TH", "FR"]);
    // Tab on: past the seven day boxes to the time, then the exercise, then the button.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("MO");
    for (let i = 0; i < 7; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("plan-time");
    await page.keyboard.type("0630AM");
    expect(await page.locator("#plan-time").inputValue()).toBe("06:30");
    // The time field has a stop per part (hours, minutes, AM/PM): Tab on until the exercise.
    for (let i = 0; i < 3 && (await page.evaluate(() => document.activeElement?.id)) === "plan-time"; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("plan-track");
    const track = catalog.tracks.find((t) => t.locale === locale && t.exercise === "spierontspanning" && t.ending === "wake")!;
    const index = await page.locator("#plan-track option").evaluateAll((options, id) => options.findIndex((o) => (o as HTMLOptionElement).value === id), track.id);
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
    expect(await page.locator("#plan-track").inputValue()).toBe(track.id);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(text.download);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    const { event, vevent, raw } = await downloadedEvent(download).then((d) => ({ ...d, raw: d.text }));

    expect(event.startDate.zone?.tzid).toBe(zone);
    expect(raw).toMatch(/^RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r$/m);
    const series = occurrencesIn(event, 40, zone);
    expect(new Set(series.map((o) => o.day))).toEqual(new Set(["MO", "TU", "WE", "TH", "FR"]));
    expect(new Set(series.map((o) => o.time))).toEqual(new Set(["06:30"]));
    expect(vevent.getFirstPropertyValue("url")).toBe(`${origin}/en-US.html#${track.id}`);
    expect(event.description).toContain(`${origin}/${track.files.download.path}`);

    // No day at all: a clear message, focus on the first day, no file.
    await page.getByLabel(text.chosenDays).check();
    for (const d of WEEK) await page.getByLabel(text.dayNames[d], { exact: true }).uncheck();
    let downloads = 0;
    page.on("download", () => downloads++);
    await page.getByRole("button", { name: text.download }).click();
    expect(await page.getByRole("alert").textContent()).toBe(text.noDays);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("MO");
    expect(downloads).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("every day at desktop and phone width (light and dark), both pages: a daily event, no horizontal scrolling, no axe violations", async () => {
    for (const locale of catalog.locales) {
      for (const [width, scheme] of [[DESKTOP, "light"], [PHONE, "dark"]] as const) {
        const zone = "Asia/Tokyo";
        const { context, page, problems } = await open(locale, width, zone, `${origin}/${pageOf(locale)}`, scheme);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: SITE_TEXT[locale].plan.download }).click()]);
        const { event, text } = await downloadedEvent(download);
        expect(text).toMatch(/^RRULE:FREQ=DAILY\r$/m);
        expect(occurrencesIn(event, 10, zone).map((o) => o.time)).toEqual(Array(10).fill("21:30"));
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  });

  it("without JavaScript: the ready-made files, linked and served as text/calendar", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/index.html`);
    expect(await page.locator("form.plan-form").isVisible()).toBe(false);
    const links = await page.locator("ul.plan-ready a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBe(catalog.exercises.filter((e) => e.locale === "nl-NL").length * 2);
    for (const link of links) {
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
      expect(await response.text()).toContain("BEGIN:VEVENT");
    }
    await context.close();
  });

  it("works from file:// too", async () => {
    const url = pathToFileURL(path.join(dist, "index.html")).href;
    const { context, page, problems } = await open("nl-NL", DESKTOP, "Europe/Amsterdam", url);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: SITE_TEXT["nl-NL"].plan.download }).click()]);
    const { vevent } = await downloadedEvent(download);
    expect(String(vevent.getFirstPropertyValue("url"))).toMatch(/^file:\/\/.*\/index\.html#/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
