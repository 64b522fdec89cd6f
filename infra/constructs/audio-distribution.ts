// The audio and the page: a private bucket that only CloudFront can read, served over HTTPS.
import { existsSync } from "node:fs";
import { Duration, IgnoreMode, RemovalPolicy, Size, Stack, Validations } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";

/** Files that change on every build while keeping their name: cached briefly everywhere.
 *  Pages are index.html (first locale) and <locale>.html. */
export const SHORT_LIVED_FILES = ["catalog.json", "*.html", "feed-*.xml", "*.vtt"] as const;

// A full build is a few hundred MB of MP3, unzipped in /tmp: the defaults (128 MB memory,
// 512 MB /tmp) are too small. Both deployments use the same values so CDK creates one handler.
const DEPLOYMENT_HANDLER = { memoryLimit: 1024, ephemeralStorageSize: Size.gibibytes(2) };

/** The ready-made calendar files (calendar/<locale>/*.ics). The sync would guess their type from
 *  the Lambda's mime table, which may not know .ics; calendar apps and browsers open them only as
 *  text/calendar, so they get a sync of their own that sets it. */
export const CALENDAR_FILES = ["*.ics"] as const;
export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";

/** Build output that is not for listeners: the Lambda's own catalog, the Dialogflow agent zip,
 *  and the build's hidden bookkeeping (.build-manifest.json, .staging-* folders). */
export const UNPUBLISHED_FILES = ["skill-catalog.json", "dialogflow-agent.zip", ".*", "**/.*"] as const;

export interface AudioDistributionProps {
  /** The built dist/ folder (npm run build). */
  distDir: string;
  /** How long browsers and players keep a track; CloudFront keeps it until the next deploy. */
  trackBrowserCache?: Duration;
  /** Cache lifetime of the catalog, page, feeds and transcripts. */
  shortLivedCache?: Duration;
}

export class AudioDistribution extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<id>.cloudfront.net, no trailing slash. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: AudioDistributionProps) {
    super(scope, id);
    if (!existsSync(props.distDir)) {
      throw new Error(`AudioDistribution: ${props.distDir} does not exist. Run npm run build first.`);
    }
    const trackBrowserCache = props.trackBrowserCache ?? Duration.days(1);
    const shortLivedCache = props.shortLivedCache ?? Duration.minutes(5);

