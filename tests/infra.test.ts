// The CDK app, synthesized once offline: resources, their security properties, cdk-nag, and the
// Lambda bundles compared byte for byte with what the benchmark builds.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, type Dirent } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { App, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Bucket } from "aws-cdk-lib/aws-s3";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyNagChecks } from "../infra/nag-checks.js";
import { REPO_ROOT, RustpuntStack } from "../infra/rustpunt-stack.js";
import { BUNDLE_FILE, CATALOG_FILE, SKILL_ENTRIES, bundleSkill, lambdaBundlingOptions } from "../infra/bundle-options.js";

const SKILL_ID = "amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef";
// Values a developer might have in their shell while deploying: none may reach the template.
const FIXTURE_SECRET = "rustpunt-test-webhook-secret-7f3a9c";
const FIXTURE_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
const SKILL_CATALOG = JSON.stringify({ version: 1, fixture: "skill-catalog for infra.test.ts" });

let work: string;
let stack: RustpuntStack;
let template: Template;
let templateJson: string;
let assembly: CloudAssembly;

/** The staged folder of an asset, from its S3 key (<hash>.zip) in the template. */
function assetPath(s3Key: string): string {
  const manifest = JSON.parse(readFileSync(join(assembly.directory, `${stack.artifactId}.assets.json`), "utf8")) as {
    files: Record<string, { source: { path: string } }>;
  };
  return join(assembly.directory, manifest.files[s3Key.replace(/\.zip$/, "")]!.source.path);
}

function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

function fixtureDist(dir: string): void {
  const files: Record<string, string> = {
    "catalog.json": "{}",
    "skill-catalog.json": SKILL_CATALOG,
    ".build-manifest.json": "{}",
    ".staging-1-abc/audio/nl-NL/half-built.mp3": "interrupted build",
    "dialogflow-agent.zip": "PK",
    "index.html": "<!doctype html><title>Rustpunt</title>",
    "en-US.html": "<!doctype html><title>Rustpunt</title>",
    "feed-nl-NL.xml": "<rss/>",
    "cover.png": "png",
    "audio/nl-NL/ademhaling-short-wake.mp3": "not really audio",
    "audio/nl-NL/alexa/ademhaling-short-wake.mp3": "not really audio either",
    "transcripts/nl-NL/ademhaling-short-wake.vtt": "WEBVTT\n",
    "calendar/nl-NL/ademhaling-every-evening.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "rustpunt-infra-"));
  const dist = join(work, "dist");
  fixtureDist(dist);
  process.env.GOOGLE_WEBHOOK_SECRET = FIXTURE_SECRET;
  process.env.AWS_ACCESS_KEY_ID = FIXTURE_ACCESS_KEY;

  const app = new App({ outdir: join(work, "cdk.out") });
  stack = new RustpuntStack(app, "Rustpunt", { alexaSkillId: SKILL_ID, distDir: dist });
  applyNagChecks(app);
  // Synthesis runs cdk-nag and throws on any unacknowledged error.
  template = Template.fromStack(stack);
  assembly = app.synth();
  templateJson = JSON.stringify(template.toJSON());
});

afterAll(() => {
  delete process.env.GOOGLE_WEBHOOK_SECRET;
  delete process.env.AWS_ACCESS_KEY_ID;
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("audio bucket", () => {
  it("blocks all public access, is encrypted and versioned", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      VersioningConfiguration: { Status: "Enabled" },
    });
  });

  it("denies every request without TLS and grants reads to CloudFront only", () => {
    const policies = Object.values(template.findResources("AWS::S3::BucketPolicy"));
    expect(policies).toHaveLength(1);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Record<string, any>[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Action: "s3:*",
        Principal: { AWS: "*" },
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
    const allows = statements.filter((s) => s.Effect === "Allow");
    const principals = allows.map((s) => JSON.stringify(s.Principal));
    expect(principals).toContain(JSON.stringify({ Service: "cloudfront.amazonaws.com" }));
    expect(principals.every((p) => !p.includes('"*"'))).toBe(true);
  });
});

