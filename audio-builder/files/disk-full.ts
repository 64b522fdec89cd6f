// A full disk (or a quota) during a build: the person needs the path that could not be written
// and what to do, not "ENOSPC: no space left on device, write". Node's errors for a failed write
// carry no path, and ffmpeg's say it only in its stderr; the writers wrap them with this.

const CODES = new Set(["ENOSPC", "EDQUOT"]);

export function isDiskFull(error: unknown): boolean {
  if (error instanceof DiskFullError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && CODES.has(code)) return true;
  // ffmpeg (a child process) and the track workers (errors cross as messages) say it in words.
  return error instanceof Error && /No space left on device|Disk quota exceeded|no space left on the disk/i.test(error.message);
}

export class DiskFullError extends Error {
  override readonly name = "DiskFullError";

  constructor(readonly path: string) {
    super(`no space left on the disk: could not write ${path}. Free some space on that disk, or build to another one (--out <folder>, and --cache <folder> for the speech cache), then build again`);
  }
}

/** Rethrows a disk-full error as one that names `path`; any other error unchanged. */
export function namePathIfDiskFull(error: unknown, path: string): never {
  if (isDiskFull(error) && !(error instanceof DiskFullError)) throw new DiskFullError(path);
  throw error;
}
