// Chooses the store for an entry point: DynamoDB when a table is configured, files otherwise;
// always behind the resilience guard. The entry point reads its environment and passes it here.
import { DynamoDbStateStore } from "./dynamodb-persistence.js";
import { FileStateStore } from "./file-persistence.js";
import { resilientStore, type ResilienceOptions } from "./resilient-persistence.js";
import type { StateStore } from "./state-store.js";

export interface PersistenceConfig {
  /** TABLE_NAME: the DynamoDB table (key `id`, TTL attribute `expiresAt`). */
  tableName?: string;
  /** Where the file store writes when no table is set (local runs). */
  stateDir: string;
  timeoutMs?: number;
  log?: ResilienceOptions["log"];
}

export function createStateStore(config: PersistenceConfig): StateStore {
  const inner: StateStore = config.tableName
    ? new DynamoDbStateStore({ tableName: config.tableName, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}) })
    : new FileStateStore(config.stateDir);
  // The guard's deadline sits a little above the store's own, so the store's clearer error wins.
  const guardMs = (config.timeoutMs ?? 1500) + 500;
  return resilientStore(inner, { timeoutMs: guardMs, ...(config.log ? { log: config.log } : {}) });
}
