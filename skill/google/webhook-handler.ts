// The Function URL in front of the Dialogflow app (payload format 2.0). Order matters: the secret
// header first, then size, then JSON and shape; a request that fails any of them never reaches
// the app, and the answer names no reason a caller could probe with.
import { loadCatalog } from "../core/load-catalog.js";
import { createCore } from "../core/turn-loop.js";
import { createStateStore } from "../persistence/create-persistence.js";
import type { StateStore } from "../persistence/state-store.js";
import { readGoogleConfig, type GoogleConfig } from "./config.js";
import { createDialogflowApp, handleWebhook, type GoogleApp } from "./dialogflow-app.js";
import { secretMatches, secretSource, WEBHOOK_SECRET_HEADER, type ParameterReader, type SecretSource } from "./webhook-secret.js";

/** Dialogflow's requests are a few KB; anything this big is not one of them. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The part of a Lambda Function URL event (payload format 2.0) the entry reads. */
export interface FunctionUrlEvent {
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string } };
}

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookHandlerOptions {
  env: NodeJS.ProcessEnv;
  /** Tests: a store of their own; otherwise DynamoDB (TABLE_NAME) or files, behind the guard. */
  store?: StateStore;
  /** Tests: how an SSM parameter is read; otherwise the runtime's @aws-sdk/client-ssm. */
  readParameter?: ParameterReader;
  log?: (line: string) => void;
}

export type WebhookHandler = (event: FunctionUrlEvent) => Promise<FunctionUrlResult>;

/** Built once per container: config checked, catalog read, secret loading started. */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const log = options.log ?? ((line: string) => console.log(line));
  const config: GoogleConfig = readGoogleConfig(options.env);
  const catalog = loadCatalog({ ...(config.catalogFile ? { file: config.catalogFile } : {}), env: options.env });
  const store =
    options.store ??
    createStateStore({
      stateDir: config.stateDir,
      ...(config.tableName ? { tableName: config.tableName } : {}),
      ...(config.persistenceTimeoutMs ? { timeoutMs: config.persistenceTimeoutMs } : {}),
      log,
    });
  const core = createCore(catalog, { audioBaseUrl: config.audioBaseUrl, ...(config.artUrl ? { artUrl: config.artUrl } : {}) }, store);
  const app = createDialogflowApp({ core, catalog, log });
  const secret = secretSource(config.secret, options.readParameter);
  return (event) => handle(event, app, secret, log);
}

async function handle(event: FunctionUrlEvent, app: GoogleApp, secret: SecretSource, log: (line: string) => void): Promise<FunctionUrlResult> {
  const headers = lowerCaseHeaders(event.headers);

  let expected: string;
  try {
    expected = await secret.get();
  } catch (error) {
    log(`google: webhook secret unavailable (${describe(error)})`);
    return empty(503);
  }
  if (!secretMatches(headers[WEBHOOK_SECRET_HEADER], expected)) return empty(401);

  const method = event.requestContext?.http?.method;
  if (method !== undefined && method !== "POST") return { ...empty(405), headers: { allow: "POST" } };

  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > MAX_BODY_BYTES) return empty(413);

  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8"));
  } catch {
    return empty(400);
  }
  if (!isWebhookRequest(body)) return empty(400);
  forgetIdentityToken(body);
  // The app has no use for the secret; keep it out of anything it might log.
  delete headers[WEBHOOK_SECRET_HEADER];

  try {
    const result = await handleWebhook(app, body, headers);
    return {
      statusCode: result.status,
      headers: { ...result.headers, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(result.body),
    };
  } catch (error) {
    log(`google: webhook failed (${describe(error)})`);
    return empty(500);
  }
}

/** Dialogflow ES v2 WebhookRequest: a session, a responseId and a queryResult object. */
function isWebhookRequest(body: unknown): body is Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const r = body as Record<string, unknown>;
  const queryResult = r.queryResult;
  return (
    typeof r.session === "string" &&
    typeof r.responseId === "string" &&
    typeof queryResult === "object" &&
    queryResult !== null &&
    !Array.isArray(queryResult)
  );
}

/**
 * Rustpunt uses no Google Sign-In: an idToken would make actions-on-google verify it against a
 * client id it does not have (and throw). It is personal data we do not want either.
 */
function forgetIdentityToken(body: Record<string, unknown>): void {
  const payload = (body.originalDetectIntentRequest as { payload?: { user?: Record<string, unknown> } } | undefined)?.payload;
  if (payload?.user && "idToken" in payload.user) delete payload.user.idToken;
}

function lowerCaseHeaders(headers: FunctionUrlEvent["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

function empty(statusCode: number): FunctionUrlResult {
  return { statusCode, headers: {}, body: "" };
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
}
