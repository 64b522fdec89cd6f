// What the local servers (`npm run skill:local`, `npm run google:local`) share: the port from the
// environment, a request body read with a size limit, and short JSON answers. Local development
// only: Lambda receives its events from AWS, never through these.
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** The local servers listen on the loopback interface only. */
export const LOCAL_HOST = "127.0.0.1";

/** PORT, or `fallback`; 0 asks the system for a free port (the tests do). */
export function localPort(env: NodeJS.ProcessEnv, fallback: number): number {
  const raw = env.PORT?.trim();
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${env.PORT}" is not a port number (1-65535, or 0 for any free port).`);
  return port;
}

export interface ReadBody {
  /** Everything received, or, when `complete` is false, the first bytes past the limit. */
  bytes: Buffer;
  /** False when the body passed the limit: the rest was not read (see dropRest). */
  complete: boolean;
}

/** Reads the body, but never keeps much more than `limit` bytes of it. */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve({ bytes: Buffer.concat(chunks), complete: false });
      }
    };
    req.on("data", onData);
    req.once("end", () => resolve({ bytes: Buffer.concat(chunks), complete: true }));
    req.once("error", reject);
  });
}

/**
 * After answering a request whose body was not read to the end (answer it with `connection:
 * close`): the client may still be sending. The rest is read and dropped, up to a bound, so the
 * client gets the answer rather than a reset connection.
 */
export function dropRest(req: IncomingMessage): void {
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** How much of a refused body is read and dropped before the connection is cut. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Starts listening on the loopback interface and resolves with the port actually used. */
export function listenLocally(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOCAL_HOST, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
