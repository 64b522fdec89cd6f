/// <reference lib="dom" />
// The Chromium from npm (@sparticuz/chromium) is what `npm test` uses on a machine without a system
// Chromium. Where there is one, the page suite runs in that instead, so this suite checks the npm
// one on every machine: that it starts, and that it does what the page suite relies on: plays the
// MP3 tracks, loads their WebVTT cues and moves the breathing circle.
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../audio-builder/catalog/catalog-types.js";
import { chooseChromium, launchChromium } from "./helpers/browser.js";
import { serveSiteCopy, type ServedSite } from "./helpers/served-site.js";

/** @sparticuz/chromium ships a Linux x64 build; elsewhere the tests use CHROMIUM_PATH. */
const bundledRuns = process.platform === "linux" && process.arch === "x64";

let catalog: Catalog;
let site: ServedSite | undefined;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!bundledRuns) return;
  site = await serveSiteCopy("browser");
  ({ catalog, origin } = site);
  browser = await launchChromium({ bundled: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe.runIf(bundledRuns)("the Chromium from npm", () => {
  it("is @sparticuz/chromium, inflated once into node_modules/.cache", async () => {
    const choice = await chooseChromium({ bundled: true });
    expect(choice.source).toMatch(/^@sparticuz\/chromium \d+/);
    expect(choice.executablePath).toContain(path.join("node_modules", ".cache", "rustpunt-chromium"));
    // The Lambda-only flags that would change what the page sees are not passed.
    expect(choice.args).not.toContain("--disable-web-security");
    expect(choice.args).toContain("--autoplay-policy=no-user-gesture-required");
  });

  it("honours extra flags", async () => {
    const extra = await launchChromium({ bundled: true, args: ["--lang=nl-NL", "--accept-lang=nl-NL"] });
    try {
      const page = await extra.newPage();
      expect(await page.evaluate(() => navigator.language)).toBe("nl-NL");
    } finally {
      await extra.close();
    }
  });

  it("plays a breathing track's MP3 and moves the breathing circle with its cues", async () => {
    const locale = catalog.locales[0]!;
    const track = catalog.tracks.find((t) => t.locale === locale && t.exercise === "ademhaling")!;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${origin}/index.html`);
    const item = page.locator(`li#${track.id}`);
    const audio = item.locator("audio");
    expect(await audio.evaluate((a: HTMLAudioElement) => a.canPlayType("audio/mpeg"))).not.toBe("");
    await expect.poll(() => item.locator("audio track").evaluate((t: HTMLTrackElement) => t.track.cues?.length ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
    const inhale = await item.locator("audio track").evaluate((t: HTMLTrackElement) => {
      const cue = Array.from(t.track.cues ?? []).find((c) => c.id.endsWith("-inhale"));
      return cue ? { start: cue.startTime, end: cue.endTime } : undefined;
    });
    expect(inhale).toBeDefined();

    // Play from just before an inhale: the audio really advances (decoded and clocked), and the
    // companion follows into the inhale with its growing circle.
    await audio.evaluate((a: HTMLAudioElement, t: number) => {
      a.currentTime = t;
      return a.play();
    }, inhale!.start - 0.3);
    const companion = page.locator(`section:has(li#${track.id}) .breath`);
    await expect.poll(() => companion.getAttribute("data-phase"), { timeout: 5000 }).toBe("inhale");
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 5000 }).toBeGreaterThan(inhale!.start + 0.2);
    expect(await audio.evaluate((a: HTMLAudioElement) => ({ paused: a.paused, error: a.error?.code ?? null }))).toEqual({ paused: false, error: null });
    expect(await companion.locator(".breath-circle").evaluate((el) => getComputedStyle(el).animationName)).toBe("rp-inhale");
    await audio.evaluate((a: HTMLAudioElement) => a.pause());
    expect(errors).toEqual([]);
    await page.close();
  });
});