describe("CloudFront distribution", () => {
  it("reads the bucket through origin access control and forces HTTPS", () => {
    template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: "" } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: "redirect-to-https" }),
        DefaultRootObject: "index.html",
      }),
    });
    const [distribution] = Object.values(template.findResources("AWS::CloudFront::Distribution"));
    const behaviours = distribution!.Properties.DistributionConfig.CacheBehaviors as Record<string, any>[];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(["*.html", "*.vtt", "catalog.json", "feed-*.xml"]);
    for (const b of behaviours) expect(["redirect-to-https", "https-only"]).toContain(b.ViewerProtocolPolicy);
    // The default *.cloudfront.net certificate: no ACM certificate, no alias to renew.
    expect(distribution!.Properties.DistributionConfig.ViewerCertificate).toBeUndefined();
  });

  it("keeps tracks long and the catalog, page, feeds and transcripts short", () => {
    const ttls = Object.values(template.findResources("AWS::CloudFront::CachePolicy")).map(
      (p) => p.Properties.CachePolicyConfig.MaxTTL as number,
    );
    expect(ttls.sort((a, b) => a - b)).toEqual([300, 365 * 24 * 3600]);
  });

  it("deploys dist/ in three syncs: tracks first, then the short-lived files and the calendars with short cache headers", () => {
    const deployments = Object.values(template.findResources("Custom::CDKBucketDeployment"));
    expect(deployments).toHaveLength(3);
    const cacheControl = deployments.map((d) => (d.Properties.SystemMetadata as { "cache-control": string })["cache-control"]);
    expect(cacheControl).toContain("public, max-age=300");
    expect(cacheControl).toContain("public, max-age=86400, s-maxage=31536000");
    const catalogDeployment = deployments.find(
      (d) => d.Properties.SystemMetadata["cache-control"] === "public, max-age=300" && !d.Properties.SystemMetadata["content-type"],
    )!;
    expect(catalogDeployment.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/DeployTracks/)]));
    // Calendar apps and browsers open .ics only as text/calendar: that sync sets the type itself.
    const calendarDeployment = deployments.find((d) => d.Properties.SystemMetadata["content-type"])!;
    expect(calendarDeployment.Properties.SystemMetadata).toMatchObject({ "content-type": "text/calendar; charset=utf-8", "cache-control": "public, max-age=300" });
    expect(calendarDeployment.Properties.Include).toEqual(["*.ics"]);
    expect(calendarDeployment.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/DeployTracks/)]));
  });

  it("publishes every listener file exactly once, and nothing of the build's own", () => {
    const published = (cacheControl: string, contentType?: string): string[] => {
      const [deployment] = Object.values(template.findResources("Custom::CDKBucketDeployment")).filter(
        (d) => d.Properties.SystemMetadata["cache-control"] === cacheControl && d.Properties.SystemMetadata["content-type"] === contentType,
      );
      const key = (deployment!.Properties.SourceObjectKeys as string[])[0]!;
      return listFiles(assetPath(key));
    };
    expect(published("public, max-age=300")).toEqual([
      "catalog.json",
      "en-US.html",
      "feed-nl-NL.xml",
      "index.html",
      "transcripts/nl-NL/ademhaling-short-wake.vtt",
    ]);
    expect(published("public, max-age=300", "text/calendar; charset=utf-8")).toEqual(["calendar/nl-NL/ademhaling-every-evening.ics"]);
    expect(published("public, max-age=86400, s-maxage=31536000")).toEqual([
      "audio/nl-NL/ademhaling-short-wake.mp3",
      "audio/nl-NL/alexa/ademhaling-short-wake.mp3",
      "cover.png",
    ]);
  });
});

describe("skill functions", () => {
  const skillFunctions = () =>
    Object.entries(template.findResources("AWS::Lambda::Function", { Properties: { Description: Match.stringLikeRegexp("skill$") } }));

  it("run nodejs24.x on arm64 with explicit memory and a timeout below Alexa's 8 s", () => {
    const functions = skillFunctions();
    expect(functions).toHaveLength(2);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"], Handler: "index.handler" });
      expect(fn.Properties.Timeout).toBeLessThan(8);
      expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(128);
    }
  });

  it("get the CDN URL, the table, the catalog file and (Alexa) the skill ID", () => {
    const env = (description: string) =>
      skillFunctions().find(([, fn]) => fn.Properties.Description === description)![1].Properties.Environment.Variables;
    const domain = { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [Match.anyValue(), "DomainName"] }]] };
    template.hasResourceProperties("AWS::Lambda::Function", {
      Description: "Rustpunt Alexa skill",
      Environment: {
        Variables: { AUDIO_BASE_URL: domain, TABLE_NAME: { Ref: Match.anyValue() }, CATALOG_FILE: CATALOG_FILE, ALEXA_SKILL_ID: SKILL_ID },
      },
    });
    expect(env("Rustpunt Google skill")).toMatchObject({
      CATALOG_FILE,
      GOOGLE_WEBHOOK_SECRET_PARAM: "/rustpunt/google-webhook-secret",
    });
    expect(env("Rustpunt Google skill").ALEXA_SKILL_ID).toBeUndefined();
  });

  it("let only Alexa invoke the Alexa function, with the skill ID as event source token", () => {
    template.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      Principal: "alexa-appkit.amazon.com",
      EventSourceToken: SKILL_ID,
    });
  });

  it("give the Google function a Function URL (the secret header is checked in code)", () => {
    template.hasResourceProperties("AWS::Lambda::Url", { AuthType: "NONE" });
  });

  it("log to explicit log groups with retention", () => {
    const groups = Object.values(template.findResources("AWS::Logs::LogGroup"));
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
    for (const [, fn] of skillFunctions()) expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
  });

  it("alarm on errors and throttles of each function", () => {
    const metrics = Object.values(template.findResources("AWS::CloudWatch::Alarm")).map((a) => a.Properties.MetricName).sort();
    expect(metrics).toEqual(["Errors", "Errors", "Throttles", "Throttles"]);
  });

  it("have no S3 permission, no managed policy and only item access to the table", () => {
    const roles = Object.entries(template.findResources("AWS::IAM::Role")).filter(([, r]) =>
      /^Rustpunt (Alexa|Google) skill function$/.test(r.Properties.Description ?? ""),
    );
    expect(roles).toHaveLength(2);
    for (const [logicalId, role] of roles) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(logicalId),
      );
      const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
      expect(actions.filter((a: string) => a.startsWith("s3:"))).toEqual([]);
      expect(actions.filter((a: string) => a.startsWith("dynamodb:")).sort()).toEqual([
        "dynamodb:DeleteItem",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
      ]);
      expect(actions.some((a: string) => a.endsWith("*"))).toBe(false);
    }
  });
});

