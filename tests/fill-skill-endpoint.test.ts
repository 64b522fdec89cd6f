// npm run skill:package on a temp copy of an ASK skill package.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SKILL_MANIFEST, fillSkillEndpoint } from "../infra/fill-skill-endpoint.js";

const ARN = "arn:aws:lambda:eu-west-1:123456789012:function:Rustpunt-SkillAlexaFunctionA4E4E521-AbCdEf123456";

// The ASK CLI skill-package layout; the real one replaces it when the skill package is in the repo.
const ASK_MANIFEST = {
  manifest: {
    publishingInformation: { locales: { "nl-NL": { name: "Rustpunt" } } },
    apis: {
      custom: {
        endpoint: { uri: "https://example.invalid/alexa", sslCertificateType: "Wildcard" },
        interfaces: [{ type: "AUDIO_PLAYER" }],
      },
    },
    manifestVersion: "1.0",
  },
};

let dir: string;
let manifestFile: string;
let outputsFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rustpunt-skill-package-"));
  manifestFile = join(dir, "skill.json");
  outputsFile = join(dir, "cdk-outputs.json");
  const source = existsSync(DEFAULT_SKILL_MANIFEST) ? readFileSync(DEFAULT_SKILL_MANIFEST, "utf8") : JSON.stringify(ASK_MANIFEST);
  writeFileSync(manifestFile, source);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("fillSkillEndpoint", () => {
  it("writes the Alexa function ARN from the stack outputs into the manifest and keeps the rest", async () => {
    writeFileSync(outputsFile, JSON.stringify({ Rustpunt: { AlexaEndpointArn: ARN, CdnUrl: "https://d1.cloudfront.net" } }));
    const before = JSON.parse(readFileSync(manifestFile, "utf8"));

    await expect(fillSkillEndpoint(outputsFile, manifestFile)).resolves.toBe(ARN);

    const after = JSON.parse(readFileSync(manifestFile, "utf8"));
    expect(after.manifest.apis.custom.endpoint).toEqual({ uri: ARN });
    expect(after.manifest.apis.custom.interfaces).toEqual(before.manifest.apis.custom.interfaces);
    expect(after.manifest.publishingInformation).toEqual(before.manifest.publishingInformation);
    // Written atomically: no temp file left behind.
    expect(readdirSync(dir).sort()).toEqual(["cdk-outputs.json", "skill.json"]);
  });

  it("names the file and the fix when the deploy has not run", async () => {
    await expect(fillSkillEndpoint(outputsFile, manifestFile)).rejects.toThrow(/cdk-outputs\.json: not found; run npm run deploy first/);
  });

  it("refuses outputs without the Alexa endpoint or with something that is not a Lambda ARN", async () => {
    writeFileSync(outputsFile, JSON.stringify({ Rustpunt: { CdnUrl: "https://d1.cloudfront.net" } }));
    await expect(fillSkillEndpoint(outputsFile, manifestFile)).rejects.toThrow(/no stack output AlexaEndpointArn/);
    writeFileSync(outputsFile, JSON.stringify({ Rustpunt: { AlexaEndpointArn: "https://evil.example" } }));
    await expect(fillSkillEndpoint(outputsFile, manifestFile)).rejects.toThrow(/is not a Lambda function ARN/);
    expect(JSON.parse(readFileSync(manifestFile, "utf8")).manifest.apis.custom.endpoint.uri).not.toBe("https://evil.example");
  });

  it("refuses a manifest without a custom skill API", async () => {
    writeFileSync(outputsFile, JSON.stringify({ Rustpunt: { AlexaEndpointArn: ARN } }));
    writeFileSync(manifestFile, JSON.stringify({ manifest: { apis: {} } }));
    await expect(fillSkillEndpoint(outputsFile, manifestFile)).rejects.toThrow(/skill\.json: no manifest\.apis\.custom/);
  });
});
