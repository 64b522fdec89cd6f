// DynamoDB through the AWS SDK v3 document client, which Lambda's nodejs24.x runtime provides
// (the bundler marks @aws-sdk/* external). One item per user: { id: sha256(userId), attributes,
// expiresAt } with expiresAt as the table's TTL attribute so stale state disappears by itself.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
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

/** A client whose every attempt gives up well inside Alexa's deadline. */
export function createDynamoDbClient(options: { timeoutMs?: number; endpoint?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = {}): DynamoDBClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: Math.round(timeoutMs / 2), requestTimeout: timeoutMs },
  });
}

export class DynamoDbStateStore implements StateStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly timeoutMs: number;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(options: DynamoDbStateStoreOptions) {
    this.tableName = options.tableName;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.ttlSeconds = Math.round((options.ttlDays ?? DEFAULT_TTL_DAYS) * SECONDS_PER_DAY);
    this.now = options.now ?? (() => new Date());
    const client = options.client ?? createDynamoDbClient({ timeoutMs: this.timeoutMs });
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(userId: string): Promise<StoredAttributes> {
    const out = await this.doc.send(
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
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { id: hashUserId(userId), attributes, expiresAt: this.epochSeconds() + this.ttlSeconds },
      }),
      { abortSignal: AbortSignal.timeout(this.timeoutMs) },
    );
  }

  async delete(userId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { id: hashUserId(userId) } }), {
      abortSignal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
