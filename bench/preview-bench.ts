// `npm run preview` after a one-sentence edit, with a warm speech cache: the time from the
// command to the finished file (its own process, as an author runs it, without playing it).
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
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
    const preview = (): Promise<{ ms: number; cpuMs: number; stderr: string }> => previewCommand([...ARGS, "--tts", "espeak", "--scripts", scriptsDir, "--cache", path.join(scratch, "cache"), "--out", path.join(scratch, "out")]);

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
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
    return [
      { metric: "preview, unchanged", value: unchanged.ms / 1000, unit: "s", note: `warm cache, nothing to synthesise; CPU ${(unchanged.cpuMs / 1000).toFixed(2)} s` },
      { metric: "preview after one-sentence edit", value: seconds, unit: "s", target: "≤ 3 s", ok: seconds <= 3, note: `${synthesised} sentence synthesised; ${ARGS.join(" ")}; ${load}` },
      { metric: "preview after edit, CPU time", value: edited.cpuMs / 1000, unit: "s", note: "user + sys of the command and its workers" },
    ];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * `npm run preview -- <args>` as package.json runs it, timed from spawn to exit, and the CPU time
 * it and its children used (bash's `times`): on a busy machine the wall time says more about the
 * other processes than about the preview; the CPU time is what it would take on idle cores.
 */
async function previewCommand(args: string[]): Promise<{ ms: number; cpuMs: number; stderr: string }> {
  const pkg = JSON.parse(await readFile(path.join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, ...rest] = pkg.scripts.preview!.split(/\s+/);
  if (node !== "node") throw new Error("package.json's preview script no longer starts with node: update bench/preview-bench.ts");
  const argv = [process.execPath, ...rest.map((a) => (a.startsWith("-") ? a : path.join(repo, a))), ...args];
  const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const started = performance.now();
  const { stdout, stderr } = await promisify(execFile)("bash", ["-c", `${quoted} >/dev/null && times`], { cwd: repo });
  const ms = performance.now() - started;
  // `times` prints the shell's own user/sys, then its children's: "0m1.234s 0m0.123s".
  const children = stdout.trim().split("\n").pop() ?? "";
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return { ms, cpuMs, stderr };
}
