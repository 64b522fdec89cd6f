// Everything the Alexa entry points read from the environment, in one place, checked at start-up:
// a misconfigured Lambda should fail its cold start with the variable and the fix, not answer a
// person with an error in the middle of an exercise. The variables Google reads too are in
// skill/core/skill-environment.ts.
import { ConfigError, envValue, readSkillEnvironment, type SkillEnvironment } from "../core/skill-environment.js";

export interface AlexaConfig extends SkillEnvironment {
  /** ALEXA_SKILL_ID: requests for any other skill are rejected. Required in Lambda. */
  skillId?: string;
}

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
  const skillId = envValue(env, "ALEXA_SKILL_ID");
  if (skillId === undefined && options.requireSkillId) {
    problems.push("ALEXA_SKILL_ID is not set. Copy the skill ID from the Alexa developer console (amzn1.ask.skill.<uuid>).");
  } else if (skillId !== undefined && !SKILL_ID.test(skillId)) {
    problems.push(`ALEXA_SKILL_ID "${skillId}" is not a skill ID; it looks like amzn1.ask.skill.<uuid>.`);
  }

  const shared = readSkillEnvironment(
    env,
    {
      httpsReason: "Alexa plays audio only over HTTPS with a valid certificate",
      maxPersistenceTimeoutMs: 5000,
      replyDeadline: "Alexa waits 8 s in all",
      defaultAudioBaseUrl: options.defaultAudioBaseUrl,
      allowLocalHttp: options.allowLocalHttp,
    },
    problems,
  );

  if (problems.length > 0) {
    throw new ConfigError(`Alexa skill configuration:\n  - ${problems.join("\n  - ")}`);
  }
  const config: AlexaConfig = { ...shared };
  if (skillId !== undefined) config.skillId = skillId;
  return config;
}

/** True inside AWS Lambda, where the skill ID check is not optional. */
export function inLambda(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
}
