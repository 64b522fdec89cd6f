// One track's files from its measured timeline: speech from the cache, laid out sample-exactly,
// encoded once per profile, plus its captions. Everything is written under the staging folder;
// build-dist.ts moves it into dist/ only when the whole build has succeeded.
// The main thread reads the speech (loadTrackSpeech); the rest (buildTrackFiles) is a plain-data
// job that runs on a track worker (track-workers.ts), so tracks' signal work uses every core.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { assembleTrack, type AssembleOptions } from "../audio/assemble-track.js";
import { encodeTrack, type AudioProfile } from "../audio/encode-track.js";
import type { Mp3EncoderChoice } from "../audio/mp3-encoder.js";
import type { TrackTags } from "../audio/id3-tags.js";
import { renderVtt } from "../audio/render-vtt.js";
import type { CatalogFile } from "../catalog/catalog-types.js";
import type { Locale } from "../model/script-schema.js";
import type { SegmentCache } from "../speech/segment-cache.js";
import type { SpeechAudio } from "../speech/tts-engine.js";
import type { Timeline } from "../timeline/timeline-types.js";
import { sha256Hex, writeFileAtomic } from "../files/atomic-file.js";
import { namePathIfDiskFull } from "../files/disk-full.js";
import { requestId, speechEvents, speechRequest } from "./measure-timelines.js";
import type { TrackPaths } from "./plan-tracks.js";

export const MP3_MIME = "audio/mpeg";
export const VTT_MIME = "text/vtt";

export interface TrackFiles {
  download: CatalogFile;
  alexa: CatalogFile;
  transcript: CatalogFile;
}

/** Everything a track worker needs: plain data, speech included (its buffers are transferred). */
export interface TrackJob {
  ref: string;
  locale: Locale;
  paths: TrackPaths;
  aids: AssembleOptions;
  timeline: Timeline;
  /** By requestId: each distinct sentence once, even when a breathing cue repeats forty times. */
  speech: Map<string, SpeechAudio>;
  stagingDir: string;
  tags: TrackTags;
  /** Chosen once per build (mp3-encoder.ts). */
  encoder: Mp3EncoderChoice;
}

export interface TrackJobResult {
  files: TrackFiles;
  /** Profiles kept outside their loudness target (within their hard limits), one line each. */
  warnings: string[];
}

/** The track's distinct sentences, read from the cache (a damaged segment is synthesised again). */
export async function loadTrackSpeech(locale: Locale, timeline: Timeline, cache: Pick<SegmentCache, "audio">): Promise<Map<string, SpeechAudio>> {
  const audio = new Map<string, SpeechAudio>();
  for (const e of speechEvents(timeline)) {
    const req = speechRequest(locale, e);
    const id = requestId(req);
    if (!audio.has(id)) audio.set(id, await cache.audio(req));
  }
  return audio;
}

/**
 * `release`, when given, runs between the steps that leave large garbage behind (each profile's
 * analyses and curves, the alexa profile's shaping): a track worker frees it there rather than
 * let it add up.
 */
export async function buildTrackFiles(job: TrackJob, release: () => void = () => undefined): Promise<TrackJobResult> {
  const { timeline } = job;
  const pcm = assembleTrack(
    timeline,
    (e) => {
      const found = job.speech.get(requestId(speechRequest(job.locale, e)));
      if (!found) throw new Error(`${job.ref}: no audio for ${JSON.stringify(e.text)}`);
      return found;
    },
    job.aids,
  );
  job.speech.clear();
  release();

  const warnings: string[] = [];
  const meta = { tags: job.tags, chapters: timeline.chapters, durationMs: timeline.durationMs };
  const encode = async (profile: AudioProfile, relative: string, last = false): Promise<CatalogFile> => {
    const file = path.join(job.stagingDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    const result = await encodeTrack(pcm, profile, file, meta, { consumePcm: last, release, encoder: job.encoder }).catch((error: unknown) =>
      namePathIfDiskFull(error, file),
    );
    if (result.warning) warnings.push(`${job.ref}: ${result.warning}`);
    return { path: relative, bytes: result.bytes, sha256: result.sha256, mime: MP3_MIME };
  };
  // One profile after the other: tracks already run one per core, and each encode holds its own
  // peak analysis and limiter curve as large as the PCM, so overlapping them costs memory, not time.
  // The last profile may shape the track in place: nothing reads the assembled PCM after it.
  const download = await encode("download", job.paths.download);
  release();
  const alexa = await encode("alexa", job.paths.alexa, true);
  release();

  const vtt = renderVtt(timeline);
  await writeFileAtomic(path.join(job.stagingDir, job.paths.transcript), vtt);
  const transcript: CatalogFile = {
    path: job.paths.transcript,
    bytes: Buffer.byteLength(vtt, "utf8"),
    sha256: sha256Hex(vtt),
    mime: VTT_MIME,
  };
  return { files: { download, alexa, transcript }, warnings };
}
