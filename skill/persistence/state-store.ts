// What every platform needs from storage: the attributes of one user, by user id. The conversation
// core loads and saves through it for both platforms (skill/core/turn-loop.ts); persistence-adapter.ts
// offers the same store as ask-sdk-core's PersistenceAdapter to any handler that wants one.
import { createHash } from "node:crypto";

export type StoredAttributes = Record<string, unknown>;

export interface StateStore {
  /** The stored attributes, or {} for a user we have not seen. */
  get(userId: string): Promise<StoredAttributes>;
  save(userId: string, attributes: StoredAttributes): Promise<void>;
  delete(userId: string): Promise<void>;
}

/** Raw platform user ids never reach storage: the key is their sha256 (hex). */
export function hashUserId(userId: string): string {
  if (userId === "") throw new Error("a user id is needed to store state");
  return createHash("sha256").update(userId, "utf8").digest("hex");
}
