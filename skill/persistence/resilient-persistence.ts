// Storage must never cost someone their exercise: if the table fails or is slow, reads return {}
// and writes are dropped. The skill still plays; it only forgets, and the log says why (one line
// per failure, never the user id).
import type { PersistenceAdapter } from "ask-sdk-core";
import type { RequestEnvelope } from "ask-sdk-model";
import type { StateStore, StoredAttributes } from "./state-store.js";

export interface ResilienceOptions {
  /** Upper bound for any one storage call, whatever the store's own timeouts. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_GUARD_MS = 2000;

class StorageTimeout extends Error {
  override readonly name = "StorageTimeout";
}

/** Runs one storage call under a deadline; a failure becomes the fallback value and one log line. */
async function guarded<T>(what: string, call: () => Promise<T>, fallback: T, options: ResilienceOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GUARD_MS;
  const log = options.log ?? ((line: string) => console.warn(line));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (error) {
    log(`persistence: ${what} failed (${reason(error)}); continuing without stored state`);
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

export function resilientStore(store: StateStore, options: ResilienceOptions = {}): StateStore {
  return {
    get: (userId) => guarded("read", () => store.get(userId), {} as StoredAttributes, options),
    save: (userId, attributes) => guarded("write", () => store.save(userId, attributes), undefined, options),
    delete: (userId) => guarded("delete", () => store.delete(userId), undefined, options),
  };
}

/** The same guard for any ask-sdk-core PersistenceAdapter. */
export function resilientAdapter(adapter: PersistenceAdapter, options: ResilienceOptions = {}): PersistenceAdapter {
  const wrapped: PersistenceAdapter = {
    getAttributes: (envelope: RequestEnvelope) => guarded("read", () => adapter.getAttributes(envelope), {}, options),
    saveAttributes: (envelope, attributes) => guarded("write", () => adapter.saveAttributes(envelope, attributes), undefined, options),
  };
  const remove = adapter.deleteAttributes?.bind(adapter);
  if (remove) wrapped.deleteAttributes = (envelope) => guarded("delete", () => remove(envelope), undefined, options);
  return wrapped;
}
