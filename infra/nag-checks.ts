// cdk-nag v3 is a CDK policy-validation plugin: synth fails on any unacknowledged error.
// Acknowledgements live next to the construct whose choice they explain.
import { Validations, type App } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";

export function applyNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
