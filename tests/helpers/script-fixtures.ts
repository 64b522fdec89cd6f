// Small, valid script trees in a temp dir, so each error test changes exactly one thing.
// Line numbers in the tests refer to these templates: keep them stable.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Locale } from "../../audio-builder/model/script-schema.js";

export const EXERCISE_ID = "ademhaling";
export const INFO_ID = "tips";

/** A minimal exercise using every step kind; short and long variants land on their targets. */
export function exerciseYaml(locale: Locale, id = EXERCISE_ID): string {
  return `id: ${id}
locale: ${locale}
kind: exercise
title: Ademhaling
description: Rustig ademen met je hand op je buik.
source: 001_c5325292d2bedfb0.txt
targetSeconds:
  short: 60
  long: 180
steps:
  - chapter: Begin
  - say: Ga rustig zitten en leg een hand op je buik.
  - pause: 3
    max: 40
  - breathe:
      inhale: 4
      exhale: 6
      cycles: 2
      cues:
        inhale: In
        exhale: Uit
  - tense:
      part: schouders
      instruction: Trek je schouders op.
      hold: 5
      release: En laat los.
      rest: 12
      restMax: 60
  - pause: 5
    max: 120
    only: long
endings:
  wake:
    - say: Open langzaam je ogen.
  sleep:
    - say: Blijf maar liggen.
      slow: true
    - pause: 10
`;
}

export function infoYaml(locale: Locale, id = INFO_ID): string {
  return `id: ${id}
locale: ${locale}
kind: info
title: Zes tips
description: Zes tips om te ontspannen.
source: 001_c5325292d2bedfb0.txt
intro: Zes tips.
items:
  - title: Beweeg
    text: Ga even wandelen.
outro: Probeer het vandaag.
`;
}

/** Replaces `from` once; throws when it is absent so a test can never pass by changing nothing. */
export function edit(yaml: string, from: string, to: string): string {
  if (!yaml.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return yaml.replace(from, to);
}

const created: string[] = [];

/**
 * Writes the valid pair (exercise + info) in both locales, then applies `changes`
 * (path relative to the scripts dir → new content, or null to delete). Returns the scripts dir.
 */
export async function writeScripts(changes: Record<string, string | null> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "rustpunt-scripts-"));
  created.push(root);
  const files: Record<string, string | null> = {};
  for (const locale of ["nl-NL", "en-US"] as const) {
    files[`${locale}/${EXERCISE_ID}.yaml`] = exerciseYaml(locale);
    files[`${locale}/${INFO_ID}.yaml`] = infoYaml(locale);
  }
  Object.assign(files, changes);
  for (const [relative, content] of Object.entries(files)) {
    if (content === null) continue;
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  return root;
}

export async function removeFixtures(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
