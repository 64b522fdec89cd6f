// `npm run skill:package`: after `npm run deploy`, write the Alexa function's ARN from
// cdk-outputs.json into the ASK skill package, so `ask deploy` points the skill at it.
import { readFile, rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { OUTPUT_KEYS } from "./constructs/operations.js";

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

export const DEFAULT_OUTPUTS_FILE = "cdk-outputs.json";
export const DEFAULT_SKILL_MANIFEST = "skill/skill-package/skill.json";

/** Returns the ARN written. Throws an error that names the file and the fix. */
export async function fillSkillEndpoint(outputsFile: string, skillManifestFile: string): Promise<string> {
  const outputs = await readJson(outputsFile, "run npm run deploy first (it writes the stack outputs there)");
  const arn = findOutput(outputs, OUTPUT_KEYS.alexaEndpointArn);
  if (!arn) {
    throw new Error(`${outputsFile}: no stack output ${OUTPUT_KEYS.alexaEndpointArn}. Run npm run deploy again; it writes this file.`);
  }
  if (!LAMBDA_ARN.test(arn)) {
    throw new Error(`${outputsFile}: ${OUTPUT_KEYS.alexaEndpointArn} "${arn}" is not a Lambda function ARN.`);
  }
  const manifest = await readJson(skillManifestFile, "the skill package is missing: restore skill/skill-package from git");
  const custom = objectAt(manifest, ["manifest", "apis", "custom"]);
  if (!custom) {
    throw new Error(`${skillManifestFile}: no manifest.apis.custom. The ASK skill manifest must declare a custom skill API.`);
  }
  const endpoint = objectAt(custom, ["endpoint"]) ?? {};
  custom.endpoint = { ...endpoint, uri: arn };
  // Alexa reads the certificate setting only for HTTPS endpoints; a Lambda ARN must not carry it.
  delete (custom.endpoint as Record<string, unknown>).sslCertificateType;

  const temp = `${skillManifestFile}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temp, skillManifestFile);
  return arn;
}

async function readJson(file: string, fix: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(`${file}: not found; ${fix}.`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  throw new Error(`${file}: expected a JSON object.`);
}

/** cdk-outputs.json is { <stack name>: { <output key>: value } }. */
function findOutput(outputs: Record<string, unknown>, key: string): string | undefined {
  for (const stack of Object.values(outputs)) {
    const value = stack && typeof stack === "object" ? (stack as Record<string, unknown>)[key] : undefined;
    if (typeof value === "string") return value;
  }
  return undefined;
}

function objectAt(root: Record<string, unknown>, path: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [outputsFile = DEFAULT_OUTPUTS_FILE, manifestFile = DEFAULT_SKILL_MANIFEST] = process.argv.slice(2);
  fillSkillEndpoint(outputsFile, manifestFile).then(
    (arn) => console.log(`${manifestFile}: endpoint set to ${arn}. Next: ask deploy (from skill/).`),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
