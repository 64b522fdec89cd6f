// `npm run validate [-- --scripts <dir>]`: checks every script (YAML, schema, cross-file rules, pacing)
// and prints one `file:line:column field: message` line per problem. Exit code 1 on any.
import { Command } from "commander";
import { scriptsOption } from "./scripts-option.js";
import { formatProblem } from "../model/load-scripts.js";
import { checkScripts } from "../validate/check-scripts.js";

async function validate(dir: string | undefined): Promise<number> {
  // The same check `build` and `preview` run: what passes here is what they accept.
  const { scripts, problems: all, warnings } = await checkScripts(dir);
  for (const warning of warnings) console.log(`warning: ${formatProblem(warning)}`);
  for (const problem of all) console.log(formatProblem(problem));

  if (all.length === 0) {
    const noted = warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"} above)` : "";
    console.log(`${scripts.length} script${scripts.length === 1 ? "" : "s"} OK${noted}`);
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
