// `npm run record -- --locale nl-NL --voice <name>`: serves the recording page on 127.0.0.1 and
// keeps each take in recordings/<locale>/<name>/ (see README, "Your own voice").
import { Command, Option } from "commander";
import { ScriptLoadError } from "../model/load-scripts.js";
import { LOCALES, type Locale } from "../model/script-schema.js";
import { startRecordServer } from "../record/record-server.js";
import { checkVoiceName } from "../recordings/take-format.js";
import { DEFAULT_RECORDINGS_DIR } from "../recordings/voice-config.js";

interface RecordFlags {
  locale: Locale;
  voice: string;
  narrator?: string;
  all?: boolean;
  only?: string[];
  port: string;
  scripts?: string;
  recordings?: string;
}

const program = new Command()
  .name("record")
  .description("Record a narrator's takes of the exercise sentences in the browser.")
  .addOption(new Option("--locale <locale>", "the scripts' language").choices(LOCALES).makeOptionMandatory())
  .requiredOption("--voice <name>", "the voice's folder name, e.g. anna (build with --voice recorded:anna)")
  .option("--narrator <name>", "the narrator's name for tags and the page (a new voice only; default: the voice name)")
  .option("--all", "walk through every sentence, not only those without a good take")
  .option("--only <exercise...>", "only these exercises")
  .option("--port <port>", "port on 127.0.0.1 (0: any free port)", "8090")
  .option("--scripts <dir>", "scripts folder (default: the repository's scripts/)")
  .option("--recordings <dir>", "recordings folder (default: the repository's recordings/)")
  .action(async (flags: RecordFlags) => {
    const port = Number(flags.port);
    if (!/^\d+$/.test(flags.port) || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(flags.port)}`);
    const server = await startRecordServer({
      locale: flags.locale,
      voice: checkVoiceName(flags.voice),
      recordingsDir: flags.recordings ?? DEFAULT_RECORDINGS_DIR,
      port,
      ...(flags.narrator ? { narrator: flags.narrator } : {}),
      ...(flags.all ? { all: true } : {}),
      ...(flags.only ? { only: flags.only } : {}),
      ...(flags.scripts ? { scriptsDir: flags.scripts } : {}),
    });
    console.log(`Recording ${flags.locale} as voice ${flags.voice}: open ${server.url} (Ctrl-C stops; every kept take is already saved)`);
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof ScriptLoadError ? error.message : `record: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
