// The public address dist/ is served from. Podcast apps fetch enclosures and cover art from
// absolute URLs only, so the feeds need it; the page does not (its links are relative).

/** `--base-url` wins over PUBLIC_BASE_URL; undefined when neither is set. Throws a readable error when invalid. */
export function resolveBaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const [value, origin] = flag !== undefined ? [flag, "--base-url"] : [env.PUBLIC_BASE_URL, "PUBLIC_BASE_URL"];
  if (value === undefined || value.trim() === "") return undefined;
  return normaliseBaseUrl(value.trim(), origin);
}

/** An absolute http(s) URL ending in "/", so dist-relative paths resolve under it. */
export function normaliseBaseUrl(value: string, origin = "base URL"): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${origin} must be an absolute http(s) URL such as https://rustpunt.example.org/, not ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${origin} must start with https:// (or http:// for a local test), not ${JSON.stringify(value)}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`${origin} must be a plain address without query, fragment or credentials: ${JSON.stringify(value)}`);
  }
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

/** A dist-relative path (forward slashes) under the base URL, each segment percent-encoded. */
export function publicUrl(baseUrl: string, relative: string): string {
  return new URL(relative.split("/").map(encodeURIComponent).join("/"), baseUrl).href;
}
