// The environment every skill entry point reads (audio, art, state, catalog, storage budget),
// checked the same way for Alexa and Google. Each platform's config.ts reads its own variables
// next to these and throws one ConfigError that lists every problem at once, so a misconfigured
// Lambda fails its cold start with the variable and the fix. Bundled into both Lambdas: no
// platform SDK, no schema library.

export interface SkillEnvironment {
  /** AUDIO_BASE_URL: HTTPS base the catalog's paths are appended to. */
  audioBaseUrl: string;
  /** ART_URL: cover art (HTTPS) for devices with a screen. Optional. */
  artUrl?: string;
  /** TABLE_NAME: DynamoDB table for user state; unset → JSON files under stateDir. */
  tableName?: string;
  /** STATE_DIR: where the file store writes (local runs and tests). */
  stateDir: string;
  /** CATALOG_FILE: the compact catalog, relative to the handler directory. */
  catalogFile?: string;
  /** PERSISTENCE_TIMEOUT_MS: storage budget per call, well inside the platform's reply deadline. */
  persistenceTimeoutMs?: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const DEFAULT_STATE_DIR = ".cache/skill-state";

/** Where the platforms differ in what they accept. */
export interface SkillEnvironmentRules {
  /** Why plain HTTP is refused, for the message, e.g. "Google plays media only over HTTPS". */
  httpsReason: string;
  /** Highest PERSISTENCE_TIMEOUT_MS: storage must leave time to answer. */
  maxPersistenceTimeoutMs: number;
  /** The platform's reply deadline, for the message, e.g. "Alexa waits 8 s in all". */
  replyDeadline: string;
  /** Used when AUDIO_BASE_URL is unset (a local server that serves dist/ itself). */
  defaultAudioBaseUrl?: string;
  /** Local runs may serve audio over plain HTTP on localhost; Lambda never. */
  allowLocalHttp?: boolean;
}

/** A variable's value, trimmed; unset and blank are the same. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === "" ? undefined : v;
}

/**
 * Reads the shared variables and appends what is wrong with them to `problems`. The result is
 * only meaningful when no problem was added: the caller throws a ConfigError otherwise.
 */
export function readSkillEnvironment(env: NodeJS.ProcessEnv, rules: SkillEnvironmentRules, problems: string[]): SkillEnvironment {
  const allowLocalHttp = rules.allowLocalHttp ?? false;
  const audioBaseUrl = envValue(env, "AUDIO_BASE_URL") ?? rules.defaultAudioBaseUrl;
  if (audioBaseUrl === undefined) {
    problems.push("AUDIO_BASE_URL is not set. Set it to the HTTPS address that serves dist/ (e.g. https://d123.cloudfront.net/).");
  } else {
    const problem = checkUrl("AUDIO_BASE_URL", audioBaseUrl, allowLocalHttp, rules.httpsReason);
    if (problem) problems.push(problem);
  }

  const artUrl = envValue(env, "ART_URL");
  if (artUrl !== undefined) {
    const problem = checkUrl("ART_URL", artUrl, allowLocalHttp, rules.httpsReason);
    if (problem) problems.push(problem);
  }

  let persistenceTimeoutMs: number | undefined;
  const timeout = envValue(env, "PERSISTENCE_TIMEOUT_MS");
  if (timeout !== undefined) {
    persistenceTimeoutMs = Number(timeout);
    if (!Number.isInteger(persistenceTimeoutMs) || persistenceTimeoutMs < 100 || persistenceTimeoutMs > rules.maxPersistenceTimeoutMs) {
      problems.push(
        `PERSISTENCE_TIMEOUT_MS "${timeout}" must be a whole number of milliseconds from 100 to ${rules.maxPersistenceTimeoutMs} (${rules.replyDeadline}).`,
      );
    }
  }

  const environment: SkillEnvironment = { audioBaseUrl: audioBaseUrl ?? "", stateDir: envValue(env, "STATE_DIR") ?? DEFAULT_STATE_DIR };
  if (artUrl !== undefined) environment.artUrl = artUrl;
  const tableName = envValue(env, "TABLE_NAME");
  if (tableName !== undefined) environment.tableName = tableName;
  const catalogFile = envValue(env, "CATALOG_FILE");
  if (catalogFile !== undefined) environment.catalogFile = catalogFile;
  if (persistenceTimeoutMs !== undefined) environment.persistenceTimeoutMs = persistenceTimeoutMs;
  return environment;
}

/** Both platforms stream only over HTTPS with a valid certificate; a local server is the one exception. */
function checkUrl(name: string, raw: string, allowLocalHttp: boolean, httpsReason: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name} "${raw}" is not a URL; use https://host/path/.`;
  }
  if (url.protocol === "https:") return undefined;
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol === "http:" && allowLocalHttp && local) return undefined;
  return `${name} "${raw}" must use https:// (${httpsReason}).`;
}
