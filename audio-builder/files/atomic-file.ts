// Outputs are never half-written: a reader sees the old file or the new one, nothing between.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { namePathIfDiskFull } from "./disk-full.js";

/** Writes beside the target (same file system, so the rename is atomic), then renames over it. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => namePathIfDiskFull(error, path.dirname(file)));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    namePathIfDiskFull(error, file);
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
