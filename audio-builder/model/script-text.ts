// A script file's bytes → its text, or a problem a writer can act on: too large a file, or bytes
// that are not UTF-8 (a file saved as Latin-1 or Windows-1252 turns "één" into "�n" in every title,
// tag and page; it is refused with the place of the first bad byte instead).
import type { SyntaxProblem } from "./yaml-locations.js";

/** Far above any real script (the longest is ~10 KB); keeps a mistaken file from costing minutes. */
export const MAX_SCRIPT_BYTES = 256 * 1024;

export function scriptText(bytes: Uint8Array): { text: string } | { problem: SyntaxProblem } {
  if (bytes.byteLength > MAX_SCRIPT_BYTES) {
    return {
      problem: {
        line: 1,
        column: 1,
        message: `the file is ${Math.ceil(bytes.byteLength / 1024)} KB; a script is at most ${MAX_SCRIPT_BYTES / 1024} KB: split it into several exercises`,
      },
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === undefined) return { text: new TextDecoder("utf-8").decode(bytes) };
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  const line = countNewlines(bytes, lineStart) + 1;
  const column = [...new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad))].length + 1;
  const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, "0");
  return {
    problem: {
      line,
      column,
      message: `the file is not UTF-8 (byte ${hex} here): save it as UTF-8 in your editor (it was probably saved as Latin-1 or Windows-1252)`,
    },
  };
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return undefined;
}
