// The iCalendar files: the ready-made ones the build writes into dist/calendar/, and the event
// the page's form makes (the same restMomentIcs) for other zones, days and times. Each is read
// back by an independent parser, Mozilla's ical.js (Thunderbird's), which also expands the
// recurrence and converts times through the file's own VTIMEZONE; Node's Intl tz database then
// checks that every occurrence falls on the chosen wall-clock time in that zone.
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../audio-builder/catalog/catalog-types.js";
import { READY_MADE_CHOICES } from "../audio-builder/publish/calendar/ready-made.js";
import { firstOccurrence, restMomentIcs, restMomentUid, WEEK, type Weekday } from "../audio-builder/publish/calendar/rest-moment-ics.js";
import { wallFieldsAt } from "../audio-builder/publish/calendar/wall-clock.js";
import { publishSite } from "../audio-builder/publish/publish-site.js";
import { pageFile } from "../audio-builder/publish/render-page.js";
import { SITE_TEXT } from "../audio-builder/publish/site-text.js";
import { fixtureDist } from "./helpers/fixture-dist.js";
import { PINNED_EPOCH, serveSiteCopy, type ServedSite } from "./helpers/served-site.js";

const PINNED = new Date(Number(PINNED_EPOCH) * 1000);

let dist: string;
let catalog: Catalog;
let site: ServedSite | undefined;
let origin: string;

beforeAll(async () => {
  site = await serveSiteCopy("calendar");
  ({ dist, catalog, origin } = site);
});

afterAll(async () => {
  await site?.close();
});

interface Parsed {
  calendar: ICAL.Component;
  event: ICAL.Event;
  vevent: ICAL.Component;
}

/** Parses with ical.js, registering the file's own VTIMEZONEs so its times convert by them. */
function parse(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
  const vevents = calendar.getAllSubcomponents("vevent");
  expect(vevents).toHaveLength(1);
  const vevent = vevents[0]!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** The first `count` occurrences as instants (converted by ical.js through the VTIMEZONE). */
function occurrences(event: ICAL.Event, count: number): Date[] {
  const iterator = event.iterator();
  const out: Date[] = [];
  for (let next = iterator.next(); next && out.length < count; next = iterator.next()) out.push(next.toJSDate());
  return out;
}

const weekdayIn = (instant: Date, timeZone: string): Weekday => {
  const f = wallFieldsAt(instant.getTime(), timeZone);
  return WEEK[(new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay() + 6) % 7]!;
};
const clockIn = (instant: Date, timeZone: string) => {
  const f = wallFieldsAt(instant.getTime(), timeZone);
  return `${String(f.hour).padStart(2, "0")}:${String(f.minute).padStart(2, "0")}`;
};

/** Every occurrence on a chosen day at the chosen wall-clock time, none skipped, none twice. */
function expectSeries(instants: Date[], days: readonly Weekday[], time: string, timeZone: string): void {
  for (const [i, instant] of instants.entries()) {
    expect(clockIn(instant, timeZone), `occurrence ${i}: ${instant.toISOString()}`).toBe(time);
    expect(days).toContain(weekdayIn(instant, timeZone));
    if (i > 0) {
      const gapDays = (instant.getTime() - instants[i - 1]!.getTime()) / 86_400_000;
      expect(gapDays).toBeGreaterThan(0.9); // at most a DST hour short of a day
      // The next chosen day: never a chosen day left out in between.
      let skipped = 0;
      for (let d = 1; d < Math.round(gapDays); d++) {
        if (days.includes(weekdayIn(new Date(instants[i - 1]!.getTime() + d * 86_400_000), timeZone))) skipped++;
      }
      expect(skipped).toBe(0);
    }
  }
}

async function calendarFiles(): Promise<string[]> {
  const root = path.join(dist, "calendar");
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith(".ics"));
  return files.map((f) => `calendar/${f.split(path.sep).join("/")}`).sort();
}

