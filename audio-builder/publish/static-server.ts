// A small static file server for dist/: enough for a quick look with `npm run serve` and for the
// browser tests. <audio> seeks with Range requests and expects 206 answers, so those are served;
// everything else is a plain GET/HEAD of a file under the root.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/rss+xml; charset=utf-8",
  ".vtt": "text/vtt; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".mp3": "audio/mpeg",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

export function createStaticServer(root: string): Server {
  const base = path.resolve(root);
  return createServer((req, res) => {
    serve(base, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
}

async function serve(base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const file = resolveFile(base, req.url ?? "/");
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  const target = info?.isDirectory() ? path.join(file!, "index.html") : file;
  const targetInfo = info?.isDirectory() ? await stat(target!).catch(() => undefined) : info;
  if (!target || !targetInfo?.isFile()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }

  const size = targetInfo.size;
  const headers: Record<string, string | number> = {
    "content-type": mimeType(target),
    "accept-ranges": "bytes",
    "last-modified": targetInfo.mtime.toUTCString(),
    "cache-control": "no-cache",
  };
  const range = parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "content-range": `bytes */${size}` }).end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  const length = size === 0 ? 0 : end - start + 1;
  if (range) headers["content-range"] = `bytes ${start}-${end}/${size}`;
  headers["content-length"] = length;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === "HEAD" || length === 0) {
    res.end();
    return;
  }
  createReadStream(target, { start, end })
    .on("error", () => res.destroy())
    .pipe(res);
}

/** The file under `base` a URL names, or undefined when it would escape the root. */
function resolveFile(base: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://localhost").pathname);
  } catch {
    return undefined;
  }
  const file = path.resolve(base, `.${pathname}`);
  return file === base || file.startsWith(base + path.sep) ? file : undefined;
}

/**
 * One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), which is all that browsers send for media.
 * Several ranges or a malformed header are answered with the whole file, as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): [number, number] | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return undefined;
  let start: number;
  let end: number;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return [start, end];
}
