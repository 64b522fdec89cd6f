// `npm run record`'s local server, on 127.0.0.1 only: the recording page, the session's
// sentences, and the one write there is, keeping a take (PUT /api/takes/<key>, a 48 kHz mono
// 16-bit WAV, saved as FLAC by save-take.ts). Requests whose Host or Origin is not this server
// are refused, so no web page the narrator has open elsewhere can write takes (DNS rebinding).
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { loadScriptsOrThrow } from "../model/load-scripts.js";
import type { Locale } from "../model/script-schema.js";
import { DiskFullError, saveTake } from "../recordings/save-take.js";
import { scriptSentences } from "../recordings/script-sentences.js";
import { voiceDir, readTakeIndex } from "../recordings/take-index.js";
import { MAX_TAKE_SECONDS, TAKE_SAMPLE_RATE, TakeError } from "../recordings/take-format.js";
import { CAPTURE_WORKLET } from "./capture-worklet.js";
import { recordPage } from "./record-page.js";
import { sessionState } from "./record-session.js";

export interface RecordServerOptions {
  scriptsDir?: string;
  recordingsDir: string;
  locale: Locale;
  voice: string;
  narrator?: string;
  /** Walk through every sentence, not only those without a good take. */
  all?: boolean;
  only?: readonly string[];
  /** 0 picks a free port. */
  port?: number;
}

export interface RecordServer {
  url: string;
  close(): Promise<void>;
}

/** A WAV of the longest take, plus its header. */
const MAX_BODY_BYTES = MAX_TAKE_SECONDS * TAKE_SAMPLE_RATE * 2 + 1024;

export async function startRecordServer(opts: RecordServerOptions): Promise<RecordServer> {
  const scripts = await loadScriptsOrThrow(opts.scriptsDir);
  const scope = { recordingsDir: opts.recordingsDir, locale: opts.locale, voice: opts.voice, ...(opts.narrator ? { narrator: opts.narrator } : {}), ...(opts.only ? { only: opts.only } : {}) };
  const sentences = new Map(scriptSentences(scripts, opts.locale, opts.only).map((s) => [s.key, s]));
  if (sentences.size === 0) throw new TakeError(`no exercise sentences for ${opts.locale}${opts.only?.length ? ` in ${opts.only.join(", ")}` : ""}`);
  // Surfaces an index of another locale before the page opens.
  await readTakeIndex(voiceDir(opts.recordingsDir, opts.locale, opts.voice), opts.locale, opts.voice);
  // The queue is fixed at start: a take kept now stays in the walk (to redo it), and "what is
  // left" is whatever was not good when the session began.
  const initial = await sessionState(scripts, scope);
  const queue = initial.sentences.filter((s) => opts.all || s.status !== "recorded").map((s) => s.key);
  let saving: Promise<unknown> = Promise.resolve();
  let origin = "";

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host ?? "";
    if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) return send(res, 403, { error: "this server answers only on its own address" });
    const url = new URL(req.url ?? "/", origin);
    if (req.method === "GET" && url.pathname === "/") {
      return sendText(res, 200, "text/html; charset=utf-8", recordPage(opts.locale));
    }
    if (req.method === "GET" && url.pathname === "/capture-worklet.js") {
      return sendText(res, 200, "text/javascript; charset=utf-8", CAPTURE_WORKLET);
    }
    if (req.method === "GET" && url.pathname === "/api/session") {
      return send(res, 200, { ...(await sessionState(scripts, scope)), queue });
    }
    const take = /^\/api\/takes\/([0-9a-f]{16})$/.exec(url.pathname);
    if (take) {
      const key = take[1]!;
      const sentence = sentences.get(key);
      if (!sentence) return send(res, 404, { error: "no sentence of this session has that key" });
      if (req.method === "GET") {
        const index = await readTakeIndex(voiceDir(opts.recordingsDir, opts.locale, opts.voice), opts.locale, opts.voice);
        const entry = index?.takes[key];
        const bytes = entry && (await readFile(path.join(voiceDir(opts.recordingsDir, opts.locale, opts.voice), entry.file)).catch(() => undefined));
        if (!bytes) return send(res, 404, { error: "no take of this sentence yet" });
        res.writeHead(200, { "content-type": "audio/flac", "content-length": bytes.length, "cache-control": "no-store" });
        res.end(bytes);
        return;
      }
      if (req.method !== "PUT") return send(res, 405, { error: "keep a take with PUT" }, { allow: "GET, PUT" });
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, { error: "takes are kept only from the recording page" });
      const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
      if (type !== "audio/wav" && type !== "audio/x-wav") return send(res, 415, { error: "send the take as audio/wav" });
      const body = await readBody(req, MAX_BODY_BYTES);
      if (!body) return send(res, 413, { error: `a take lasts at most ${MAX_TAKE_SECONDS} s` });
      // One save at a time: the index is read, changed and written by each.
      const result = saving.then(() =>
        saveTake({ ...scope, key, text: sentence.text, places: sentence.occurrences.map((o) => o.place), wav: body }),
      );
      saving = result.catch(() => undefined);
      try {
        const saved = await result;
        return send(res, 200, { key, samples: saved.entry.samples, warnings: saved.warnings });
      } catch (error) {
        if (error instanceof DiskFullError) return send(res, 507, { error: error.message });
        if (error instanceof TakeError) return send(res, 422, { error: error.message });
        throw error;
      }
    }
    return send(res, 404, { error: "not found" });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof TakeError && !res.headersSent) return send(res, 422, { error: error.message }); // e.g. a damaged index.json
      // The narrator sees a short message; the details go to the terminal.
      console.error(`record: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { error: "something went wrong on the recording server; see its terminal" });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...headers });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

/** The body, or undefined once it passes `limit` bytes (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
