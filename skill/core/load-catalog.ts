// Reads the catalog once per container. A missing or malformed catalog is a deployment
// mistake: fail at start-up with the file, the field and the fix, not on someone's first request.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CATALOG_VERSION } from "../../audio-builder/catalog/catalog-types.js";
import type { SkillCatalog as Catalog } from "../../audio-builder/catalog/skill-catalog-types.js";

export const DEFAULT_CATALOG_FILE = "skill-catalog.json";

export class CatalogError extends Error {
  override readonly name = "CatalogError";
}

export interface LoadCatalogOptions {
  /** Catalog file; relative paths resolve against baseDir. Default: env CATALOG_FILE, else skill-catalog.json. */
  file?: string;
  /** The handler's directory (Lambda: LAMBDA_TASK_ROOT). Default: LAMBDA_TASK_ROOT or the working directory. */
  baseDir?: string;
  env?: NodeJS.ProcessEnv;
}

const loaded = new Map<string, Catalog>();

export function catalogPath(options: LoadCatalogOptions = {}): string {
  const env = options.env ?? process.env;
  const file = options.file ?? env.CATALOG_FILE ?? DEFAULT_CATALOG_FILE;
  const base = options.baseDir ?? env.LAMBDA_TASK_ROOT ?? process.cwd();
  return path.resolve(base, file);
}

export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const file = catalogPath(options);
  const cached = loaded.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CatalogError(
      `${file}: cannot read the catalog (${(error as NodeJS.ErrnoException).code ?? String(error)}). ` +
        `Run \`npm run build\` and ship dist/${DEFAULT_CATALOG_FILE} with the handler, or set CATALOG_FILE.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`${file}: not valid JSON (${(error as Error).message}). Rebuild it with \`npm run build\`.`);
  }
  const catalog = validateCatalog(data, file);
  loaded.set(file, catalog);
  return catalog;
}

/** Checks the fields the skill relies on; the build's own types guarantee the rest. */
export function validateCatalog(data: unknown, file = "catalog"): Catalog {
  const fail = (field: string, expected: string): never => {
    throw new CatalogError(`${file}: ${field} ${expected}. Rebuild the catalog with \`npm run build\`.`);
  };
  if (!isObject(data)) return fail("the top level", "must be an object");
  if (data.version !== CATALOG_VERSION) fail("version", `must be ${CATALOG_VERSION} (found ${JSON.stringify(data.version)})`);
  for (const key of ["locales", "exercises", "tracks", "info"]) if (!Array.isArray(data[key])) fail(key, "must be a list");

  (data.exercises as unknown[]).forEach((e, i) => {
    const at = `exercises[${i}]`;
    if (!isObject(e)) return fail(at, "must be an object");
    for (const key of ["id", "locale", "title"]) if (typeof e[key] !== "string") fail(`${at}.${key}`, "must be text");
    if (!Array.isArray(e.synonyms) || !e.synonyms.every((s) => typeof s === "string")) fail(`${at}.synonyms`, "must be a list of text");
  });
  (data.tracks as unknown[]).forEach((t, i) => {
    const at = `tracks[${i}]`;
    if (!isObject(t)) return fail(at, "must be an object");
    for (const key of ["id", "exercise", "locale", "title", "length", "ending"]) {
      if (typeof t[key] !== "string") fail(`${at}.${key}`, "must be text");
    }
    if (typeof t.durationMs !== "number" || !(t.durationMs > 0)) fail(`${at}.durationMs`, "must be a positive number");
    if (!Array.isArray(t.chapters) || !t.chapters.every((c) => isObject(c) && typeof c.startMs === "number")) {
      fail(`${at}.chapters`, "must be a list of { id, title, startMs }");
    }
    const files = t.files;
    if (!isObject(files) || !isObject(files.alexa) || typeof files.alexa.path !== "string") fail(`${at}.files.alexa.path`, "must be text");
    if (!isObject(t.ssml) || !Array.isArray(t.ssml.alexa) || !t.ssml.alexa.every((s) => typeof s === "string")) {
      fail(`${at}.ssml.alexa`, "must be a list of SSML documents");
    }
  });
  (data.info as unknown[]).forEach((info, i) => {
    const at = `info[${i}]`;
    if (!isObject(info)) return fail(at, "must be an object");
    for (const key of ["id", "locale", "title", "intro", "ssml"]) if (typeof info[key] !== "string") fail(`${at}.${key}`, "must be text");
    if (!Array.isArray(info.items) || !info.items.every((it) => isObject(it) && typeof it.title === "string" && typeof it.text === "string")) {
      fail(`${at}.items`, "must be a list of { title, text, ssml }");
    }
  });
  return data as unknown as Catalog;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
