// The end of a successful build, and the only step that changes what dist/ means: staged track
// files move into place, then catalog.json, skill-catalog.json and the manifest are written last.
// Until then a reader (or a build that failed) sees the previous dist/ exactly as it was.
import { mkdir, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import type { Catalog } from "../catalog/catalog-types.js";
import { writeFileAtomic } from "../files/atomic-file.js";
import { namePathIfDiskFull } from "../files/disk-full.js";
import { entryFiles, stampFileTimes, writeManifest, type BuildManifest } from "./build-manifest.js";
import { CATALOG_FILE } from "./compose-catalog.js";
import { isAlive } from "../files/dist-lock.js";
import { SKILL_CATALOG_FILE, toSkillCatalog } from "./skill-catalog.js";

export const STAGING_PREFIX = ".staging-";

export interface Commit {
  outDir: string;
  stagingDir: string;
  /** dist-relative paths staged by this build. */
  staged: string[];
  catalog: Catalog;
  manifest: BuildManifest;
  /** The manifest before this build: its tracks missing from the new one are removed (full builds only). */
  previous?: BuildManifest;
}

export async function commitDist(c: Commit): Promise<{ removed: string[] }> {
  for (const relative of c.staged) {
    const target = path.join(c.outDir, relative);
    await mkdir(path.dirname(target), { recursive: true }).catch((error: unknown) => namePathIfDiskFull(error, path.dirname(target)));
    await rename(path.join(c.stagingDir, relative), target);
  }
  await writeIfChanged(path.join(c.outDir, CATALOG_FILE), json(c.catalog));
  await writeIfChanged(path.join(c.outDir, SKILL_CATALOG_FILE), JSON.stringify(toSkillCatalog(c.catalog)));
  await stampFileTimes(c.outDir, c.manifest);
  await writeManifest(c.outDir, c.manifest);

  const removed: string[] = [];
  if (c.previous) {
    const keep = new Set(Object.values(c.manifest.tracks).flatMap((e) => entryFiles(e.track).map((f) => f.path)));
    for (const [ref, entry] of Object.entries(c.previous.tracks)) {
      if (c.manifest.tracks[ref]) continue;
      for (const f of entryFiles(entry.track)) {
        if (keep.has(f.path)) continue;
        await rm(path.join(c.outDir, f.path), { force: true });
        await removeEmptyParents(c.outDir, path.dirname(f.path));
        removed.push(f.path);
      }
    }
  }
  return { removed };
}

/** Staging folders left by a build that was killed before it could clean up (`.staging-<pid>-<random>`). */
export async function removeStaleStaging(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  const stale = entries.filter((name) => {
    if (!name.startsWith(STAGING_PREFIX)) return false;
    const pid = Number(name.slice(STAGING_PREFIX.length).split("-")[0]);
    return !(Number.isInteger(pid) && pid !== process.pid && isAlive(pid));
  });
  await Promise.all(stale.map((name) => rm(path.join(outDir, name), { recursive: true, force: true })));
}

/** Unchanged files keep their bytes and their mtime, so a sync to the CDN uploads nothing. */
async function writeIfChanged(file: string, text: string): Promise<void> {
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current !== text) await writeFileAtomic(file, text);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function removeEmptyParents(outDir: string, relativeDir: string): Promise<void> {
  for (let dir = relativeDir; dir !== "." && dir !== ""; dir = path.dirname(dir)) {
    try {
      await rmdir(path.join(outDir, dir)); // fails, harmlessly, while anything is left in it
    } catch {
      return;
    }
  }
}
