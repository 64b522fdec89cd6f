// Local development without AWS: one JSON file per (hashed) user under a folder, written to a
// temporary file and renamed so a crash never leaves half a file.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { hashUserId, type StateStore, type StoredAttributes } from "./state-store.js";

export class FileStateStore implements StateStore {
  constructor(private readonly dir: string) {}

  async get(userId: string): Promise<StoredAttributes> {
    let text: string;
    try {
      text = await readFile(this.file(userId), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw error;
    }
    const data: unknown = JSON.parse(text);
    return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as StoredAttributes) : {};
  }

  async save(userId: string, attributes: StoredAttributes): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(userId);
    const temp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(attributes, null, 2)}\n`, "utf8");
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async delete(userId: string): Promise<void> {
    await rm(this.file(userId), { force: true });
  }

  private file(userId: string): string {
    return path.join(this.dir, `${hashUserId(userId)}.json`);
  }
}
