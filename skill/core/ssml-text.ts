// Spoken text goes into SSML: escape what we write ourselves, unwrap what the build already rendered.
export function escapeSpeech(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The catalog holds complete <speak> documents; a response plan carries bodies only. */
export function speakBody(ssml: string): string {
  const match = /^\s*(?:<\?xml[^>]*>\s*)?<speak\b[^>]*>([\s\S]*)<\/speak>\s*$/.exec(ssml);
  return (match ? match[1]! : ssml).trim();
}

/** Joins speech parts (already SSML) with a space, skipping empty ones. */
export function joinSpeech(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p.trim() !== "").join(" ");
}
