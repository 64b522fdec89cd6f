// Runs the corpus against the generated Alexa models and the Dialogflow agent with the strict
// matcher. Each request must resolve to its intent with exactly its slots, on both platforms
// (on Dialogflow only where the intent exists there: Google's media player handles pause and co).
import { readFile } from "node:fs/promises";
import { LOCALES, type Locale } from "../../audio-builder/model/script-schema.js";
import { modelPath } from "../../skill/alexa/interaction-model/generate-model.js";
import type { InteractionModel } from "../../skill/alexa/interaction-model/model-types.js";
import { EXPORT_DIR } from "../../skill/google/agent/generate-agent.js";
import { INTENTS, intentByAlexaName } from "../../skill/grammar/intents.js";
import type { CorpusEntry } from "./load-corpus.js";
import { LAUNCH_FRAMES } from "./platform-phrases.js";
import { alexaMatchModel, dialogflowMatchModel } from "./platform-models.js";
import { normalizeUtterance, StrictMatcher, type MatchResult, type SlotValues } from "./strict-matcher.js";

export type Platform = "alexa" | "dialogflow";

export interface EntryOutcome {
  entry: CorpusEntry;
  platform: Platform;
  /** What the platform is sent: the request without Alexa's launch phrase. */
  utterance: string;
  expectedIntent: string;
  result: MatchResult;
  ok: boolean;
}

const DIALOGFLOW_LANG: Record<Locale, string> = { "nl-NL": "nl", "en-US": "en" };

export interface Matchers {
  alexa: Record<Locale, StrictMatcher>;
  dialogflow: Record<Locale, StrictMatcher>;
}

/** Matchers over the committed (generated, staleness-checked) model files. */
export async function committedMatchers(exportDir = EXPORT_DIR): Promise<Matchers> {
  const alexa = {} as Record<Locale, StrictMatcher>;
  const dialogflow = {} as Record<Locale, StrictMatcher>;
  for (const locale of LOCALES) {
    const model = JSON.parse(await readFile(modelPath(locale), "utf8")) as InteractionModel;
    alexa[locale] = new StrictMatcher(alexaMatchModel(model, locale));
    dialogflow[locale] = new StrictMatcher(await dialogflowMatchModel(exportDir, DIALOGFLOW_LANG[locale], locale));
  }
  return { alexa, dialogflow };
}

export function withoutLaunchFrame(say: string, locale: Locale): string {
  const words = normalizeUtterance(say).join(" ");
  for (const frame of LAUNCH_FRAMES[locale]) if (words.startsWith(`${frame} `)) return words.slice(frame.length + 1);
  return words;
}

/** The Dialogflow intent for an Alexa intent name (one table: skill/grammar/intents.ts). */
export function dialogflowIntentOf(alexaIntent: string): string | null | undefined {
  const key = intentByAlexaName(alexaIntent);
  return key === undefined ? undefined : INTENTS[key].dialogflow;
}

export function runCorpus(entries: readonly CorpusEntry[], matchers: Matchers): EntryOutcome[] {
  const outcomes: EntryOutcome[] = [];
  for (const entry of entries) {
    const utterance = withoutLaunchFrame(entry.say, entry.locale);
    const alexa = matchers.alexa[entry.locale].match(utterance);
    outcomes.push({ entry, platform: "alexa", utterance, expectedIntent: entry.intent, result: alexa, ok: resolves(alexa, entry.intent, entry.slots) });
    const dfIntent = dialogflowIntentOf(entry.intent);
    if (dfIntent === null) continue;
    const expected = dfIntent ?? `(no Dialogflow intent for ${entry.intent})`;
    const df = matchers.dialogflow[entry.locale].match(utterance);
    outcomes.push({ entry, platform: "dialogflow", utterance, expectedIntent: expected, result: df, ok: resolves(df, expected, entry.slots) });
  }
  return outcomes;
}

function resolves(result: MatchResult, intent: string, slots: SlotValues): boolean {
  return result.kind === "match" && result.intent === intent && sameSlots(result.slots, slots);
}

function sameSlots(a: SlotValues, b: SlotValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] !== undefined && b[k] !== undefined && String(a[k]) === String(b[k]));
}

export function describeFailure(o: EntryOutcome): string {
  const want = `${o.expectedIntent} ${JSON.stringify(o.entry.slots)}`;
  const got =
    o.result.kind === "none"
      ? "no intent"
      : o.result.kind === "ambiguous"
        ? `ambiguous: ${o.result.candidates.map((c) => `${c.intent} ${JSON.stringify(c.slots)} ("${c.sample}")`).join(" | ")}`
        : `${o.result.intent} ${JSON.stringify(o.result.slots)} ("${o.result.sample}")`;
  return `${o.entry.file}:${o.entry.line} [${o.platform}] "${o.utterance}": want ${want}, got ${got}`;
}

/** Requests per intent, per locale and platform: resolved / total. */
export function summarize(outcomes: readonly EntryOutcome[]): string {
  const rows = new Map<string, Record<string, { ok: number; total: number }>>();
  const columns: string[] = [];
  for (const o of outcomes) {
    const column = `${o.entry.locale} ${o.platform}`;
    if (!columns.includes(column)) columns.push(column);
    const row = rows.get(o.entry.intent) ?? {};
    const cell = (row[column] ??= { ok: 0, total: 0 });
    cell.total += 1;
    if (o.ok) cell.ok += 1;
    rows.set(o.entry.intent, row);
  }
  columns.sort();
  const width = Math.max(...[...rows.keys()].map((k) => k.length), 6);
  const lines = [`${"intent".padEnd(width)}  ${columns.map((c) => c.padStart(18)).join("")}`];
  const totals: Record<string, { ok: number; total: number }> = {};
  for (const [intent, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${intent.padEnd(width)}  ${columns.map((c) => cellText(row[c]).padStart(18)).join("")}`);
    for (const c of columns) {
      const t = (totals[c] ??= { ok: 0, total: 0 });
      t.ok += row[c]?.ok ?? 0;
      t.total += row[c]?.total ?? 0;
    }
  }
  lines.push(`${"all".padEnd(width)}  ${columns.map((c) => cellText(totals[c]).padStart(18)).join("")}`);
  return lines.join("\n");
}

function cellText(cell: { ok: number; total: number } | undefined): string {
  return cell ? `${cell.ok}/${cell.total}` : "-";
}
