// `npm run bench [-- <name...>]`: runs every bench/<name>-bench.ts (or the named ones) and prints
// one table. A bench module exports `description` and `run()` (see bench-types.ts).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchModule, BenchRow } from "./bench-types.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SUFFIX = "-bench.ts";

const available = (await readdir(here)).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(1);
}

const rows: (BenchRow & { bench: string })[] = [];
let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  const mod = (await import(pathToFileURL(path.join(here, `${name}${SUFFIX}`)).href)) as BenchModule;
  console.log(`\n== ${name}: ${mod.description}`);
  try {
    for (const row of await mod.run((line) => console.log(`   ${line}`))) rows.push({ bench: name, ...row });
  } catch (error) {
    failed = true;
    console.error(`   ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

printTable(rows);
if (failed) process.exitCode = 1;

function printTable(all: (BenchRow & { bench: string })[]): void {
  const table = all.map((r) => [
    r.bench,
    r.metric,
    `${format(r.value)} ${r.unit}`,
    r.target ?? "",
    r.ok === undefined ? "" : r.ok ? "ok" : "MISSED",
    r.note ?? "",
  ]);
  const header = ["bench", "metric", "value", "target", "", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of table) console.log(line(row));
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}
