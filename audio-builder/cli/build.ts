// `npm run build [-- options]`: every exercise × locale × length × ending into dist/ (see README,
// "dist/ and catalog.json"). Exit code 1 with a readable message on any failure, never a stack.
import { Command, Option } from "commander";
import { chooseMp3Encoder } from "../audio/mp3-encoder.js";
import { isDiskFull } from "../files/disk-full.js";
import { buildDist } from "../pipeline/build-dist.js";
import { clock } from "../pipeline/progress-reporter.js";
import { ScriptLoadError } from "../model/load-scripts.js";
import { missingTakeLines } from "../recordings/missing-takes.js";
import { resolveBaseUrl } from "../publish/base-url.js";
import { scriptsOption } from "./scripts-option.js";
import { ENDINGS, LENGTHS, LOCALES, type Ending, type Length, type Locale } from "../model/script-schema.js";

interface BuildFlags {
  only?: string[];
  locale?: Locale[];
  length?: Length[];
  ending?: Ending[];
  tts?: "espeak" | "azure";
  voice?: string;
  fallbackTts?: boolean;
  recordings?: string;
  out: string;
  cache: string;
  scripts?: string;
  quiet?: boolean;
  baseUrl?: string;
}

const program = new Command()
  .name("build")
  .description("Build every exercise track (MP3 for download and for Alexa, WebVTT captions) and dist/catalog.json.")
  .option("--only <exercise...>", "build only these exercises (ids as in scripts/, e.g. ademhaling)")
  .addOption(new Option("--locale <locale...>", "build only these locales").choices(LOCALES))
  .addOption(new Option("--length <length...>", "build only these lengths").choices(LENGTHS))
  .addOption(new Option("--ending <ending...>", "build only these endings").choices(ENDINGS))
  .addOption(
    new Option("--tts <engine>", "speech engine (default: azure when AZURE_SPEECH_KEY and AZURE_SPEECH_REGION are set, else espeak)").choices([
      "espeak",
      "azure",
    ]),
  )
  .option("--voice <voice>", "recorded:<name>: speak with a narrator's takes from recordings/<locale>/<name>/ (default: RUSTPUNT_VOICE_NL / RUSTPUNT_VOICE_EN; tts for none)")
  .option("--fallback-tts", "with a recorded voice: speak sentences that have no take yet with the TTS engine instead of failing")
  .option("--recordings <dir>", "recordings folder (default: the repository's recordings/)")
  .option("--out <dir>", "output folder", "dist")
  .option("--cache <dir>", "cache folder for synthesised speech", ".cache")
  .addOption(scriptsOption())
  .option("--base-url <url>", "public URL dist/ is served from, for the podcast feeds (default: PUBLIC_BASE_URL; without one the feeds are skipped)")
  .option("--quiet", "print nothing but errors")
  .action(async (flags: BuildFlags) => {
    const started = performance.now();
    const baseUrl = resolveBaseUrl(flags.baseUrl, process.env); // validated before any work
    const encoder = chooseMp3Encoder(process.env);
    if (!flags.quiet) console.log(`encoder: ${encoder.label}`);
    const result = await buildDist({
      out: flags.out,
      cacheDir: flags.cache,
      ...(flags.scripts ? { scriptsDir: flags.scripts } : {}),
      ...(flags.only ? { only: flags.only } : {}),
      ...(flags.locale ? { locales: flags.locale } : {}),
      ...(flags.length ? { lengths: flags.length } : {}),
      ...(flags.ending ? { endings: flags.ending } : {}),
      ...(flags.tts ? { tts: flags.tts } : {}),
      ...(flags.voice ? { voice: flags.voice } : {}),
      ...(flags.recordings ? { recordingsDir: flags.recordings } : {}),
      fallbackTts: flags.fallbackTts === true,
      quiet: flags.quiet === true,
      env: process.env,
      encoder,
      ...(baseUrl ? { baseUrl } : {}),
    });
    // Warnings are printed even with --quiet: a track kept outside its loudness target is news.
    for (const w of result.warnings) console.warn(`warning: ${w}`);
    if (result.spokenByTts.length > 0) {
      // Said even with --quiet: these tracks are not yet all in the narrator's voice.
      console.warn(`${result.spokenByTts.length} sentence(s) spoken by the TTS engine, no take yet (--fallback-tts):`);
      for (const line of missingTakeLines(result.spokenByTts)) console.warn(`  ${line}`);
    }
    if (flags.quiet) return;
    const seconds = (performance.now() - started) / 1000;
    const speed = result.builtAudioMs > 0 ? `, ${Math.round(result.builtAudioMs / 1000 / seconds)}× real time` : "";
    const repaired = result.repaired > 0 ? ` (${result.repaired} of them replace damaged cache entries)` : "";
    const removed = result.removed.length > 0 ? `; removed ${result.removed.length} outdated file(s)` : "";
    console.log(
      `${result.built} track(s) built, ${result.skipped} up to date; ${result.synthesized} speech segment(s) synthesised${repaired}${removed}\n` +
        `${clock(result.builtAudioMs)} of audio built in ${seconds.toFixed(1)} s${speed}; ` +
        `the catalogue holds ${result.catalog.tracks.length} track(s), ${clock(result.catalogAudioMs)} in all → ${flags.out}`,
    );
    if (!baseUrl) console.log("Podcast feeds skipped: no public base URL (pass --base-url https://… or set PUBLIC_BASE_URL).");
  });

// Ctrl-C and kill become a normal exit, so the build's exit hook removes its half-built files.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ScriptLoadError) {
    console.error(error.message); // already one `file:line:column field: message` line per problem
  } else if (isDiskFull(error)) {
    // A writer that named its path said so already; otherwise (the speech cache) name both folders.
    const message = error instanceof Error && /could not write/.test(error.message) ? error.message : `no space left on the disk while writing the output or the speech cache (${program.opts<BuildFlags>().out}, ${program.opts<BuildFlags>().cache}): free some space there, or point --out and --cache to another disk, then build again`;
    console.error(`build failed: ${message}`);
  } else {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.error("The output folder was left as the previous build made it.");
  process.exitCode = 1;
}
