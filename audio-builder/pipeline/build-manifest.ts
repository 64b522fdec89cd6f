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
 * True when the entry was built from `key` and its files are still there at the size recorded.
 * Sizes, not hashes: a no-op rebuild must not read every MP3 back.
 */
export async function isUpToDate(outDir: string, entry: ManifestEntry | undefined, key: string): Promise<boolean> {
  if (!entry || entry.key !== key) return false;
  const sizes = await Promise.all(
    entryFiles(entry.track).map((f) =>
      stat(path.join(outDir, f.path)).then(
        (s) => s.size,
        () => -1,
      ),
    ),
  );
  return entryFiles(entry.track).every((f, i) => sizes[i] === f.bytes);
}
