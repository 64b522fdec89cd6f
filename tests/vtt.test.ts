// The transcript is read back by ffmpeg's own WebVTT demuxer (via ffprobe), an independent parser
// that reports each cue's time, duration, identifier and text.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BREATH_CUE_ID, renderVtt, timestamp } from "../audio-builder/audio/render-vtt.js";
import type { SpeechEvent } from "../audio-builder/timeline/timeline-types.js";
import { ffprobeJson } from "./helpers/mp3-inspect.js";
import { breathingTrack, syntheticTrack } from "./helpers/synthetic-track.js";

interface ParsedCue {
  id: string;
  startMs: number;
  durationMs: number;
  text: string;
}

/** ffprobe prints packet payloads as a hex dump: "00000000: 5765 6c6b ...  Welkom". */
function fromHexDump(dump: string): string {
  const hex = dump
    .split("\n")
    .map((line) => /^[0-9a-f]{8}: ((?:[0-9a-f]{2,4} ?)+)/.exec(line)?.[1] ?? "")
    .join("")
    .replace(/\s/g, "");
  return Buffer.from(hex, "hex").toString("utf8");
}

async function parseWithFfprobe(file: string): Promise<ParsedCue[]> {
  const out = await ffprobeJson<{
    packets: { pts: number; duration: number; data: string; side_data_list?: { side_data_type: string; data: string }[] }[];
  }>(["-show_packets", "-show_data", file]);
  return out.packets.map((p) => ({
    id: fromHexDump(p.side_data_list?.find((s) => s.side_data_type === "WebVTT ID")?.data ?? ""),
    startMs: p.pts,
    durationMs: p.duration,
    text: fromHexDump(p.data),
  }));
}

describe("renderVtt", () => {
  const { timeline } = breathingTrack();
  const vtt = renderVtt(timeline);
  let dir: string;
  let cues: ParsedCue[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rustpunt-vtt-"));
    const file = path.join(dir, "track.vtt");
    await writeFile(file, vtt);
    cues = await parseWithFfprobe(file);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is a WebVTT file a real parser reads cue for cue", () => {
    expect(vtt.startsWith("WEBVTT\n\n")).toBe(true);
    const speech = timeline.events.filter((e) => e.kind === "speech");
    expect(cues).toHaveLength(timeline.chapters.length + timeline.breaths.length + speech.length);
    expect(new Set(cues.map((c) => c.id)).size).toBe(cues.length);
  });

  it("orders cues by start time", () => {
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.startMs).toBeGreaterThanOrEqual(cues[i - 1]!.startMs);
  });

  it("has one cue per breathing phase at the timeline's phase start, carrying the phase in its id", () => {
    const breath = cues.filter((c) => c.id.startsWith("breath-"));
    expect(breath.map((c) => {
      const m = BREATH_CUE_ID.exec(c.id);
      return { phase: m?.[2], startMs: c.startMs, durationMs: c.durationMs, text: c.text };
    })).toEqual(timeline.breaths.map((b) => ({ phase: b.phase, startMs: b.startMs, durationMs: b.durationMs, text: b.cue })));
  });

  it("has one cue per speech event with its text and span", () => {
    const speech = timeline.events.filter((e): e is SpeechEvent => e.kind === "speech");
    expect(cues.filter((c) => c.id.startsWith("speech-")).map(({ startMs, durationMs, text }) => ({ startMs, durationMs, text }))).toEqual(
      speech.map((e) => ({ startMs: e.startMs, durationMs: e.durationMs, text: e.text })),
    );
  });

  it("marks chapters with chapter-<id> cues titled by the chapter", () => {
    expect(cues.filter((c) => c.id.startsWith("chapter-")).map(({ id, startMs, durationMs, text }) => ({ id, startMs, durationMs, text }))).toEqual(
      timeline.chapters.map((c) => ({ id: `chapter-${c.id}`, startMs: c.startMs, durationMs: c.durationMs, text: c.title })),
    );
  });

  it("escapes markup characters in spoken text", () => {
    const { timeline: t } = syntheticTrack([{ chapter: "A & B" }, { say: "Adem <rustig> in & uit", ms: 1000 }]);
    const text = renderVtt(t);
    expect(text).toContain("\nAdem &lt;rustig&gt; in &amp; uit\n");
    expect(text).toContain("\nA &amp; B\n");
  });

  it("writes HH:MM:SS.mmm timestamps, hours included", () => {
    expect(timestamp(0)).toBe("00:00:00.000");
    expect(timestamp(6_000)).toBe("00:00:06.000");
    expect(timestamp(3_723_004)).toBe("01:02:03.004");
  });
});
