// Everything the Google entry point reads from the environment, in one place, checked at cold
// start: a misconfigured function should fail with the variable and the fix, not answer someone
// with an error halfway through an exercise. Names match infra/constructs/skill-functions.ts.

export interface GoogleConfig {
  /** AUDIO_BASE_URL: HTTPS base the catalog's paths are appended to. */
  audioBaseUrl: string;
  /** ART_URL: HTTPS image shown with the media response on screens. Optional. */
  artUrl?: string;
  /** TABLE_NAME: DynamoDB table for user state; unset → JSON files under stateDir. */
  tableName?: string;
  /** STATE_DIR: where the file store writes (local runs and tests). */
  stateDir: string;
  /** CATALOG_FILE: the compact catalog, relative to the handler directory. */
  catalogFile?: string;
  /** PERSISTENCE_TIMEOUT_MS: storage budget per call, well inside Dialogflow's 5 s. */
  persistenceTimeoutMs?: number;
  /** Where the header secret comes from: the value itself (local, tests) or an SSM parameter name. */
  secret: { value: string } | { parameterName: string };
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const DEFAULT_STATE_DIR = ".cache/skill-state";
/** Shorter secrets can be guessed; Dialogflow's header field takes any length. */
export const MIN_SECRET_LENGTH = 16;

export function readGoogleConfig(env: NodeJS.ProcessEnv): GoogleConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };

  const audioBaseUrl = value("AUDIO_BASE_URL");
  if (audioBaseUrl === undefined) {
    problems.push("AUDIO_BASE_URL is not set. Set it to the HTTPS address that serves dist/ (e.g. https://d123.cloudfront.net/).");
  } else {
    const problem = checkHttps("AUDIO_BASE_URL", audioBaseUrl);
    if (problem) problems.push(problem);
  }

  const artUrl = value("ART_URL");
  if (artUrl !== undefined) {
    const problem = checkHttps("ART_URL", artUrl);
    if (problem) problems.push(problem);
  }

  let persistenceTimeoutMs: number | undefined;
  const timeout = value("PERSISTENCE_TIMEOUT_MS");
  if (timeout !== undefined) {
    persistenceTimeoutMs = Number(timeout);
    if (!Number.isInteger(persistenceTimeoutMs) || persistenceTimeoutMs < 100 || persistenceTimeoutMs > 3000) {
      problems.push(`PERSISTENCE_TIMEOUT_MS "${timeout}" must be a whole number of milliseconds from 100 to 3000 (Dialogflow waits 5 s in all).`);
    }
  }

  const secretValue = env.GOOGLE_WEBHOOK_SECRET;
  const parameterName = value("GOOGLE_WEBHOOK_SECRET_PARAM");
  let secret: GoogleConfig["secret"] | undefined;
  if (secretValue !== undefined && secretValue !== "") {
    if (secretValue.length < MIN_SECRET_LENGTH) {
      problems.push(`GOOGLE_WEBHOOK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters; generate one with \`openssl rand -hex 32\`.`);
    }
    secret = { value: secretValue };
  } else if (parameterName !== undefined) {
    secret = { parameterName };
  } else {
    problems.push(
      "Neither GOOGLE_WEBHOOK_SECRET nor GOOGLE_WEBHOOK_SECRET_PARAM is set. In AWS set GOOGLE_WEBHOOK_SECRET_PARAM to the " +
        "SSM SecureString holding the header secret (infra does); locally set GOOGLE_WEBHOOK_SECRET.",
    );
  }

  if (problems.length > 0) throw new ConfigError(`Google webhook configuration:\n  - ${problems.join("\n  - ")}`);
  const config: GoogleConfig = { audioBaseUrl: audioBaseUrl!, stateDir: value("STATE_DIR") ?? DEFAULT_STATE_DIR, secret: secret! };
  if (artUrl !== undefined) config.artUrl = artUrl;
  const tableName = value("TABLE_NAME");
  if (tableName !== undefined) config.tableName = tableName;
  const catalogFile = value("CATALOG_FILE");
  if (catalogFile !== undefined) config.catalogFile = catalogFile;
  if (persistenceTimeoutMs !== undefined) config.persistenceTimeoutMs = persistenceTimeoutMs;
  return config;
}

/** Google plays media only over HTTPS. */
function checkHttps(name: string, raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name} "${raw}" is not a URL; use https://host/path/.`;
  }
  return url.protocol === "https:" ? undefined : `${name} "${raw}" must use https:// (Google plays media only over HTTPS).`;
}
