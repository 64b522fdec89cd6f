// Everything the Alexa entry points read from the environment, in one place, checked at start-up:
// a misconfigured Lambda should fail its cold start with the variable and the fix, not answer a
// person with an error in the middle of an exercise.

export interface AlexaConfig {
  /** ALEXA_SKILL_ID: requests for any other skill are rejected. Required in Lambda. */
  skillId?: string;
  /** AUDIO_BASE_URL: HTTPS base the catalog's alexa paths are appended to. */
  audioBaseUrl: string;
  /** ART_URL: cover art (HTTPS) for devices with a screen. Optional. */
  artUrl?: string;
  /** TABLE_NAME: DynamoDB table for user state; unset → JSON files under stateDir. */
  tableName?: string;
  /** STATE_DIR: where the file store writes (local runs only). */
  stateDir: string;
  /** CATALOG_FILE: the compact catalog, relative to the handler directory. */
  catalogFile?: string;
  /** PERSISTENCE_TIMEOUT_MS: storage budget per call, well inside Alexa's 8 s. */
  persistenceTimeoutMs?: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const DEFAULT_STATE_DIR = ".cache/skill-state";
const SKILL_ID = /^amzn1\.(ask\.skill|echo-sdk-ams\.app)\.[0-9A-Za-z-]+$/;

export interface ReadConfigOptions {
  /** Lambda must verify the skill ID; the local server and tests may leave it open. */
  requireSkillId: boolean;
  /** Used when AUDIO_BASE_URL is unset (the local server serves dist/ itself). */
  defaultAudioBaseUrl?: string;
  /** Local runs may serve audio over plain HTTP on localhost; Lambda never. */
  allowLocalHttp?: boolean;
}

export function readAlexaConfig(env: NodeJS.ProcessEnv, options: ReadConfigOptions): AlexaConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };

  const skillId = value("ALEXA_SKILL_ID");
  if (skillId === undefined && options.requireSkillId) {
    problems.push("ALEXA_SKILL_ID is not set. Copy the skill ID from the Alexa developer console (amzn1.ask.skill.<uuid>).");
  } else if (skillId !== undefined && !SKILL_ID.test(skillId)) {
    problems.push(`ALEXA_SKILL_ID "${skillId}" is not a skill ID; it looks like amzn1.ask.skill.<uuid>.`);
  }

  const audioBaseUrl = value("AUDIO_BASE_URL") ?? options.defaultAudioBaseUrl;
  if (audioBaseUrl === undefined) {
    problems.push("AUDIO_BASE_URL is not set. Set it to the HTTPS address that serves dist/ (e.g. https://d123.cloudfront.net/).");
  } else {
    const problem = checkUrl("AUDIO_BASE_URL", audioBaseUrl, options.allowLocalHttp ?? false);
    if (problem) problems.push(problem);
  }

  const artUrl = value("ART_URL");
  if (artUrl !== undefined) {
    const problem = checkUrl("ART_URL", artUrl, options.allowLocalHttp ?? false);
    if (problem) problems.push(problem);
  }

  let persistenceTimeoutMs: number | undefined;
  const timeout = value("PERSISTENCE_TIMEOUT_MS");
  if (timeout !== undefined) {
    persistenceTimeoutMs = Number(timeout);
    if (!Number.isInteger(persistenceTimeoutMs) || persistenceTimeoutMs < 100 || persistenceTimeoutMs > 5000) {
      problems.push(`PERSISTENCE_TIMEOUT_MS "${timeout}" must be a whole number of milliseconds from 100 to 5000 (Alexa waits 8 s in all).`);
    }
  }

  if (problems.length > 0) {
    throw new ConfigError(`Alexa skill configuration:\n  - ${problems.join("\n  - ")}`);
  }
  const config: AlexaConfig = { audioBaseUrl: audioBaseUrl!, stateDir: value("STATE_DIR") ?? DEFAULT_STATE_DIR };
  if (skillId !== undefined) config.skillId = skillId;
  if (artUrl !== undefined) config.artUrl = artUrl;
  const tableName = value("TABLE_NAME");
  if (tableName !== undefined) config.tableName = tableName;
  const catalogFile = value("CATALOG_FILE");
  if (catalogFile !== undefined) config.catalogFile = catalogFile;
  if (persistenceTimeoutMs !== undefined) config.persistenceTimeoutMs = persistenceTimeoutMs;
  return config;
}

/** Alexa streams only over HTTPS with a valid certificate; the local server is the one exception. */
function checkUrl(name: string, raw: string, allowLocalHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name} "${raw}" is not a URL; use https://host/path/.`;
  }
  if (url.protocol === "https:") return undefined;
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol === "http:" && allowLocalHttp && local) return undefined;
  return `${name} "${raw}" must use https:// (Alexa plays audio only over HTTPS with a valid certificate).`;
}

/** True inside AWS Lambda, where the skill ID check is not optional. */
export function inLambda(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
}
