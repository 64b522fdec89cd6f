// The whole product in one stack: audio on a CDN, the skill on Lambda, its state in DynamoDB.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Stack, type StackProps } from "aws-cdk-lib";
import { StringParameter } from "aws-cdk-lib/aws-ssm";
import type { Construct } from "constructs";
import { AudioDistribution } from "./constructs/audio-distribution.js";
import { Operations } from "./constructs/operations.js";
import { SkillFunctions } from "./constructs/skill-functions.js";
import { SkillState } from "./constructs/skill-state.js";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_GOOGLE_SECRET_PARAMETER = "/rustpunt/google-webhook-secret";
const ALEXA_SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f-]{36}$/;

export interface RustpuntStackProps extends StackProps {
  /** The Alexa skill ID from the developer console (amzn1.ask.skill.<uuid>). */
  alexaSkillId: string;
  /** Built output of `npm run build`; default <repo>/dist. */
  distDir?: string;
  /** The skill's compact catalog; default <distDir>/skill-catalog.json. */
  skillCatalogFile?: string;
  /** Name of the SSM SecureString parameter holding the Dialogflow webhook secret. */
  googleWebhookSecretParameter?: string;
  /** Repository root (package-lock.json, skill entry points); default: this repository. */
  projectRoot?: string;
}

export class RustpuntStack extends Stack {
  readonly audio: AudioDistribution;
  readonly state: SkillState;
  readonly skill: SkillFunctions;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: RustpuntStackProps) {
    super(scope, id, props);
    if (!ALEXA_SKILL_ID.test(props.alexaSkillId)) {
      throw new Error(
        `RustpuntStack: alexaSkillId "${props.alexaSkillId}" is not a skill ID. Pass -c alexaSkillId=amzn1.ask.skill.<uuid> (Alexa developer console → your skill → Copy skill ID).`,
      );
    }
    const projectRoot = props.projectRoot ?? REPO_ROOT;
    const distDir = props.distDir ?? join(projectRoot, "dist");

    this.audio = new AudioDistribution(this, "Audio", { distDir });
    this.state = new SkillState(this, "State");
    this.operations = new Operations(this, "Operations", { platforms: ["alexa", "google"] });
    this.skill = new SkillFunctions(this, "Skill", {
      projectRoot,
      skillCatalogFile: props.skillCatalogFile ?? join(distDir, "skill-catalog.json"),
      audioBaseUrl: this.audio.baseUrl,
      state: this.state,
      alexaSkillId: props.alexaSkillId,
      googleWebhookSecret: StringParameter.fromSecureStringParameterAttributes(this, "GoogleWebhookSecret", {
        parameterName: props.googleWebhookSecretParameter ?? DEFAULT_GOOGLE_SECRET_PARAMETER,
      }),
      logGroups: this.operations.logGroups,
    });
    this.operations.watch("alexa", this.skill.alexa);
    this.operations.watch("google", this.skill.google);
    this.operations.publish({
      alexaEndpointArn: this.skill.alexa.functionArn,
      googleWebhookUrl: this.skill.googleUrl.url,
      cdnUrl: this.audio.baseUrl,
    });
  }
}
