// The state stores against a real DynamoDB implementation (dynalite, in-process on 127.0.0.1):
// DynamoDB's own validation applies, and the resilience guard is tested on real failures.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { RequestEnvelope } from "ask-sdk-model";
import dynalite from "dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoDbClient, DynamoDbStateStore } from "../skill/persistence/dynamodb-persistence.js";
import { FileStateStore } from "../skill/persistence/file-persistence.js";
import { StateStorePersistenceAdapter } from "../skill/persistence/persistence-adapter.js";
import { resilientAdapter, resilientStore } from "../skill/persistence/resilient-persistence.js";

const TABLE = "rustpunt-state";
const WRONG_KEY_TABLE = "rustpunt-wrong-key";
const USER = "amzn1.ask.account.AHEXAMPLEUSER";
const credentials = { accessKeyId: "local", secretAccessKey: "local" };

let server: Server;
let endpoint: string;
let client: DynamoDBClient;

function listen(s: Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
}
function close(s: Server): Promise<void> {
  return new Promise((resolve) => s.close(() => resolve()));
}

beforeAll(async () => {
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  endpoint = `http://127.0.0.1:${await listen(server)}`;
  client = await createDynamoDbClient({ endpoint, region: "eu-west-1", credentials, timeoutMs: 1500 });
  await client.send(new CreateTableCommand({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
  // A table whose key is not `id`: what a mis-wired deployment would look like.
  await client.send(new CreateTableCommand({
    TableName: WRONG_KEY_TABLE,
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
});

afterAll(async () => {
  client?.destroy();
  if (server) await close(server);
});

function envelope(userId: string): RequestEnvelope {
  return {
    version: "1.0",
    context: { System: { application: { applicationId: "amzn1.ask.skill.test" }, user: { userId }, apiEndpoint: "https://api.amazonalexa.com" } },
    request: { type: "LaunchRequest", requestId: "r1", timestamp: new Date().toISOString(), locale: "nl-NL" },
  } as RequestEnvelope;
}

function collectLog(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

const state = { visits: 3, lastExercise: "ademhaling", lastTrackId: "ademhaling-short-wake", lastLocale: "nl-NL", offsetMs: 61_250, tipIndex: 2 };

describe("DynamoDbStateStore on dynalite", () => {
  it("round-trips state, keyed by the sha256 of the user id, with a TTL in the future", async () => {
    const store = new DynamoDbStateStore({ tableName: TABLE, client });
    expect(await store.get(USER)).toEqual({});
    await store.save(USER, state);
    expect(await store.get(USER)).toEqual(state);

    const hashed = createHash("sha256").update(USER).digest("hex");
    const raw = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: hashed } } }));
    expect(raw.Item?.id?.S).toBe(hashed);
    expect(JSON.stringify(raw.Item)).not.toContain(USER);
    const expiresAt = Number(raw.Item?.expiresAt?.N);
    const now = Date.now() / 1000;
    expect(expiresAt).toBeGreaterThan(now + 89 * 86_400);
    expect(expiresAt).toBeLessThan(now + 91 * 86_400);
  });

  it("deletes through the ask-sdk PersistenceAdapter", async () => {
    const adapter = new StateStorePersistenceAdapter(new DynamoDbStateStore({ tableName: TABLE, client }));
    const who = envelope("amzn1.ask.account.DELETEME");
    await adapter.saveAttributes(who, { visits: 1, tipIndex: 0 });
    expect(await adapter.getAttributes(who)).toEqual({ visits: 1, tipIndex: 0 });
    await adapter.deleteAttributes(who);
    expect(await adapter.getAttributes(who)).toEqual({});
  });

  it("treats an item past its TTL as forgotten even before DynamoDB removes it", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const store = new DynamoDbStateStore({ tableName: TABLE, client, ttlDays: 1, now: () => now });
    await store.save("amzn1.ask.account.OLD", state);
    expect(await store.get("amzn1.ask.account.OLD")).toEqual(state);
    now = new Date("2026-01-03T00:00:00Z");
    expect(await store.get("amzn1.ask.account.OLD")).toEqual({});
  });

  it("is subject to DynamoDB's item size limit; the resilient wrapper drops the write and logs once", async () => {
    const store = new DynamoDbStateStore({ tableName: TABLE, client });
    const huge = { ...state, note: "x".repeat(420 * 1024) };
    await expect(store.save(USER, huge)).rejects.toMatchObject({ name: "ValidationException" });

    const { lines, log } = collectLog();
    const safe = resilientStore(store, { log });
    await expect(safe.save(USER, huge)).resolves.toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/write failed \(ValidationException: .*size/i);
    expect(lines[0]).not.toContain(USER);
    // The earlier good state is untouched.
    expect(await store.get(USER)).toEqual(state);
  });

  it("rejects a key the table does not have; the resilient adapter reads {} and logs why", async () => {
    const wrong = new DynamoDbStateStore({ tableName: WRONG_KEY_TABLE, client });
    await expect(wrong.get(USER)).rejects.toMatchObject({ name: "ValidationException" });

    const { lines, log } = collectLog();
    const adapter = resilientAdapter(new StateStorePersistenceAdapter(wrong), { log });
    expect(await adapter.getAttributes(envelope(USER))).toEqual({});
    await adapter.saveAttributes(envelope(USER), state);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^persistence: read failed \(ValidationException/);
    expect(lines[1]).toMatch(/^persistence: write failed \(ValidationException/);
  });

  it("a missing table is reported, not thrown", async () => {
    const { lines, log } = collectLog();
    const safe = resilientStore(new DynamoDbStateStore({ tableName: "no-such-table", client }), { log });
    expect(await safe.get(USER)).toEqual({});
    expect(lines[0]).toMatch(/ResourceNotFoundException/);
  });
});

describe("unreachable or slow endpoints", () => {
  it("a closed local port: reads fall back to {} within the timeout", async () => {
    const probe = createServer();
    const port = await listen(probe);
    await close(probe); // nothing listens there now
    const dead = await createDynamoDbClient({ endpoint: `http://127.0.0.1:${port}`, region: "eu-west-1", credentials, timeoutMs: 300 });
    const { lines, log } = collectLog();
    const safe = resilientStore(new DynamoDbStateStore({ tableName: TABLE, client: dead, timeoutMs: 300 }), { timeoutMs: 800, log });
    const started = performance.now();
    expect(await safe.get(USER)).toEqual({});
    expect(performance.now() - started).toBeLessThan(3000); // the guard (800 ms) with room for a loaded machine
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/read failed/);
    dead.destroy();
  });

  it("an endpoint that accepts but never answers: the store's own deadline ends the call", async () => {
    const silent = createServer(() => { /* never responds */ });
    const port = await listen(silent);
    const slow = await createDynamoDbClient({ endpoint: `http://127.0.0.1:${port}`, region: "eu-west-1", credentials, timeoutMs: 400 });
    const { lines, log } = collectLog();
    // The guard is far above the store's deadline: the fallback must come from the store's timeout.
    const safe = resilientStore(new DynamoDbStateStore({ tableName: TABLE, client: slow, timeoutMs: 400 }), { timeoutMs: 10_000, log });
    const started = performance.now();
    expect(await safe.get(USER)).toEqual({});
    await safe.save(USER, state);
    expect(performance.now() - started).toBeLessThan(6000); // two calls of 400 ms x 2 attempts, far below the 10 s guard
    expect(lines).toHaveLength(2);
    slow.destroy();
    silent.closeAllConnections();
    await close(silent);
  });

  it("the guard's own deadline catches a store that hangs", async () => {
    const hanging = { get: () => new Promise<never>(() => {}), save: () => new Promise<never>(() => {}), delete: () => new Promise<never>(() => {}) };
    const { lines, log } = collectLog();
    const safe = resilientStore(hanging, { timeoutMs: 50, log });
    expect(await safe.get(USER)).toEqual({});
    expect(lines[0]).toMatch(/read failed \(StorageTimeout: no answer within 50 ms\)/);
  });
});

describe("FileStateStore", () => {
  it("round-trips through one file per hashed user, written atomically", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rustpunt-state-"));
    try {
      const store = new FileStateStore(path.join(dir, "state"));
      expect(await store.get(USER)).toEqual({});
      await store.save(USER, state);
      await store.save(USER, { ...state, visits: 4 });
      expect(await store.get(USER)).toEqual({ ...state, visits: 4 });
      const files = await readdir(path.join(dir, "state"));
      const hashed = createHash("sha256").update(USER).digest("hex");
      expect(files).toEqual([`${hashed}.json`]); // no temp files left behind
      expect(await readFile(path.join(dir, "state", files[0]!), "utf8")).not.toContain(USER);
      await store.delete(USER);
      expect(await store.get(USER)).toEqual({});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a corrupt file is a read failure the resilient wrapper turns into {}", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rustpunt-state-"));
    try {
      const store = new FileStateStore(dir);
      await store.save(USER, state);
      const hashed = createHash("sha256").update(USER).digest("hex");
      await (await import("node:fs/promises")).writeFile(path.join(dir, `${hashed}.json`), "{ half", "utf8");
      await expect(store.get(USER)).rejects.toThrow(SyntaxError);
      const { lines, log } = collectLog();
      expect(await resilientStore(store, { log }).get(USER)).toEqual({});
      expect(lines[0]).toMatch(/SyntaxError/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
