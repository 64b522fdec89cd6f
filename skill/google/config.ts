// Everything the Google entry point reads from the environment, in one place, checked at cold
// start: a misconfigured function should fail with the variable and the fix, not answer someone
// with an error halfway through an exercise. Names match infra/constructs/skill-functions.ts; the
// variables Alexa reads too are in skill/core/skill-environment.ts.
import { ConfigError, envValue, readSkillEnvironment, type SkillEnvironment } from "../core/skill-environment.js";

export interface GoogleConfig extends SkillEnvironment {
  /** Where the header secret comes from: the value itself (local, tests) or an SSM parameter name. */
  secret: { value: string } | { parameterName: string };
}

/** Shorter secrets can be guessed; Dialogflow's header field takes any length. */
export const MIN_SECRET_LENGTH = 16;

export function readGoogleConfig(env: NodeJS.ProcessEnv): GoogleConfig {
  const problems: string[] = [];
  const shared = readSkillEnvironment(
    env,
    { httpsReason: "Google plays media only over HTTPS", maxPersistenceTimeoutMs: 3000, replyDeadline: "Dialogflow waits 5 s in all" },
    problems,
  );

  const secretValue = env.GOOGLE_WEBHOOK_SECRET;
  const parameterName = envValue(env, "GOOGLE_WEBHOOK_SECRET_PARAM");
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
  return { ...shared, secret: secret! };
}
