// `cdk synth` / `cdk deploy` entry (cdk.json). Environment-agnostic: no account or region is
// looked up, so synth works offline; deploy takes them from the AWS credentials.
import { App } from "aws-cdk-lib";
import { applyNagChecks } from "./nag-checks.js";
import { RustpuntStack } from "./rustpunt-stack.js";

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

const alexaSkillId = context("alexaSkillId");
if (!alexaSkillId) {
  console.error(
    "infra/app.ts: no Alexa skill ID. Run: npm run deploy -- -c alexaSkillId=amzn1.ask.skill.<uuid> (Alexa developer console → your skill → Copy skill ID).",
  );
  process.exit(1);
}

new RustpuntStack(app, "Rustpunt", {
  alexaSkillId,
  distDir: context("distDir"),
  googleWebhookSecretParameter: context("googleWebhookSecretParameter"),
  description: "Rustpunt: guided relaxation audio, Alexa skill and Dialogflow webhook",
});
applyNagChecks(app);
