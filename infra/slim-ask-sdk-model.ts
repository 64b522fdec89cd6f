// ask-sdk-model ships every Alexa service client (lists, monetization, timers, data store, ...)
// in one CommonJS file that esbuild cannot tree-shake: 61 KB of the Alexa bundle, most of it for
// services Rustpunt never calls. The Lambda bundle aliases ask-sdk-model to a copy without those
// client namespaces. Nothing else changes: the base client, the ServiceClientFactory (whose
// getters for a removed client would only fail when called) and the Reminders client stay.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

/** The service clients the skill calls through serviceClientFactory (skill/alexa/reminders/). */
export const KEPT_SERVICES: readonly string[] = ["reminderManagement"];

const BLOCK_START = "(function (services) {\n";
const BLOCK_END = "})(services = exports.services || (exports.services = {}));\n";

/** The file's text without the service namespaces not in `keep`; throws if the layout is not the one this expects. */
export function slimServices(source: string, keep: readonly string[] = KEPT_SERVICES): { text: string; removed: string[] } {
  const removed: string[] = [];
  let text = "";
  let at = 0;
  for (;;) {
    const start = source.indexOf(BLOCK_START, at);
    if (start < 0) break;
    const end = source.indexOf(BLOCK_END, start);
    if (end < 0) throw new Error("ask-sdk-model: a services block does not end where expected; update infra/slim-ask-sdk-model.ts");
    const block = source.slice(start, end + BLOCK_END.length);
    const name = /^ {4}\(function \((\w+)\) \{$/m.exec(block)?.[1];
    text += source.slice(at, start);
    if (name && block.includes(`})(${name} = services.${name} || (services.${name} = {}));`) && !keep.includes(name)) removed.push(name);
    else text += block;
    at = end + BLOCK_END.length;
  }
  text += source.slice(at);
  for (const name of keep) {
    if (!text.includes(`services.${name} = {}`)) throw new Error(`ask-sdk-model: no services.${name} namespace; update infra/slim-ask-sdk-model.ts`);
  }
  if (removed.length === 0) throw new Error("ask-sdk-model: no service namespace found to remove; its layout changed, update infra/slim-ask-sdk-model.ts");
  return { text, removed };
}

/**
 * Writes the slim copy under node_modules/.cache (rewritten only when it differs, so builds stay
 * reproducible) and returns its path relative to `root`, as esbuild's --alias takes it.
 */
export function slimAskSdkModelFile(root: string): string {
  const require = createRequire(join(root, "package.json"));
  const main = require.resolve("ask-sdk-model");
  const { version } = JSON.parse(readFileSync(join(dirname(main), "package.json"), "utf8")) as { version: string };
  // The clients read their own package.json for the user agent; the copy lives elsewhere, so it gets the version itself.
  const { text } = slimServices(readFileSync(main, "utf8").split("require('./package.json').version").join(JSON.stringify(version)));
  const file = join(root, "node_modules", ".cache", "rustpunt-lambda", "ask-sdk-model.cjs");
  mkdirSync(dirname(file), { recursive: true });
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(file, text);
  return `./${relative(root, file).split("\\").join("/")}`;
}