    this.bucket = new Bucket(this, "Bucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      // Everything in it is rebuilt from the repository by `npm run build`: a teardown should
      // leave nothing behind that costs money.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    // Tracks keep their name across rebuilds, so CloudFront may keep them for a year only
    // because every deploy invalidates the distribution (below). Headers from the objects
    // decide within these bounds.
    const trackCache = new CachePolicy(this, "TrackCache", {
      comment: "Rustpunt tracks and art: long-lived, invalidated on deploy",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(365),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const shortCache = new CachePolicy(this, "ShortLivedCache", {
      comment: "Rustpunt catalog, page, feeds, transcripts",
      minTtl: Duration.seconds(0),
      defaultTtl: shortLivedCache,
      maxTtl: shortLivedCache,
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const behaviour = (cachePolicy: CachePolicy): BehaviorOptions => ({
      origin,
      cachePolicy,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
    });

    // The default *.cloudfront.net certificate is publicly trusted, which is what Alexa's
    // AudioPlayer requires; a custom domain would only add a certificate to renew.
    this.distribution = new Distribution(this, "Cdn", {
      comment: "Rustpunt audio, page and feeds",
      defaultBehavior: behaviour(trackCache),
      additionalBehaviors: Object.fromEntries(SHORT_LIVED_FILES.map((pattern) => [pattern, behaviour(shortCache)])),
      defaultRootObject: "index.html",
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Listeners are in Europe and North America: the cheapest price class covers them.
      priceClass: PriceClass.PRICE_CLASS_100,
    });
    this.baseUrl = `https://${this.distribution.distributionDomainName}`;

    const tracks = new BucketDeployment(this, "DeployTracks", {
      sources: [Source.asset(props.distDir, { exclude: [...SHORT_LIVED_FILES, ...CALENDAR_FILES, ...UNPUBLISHED_FILES] })],
      destinationBucket: this.bucket,
      // Keep the short-lived and calendar files out of this sync so its prune does not delete them.
      exclude: [...SHORT_LIVED_FILES, ...CALENDAR_FILES, ...UNPUBLISHED_FILES],
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(trackBrowserCache),
        CacheControl.sMaxAge(Duration.days(365)),
      ],
      distribution: this.distribution,
      distributionPaths: ["/*"],
      ...DEPLOYMENT_HANDLER,
    });
    const shortLived = new BucketDeployment(this, "DeployCatalog", {
      sources: [
        // gitignore rules, because only they can keep folders open ("!*/") while excluding
        // every file but the short-lived ones (transcripts/<locale>/*.vtt are nested).
        Source.asset(props.distDir, {
          ignoreMode: IgnoreMode.GIT,
          exclude: ["*", "!*/", ...SHORT_LIVED_FILES.map((p) => `!${p}`), ...UNPUBLISHED_FILES],
        }),
      ],
      destinationBucket: this.bucket,
      exclude: ["*"],
      include: [...SHORT_LIVED_FILES],
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(shortLivedCache)],
      ...DEPLOYMENT_HANDLER,
      // CloudFront allows a wildcard only at the end of a path; "/*" counts as one path.
      distribution: this.distribution,
      distributionPaths: ["/*"],
    });
    // The catalog must never point at a track that is not uploaded yet.
    shortLived.node.addDependency(tracks);
    const calendars = new BucketDeployment(this, "DeployCalendars", {
      sources: [
        Source.asset(props.distDir, {
          ignoreMode: IgnoreMode.GIT,
          exclude: ["*", "!*/", ...CALENDAR_FILES.map((p) => `!${p}`), ...UNPUBLISHED_FILES],
        }),
      ],
      destinationBucket: this.bucket,
      exclude: ["*"],
      include: [...CALENDAR_FILES],
      contentType: CALENDAR_CONTENT_TYPE,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(shortLivedCache)],
      ...DEPLOYMENT_HANDLER,
      distribution: this.distribution,
      distributionPaths: ["/*"],
    });
    // The events link to the tracks and the page.
    calendars.node.addDependency(tracks);
    this.acknowledgeNagFindings();
  }

  private acknowledgeNagFindings(): void {
    const cdn = Validations.of(this.distribution);
    cdn.acknowledge({
      id: "AwsSolutions-CFR3",
      reason:
        "No CloudFront access logs: they would store the IP address and user agent of everyone who listens to a relaxation exercise, personal data Rustpunt has no use for. The distribution's CloudWatch metrics (requests, 4xx/5xx rates) cover operations.",
    });
    cdn.acknowledge({
      id: "AwsSolutions-CFR4",
      reason:
        "The default *.cloudfront.net certificate keeps deploys free of DNS and certificate setup and is trusted by Alexa's AudioPlayer; with it CloudFront cannot raise the minimum protocol, but Echo devices, browsers and podcast apps negotiate TLS 1.2 or later. A custom domain with an ACM certificate and TLSv1.2_2021 lifts this.",
    });
    cdn.acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Rustpunt is for anyone anywhere: no content licence or law limits where it may be heard.",
    });
    cdn.acknowledge({
      id: "AwsSolutions-CFR2",
      reason:
        "Static, public, read-only files with no application behind them; a web ACL costs more per month than the whole product at rest. CloudFront's built-in Shield Standard covers network floods.",
    });
    Validations.of(this.bucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "The bucket holds only public-by-design files rebuilt from the repository; CloudFront (origin access control) is its only reader and the CDK BucketDeployment its only writer, and versioning keeps overwritten objects for 30 days. A log bucket would record CloudFront's own requests and nobody would read it.",
    });
    // BucketDeployment's handler is a CDK-managed singleton at stack level: its runtime, its
    // managed logging policy and its wildcards come with aws-cdk-lib. cdk-nag reports each
    // wildcard as its own finding, so each is named: a new one fails synth until reviewed.
    const stack = Stack.of(this);
    const bucketLogicalId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)) as string;
    const managed = "CDK-managed BucketDeployment handler";
    const handlerFindings: [string, string][] = [
      ["AwsSolutions-L1", `${managed}: aws-cdk-lib picks and updates its runtime.`],
      [
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        `${managed}: the managed policy only lets it write its own logs.`,
      ],
      ...["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"].map((action): [string, string] => [
        `AwsSolutions-IAM5[Action::${action}]`,
        `${managed}: reads the dist/ asset and syncs (and prunes) this bucket's objects; the actions are scoped to those two buckets.`,
      ]),
      [
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
        `${managed}: reads the zipped dist/ from the CDK bootstrap asset bucket.`,
      ],
      [`AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`, `${managed}: writes and prunes the objects of this audio bucket.`],
      [
        "AwsSolutions-IAM5[Resource::*]",
        `${managed}: CloudFront invalidation after each deploy; CDK grants cloudfront:CreateInvalidation/GetInvalidation without a resource.`,
      ],
    ];
    for (const handler of stack.node.children.filter((c) => c.node.id.startsWith("Custom::CDKBucketDeployment"))) {
      for (const [id, reason] of handlerFindings) Validations.of(handler).acknowledge({ id, reason });
    }
  }
}
