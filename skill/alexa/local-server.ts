// `npm run skill:local`: the Alexa skill on http://localhost:PORT/ (default 3000), with dist/ served
// at /audio on the same server and user state in files. For the ASK CLI's local testing, curl, or a
// tunnel. A real Echo needs the audio over HTTPS with a valid certificate: set AUDIO_BASE_URL to an
// HTTPS address (a tunnel or the deployed CDN).
//
// Environment: PORT, DIST_DIR (default dist), AUDIO_BASE_URL (default http://localhost:PORT/audio/),
// CATALOG_FILE (default <DIST_DIR>/skill-catalog.json), ALEXA_SKILL_ID (optional here),
// STATE_DIR (default .cache/skill-state), ALEXA_VERIFY_REQUESTS (default 1: check Amazon's request
// signature and time stamp; set 0 to post requests yourself with curl).
//
// Whatever is posted, the answer is the skill's response or a short JSON `{ "error": ... }`: 400 for
// a body that is not an Alexa request, 413 for one over 128 KB, 404/405 for other paths and
// methods, 500 when the skill fails. No error text of a library, no stack and no file path ever
// goes out; the details are logged here, in the terminal.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Skill } from "ask-sdk-core";
import { SkillRequestSignatureVerifier, TimestampVerifier, type Verifier } from "ask-sdk-express-adapter";
import type { RequestEnvelope } from "ask-sdk-model";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { dropRest, listenLocally, localPort, readBody, sendJson } from "../local-http.js";
import { createAlexaSkillFromEnv } from "./skill-builder.js";

/** Alexa's requests are a few KB; anything this big is not one of them. */
export const MAX_ALEXA_BODY_BYTES = 128 * 1024;

/** The parts of a request envelope the skill relies on (Alexa's documented shape); other fields pass. */
const requestEnvelope = z.looseObject({
  version: z.string({ error: "`version` must be a string, e.g. \"1.0\"" }),
  context: z.looseObject(
    {
      System: z.looseObject(
        {
          application: z.looseObject({ applicationId: z.string({ error: "`context.System.application.applicationId` must be a string" }) }, {
            error: "`context.System.application` must be an object",
          }),
          user: z.looseObject({ userId: z.string({ error: "`context.System.user.userId` must be a string" }) }, { error: "`context.System.user` must be an object" }),
        },
        { error: "`context.System` must be an object" },
      ),
    },
    { error: "`context` must be an object with `System`" },
  ),
  session: z.looseObject({}, { error: "`session` must be an object" }).optional(),
  request: z.looseObject(
    {
      type: z.string({ error: "`request.type` must be a string, e.g. \"LaunchRequest\"" }).min(1, { error: "`request.type` must not be empty" }),
      requestId: z.string({ error: "`request.requestId` must be a string" }),
      timestamp: z.string({ error: "`request.timestamp` must be an ISO 8601 time" }),
      locale: z.string({ error: "`request.locale` must be a string, e.g. \"nl-NL\"" }).optional(),
      intent: z.looseObject({ name: z.string({ error: "`request.intent.name` must be a string" }) }, { error: "`request.intent` must be an object with `name`" }).optional(),
    },
    { error: "`request` must be an object with `type`" },
  ).refine((r) => r.type !== "IntentRequest" || r.intent !== undefined, {
    error: "`request.intent` must be an object with `name` in an IntentRequest",
    path: ["intent"],
  }),
});

export interface AlexaLocalServerOptions {
  skill: Skill;
  /** Served at /audio (the tracks the skill's responses point to). */
  distDir: string;
  /** Check Amazon's request signature and time stamp. */
  verify: boolean;
  log?: (line: string) => void;
}

