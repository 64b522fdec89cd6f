// `npm run build`: scripts → tracks → dist/. Incremental (a track whose inputs are unchanged is
// not touched), parallel (tracks encode on every core), and atomic (new files are staged and
// moved into place only after everything succeeded; the catalogs and manifest come last).
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import { PROFILES } from "../audio/audio-profiles.js";
import { chooseMp3Encoder, type Mp3EncoderChoice } from "../audio/mp3-encoder.js";
import type { Catalog, CatalogNarration, CatalogTrack } from "../catalog/catalog-types.js";
import { skillFields } from "../catalog/skill-fields.js";
import type { LoadedScript } from "../model/load-scripts.js";
import { formatProblem } from "../model/script-problems.js";
import type { Ending, Length, Locale } from "../model/script-schema.js";
import { publishSite } from "../publish/publish-site.js";
import { findMissingTakes, MissingTakesError, type MissingTake } from "../recordings/missing-takes.js";
import { narratedTags, trackNarration } from "../recordings/narration-labels.js";
import { DEFAULT_RECORDINGS_DIR, recordedVoices } from "../recordings/voice-config.js";
import { createEngine } from "../speech/create-engine.js";
import { RecordedEngine } from "../speech/recorded-engine.js";
import { segmentKey, SegmentCache } from "../speech/segment-cache.js";
import type { SpeechRequest, TtsEngine } from "../speech/tts-engine.js";
import { checkScriptsOrThrow } from "../validate/check-scripts.js";
import type { Timeline } from "../timeline/timeline-types.js";
import { emptyManifest, isUpToDate, readManifest, type BuildManifest } from "./build-manifest.js";
import { loadTrackSpeech, type TrackFiles } from "./build-track.js";
import { commitDist, removeStaleStaging, STAGING_PREFIX } from "./commit-dist.js";
import { composeCatalog } from "./compose-catalog.js";
import { lockDist, type DistLock } from "../files/dist-lock.js";
import { measureTimelines, requestId, speechEvents, speechRequest } from "./measure-timelines.js";
import { isFullBuild, planTracks, type PlannedTrack } from "./plan-tracks.js";
import { createProgressReporter, type ProgressReporter } from "./progress-reporter.js";
import { tagYear, trackTags, trackTitle, type TrackTagValues } from "./track-labels.js";
import { trackKey } from "./track-key.js";
import { startTrackWorkers, type TrackWorkers } from "./track-workers.js";

export interface BuildDistOptions {
  /** Default: the repository's scripts/. */
  scriptsDir?: string;
  /** Default: dist (relative to the working directory). */
  out?: string;
  /** Default: .cache; speech segments live in <cacheDir>/speech. */
  cacheDir?: string;
  only?: string[];
  locales?: Locale[];
  lengths?: Length[];
  endings?: Ending[];
  tts?: "espeak" | "azure";
  /** `recorded:<name>`: a narrator's takes in place of TTS (default: RUSTPUNT_VOICE_NL/EN; `tts` for none). */
  voice?: string;
  /** Sentences without a take are spoken by the TTS engine instead of failing the build. */
  fallbackTts?: boolean;
  /** Default: the repository's recordings/. */
  recordingsDir?: string;
  quiet?: boolean;
  env?: NodeJS.ProcessEnv;
  onTrack?: (t: CatalogTrack) => void;
  /** Overrides the terminal/log reporter chosen from `quiet` (tests, the bench). */
  reporter?: ProgressReporter;
  /** Absolute URL dist/ is served from; the podcast feeds are written only with it (publish/publish-site.ts). */
  baseUrl?: string;
  /**
   * The MP3 encoder; by default chosen when a track needs encoding (mp3-encoder.ts), from the
   * process's own environment (FFMPEG_PATH, PATH): the machine's tools, not the build's inputs.
   */
  encoder?: Mp3EncoderChoice;
}

export interface BuildDistResult {
  catalog: Catalog;
  built: number;
  skipped: number;
  synthesized: number;
  /** Of `synthesized`: speech segments found damaged in the cache (their content no longer matched its hash) and synthesised again. */
  repaired: number;
  /** Audio made by this build (built tracks only), in ms. */
  builtAudioMs: number;
  /** Audio the catalogue's tracks hold, in ms. */
  catalogAudioMs: number;
  /** Outputs of tracks that no longer exist, removed by a full build. */
  removed: string[];
  /** Script warnings (file:line:column, e.g. text read out literally), then tracks kept outside a profile's loudness target (within its hard limits), one line each. */
  warnings: string[];
  /** Sentences a recorded voice has no take of, spoken by the TTS engine (--fallback-tts). */
  spokenByTts: MissingTake[];
}

