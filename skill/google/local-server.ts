// `npm run google:local`: the Dialogflow ES fulfillment webhook on http://localhost:PORT/ (default
// 3001), for curl or a tunnel that Dialogflow's console can call. Each HTTP request becomes the
// Lambda Function URL event (payload format 2.0) that the deployed function receives and goes
// through the same handler (webhook-handler.ts): the secret header first, then size, JSON and
// shape, so a local run answers exactly as the deployed webhook does: 401 without the secret, 413
// over 64 KB, 400 for a body that is not a Dialogflow WebhookRequest, all with an empty body.
//
// Environment: GOOGLE_WEBHOOK_SECRET (required: the value Dialogflow sends in x-rustpunt-secret),
// PORT, DIST_DIR (default dist), CATALOG_FILE (default <DIST_DIR>/skill-catalog.json), STATE_DIR
// (default .cache/skill-state), AUDIO_BASE_URL (Google plays media only over HTTPS: the deployed
// CDN or a tunnel; unset, the media URLs point at a placeholder host that never resolves).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropRest, listenLocally, localPort, readBody, sendJson } from "../local-http.js";
import { createWebhookHandler, MAX_BODY_BYTES, type FunctionUrlEvent, type WebhookHandler } from "./webhook-handler.js";

/** Used when AUDIO_BASE_URL is unset: `.invalid` never resolves (RFC 2606), so nothing plays by accident. */
export const PLACEHOLDER_AUDIO_BASE_URL = "https://audio.rustpunt.invalid/";

export interface GoogleLocalServerOptions {
  handler: WebhookHandler;
  log?: (line: string) => void;
}

export function createGoogleLocalServer(options: GoogleLocalServerOptions): Server {
  const log = options.log ?? ((line: string) => console.error(line));
  return createServer((req, res) => {
    answer(req, res, options.handler).catch((error: unknown) => {
      log(`google local: ${req.method} ${req.url} failed (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`.slice(0, 400));
      sendJson(res, 500, { error: "internal error" });
    });
  });
}

async function answer(req: IncomingMessage, res: ServerResponse, handler: WebhookHandler): Promise<void> {
  // One byte past the handler's limit is enough for it to answer 413 (after the secret check).
  const body = await readBody(req, MAX_BODY_BYTES);
  const result = await handler(toFunctionUrlEvent(req, body.bytes));
  res.writeHead(result.statusCode, {
    ...result.headers,
    "content-length": Buffer.byteLength(result.body),
    ...(body.complete ? {} : { connection: "close" }),
  });
  res.end(result.body);
  if (!body.complete) dropRest(req);
}

/** What a Function URL hands the Lambda: lower-case headers, the method, the body in base64. */
export function toFunctionUrlEvent(req: IncomingMessage, body: Buffer): FunctionUrlEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return {
    headers,
    body: body.toString("base64"),
    isBase64Encoded: true,
    requestContext: { http: { method: req.method ?? "GET" } },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const port = localPort(env, 3001);
  const distDir = path.resolve(env.DIST_DIR ?? "dist");
  const audioBaseUrl = env.AUDIO_BASE_URL?.trim() || PLACEHOLDER_AUDIO_BASE_URL;
  const handler = createWebhookHandler({
    env: { ...env, AUDIO_BASE_URL: audioBaseUrl, CATALOG_FILE: env.CATALOG_FILE ?? path.join(distDir, "skill-catalog.json") },
  });
  const bound = await listenLocally(createGoogleLocalServer({ handler }), port);
  console.log(`Rustpunt Dialogflow webhook on http://localhost:${bound}/ (send the x-rustpunt-secret header with GOOGLE_WEBHOOK_SECRET)`);
  if (audioBaseUrl === PLACEHOLDER_AUDIO_BASE_URL) {
    console.log(`Media URLs point at ${PLACEHOLDER_AUDIO_BASE_URL}, a placeholder: set AUDIO_BASE_URL to the HTTPS address of dist/ to play them.`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
