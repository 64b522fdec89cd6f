// `npm run validate [-- --scripts <dir>]`: checks every script (YAML, schema, cross-file rules, pacing)
// and prints one `file:line:column field: message` line per problem. Exit code 1 on any.
import { Command } from "commander";
import { scriptsOption } from "./scripts-option.js";
import { loadScripts, formatProblem, type LoadedScript, type ScriptProblem } from "../model/load-scripts.js";
import { compareProblems, fieldName } from "../model/script-problems.js";
import { checkPacing } from "../timeline/check-pacing.js";
import { estimateSpeech } from "../timeline/estimate-speech.js";

function pacingProblems(loaded: LoadedScript): ScriptProblem[] {
  const { script, file } = loaded;
  if (script.kind !== "exercise") return [];
  try {
    return checkPacing(script, estimateSpeech(script.locale)).map(({ path, message }) => ({
      file,
      ...loaded.locate(path),
      field: fieldName(path),
      message,
    }));
  } catch (error) {
    // A script the schema accepts should always plan; if not, say where rather than crash.
    const reason = error instanceof Error ? error.message : String(error);
    return [{ file, line: 1, column: 1, field: "", message: `could not plan the timeline: ${reason}` }];
  }
}

async function validate(dir: string | undefined): Promise<number> {
  const { scripts, problems } = await loadScripts(dir);
  const all = [...problems, ...scripts.flatMap(pacingProblems)].sort(compareProblems);
  for (const problem of all) console.log(formatProblem(problem));

  if (all.length === 0) {
    console.log(`${scripts.length} script${scripts.length === 1 ? "" : "s"} OK`);
    return 0;
  }
  const files = new Set(all.map((p) => p.file)).size;
  console.log(`${all.length} problem${all.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}`);
  return 1;
}

const program = new Command()
  .name("validate")
  .description("Check every exercise script: YAML, fields, file names, locale partners and pacing.")
  .addOption(scriptsOption())
  .action(async (flags: { scripts?: string }) => {
    process.exitCode = await validate(flags.scripts);
  });

try {
  await program.parseAsync();
} catch (error) {
  // Writers run this; a stack trace helps nobody. Report the cause in one line.
  console.error(`validate could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