export async function buildDist(opts: BuildDistOptions = {}): Promise<BuildDistResult> {
  const outDir = path.resolve(opts.out ?? "dist");
  const cacheDir = path.resolve(opts.cacheDir ?? ".cache");
  const env = opts.env ?? process.env;
  const reporter = opts.reporter ?? createProgressReporter({ quiet: opts.quiet });
  const filter = { only: opts.only, locales: opts.locales, lengths: opts.lengths, endings: opts.endings };

  // Exactly what `npm run validate` accepts (pacing included); anything else is refused here.
  const { scripts, warnings: scriptWarnings } = await checkScriptsOrThrow(opts.scriptsDir);
  const planned = planTracks(scripts, filter);
  const voices = recordedVoices({ voice: opts.voice, locales: [...new Set(planned.map((t) => t.locale))], env });
  const speech = {
    tts: opts.tts,
    env,
    recorded: { recordingsDir: path.resolve(opts.recordingsDir ?? DEFAULT_RECORDINGS_DIR), voices, fallbackTts: opts.fallbackTts === true },
  };
  // Validates Azure credentials before any work; espeak's workers start only when asked to speak.
  let engine = await createEngine(speech);
  let lock: DistLock | undefined;
  let spokenByTts: MissingTake[] = [];
  try {
    if (engine instanceof RecordedEngine) {
      spokenByTts = findMissingTakes(engine, planned, scripts);
      if (spokenByTts.length > 0 && !opts.fallbackTts) throw new MissingTakesError(spokenByTts);
    }
    lock = await lockDist(outDir, {
      onWait: (holder) => {
        if (!opts.quiet) process.stderr.write(`waiting for the build in process ${holder} to finish writing ${outDir} ...\n`);
      },
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
  await removeStaleStaging(outDir);
  const stagingDir = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
  // If the process is stopped (the CLI turns Ctrl-C into exit), half-built files must not linger.
  const dropStaging = () => rmSync(stagingDir, { recursive: true, force: true });
  process.once("exit", dropStaging);
  let workers: TrackWorkers | undefined;
  try {
    const speechDir = path.join(cacheDir, "speech");
    let cache = new SegmentCache(speechDir, engine, availableParallelism());
    let repairedEarlier = 0;
    const { timelines, synthesized } = await measureTimelines(planned, cache, (done, total) => reporter.speech(done, total));
    if (synthesized > 0) {
      // The synthesis workers (a WebAssembly heap each) would otherwise sit idle through the whole
      // encoding phase; a fresh engine starts none unless a damaged segment must be made again.
      await engine.close();
      engine = await createEngine(speech);
      repairedEarlier = cache.repaired;
      cache = new SegmentCache(speechDir, engine, availableParallelism());
    }
    const year = tagYear(env);
    const previous = await readManifest(outDir);
    const manifest: BuildManifest = emptyManifest();

    // Decide per track: up to date (reuse the manifest's entry) or to build.
    const toBuild: { track: PlannedTrack; timeline: Timeline; key: string; tags: TrackTagValues; narration: CatalogNarration }[] = [];
    const catalogTracks: CatalogTrack[] = [];
    const keyOf = segmentKeys(engine);
    for (const track of planned) {
      const timeline = timelines.get(track.ref)!;
      const narration = trackNarration(engine, track.locale, timeline);
      const tags = narratedTags(trackTags(track.script, track.variant, track.number, year), narration, track.locale);
      const key = trackKey({
        timeline,
        segmentKeys: speechEvents(timeline).map((e) => keyOf(speechRequest(track.locale, e))),
        audio: track.script.audio,
        meta: { tags, paths: track.paths },
        // Encoder settings change bytes too; code changes to assembly bump BUILD_FORMAT_VERSION.
        profiles: PROFILES,
      });
      const entry = previous.tracks[track.ref];
      if (entry && (await isUpToDate(outDir, entry, key))) {
        const files = { download: entry.track.files.download, alexa: entry.track.files.alexa, transcript: entry.track.transcript };
        const catalogTrack = catalogEntry(track, timeline, files, narration);
        manifest.tracks[track.ref] = { key, track: catalogTrack };
        catalogTracks.push(catalogTrack);
      } else {
        toBuild.push({ track, timeline, key, tags, narration });
      }
    }

    // Build what changed, on every core. Staged files stay out of dist/ until the commit.
    // Longest first: the last tracks to start are then the short ones, so no core sits idle
    // through one long encode at the end.
    toBuild.sort((a, b) => b.timeline.durationMs - a.timeline.durationMs);
    reporter.tracksStarted(toBuild.length);
    // One track per core; the main thread only reads speech from the cache and keeps the books.
    const cores = availableParallelism();
    const limit = pLimit(cores);
    let builtAudioMs = 0;
    const warnings: string[] = [];
    const encoder = toBuild.length > 0 ? (opts.encoder ?? chooseMp3Encoder()) : undefined;
    workers = toBuild.length > 0 ? await startTrackWorkers(Math.min(cores, toBuild.length)) : undefined;
    await Promise.all(
      toBuild.map(({ track, timeline, key, tags, narration }) =>
        limit(async () => {
          const started = performance.now();
          const { files, warnings: trackWarnings } = await workers!.build({
            ref: track.ref,
            locale: track.locale,
            paths: track.paths,
            aids: { breathTones: track.script.audio.breathTones, bed: track.script.audio.bed },
            timeline,
            speech: await loadTrackSpeech(track.locale, timeline, cache),
            stagingDir,
            tags,
            encoder: encoder!,
          });
          warnings.push(...trackWarnings);
          const catalogTrack = catalogEntry(track, timeline, files, narration);
          manifest.tracks[track.ref] = { key, track: catalogTrack };
          catalogTracks.push(catalogTrack);
          builtAudioMs += timeline.durationMs;
          reporter.trackBuilt(track.ref, timeline.durationMs, performance.now() - started);
        }),
      ),
    );
    reporter.finish();

    const full = isFullBuild(filter);
    if (!full) await keepUnplannedTracks(outDir, previous, manifest, scripts, planned, catalogTracks);
    for (const t of catalogTracks) opts.onTrack?.(t);

    const catalog = composeCatalog(scripts, catalogTracks);
    const staged = toBuild.flatMap(({ track }) => [track.paths.download, track.paths.alexa, track.paths.transcript]);
    await mkdir(outDir, { recursive: true });
    const { removed } = await commitDist({ outDir, stagingDir, staged, catalog, manifest, ...(full ? { previous } : {}) });
    // The pages and feeds read the transcripts, so they follow the commit that put them in place.
    await publishSite({ catalog, distDir: outDir, ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), env });
    return {
      catalog,
      built: toBuild.length,
      skipped: planned.length - toBuild.length,
      synthesized: synthesized + repairedEarlier + cache.repaired,
      repaired: repairedEarlier + cache.repaired,
      builtAudioMs,
      catalogAudioMs: catalog.tracks.reduce((sum, t) => sum + t.durationMs, 0),
      removed,
      warnings: [...scriptWarnings.map(formatProblem), ...warnings.sort()],
      spokenByTts,
    };
  } finally {
    process.off("exit", dropStaging);
    reporter.finish();
    // Stopped before their staging folder goes: a failed track must not leave others writing into it.
    await workers?.close();
    await rm(stagingDir, { recursive: true, force: true });
    await engine.close();
    await lock.release();
  }
}

function catalogEntry(track: PlannedTrack, timeline: Timeline, { download, alexa, transcript }: TrackFiles, narration: CatalogNarration): CatalogTrack {
  return {
    id: track.id,
    exercise: track.script.id,
    locale: track.locale,
    title: trackTitle(track.script, track.variant),
    length: track.variant.length,
    ending: track.variant.ending,
    durationMs: timeline.durationMs,
    chapters: timeline.chapters.map((c) => ({ id: c.id, title: c.title, startMs: c.startMs })),
    files: { download, alexa },
    transcript,
    // Rendered every build: cheap, and a renderer fix reaches the skill without re-encoding audio.
    ...skillFields(timeline),
    narration,
  };
}

/**
 * A narrowed build (--only, --locale, ...) keeps the tracks it did not plan, as long as their
 * exercise still exists and their files are where the manifest says.
 */
async function keepUnplannedTracks(
  outDir: string,
  previous: BuildManifest,
  manifest: BuildManifest,
  scripts: readonly LoadedScript[],
  planned: readonly PlannedTrack[],
  catalogTracks: CatalogTrack[],
): Promise<void> {
  const plannedRefs = new Set(planned.map((t) => t.ref));
  const allRefs = new Set(planTracks(scripts).map((t) => t.ref));
  for (const [ref, entry] of Object.entries(previous.tracks)) {
    if (plannedRefs.has(ref)) continue;
    if (!allRefs.has(ref)) {
      // Its exercise is gone: out of the catalog, but still in the manifest so that the next
      // full build knows its files and removes them.
      manifest.tracks[ref] = entry;
      continue;
    }
    if (!(await isUpToDate(outDir, entry, entry.key))) continue;
    manifest.tracks[ref] = entry;
    catalogTracks.push(entry.track);
  }
}

/** segmentKey is a sha256; a catalogue repeats the same cues hundreds of times, so memoise it. */
function segmentKeys(engine: TtsEngine): (req: SpeechRequest) => string {
  const memo = new Map<string, string>();
  return (req) => {
    const id = requestId(req);
    const known = memo.get(id);
    if (known !== undefined) return known;
    const key = segmentKey(engine, req);
    memo.set(id, key);
    return key;
  };
}
