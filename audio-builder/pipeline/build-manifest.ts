// dist/.build-manifest.json: what the last successful build made, so the next one can tell which
// tracks are still up to date without decoding, synthesising or encoding anything.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { CatalogFile, CatalogTrack } from "../catalog/catalog-types.js";
import { writeFileAtomic } from "../files/atomic-file.js";

export const MANIFEST_FILE = ".build-manifest.json";
const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** trackKey() of the inputs the files were made from. */
  key: string;
  /** The catalog entry as built: files with their paths, sizes and hashes. */
  track: CatalogTrack;
  /** Modification time (ms) of each file as the build left it, by dist-relative path. */
  mtimes?: Record<string, number>;
}

export interface BuildManifest {
  version: typeof MANIFEST_VERSION;
  /** By `<locale>/<track id>`. */
  tracks: Record<string, ManifestEntry>;
}

export function emptyManifest(): BuildManifest {
  return { version: MANIFEST_VERSION, tracks: {} };
}

/** A missing, unreadable or older manifest only means "rebuild everything", never an error. */
export async function readManifest(outDir: string): Promise<BuildManifest> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), "utf8")) as Partial<BuildManifest>;
    if (parsed.version !== MANIFEST_VERSION || typeof parsed.tracks !== "object" || parsed.tracks === null) {
      return emptyManifest();
    }
    return { version: MANIFEST_VERSION, tracks: parsed.tracks };
  } catch {
    return emptyManifest();
  }
}

/** Tracks sorted by ref (parallel builds finish in any order); an unchanged manifest is not rewritten. */
export async function writeManifest(outDir: string, manifest: BuildManifest): Promise<void> {
  const file = path.join(outDir, MANIFEST_FILE);
  const sorted = Object.fromEntries(Object.entries(manifest.tracks).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = `${JSON.stringify({ ...manifest, tracks: sorted }, null, 2)}\n`;
  if ((await readFile(file, "utf8").catch(() => undefined)) !== text) await writeFileAtomic(file, text);
}

export function entryFiles(track: CatalogTrack): CatalogFile[] {
  return [track.files.download, track.files.alexa, track.transcript];
}

/**
 * True when the entry was built from `key` and its files are still there as the build left them:
 * the size recorded and the modification time recorded. Size and time, not hashes: a no-op
 * rebuild must not read every MP3 back, and a file someone edited or replaced (even with one of
 * the same size) has a new modification time.
 */
export async function isUpToDate(outDir: string, entry: ManifestEntry | undefined, key: string): Promise<boolean> {
  if (!entry || entry.key !== key) return false;
  const stats = await Promise.all(entryFiles(entry.track).map((f) => stat(path.join(outDir, f.path)).catch(() => undefined)));
  return entryFiles(entry.track).every((f, i) => {
    const s = stats[i];
    if (!s || s.size !== f.bytes) return false;
    // A manifest written before times were recorded checks sizes only; the next commit records them.
    const recorded = entry.mtimes?.[f.path];
    return recorded === undefined || recorded === s.mtimeMs;
  });
}

/** Records each file's modification time in its entry, once the files are where they stay. */
export async function stampFileTimes(outDir: string, manifest: BuildManifest): Promise<void> {
  await Promise.all(
    Object.values(manifest.tracks).map(async (entry) => {
      const files = entryFiles(entry.track);
      const stats = await Promise.all(files.map((f) => stat(path.join(outDir, f.path)).catch(() => undefined)));
      const mtimes: Record<string, number> = {};
      files.forEach((f, i) => {
        const s = stats[i];
        if (s) mtimes[f.path] = s.mtimeMs;
      });
      entry.mtimes = mtimes;
    }),
  );
}
