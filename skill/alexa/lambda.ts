// The Alexa skill's Lambda entry. The skill is built once per container, at cold start, so a
// configuration mistake fails the init phase with a clear message instead of a person's request.
import { alexaHandler, createAlexaSkillFromEnv } from "./skill-builder.js";

const skill = createAlexaSkillFromEnv(process.env);

export const handler = alexaHandler(skill);
