// What an operator needs: logs that expire, alarms that say something broke, and the three
// values the voice consoles and the page need after a deploy.
import { CfnOutput, Duration, RemovalPolicy } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData, type IAlarmAction, type Metric } from "aws-cdk-lib/aws-cloudwatch";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { SkillPlatform } from "../bundle-options.js";

/** Output keys in cdk-outputs.json; infra/fill-skill-endpoint.ts reads AlexaEndpointArn. */
export const OUTPUT_KEYS = {
  alexaEndpointArn: "AlexaEndpointArn",
  googleWebhookUrl: "GoogleWebhookUrl",
  cdnUrl: "CdnUrl",
} as const;

export interface OperationsProps {
  platforms: readonly SkillPlatform[];
  /** Logs hold request metadata, never whole requests; a month is enough to debug. */
  logRetention?: RetentionDays;
  /** Where alarms go (e.g. an SNS topic action). Without it they show in the console only. */
  alarmAction?: IAlarmAction;
}

export interface PublishedEndpoints {
  alexaEndpointArn: string;
  googleWebhookUrl: string;
  cdnUrl: string;
}

export class Operations extends Construct {
  readonly logGroups: Readonly<Record<SkillPlatform, LogGroup>>;
  private readonly alarmAction: IAlarmAction | undefined;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.alarmAction = props.alarmAction;
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const groups: Partial<Record<SkillPlatform, LogGroup>> = {};
    for (const platform of props.platforms) {
      groups[platform] = new LogGroup(this, `${capitalise(platform)}Logs`, {
        retention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    }
    this.logGroups = groups as Record<SkillPlatform, LogGroup>;
  }

  /** Any error or throttle in five minutes is worth a look: traffic is a few requests an hour. */
  watch(platform: SkillPlatform, fn: IFunction): void {
    const name = capitalise(platform);
    const period = Duration.minutes(5);
    this.alarm(`${name}Errors`, fn.metricErrors({ period, statistic: "Sum" }), `${name} skill function threw or timed out`);
    this.alarm(`${name}Throttles`, fn.metricThrottles({ period, statistic: "Sum" }), `${name} skill function was throttled`);
  }

  publish(endpoints: PublishedEndpoints): void {
    // Fixed logical IDs so the keys in cdk-outputs.json do not carry a construct-path hash.
    const output = (key: string, value: string, description: string) =>
      new CfnOutput(this, key, { value, description }).overrideLogicalId(key);
    output(OUTPUT_KEYS.alexaEndpointArn, endpoints.alexaEndpointArn, "Alexa skill endpoint (skill.json apis.custom.endpoint.uri)");
    output(OUTPUT_KEYS.googleWebhookUrl, endpoints.googleWebhookUrl, "Dialogflow ES fulfillment webhook URL");
    output(OUTPUT_KEYS.cdnUrl, endpoints.cdnUrl, "Base URL of the audio, page and feeds");
  }

  private alarm(id: string, metric: Metric, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    if (this.alarmAction) alarm.addAlarmAction(this.alarmAction);
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
