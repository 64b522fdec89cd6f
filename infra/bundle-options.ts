// The ONE definition of how the skill's Lambda bundles are built. infra/ deploys with
// `lambdaBundlingOptions()` and the benchmark measures with `bundleSkill()`, so what is measured
// is what runs in Lambda (tests/infra.test.ts compares the two outputs byte for byte).
import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { OutputFormat, type BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import { slimAskSdkModelFile } from "./slim-ask-sdk-model.js";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export type SkillPlatform = "alexa" | "google";

/** Lambda entry points, relative to the repository root. */
export const SKILL_ENTRIES: Readonly<Record<SkillPlatform, string>> = {
  alexa: "skill/alexa/lambda.ts",
  google: "skill/google/lambda.ts",
};

/** The file the runtime loads: NodejsFunction names ESM output index.mjs, handler `index.handler`. */
export const BUNDLE_FILE = "index.mjs";

/** Where the compact catalog sits inside the Lambda asset, relative to the handler (CATALOG_FILE). */
export const CATALOG_FILE = "skill-catalog.json";

// ESM because the skill is written as ES modules (import.meta.url, top-level await are fine).
// CommonJS dependencies such as ask-sdk-core call require() for Node built-ins, which an ESM
// bundle lacks: the banner gives them one. The alias avoids clashing with a bundled import.
const ESM_REQUIRE_BANNER =
  'import{createRequire as __rustpuntCreateRequire}from"node:module";const require=__rustpuntCreateRequire(import.meta.url);';

export const LAMBDA_BUNDLE = {
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  // No source maps: they double the bytes Lambda reads at cold start, and stack traces of a
  // minified bundle are still enough to find the handler that failed.
  sourcemap: false,
  // The nodejs24.x runtime ships AWS SDK v3; bundling it would add megabytes.
  external: ["@aws-sdk/*"],
  // Prefer packages' ES module builds: esbuild can tree-shake them.
  mainFields: ["module", "main"],
  // Dutch text stays readable and one byte per character shorter than \u escapes.
  charset: "utf8",
  banner: ESM_REQUIRE_BANNER,
  // actions-on-google's dialogflow() requires google-auth-library only for Google Sign-In,
  // which Rustpunt does not use: a small module that refuses stands in for it.
  alias: { "google-auth-library": "./skill/google/no-google-sign-in.ts" },
} as const;

/** The aliases both builds pass to esbuild: the fixed ones, and ask-sdk-model without the service clients the skill never calls. */
export function lambdaAliases(): Record<string, string> {
  return { ...LAMBDA_BUNDLE.alias, "ask-sdk-model": slimAskSdkModelFile(REPO_ROOT) };
}

/** The same settings in the shape NodejsFunction takes. */
export function lambdaBundlingOptions(): BundlingOptions {
  return {
    minify: LAMBDA_BUNDLE.minify,
    sourceMap: LAMBDA_BUNDLE.sourcemap,
    target: LAMBDA_BUNDLE.target,
    format: OutputFormat.ESM,
    externalModules: [...LAMBDA_BUNDLE.external],
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: LAMBDA_BUNDLE.banner,
    // BundlingOptions.charset exists but aws-cdk-lib 2.276 never passes it to esbuild (the
    // byte-for-byte test caught it): hand esbuild the flag directly.
    esbuildArgs: {
      "--charset": LAMBDA_BUNDLE.charset,
      ...Object.fromEntries(Object.entries(lambdaAliases()).map(([from, to]) => [`--alias:${from}`, to])),
    },
  };
}

export interface BundleResult {
  /** Absolute path of the bundled handler file. */
  file: string;
  bytes: number;
  /** esbuild's metafile: what went into the bundle and how big each input is. */
  metafile: Metafile;
}

export interface BundleSkillOptions {
  /** Copy this compact catalog next to the bundle, as the deployed asset has it. */
  catalogFile?: string;
}

/** Bundles one entry exactly as it is deployed, into `outdir/index.mjs`. */
export async function bundleSkill(entry: string, outdir: string, options: BundleSkillOptions = {}): Promise<BundleResult> {
  await mkdir(outdir, { recursive: true });
  const file = join(outdir, BUNDLE_FILE);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    outfile: file,
    platform: LAMBDA_BUNDLE.platform,
    target: LAMBDA_BUNDLE.target,
    format: LAMBDA_BUNDLE.format,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourcemap,
    external: [...LAMBDA_BUNDLE.external],
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    charset: LAMBDA_BUNDLE.charset,
    banner: { js: LAMBDA_BUNDLE.banner },
    alias: lambdaAliases(),
    metafile: true,
    logLevel: "warning",
  });
  if (options.catalogFile) await copyFile(options.catalogFile, join(outdir, CATALOG_FILE));
  return { file, bytes: (await stat(file)).size, metafile: result.metafile };
}
