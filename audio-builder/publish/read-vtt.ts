// Reads a track's WebVTT back (the page shows it as a readable transcript and carries its breathing
// cues for file://, where browsers refuse to load <track> files). The cue ids follow
// audio/render-vtt.ts: chapter-<id>, speech-<n>, breath-<n>-<phase>.
import { BREATH_CUE_ID } from "../audio/render-vtt.js";
import type { BreathPhase } from "../timeline/timeline-types.js";

export interface VttCue {
  id: string;
  startMs: number;
  endMs: number;
  text: string;
}

export interface BreathCue {
  phase: BreathPhase;
  startMs: number;
  endMs: number;
}

export interface TranscriptSection {
  /** The chapter's title; undefined for speech before the first chapter. */
  title?: string;
  /** Sentences in order; a run of spoken breathing cues becomes one line ("In … Uit (5×)"). */
  lines: string[];
}

const TIMING = /^(\S+)\s+-->\s+(\S+)/;

/** Throws with the file name and line when the text is not WebVTT as render-vtt.ts writes it. */
export function parseVtt(text: string, file: string): VttCue[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!/^WEBVTT(\s|$)/.test(lines[0] ?? "")) throw new Error(`${file}:1: not a WebVTT file (it must start with "WEBVTT")`);
  const cues: VttCue[] = [];
  let i = 1;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === "") i++;
    if (i >= lines.length) break;
    const blockStart = i;
    let id = "";
    if (!lines[i]!.includes("-->")) id = lines[i++]!.trim();
    const timing = TIMING.exec(lines[i] ?? "");
    if (!timing) {
      // NOTE, STYLE and REGION blocks carry no cue: skip them whole.
      if (/^(NOTE|STYLE|REGION)\b/.test(id)) {
        while (i < lines.length && lines[i]!.trim() !== "") i++;
        continue;
      }
      throw new Error(`${file}:${blockStart + 1}: expected a cue timing line "00:00:01.000 --> 00:00:02.000"`);
    }
    const startMs = parseTimestamp(timing[1]!, file, i + 1);
    const endMs = parseTimestamp(timing[2]!, file, i + 1);
    i++;
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "") body.push(lines[i++]!);
    cues.push({ id, startMs, endMs, text: unescapeCueText(body.join("\n")) });
  }
  return cues;
}

function parseTimestamp(value: string, file: string, line: number): number {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(value);
  if (!match) throw new Error(`${file}:${line}: "${value}" is not a WebVTT timestamp (HH:MM:SS.mmm)`);
  const [, h = "0", m, s, ms] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}

function unescapeCueText(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&amp;/g, "&");
}

export function breathCues(cues: readonly VttCue[]): BreathCue[] {
  const out: BreathCue[] = [];
  for (const cue of cues) {
    const match = BREATH_CUE_ID.exec(cue.id);
    if (match) out.push({ phase: match[2] as BreathPhase, startMs: cue.startMs, endMs: cue.endMs });
  }
  return out;
}

/** The spoken text, chapter by chapter, for reading along or instead of listening. */
export function transcriptSections(cues: readonly VttCue[]): TranscriptSection[] {
  const chapters = cues.filter((c) => c.id.startsWith("chapter-"));
  // A spoken breathing cue starts exactly where its phase starts and says the cue word.
  const breathStarts = new Set(cues.filter((c) => BREATH_CUE_ID.test(c.id)).map((c) => `${c.startMs}|${c.text}`));
  const sections: TranscriptSection[] = [];
  let current: TranscriptSection | undefined;
  let chapterIndex = -1;
  let run: string[] = [];

  const flushRun = () => {
    if (run.length === 0 || !current) return;
    current.lines.push(summariseBreathRun(run));
    run = [];
  };

  for (const cue of cues.filter((c) => c.id.startsWith("speech-"))) {
    while (chapterIndex + 1 < chapters.length && chapters[chapterIndex + 1]!.startMs <= cue.startMs) {
      flushRun();
      chapterIndex++;
      current = { title: chapters[chapterIndex]!.text, lines: [] };
      sections.push(current);
    }
    if (!current) {
      current = { lines: [] };
      sections.push(current);
    }
    if (breathStarts.has(`${cue.startMs}|${cue.text}`)) {
      run.push(cue.text);
    } else {
      flushRun();
      current.lines.push(cue.text);
    }
  }
  flushRun();
  return sections.filter((s) => s.lines.length > 0);
}

/** ["In", "Uit", "In", "Uit"] → "In … Uit (2×)": the words of one cycle and how often it repeats. */
function summariseBreathRun(words: readonly string[]): string {
  for (let period = 1; period <= words.length; period++) {
    if (words.length % period !== 0) continue;
    if (words.every((w, i) => w === words[i % period])) {
      const cycle = words.slice(0, period).join(" … ");
      const times = words.length / period;
      return times > 1 ? `${cycle} (${times}×)` : cycle;
    }
  }
  return words.join(" … ");
}

/** The first sentences of a transcript, for a feed item's description. */
export function openingLines(sections: readonly TranscriptSection[], maxChars: number): string {
  let text = "";
  for (const line of sections.flatMap((s) => s.lines)) {
    const next = text ? `${text} ${line}` : line;
    if (next.length > maxChars) return text ? `${text} …` : `${line.slice(0, maxChars - 2).trimEnd()} …`;
    text = next;
  }
  return text;
}