export function createAlexaLocalServer(options: AlexaLocalServerOptions): Server {
  const log = options.log ?? ((line: string) => console.error(line));
  const verifiers: Verifier[] = options.verify ? [new SkillRequestSignatureVerifier(), new TimestampVerifier()] : [];

  const app = express();
  app.disable("x-powered-by");
  app.use("/audio", express.static(options.distDir, { index: false, fallthrough: true }));
  app.post("/", (req, res, next) => {
    answer(req, res, options.skill, verifiers, log).catch(next);
  });
  app.all("/", (_req, res) => sendJson(res, 405, { error: "POST Alexa requests to /" }, { allow: "POST" }));
  app.use((_req, res) => sendJson(res, 404, { error: "not found: POST Alexa requests to /; audio is under /audio/" }));
  // Express's own error page is HTML with a stack trace: every error is answered here instead.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatus(error);
    if (status >= 500) log(`alexa local: ${req.method} ${req.path} failed (${describe(error)})`);
    sendJson(res, status, { error: status >= 500 ? "internal error" : (STATUS_TEXT[status] ?? "bad request") });
  });
  return createServer(app);
}

async function answer(req: IncomingMessage, res: ServerResponse, skill: Skill, verifiers: Verifier[], log: (line: string) => void): Promise<void> {
  const body = await readBody(req, MAX_ALEXA_BODY_BYTES);
  if (!body.complete) {
    sendJson(res, 413, { error: `request body over ${MAX_ALEXA_BODY_BYTES / 1024} KB: not an Alexa request` }, { connection: "close" });
    dropRest(req);
    return;
  }
  const text = body.bytes.toString("utf8");
  if (verifiers.length > 0) {
    try {
      for (const verifier of verifiers) await verifier.verify(text, req.headers);
    } catch (error) {
      log(`alexa local: request refused, verification failed (${describe(error)})`);
      sendJson(res, 400, { error: "request signature or time stamp could not be verified (set ALEXA_VERIFY_REQUESTS=0 to post your own requests)" });
      return;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    sendJson(res, 400, { error: "the body is not JSON: post an Alexa request envelope" });
    return;
  }
  const shape = requestEnvelope.safeParse(json);
  if (!shape.success) {
    sendJson(res, 400, { error: `not an Alexa request: ${shapeProblem(json, shape.error.issues[0])}` });
    return;
  }
  let response: unknown;
  try {
    response = await skill.invoke(shape.data as unknown as RequestEnvelope);
  } catch (error) {
    log(`alexa local: ${shape.data.request.type} failed (${describe(error)})`);
    if (/skill id|ID verification/i.test(describe(error))) {
      sendJson(res, 400, { error: "the request's applicationId is not ALEXA_SKILL_ID" });
      return;
    }
    sendJson(res, 500, { error: "the skill could not answer this request" });
    return;
  }
  sendJson(res, 200, response);
}

/** The first problem in words: "`request.type` is missing; it must be a string, ...". */
function shapeProblem(json: unknown, issue: z.core.$ZodIssue | undefined): string {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "the body must be a JSON object";
  if (!issue) return "unexpected shape";
  const value = issue.path.reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined), json);
  return value === undefined ? issue.message.replace(" must be", " is missing; it must be") : issue.message;
}

const STATUS_TEXT: Record<number, string> = { 400: "bad request", 403: "forbidden", 404: "not found", 405: "method not allowed", 413: "request body too large", 415: "unsupported media type" };

function httpStatus(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
}

async function main(): Promise<void> {
  const env = process.env;
  const port = localPort(env, 3000);
  const distDir = path.resolve(env.DIST_DIR ?? "dist");
  const verify = (env.ALEXA_VERIFY_REQUESTS ?? "1") !== "0";
  // The default audio address names the port asked for; with PORT=0 set AUDIO_BASE_URL yourself.
  const skill = createAlexaSkillFromEnv(
    { ...env, CATALOG_FILE: env.CATALOG_FILE ?? path.join(distDir, "skill-catalog.json") },
    { requireSkillId: false, defaultAudioBaseUrl: `http://localhost:${port}/audio/`, allowLocalHttp: true },
  );
  const bound = await listenLocally(createAlexaLocalServer({ skill, distDir, verify }), port);
  console.log(`Rustpunt Alexa skill on http://localhost:${bound}/ (audio from ${distDir} at /audio)`);
  if (!verify) console.log("Request signatures are NOT checked (ALEXA_VERIFY_REQUESTS=0): keep this server off the internet.");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
