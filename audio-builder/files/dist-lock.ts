// One build at a time per output folder: two builds staging, committing and pruning the same
// dist/ would undo each other's work. A second build waits for the first (tests started in
// parallel share one fixture dist/); a lock left by a process that died is taken over.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export const LOCK_FILE = ".build.lock";
const POLL_MS = 250;

export interface DistLock {
  release(): Promise<void>;
}

export async function lockDist(outDir: string, opts: { timeoutMs?: number; onWait?: (holder: number) => void } = {}): Promise<DistLock> {
  const file = path.join(outDir, LOCK_FILE);
  const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
  await mkdir(outDir, { recursive: true });
  let told = false;
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(await readFile(file, "utf8").catch(() => ""));
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      await rm(file, { force: true }); // stale: its build was killed
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another build (process ${holder}) is writing ${outDir}; wait for it, or remove ${file} if no build is running`);
    }
    if (!told) opts.onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
