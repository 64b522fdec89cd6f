// One Lambda per voice platform, bundled by the same esbuild settings the benchmark measures.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Duration } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, FunctionUrlAuthType, Runtime, type FunctionUrl } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, type BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import type { IStringParameter } from "aws-cdk-lib/aws-ssm";
import { Construct } from "constructs";
import { CATALOG_FILE, SKILL_ENTRIES, lambdaBundlingOptions, type SkillPlatform } from "../bundle-options.js";
import type { SkillState } from "./skill-state.js";

export interface SkillFunctionsProps {
  /** Repository root: holds package-lock.json and the skill's entry points. */
  projectRoot: string;
  /** The compact catalog the audio builder writes (dist/skill-catalog.json). */
  skillCatalogFile: string;
  /** https://<distribution domain>: tracks are handed out as CloudFront URLs. */
  audioBaseUrl: string;
  state: SkillState;
  alexaSkillId: string;
  /** SSM SecureString with the header secret Dialogflow sends; read at cold start, never in the template. */
  googleWebhookSecret: IStringParameter;
  logGroups: Readonly<Record<SkillPlatform, ILogGroup>>;
}

// Alexa gives up after 8 s, Dialogflow ES after 5 s: fail inside those, so the platform's own
// error never comes first. Memory buys CPU, which shortens cold starts; at a few requests an
// hour the difference costs cents.
const LIMITS: Record<SkillPlatform, { timeout: Duration; memorySize: number }> = {
  alexa: { timeout: Duration.seconds(7), memorySize: 512 },
  google: { timeout: Duration.seconds(5), memorySize: 512 },
};

export class SkillFunctions extends Construct {
  readonly alexa: NodejsFunction;
  readonly google: NodejsFunction;
  readonly googleUrl: FunctionUrl;
  /** The bundling options both functions were built with (asserted by the tests). */
  readonly bundling: BundlingOptions;

  constructor(scope: Construct, id: string, props: SkillFunctionsProps) {
    super(scope, id);
    if (!existsSync(props.skillCatalogFile)) {
      throw new Error(
        `SkillFunctions: ${props.skillCatalogFile} is missing. The skill ships with its compact catalog: run npm run build first.`,
      );
    }
    const catalog = props.skillCatalogFile;
    this.bundling = {
      ...lambdaBundlingOptions(),
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        // The handler reads the catalog from CATALOG_FILE, next to itself.
        afterBundling: (_inputDir: string, outputDir: string) => [`cp ${shellQuote(catalog)} ${shellQuote(join(outputDir, CATALOG_FILE))}`],
      },
    };
    const common = {
      AUDIO_BASE_URL: props.audioBaseUrl,
      TABLE_NAME: props.state.table.tableName,
      CATALOG_FILE,
    };

    this.alexa = this.skillFunction("alexa", props, {
      ...common,
      ALEXA_SKILL_ID: props.alexaSkillId,
    });
    // Only this skill, through Alexa, may invoke the function.
    this.alexa.addPermission("AlexaSkillInvoke", {
      principal: new ServicePrincipal("alexa-appkit.amazon.com"),
      action: "lambda:InvokeFunction",
      eventSourceToken: props.alexaSkillId,
    });

    this.google = this.skillFunction("google", props, {
      ...common,
      GOOGLE_WEBHOOK_SECRET_PARAM: props.googleWebhookSecret.parameterName,
    });
    props.googleWebhookSecret.grantRead(this.google);
    // Dialogflow cannot sign requests with AWS credentials; it sends a secret header that the
    // function checks before anything else runs.
    this.googleUrl = this.google.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
  }

  private skillFunction(platform: SkillPlatform, props: SkillFunctionsProps, environment: Record<string, string>): NodejsFunction {
    const name = platform === "alexa" ? "Alexa" : "Google";
    const logGroup = props.logGroups[platform];
    // An explicit role: logs to its own group and the grants below, no managed policies.
    const role = new Role(this, `${name}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Rustpunt ${name} skill function`,
    });
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(this, `${name}Function`, {
      entry: join(props.projectRoot, SKILL_ENTRIES[platform]),
      handler: "handler",
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, "package-lock.json"),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      ...LIMITS[platform],
      role,
      logGroup,
      bundling: this.bundling,
      environment,
      description: `Rustpunt ${name} skill`,
    });
    props.state.grantItemAccess(fn);
    return fn;
  }
}

function shellQuote(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}
