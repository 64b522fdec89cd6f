// Shared by the SSML tests: read text and breaks back out of rendered documents.
const UNESCAPE: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

export const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (e) => UNESCAPE[e] ?? e);

/** The spoken sentences, in order, as the renderers wrap them. */
export function spokenTexts(doc: string): string[] {
  return [...doc.matchAll(/<s>([^<]*)<\/s>|<prosody rate="[^"]*">([^<]*)<\/prosody>/g)].map((m) => unescapeXml(m[1] ?? m[2] ?? ""));
}

export function breakDurations(doc: string): number[] {
  return [...doc.matchAll(/<break time="(\d+)ms"\/>/g)].map((m) => Number(m[1]));
}
