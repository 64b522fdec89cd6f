// Every piece of catalogue text goes through this before it lands in HTML (text or attribute).
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A relative URL for href/src: each path segment percent-encoded, then HTML-escaped. */
export function escapeUrlPath(relative: string): string {
  return escapeHtml(relative.split("/").map(encodeURIComponent).join("/"));
}
