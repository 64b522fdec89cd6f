// `npm run ssml -- <id> --locale nl-NL --target alexa --length short --ending wake`: prints the
// SSML for one exercise variant (or an info piece), documents separated by a blank line.
import { Command, Option } from "commander";
import { ENDINGS, LENGTHS, LOCALES, type Ending, type Length, type Locale } from "../model/script-schema.js";
import { formatProblem, loadScriptsOrThrow, ScriptLoadError } from "../model/load-scripts.js";
import { renderInfoSsml } from "../ssml/render-info.js";
import { renderSsml } from "../ssml/render-ssml.js";
import { SSML_TARGETS, type SsmlTarget } from "../ssml/ssml-target.js";
import { buildTimeline } from "../timeline/build-timeline.js";
import { estimateSpeech } from "../timeline/estimate-speech.js";
import { scriptsOption } from "./scripts-option.js";

interface Options {
  locale: Locale;
  target: SsmlTarget;
  length: Length;
  ending: Ending;
  scripts?: string;
}

async function printSsml(id: string, options: Options): Promise<number> {
  const scripts = await loadScriptsOrThrow(options.scripts);
  const found = scripts.find((s) => s.script.id === id && s.script.locale === options.locale);
  if (!found) {
    const ids = [...new Set(scripts.filter((s) => s.script.locale === options.locale).map((s) => s.script.id))].sort();
    console.error(`no script "${id}" for ${options.locale}; known: ${ids.join(", ") || "none"}`);
    return 1;
  }
  const { script } = found;
  const documents =
    script.kind === "exercise"
      ? renderSsml(buildTimeline(script, { length: options.length, ending: options.ending }, estimateSpeech(script.locale)), options.target)
      : [renderInfoSsml(script, options.target).whole];
  console.log(documents.join("\n\n"));
  return 0;
}

const program = new Command()
  .name("ssml")
  .description("Print the SSML of one exercise variant or info piece for a voice platform.")
  .argument("<id>", "exercise or info id, e.g. ademhaling")
  .addOption(new Option("--locale <locale>", "language of the script").choices(LOCALES).default("nl-NL"))
  .addOption(new Option("--target <target>", "platform").choices(SSML_TARGETS).default("alexa"))
  .addOption(new Option("--length <length>", "exercise length (ignored for info)").choices(LENGTHS).default("short"))
  .addOption(new Option("--ending <ending>", "exercise ending (ignored for info)").choices(ENDINGS).default("wake"))
  .addOption(scriptsOption())
  .action(async (id: string, options: Options) => {
    process.exitCode = await printSsml(id, options);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ScriptLoadError) {
    for (const problem of error.problems) console.error(formatProblem(problem));
    console.error("fix the scripts above (npm run validate lists every problem), then try again");
  } else {
    console.error(`ssml could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
