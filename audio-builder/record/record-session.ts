// What a recording session walks through: the locale's sentences (all exercises, or some), each
// with its status for the voice (recorded, changed since its take, not yet recorded), and the
// queue the page works down: the sentences without a good take, or all of them.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { LoadedScript } from "../model/load-scripts.js";
import type { Locale } from "../model/script-schema.js";
import { scriptSentences, sentencePlaces, type ScriptSentence } from "../recordings/script-sentences.js";
import { readTakeIndex, voiceDir, type TakeIndex } from "../recordings/take-index.js";

export type SentenceStatus = "recorded" | "changed" | "todo";

export interface SessionSentence {
  key: string;
  text: string;
  /** The pace hint: "slow" where the script says `slow: true` or the sleep ending speaks it. */
  rate: ScriptSentence["rate"];
  exercise: string;
  exerciseTitle: string;
  before?: string;
  after?: string;
  /** `file:line` of each place it is written. */
  places: string[];
  status: SentenceStatus;
  /** For `changed`: the text its take was recorded for. */
  was?: string;
}

export interface SessionState {
  locale: Locale;
  voice: string;
  narrator: string;
  sentences: SessionSentence[];
  exercises: { id: string; title: string; total: number; recorded: number }[];
}

export interface SessionScope {
  recordingsDir: string;
  locale: Locale;
  voice: string;
  narrator?: string;
  /** Only these exercises (ids). */
  only?: readonly string[];
}

export async function sessionState(scripts: readonly LoadedScript[], scope: SessionScope): Promise<SessionState> {
  const dir = voiceDir(scope.recordingsDir, scope.locale, scope.voice);
  const index: TakeIndex | undefined = await readTakeIndex(dir, scope.locale, scope.voice);
  const all = scriptSentences(scripts, scope.locale, scope.only);
  const sentences: SessionSentence[] = [];
  for (const s of all) {
    const first = s.occurrences[0]!;
    const take = index?.takes[s.key];
    const onDisk = take !== undefined && take.text === s.text && (await stat(path.join(dir, take.file)).then((f) => f.size > 0, () => false));
    const places = new Set(s.occurrences.map((o) => o.place));
    const older = onDisk ? undefined : Object.values(index?.takes ?? {}).find((t) => t.text !== s.text && t.places.some((p) => places.has(p)));
    sentences.push({
      key: s.key,
      text: s.text,
      rate: s.rate,
      exercise: first.exercise,
      exerciseTitle: first.exerciseTitle,
      ...(s.before !== undefined ? { before: s.before } : {}),
      ...(s.after !== undefined ? { after: s.after } : {}),
      places: sentencePlaces(s),
      status: onDisk ? "recorded" : older ? "changed" : "todo",
      ...(older ? { was: older.text } : {}),
    });
  }
  // A sentence two exercises share ("Adem in") counts in each: progress says what each still needs.
  const exercises = new Map<string, SessionState["exercises"][number]>();
  sentences.forEach((s, i) => {
    const seen = new Set<string>();
    for (const o of all[i]!.occurrences) {
      if (seen.has(o.exercise)) continue;
      seen.add(o.exercise);
      const e = exercises.get(o.exercise) ?? { id: o.exercise, title: o.exerciseTitle, total: 0, recorded: 0 };
      e.total++;
      if (s.status === "recorded") e.recorded++;
      exercises.set(o.exercise, e);
    }
  });
  return { locale: scope.locale, voice: scope.voice, narrator: index?.narrator ?? scope.narrator ?? scope.voice, sentences, exercises: [...exercises.values()] };
}
