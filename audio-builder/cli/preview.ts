// `npm run preview -- <exercise> --locale nl-NL [--length short|long] [--ending wake|sleep]
// [--chapter <n or title>] [--from <mm:ss>] [--seconds <n>] [--no-play]`: renders that part of the
// track as the build would (same speech, pauses, aids and loudness) to a WAV file in a temp
// folder, prints its path on stdout and plays it when a player is there.
import { Command, InvalidArgumentError, Option } from "commander";
import { createProgressReporter } from "../pipeline/progress-reporter.js";
import { formatProblem, ScriptLoadError } from "../model/load-scripts.js";
import { ENDINGS, LENGTHS, LOCALES, type Ending, type Length, type Locale } from "../model/script-schema.js";
import { findPlayer, playAudio } from "../preview/play-audio.js";
import { clock } from "../preview/preview-span.js";
import { renderPreview } from "../preview/render-preview.js";
import { scriptsOption } from "./scripts-option.js";

interface PreviewFlags {
  locale: Locale;
  length: Length;
  ending: Ending;
  chapter?: string;
  from?: string;
  seconds?: number;
  play: boolean;
  profile: "download" | "alexa";
  scripts?: string;
  cache: string;
  out?: string;
  tts?: "espeak" | "azure";
}

const positiveSeconds = (value: string): number => {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError("a number of seconds above 0, e.g. 30");
  return n;
};

const program = new Command()
  .name("preview")
  .description("Hear a part of an exercise track now: same speech, pauses, aids and loudness as the build, without building the track.")
  .argument("<exercise>", "exercise id as in scripts/, e.g. ademhaling")
  .addOption(new Option("--locale <locale>", "which script").choices(LOCALES).default("nl-NL"))
  .addOption(new Option("--length <length>", "which variant").choices(LENGTHS).default("short"))
  .addOption(new Option("--ending <ending>", "which ending").choices(ENDINGS).default("wake"))
  .option("--chapter <n or title>", "only this chapter: its number (1 is the first) or its title")
  .option("--from <mm:ss>", "start this far into the chapter (or into the track without --chapter), e.g. 1:30")
  .option("--seconds <n>", "play at most this many seconds", positiveSeconds)
  .option("--no-play", "only write the file and print its path")
  .addOption(new Option("--profile <profile>", "whose loudness: the download file's or Alexa's").choices(["download", "alexa"]).default("download"))
  .addOption(scriptsOption())
  .option("--cache <dir>", "cache folder for synthesised speech (shared with the build)", ".cache")
  .option("--out <dir>", "folder for the preview file (default: rustpunt-preview in the system's temp folder)")
  .addOption(new Option("--tts <engine>", "speech engine (default as for the build)").choices(["espeak", "azure"]))
  .action(async (exercise: string, flags: PreviewFlags) => {
    const reporter = createProgressReporter();
    let result;
    try {
      result = await renderPreview({
        exercise,
        locale: flags.locale,
        length: flags.length,
        ending: flags.ending,
        ...(flags.chapter !== undefined ? { chapter: flags.chapter } : {}),
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        ...(flags.seconds !== undefined ? { seconds: flags.seconds } : {}),
        profile: flags.profile,
        ...(flags.scripts ? { scriptsDir: flags.scripts } : {}),
        cacheDir: flags.cache,
        ...(flags.out ? { outDir: flags.out } : {}),
        ...(flags.tts ? { tts: flags.tts } : {}),
        onSpeech: (done, total) => reporter.speech(done, total),
      });
    } finally {
      reporter.finish();
    }
    for (const w of result.warnings) console.warn(`warning: ${formatProblem(w)}`);
    const t = result.timeline;
    const made = result.synthesized === 1 ? "1 sentence synthesised" : `${result.synthesized} sentences synthesised`;
    console.error(`${t.exercise} (${t.locale}, ${t.length}, ${t.ending}; the track lasts ${clock(t.durationMs)}): ${result.span.label}; ${made}`);
    console.log(result.file);
    if (!flags.play) return;
    const player = findPlayer();
    if (!player) {
      console.error("No audio player found (ffplay, aplay or afplay): open the file above in any player.");
      return;
    }
    await playAudio(player.command, player.args(result.file));
  });

try {
  await program.parseAsync();
} catch (error) {
  // Writers run this; a stack trace helps nobody.
  console.error(error instanceof ScriptLoadError ? error.message : `preview failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
