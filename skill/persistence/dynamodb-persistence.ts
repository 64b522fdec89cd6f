// DynamoDB through the AWS SDK v3 document client, which Lambda's nodejs24.x runtime provides
// (the bundler marks @aws-sdk/* external). One item per user: { id: sha256(userId), attributes,
// expiresAt } with expiresAt as the table's TTL attribute so stale state disappears by itself.
//
// The SDK is imported on first use, not at module load: it is most of a cold start's module
// loading (hundreds of ms), and a static import of an external package is hoisted to the top of
// the bundle even from a lazily imported file. Only a dynamic import() of the package stays lazy.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { hashUserId, type StateStore, type StoredAttributes } from "./state-store.js";

/** Alexa waits 8 s for the whole answer: storage gets a small, fixed share of it. */
export const DEFAULT_TIMEOUT_MS = 1500;
export const DEFAULT_TTL_DAYS = 90;
const SECONDS_PER_DAY = 86_400;

export interface DynamoDbStateStoreOptions {
  tableName: string;
  /** Tests pass a client for a local endpoint; otherwise one is built with the timeouts below. */
  client?: DynamoDBClient;
  /** Whole-call budget per operation, retries included. */
  timeoutMs?: number;
  ttlDays?: number;
  now?: () => Date;
}

type SdkModules = [typeof import("@aws-sdk/client-dynamodb"), typeof import("@aws-sdk/lib-dynamodb")];
let sdk: Promise<SdkModules> | undefined;
function loadSdk(): Promise<SdkModules> {
  sdk ??= Promise.all([import("@aws-sdk/client-dynamodb"), import("@aws-sdk/lib-dynamodb")]);
  return sdk;
}

/** A client whose every attempt gives up well inside Alexa's deadline. */
export async function createDynamoDbClient(options: { timeoutMs?: number; endpoint?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = {}): Promise<DynamoDBClient> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [{ DynamoDBClient }] = await loadSdk();
  return new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: Math.round(timeoutMs / 2), requestTimeout: timeoutMs },
  });
}

export class DynamoDbStateStore implements StateStore {
  private doc: Promise<DynamoDBDocumentClient> | undefined;
  private readonly client: DynamoDBClient | undefined;
  private readonly tableName: string;
  private readonly timeoutMs: number;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(options: DynamoDbStateStoreOptions) {
    this.tableName = options.tableName;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.ttlSeconds = Math.round((options.ttlDays ?? DEFAULT_TTL_DAYS) * SECONDS_PER_DAY);
    this.now = options.now ?? (() => new Date());
    this.client = options.client;
  }

  private document(): Promise<DynamoDBDocumentClient> {
    this.doc ??= (async () => {
      const client = this.client ?? (await createDynamoDbClient({ timeoutMs: this.timeoutMs }));
      const [, { DynamoDBDocumentClient }] = await loadSdk();
      return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    })();
    // A failed load is not cached: the next request tries again.
    this.doc.catch(() => (this.doc = undefined));
    return this.doc;
  }

  async get(userId: string): Promise<StoredAttributes> {
    const [doc, [, { GetCommand }]] = await Promise.all([this.document(), loadSdk()]);
    const out = await doc.send(
      new GetCommand({ TableName: this.tableName, Key: { id: hashUserId(userId) }, ConsistentRead: true }),
      { abortSignal: AbortSignal.timeout(this.timeoutMs) },
    );
    const item = out.Item;
    // TTL deletion runs up to days late: an expired item is already forgotten.
    if (!item || (typeof item.expiresAt === "number" && item.expiresAt <= this.epochSeconds())) return {};
    const attributes: unknown = item.attributes;
    return typeof attributes === "object" && attributes !== null && !Array.isArray(attributes) ? (attributes as StoredAttributes) : {};
  }

  async save(userId: string, attributes: StoredAttributes): Promise<void> {
    const [doc, [, { PutCommand }]] = await Promise.all([this.document(), loadSdk()]);
    await doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { id: hashUserId(userId), attributes, expiresAt: this.epochSeconds() + this.ttlSeconds },
      }),
      { abortSignal: AbortSignal.timeout(this.timeoutMs) },
    );
  }

  async delete(userId: string): Promise<void> {
    const [doc, [, { DeleteCommand }]] = await Promise.all([this.document(), loadSdk()]);
    await doc.send(new DeleteCommand({ TableName: this.tableName, Key: { id: hashUserId(userId) } }), {
      abortSignal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
