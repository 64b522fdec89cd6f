// How `npm run build` starts node, read from package.json, for whatever must run a build the way
// a user does (the bench's cold build, whose peak memory depends on node's flags; the CLI tests).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** node's arguments for running `entry` (a .ts file) as `npm run build` runs its CLI: flags, then the bundling runner. */
export function buildCommandArgs(entry: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const [node, ...args] = (pkg.scripts?.build ?? "").split(/\s+/);
  const runner = args.findIndex((a) => a.endsWith("run-bundled.mjs"));
  if (node !== "node" || runner < 0) throw new Error("package.json's build script no longer runs `node … run-bundled.mjs`: update audio-builder/cli/build-command.ts");
  return [...args.slice(0, runner + 1).map((a) => (a.startsWith("-") ? a : path.join(repo, a))), entry];
}
