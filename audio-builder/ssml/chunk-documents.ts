// Packs SSML pieces into as few complete documents as a platform's limits allow, cutting only
// between pieces and, where it can, at chapter boundaries (the unit a listener resumes at).
import type { SsmlPiece } from "./ssml-pieces.js";

export interface DocumentShape {
  /** Wraps a body into a complete document, e.g. `<speak>…</speak>`. */
  wrap(body: string): string;
  maxSize: number;
  /** How the platform counts: characters (Alexa) or UTF-8 bytes (Azure). */
  size(document: string): number;
  /** Longest audio one document may produce (Azure: 10 minutes per request). */
  maxDurationMs?: number;
}

interface Body {
  ssml: string;
  durationMs: number;
}

export function chunkDocuments(pieces: readonly SsmlPiece[], shape: DocumentShape): string[] {
  const overhead = shape.size(shape.wrap(""));
  const fits = (b: Body) =>
    shape.size(b.ssml) + overhead <= shape.maxSize && b.durationMs <= (shape.maxDurationMs ?? Infinity);
  const join = (a: Body, b: Body): Body => ({ ssml: a.ssml + b.ssml, durationMs: a.durationMs + b.durationMs });
  const empty: Body = { ssml: "", durationMs: 0 };

  const docs: string[] = [];
  let body = empty;
  const flush = () => {
    if (body.ssml !== "") docs.push(shape.wrap(body.ssml));
    body = empty;
  };

  for (const group of byChapter(pieces)) {
    const whole = group.reduce<Body>((acc, p) => join(acc, p), empty);
    if (fits(join(body, whole))) {
      body = join(body, whole);
      continue;
    }
    flush();
    if (fits(whole)) {
      body = whole;
      continue;
    }
    // A chapter too big for one document: cut it between events.
    for (const piece of group) {
      if (!fits(piece)) {
        throw new Error(
          `one SSML piece (${shape.size(piece.ssml)} long, ${piece.durationMs} ms) does not fit a document ` +
            `(max ${shape.maxSize}): split the step's text into shorter steps`,
        );
      }
      if (!fits(join(body, piece))) flush();
      body = join(body, piece);
    }
  }
  flush();
  return docs;
}

function byChapter(pieces: readonly SsmlPiece[]): SsmlPiece[][] {
  const groups: SsmlPiece[][] = [];
  for (const piece of pieces) {
    const last = groups.at(-1);
    if (last && last[0]?.chapter === piece.chapter) last.push(piece);
    else groups.push([piece]);
  }
  return groups;
}