describe("the ready-made calendar files", () => {
  it("are written for every exercise and common choice, and linked from each page", async () => {
    const files = await calendarFiles();
    const expected: string[] = [];
    for (const locale of catalog.locales) {
      for (const e of catalog.exercises.filter((x) => x.locale === locale)) {
        for (const c of READY_MADE_CHOICES) expected.push(`calendar/${locale}/${e.id}-${c.id}.ics`);
      }
    }
    expect(files).toEqual(expected.sort());
    for (const locale of catalog.locales) {
      const html = await readFile(path.join(dist, pageFile(locale, catalog.locales)), "utf8");
      const links = [...html.matchAll(/href="(calendar\/[^"]+\.ics)"/g)].map((m) => m[1]!).sort();
      expect(links).toEqual(files.filter((f) => f.startsWith(`calendar/${locale}/`)));
    }
  });

  it("parse as RFC 5545 with a recurring event at the right local times, through the DST changes", async () => {
    for (const file of await calendarFiles()) {
      const [, locale, name] = /^calendar\/([^/]+)\/(.+)\.ics$/.exec(file)!;
      const text = SITE_TEXT[locale as keyof typeof SITE_TEXT];
      const choice = READY_MADE_CHOICES.find((c) => name!.endsWith(`-${c.id}`))!;
      const exerciseId = name!.slice(0, -choice.id.length - 1);
      const exercise = catalog.exercises.find((e) => e.locale === locale && e.id === exerciseId)!;
      const raw = await readFile(path.join(dist, file), "utf8");
      // Lines end in CRLF and are folded at 75 octets.
      expect(raw.endsWith("END:VCALENDAR\r\n")).toBe(true);
      for (const line of raw.split("\r\n")) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);

      const { calendar, event, vevent } = parse(raw);
      expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
      expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
      const zone = text.plan.readyZone.tzid;
      expect(calendar.getFirstSubcomponent("vtimezone")!.getFirstPropertyValue("tzid")).toBe(zone);
      expect(raw).toMatch(new RegExp(`^DTSTART;TZID=${zone}:\\d{8}T\\d{6}\r$`, "m"));
      expect(event.startDate.zone?.tzid).toBe(zone);
      expect((vevent.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate()).toEqual(PINNED);

      const track = catalog.tracks.find((t) => t.locale === locale && t.exercise === exerciseId && t.ending === choice.ending && t.length === "short")!;
      expect(event.uid).toBe(restMomentUid(locale!, track.id, choice.days, choice.time));
      expect(event.summary).toBe(text.plan.event.summary.replace("{exercise}", exercise.title));
      expect(event.duration.toSeconds()).toBe(Math.ceil(track.durationMs / 60_000) * 60);
      const rrule = vevent.getFirstPropertyValue("rrule") as ICAL.Recur;
      expect(rrule.freq).toBe(choice.days.length === 7 ? "DAILY" : "WEEKLY");

      // A year of occurrences: every one on a chosen day at the chosen time in the zone.
      const instants = occurrences(event, choice.days.length === 7 ? 366 : 262);
      expect(instants[0]!.getTime()).toBeGreaterThan(PINNED.getTime());
      expect(instants.at(-1)!.getTime() - instants[0]!.getTime()).toBeGreaterThan(360 * 86_400_000);
      expectSeries(instants, choice.days, choice.time, zone);

      // The alarm: on screen, five minutes before.
      const alarm = vevent.getFirstSubcomponent("valarm")!;
      expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
      expect((alarm.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds()).toBe(-300);

      // The way back to the exercise: the page at the track, and the MP3, both served.
      const page = pageFile(track.locale, catalog.locales);
      expect(vevent.getFirstPropertyValue("url")).toBe(`${origin}/${page}#${track.id}`);
      const description = event.description;
      const mp3 = `${origin}/${track.files.download.path}`;
      expect(description).toContain(exercise.title);
      expect(description).toContain(`${origin}/${page}#${track.id}`);
      expect(description).toContain(mp3);
      const served = await fetch(mp3, { method: "HEAD" });
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("audio/mpeg");
    }
  });

  it("keep the zone's offsets: Amsterdam's evening moment is 20:30 UTC in winter and 19:30 UTC in summer", async () => {
    const { event } = parse(await readFile(path.join(dist, "calendar/nl-NL/ademhaling-every-evening.ics"), "utf8"));
    const instants = occurrences(event, 120).map((d) => d.toISOString());
    expect(instants[0]).toBe("2026-01-01T20:30:00.000Z");
    expect(instants).toContain("2026-03-28T20:30:00.000Z"); // the evening before the clocks go forward
    expect(instants).toContain("2026-03-29T19:30:00.000Z");
  });

  it("are served as text/calendar", async () => {
    const [file] = await calendarFiles();
    const response = await fetch(`${origin}/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  });

  it("are not rewritten by a rebuild that changes nothing, nor by one on another day", async () => {
    const files = await calendarFiles();
    const before = await Promise.all(files.map(async (f) => ({ text: await readFile(path.join(dist, f), "utf8"), mtime: (await stat(path.join(dist, f))).mtimeMs })));
    await publishSite({ catalog, distDir: dist, baseUrl: `${origin}/`, env: { SOURCE_DATE_EPOCH: PINNED_EPOCH } });
    await publishSite({ catalog, distDir: dist, baseUrl: `${origin}/`, env: { SOURCE_DATE_EPOCH: String(Number(PINNED_EPOCH) + 86_400 * 40) } });
    for (const [i, f] of files.entries()) {
      expect(await readFile(path.join(dist, f), "utf8")).toBe(before[i]!.text);
      expect((await stat(path.join(dist, f))).mtimeMs).toBe(before[i]!.mtime);
    }
  });

  it("go when their exercise goes", async () => {
    const gone = path.join(dist, "calendar/nl-NL/oud-every-evening.ics");
    await writeFile(gone, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    await publishSite({ catalog, distDir: dist, baseUrl: `${origin}/`, env: { SOURCE_DATE_EPOCH: PINNED_EPOCH } });
    await expect(stat(gone)).rejects.toThrow(/ENOENT/);
    expect((await calendarFiles()).length).toBe(catalog.exercises.length * READY_MADE_CHOICES.length);
  });

  it("without a public address, name the exercise instead of linking to it", async () => {
    const local = await mkdtemp(path.join(tmpdir(), "rustpunt-calendar-local-"));
    try {
      await cp(fixtureDist(), local, { recursive: true, filter: (src) => !path.basename(src).startsWith(".staging-") });
      await publishSite({ catalog, distDir: local, env: { SOURCE_DATE_EPOCH: PINNED_EPOCH } });
      const { vevent, event } = parse(await readFile(path.join(local, "calendar/en-US/bodyscan-every-evening.ics"), "utf8"));
      expect(vevent.getFirstPropertyValue("url")).toBeNull();
      expect(event.description).toContain("Open the Rustpunt page and choose");
      expect(event.description).not.toContain("http");
    } finally {
      await rm(local, { recursive: true, force: true });
    }
  });
});

describe("the form's event (restMomentIcs) in other zones", () => {
  const text = SITE_TEXT["en-US"].plan.event;
  const track = { exercise: "Body scan", variant: "Long, to fall asleep", duration: "14:05", durationMs: 845_000, pageUrl: "https://example.org/en-US.html#bodyscan-long-sleep", mp3Url: "https://example.org/audio/en-US/bodyscan-long-sleep.mp3" };
  const cases: { zone: string; days: Weekday[]; time: string; from: string; first: string }[] = [
    // Southern hemisphere: DST from October to April.
    { zone: "Australia/Sydney", days: ["SA", "SU"], time: "06:45", from: "2026-03-20T00:00:00Z", first: "2026-03-21T06:45" },
    // Half-hour offset, no DST.
    { zone: "Asia/Kolkata", days: ["MO", "WE", "FR"], time: "22:15", from: "2026-06-01T16:40:00Z", first: "2026-06-01T22:15" },
    // Quarter-hour offset with DST.
    { zone: "Pacific/Chatham", days: [...WEEK], time: "00:00", from: "2026-09-01T00:00:00Z", first: "2026-09-02T00:00" },
    // Past today's time on a chosen day: the first is next week's.
    { zone: "America/Los_Angeles", days: ["TU"], time: "07:00", from: "2026-03-03T16:00:00Z", first: "2026-03-10T07:00" },
    { zone: "Europe/London", days: ["MO", "TU", "WE", "TH", "FR"], time: "12:30", from: "2026-10-23T10:00:00Z", first: "2026-10-23T12:30" },
  ];

  for (const c of cases) {
    it(`${c.zone}: ${c.days.join(",")} at ${c.time}`, () => {
      const from = new Date(c.from);
      const f = firstOccurrence(c.days, c.time, c.zone, from);
      expect(`${f.year}-${String(f.month).padStart(2, "0")}-${String(f.day).padStart(2, "0")}T${String(f.hour).padStart(2, "0")}:${String(f.minute).padStart(2, "0")}`).toBe(c.first);
      const ics = restMomentIcs({ days: c.days, time: c.time, timeZone: c.zone, from, stamp: from, uid: restMomentUid("en-US", "bodyscan-long-sleep", c.days, c.time), lang: "en-US", text, track });
      const { event, calendar } = parse(ics);
      expect(calendar.getFirstSubcomponent("vtimezone")!.getFirstPropertyValue("tzid")).toBe(c.zone);
      expect(event.startDate.zone?.tzid).toBe(c.zone);
      const instants = occurrences(event, 200);
      expect(instants[0]!.getTime()).toBeGreaterThan(from.getTime());
      expectSeries(instants, c.days, c.time, c.zone);
      expect(event.duration.toSeconds()).toBe(15 * 60);
    });
  }

  it("keeps a time the clocks skip on the first day (02:30 on the night DST starts) as 02:30", () => {
    const from = new Date("2026-03-28T12:00:00Z");
    const days: Weekday[] = ["SU"];
    const ics = restMomentIcs({ days, time: "02:30", timeZone: "Europe/Amsterdam", from, stamp: from, uid: "x@rustpunt", lang: "en-US", text, track });
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Amsterdam:20260329T023000\r$/m);
    const { event } = parse(ics);
    // From the next Sunday on, every occurrence is at 02:30 local time (ical.js moves the skipped one).
    expectSeries(occurrences(event, 45).slice(1), days, "02:30", "Europe/Amsterdam"); // until the next gap, in 2027
  });

  it("says clearly what is wrong with a plan it cannot make", () => {
    const plan = { days: [] as Weekday[], time: "21:30", timeZone: "Europe/Amsterdam", from: PINNED, stamp: PINNED, uid: "x", lang: "en-US", text, track };
    expect(() => restMomentIcs(plan)).toThrow(/at least one day/);
    expect(() => restMomentIcs({ ...plan, days: ["MO"], time: "25:00" })).toThrow(/not a time of day/);
  });
});
