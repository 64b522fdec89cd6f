// What the skill remembers per user: last exercise, position, visits. Convenience, not records.
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table } from "aws-cdk-lib/aws-dynamodb";
import type { IGrantable } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

/** The item-level calls of ask-sdk-core's PersistenceAdapter (get, save, delete attributes). */
const SKILL_STATE_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"];

export interface SkillStateProps {
  /** On teardown the state goes too by default: it holds voice-platform user IDs and nothing
   *  a user would miss (a resume position, a visit count). */
  removalPolicy?: RemovalPolicy;
}

export class SkillState extends Construct {
  static readonly PARTITION_KEY = "id";
  static readonly TTL_ATTRIBUTE = "expiresAt";

  readonly table: Table;

  constructor(scope: Construct, id: string, props: SkillStateProps = {}) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: { name: SkillState.PARTITION_KEY, type: AttributeType.STRING },
      // A handful of requests a day: on demand costs nothing at rest.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Stale state (people who stopped using the skill) expires by itself.
      timeToLiveAttribute: SkillState.TTL_ATTRIBUTE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }

  /** Item reads and writes on this table only: no Scan, no Query, no other table. */
  grantItemAccess(grantee: IGrantable): void {
    this.table.grant(grantee, ...SKILL_STATE_ACTIONS);
  }
}
