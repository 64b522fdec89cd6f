// `npm run preview` after a one-sentence edit, with a warm speech cache: the time from the
// command to the finished file (its own process, as an author runs it, without playing it).
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchRow } from "./bench-types.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A sentence of the breathing exercise's first chapter, "Houding". */
const EDIT = {
  file: "nl-NL/ademhaling.yaml",
  from: "Kies wat nu het prettigst voelt.",
  to: "Kies wat nu het fijnst voelt.",
};
const ARGS = ["ademhaling", "--locale", "nl-NL", "--chapter", "1", "--no-play"];

export const description = "npm run preview of one chapter after a one-sentence edit (warm speech cache, espeak)";

export async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "rustpunt-bench-preview-"));
  try {
    const scriptsDir = path.join(scratch, "scripts");
    await cp(path.join(repo, "scripts"), scriptsDir, { recursive: true });
    const preview = (): Promise<{ ms: number; stderr: string }> => previewCommand([...ARGS, "--tts", "espeak", "--scripts", scriptsDir, "--cache", path.join(scratch, "cache"), "--out", path.join(scratch, "out")]);

    log("warm the speech cache (first preview) ...");
    await preview();
    log("unchanged preview ...");
    const unchanged = await preview();

    const file = path.join(scriptsDir, EDIT.file);
    const text = await readFile(file, "utf8");
    if (!text.includes(EDIT.from)) throw new Error(`${EDIT.file} no longer says ${JSON.stringify(EDIT.from)}: update bench/preview-bench.ts`);
    await writeFile(file, text.replace(EDIT.from, EDIT.to));
    log(`edit one sentence in ${EDIT.file}, preview chapter 1 ...`);
    const edited = await preview();
    const synthesised = /(\d+) sentences? synthesised/.exec(edited.stderr)?.[1] ?? "?";
    log(`  ${edited.stderr.trim().split("\n").pop()}`);

    const seconds = edited.ms / 1000;
    return [
      { metric: "preview, unchanged", value: unchanged.ms / 1000, unit: "s", note: "warm cache, nothing to synthesise" },
      { metric: "preview after one-sentence edit", value: seconds, unit: "s", target: "≤ 3 s", ok: seconds <= 3, note: `${synthesised} sentence synthesised; ${ARGS.join(" ")}` },
    ];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `npm run preview -- <args>` as package.json runs it, timed from spawn to exit. */
async function previewCommand(args: string[]): Promise<{ ms: number; stderr: string }> {
  const pkg = JSON.parse(await readFile(path.join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, ...rest] = pkg.scripts.preview!.split(/\s+/);
  if (node !== "node") throw new Error("package.json's preview script no longer starts with node: update bench/preview-bench.ts");
  const started = performance.now();
  const { stderr } = await promisify(execFile)(process.execPath, [...rest.map((a) => (a.startsWith("-") ? a : path.join(repo, a))), ...args], { cwd: repo });
  return { ms: performance.now() - started, stderr };
}