describe("skill state table", () => {
  it("is on demand with point-in-time recovery and a TTL on expiresAt", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    });
  });
});

describe("outputs and secrets", () => {
  it("publish the Alexa endpoint, the webhook URL and the CDN URL under fixed keys", () => {
    template.hasOutput("AlexaEndpointArn", { Value: { "Fn::GetAtt": [Match.stringLikeRegexp("SkillAlexaFunction"), "Arn"] } });
    template.hasOutput("GoogleWebhookUrl", { Value: { "Fn::GetAtt": [Match.anyValue(), "FunctionUrl"] } });
    template.hasOutput("CdnUrl", Match.anyValue());
  });

  it("never put a secret value in the template", () => {
    expect(templateJson).not.toContain(FIXTURE_SECRET);
    expect(templateJson).not.toContain("AKIA");
    // The Google function may read exactly its parameter, nothing more.
    template.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(["ssm:GetParameter"]),
            Resource: { "Fn::Join": ["", Match.arrayWith([":parameter/rustpunt/google-webhook-secret"])] },
          }),
        ]),
      },
    });
  });
});

describe("cdk-nag (AwsSolutions)", () => {
  it("reports no unacknowledged error", () => {
    const report = JSON.parse(readFileSync(join(assembly.directory, "validation-report.json"), "utf8")) as {
      pluginReports: { violations?: { ruleName: string; severity: string }[] }[];
    };
    const errors = report.pluginReports.flatMap((r) => r.violations ?? []).filter((v) => v.severity !== "warning");
    expect(errors).toEqual([]);
  });

  it("gives every acknowledgement a reason", () => {
    const acknowledgements = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(a.id).toMatch(/AwsSolutions-/);
      expect(a.reason.length, a.id).toBeGreaterThan(40);
    }
  });

  it("really runs: an unacknowledged finding fails synthesis", () => {
    const app = new App({ outdir: join(work, "nag-control.out") });
    new Bucket(new Stack(app, "Control"), "Unlogged");
    applyNagChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});

describe("Lambda bundles", () => {
  it("are configured from infra/bundle-options.ts", () => {
    const { commandHooks, ...bundling } = stack.skill.bundling;
    expect(bundling).toEqual(lambdaBundlingOptions());
    expect(commandHooks?.afterBundling("/in", "/out")).toEqual([expect.stringContaining(`/out/${CATALOG_FILE}`)]);
  });

  const assetDir = (platform: "alexa" | "google"): string => {
    const description = platform === "alexa" ? "Rustpunt Alexa skill" : "Rustpunt Google skill";
    const [fn] = Object.values(template.findResources("AWS::Lambda::Function", { Properties: { Description: description } }));
    return assetPath(fn!.Properties.Code.S3Key as string);
  };

  it.each(["alexa", "google"] as const)("%s: the deployed bundle is byte for byte what the benchmark builds", async (platform) => {
    const deployed = assetDir(platform);
    const files = readdirSync(deployed).sort();
    expect(files).toEqual([CATALOG_FILE, BUNDLE_FILE].sort());
    expect(readFileSync(join(deployed, CATALOG_FILE), "utf8")).toBe(SKILL_CATALOG);

    const bench = await bundleSkill(join(REPO_ROOT, SKILL_ENTRIES[platform]), join(work, `bench-${platform}`));
    // Hashes, not buffers: a diff of two 1 MB buffers takes minutes to render.
    expect(sha256(join(deployed, BUNDLE_FILE))).toBe(sha256(bench.file));
    expect(Object.keys(bench.metafile.inputs).length).toBeGreaterThan(0);
    // It parses as an ES module in Node (e.g. the require banner clashes with nothing).
    const check = spawnSync(process.execPath, ["--check", join(deployed, BUNDLE_FILE)], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("fail synth with a clear message when the skill catalog is missing", () => {
    const empty = join(work, "empty-dist");
    mkdirSync(empty, { recursive: true });
    expect(existsSync(join(empty, "skill-catalog.json"))).toBe(false);
    expect(() => new RustpuntStack(new App(), "NoCatalog", { alexaSkillId: SKILL_ID, distDir: empty })).toThrow(
      /skill-catalog\.json is missing.*run npm run build first/,
    );
  });

  it("refuse an Alexa skill ID that is not one", () => {
    expect(() => new RustpuntStack(new App(), "BadId", { alexaSkillId: "my-skill", distDir: join(work, "dist") })).toThrow(
      /alexaSkillId "my-skill" is not a skill ID/,
    );
  });
});
