// One track's files from its measured timeline: speech from the cache, laid out sample-exactly,
// encoded once per profile, plus its captions. Everything is written under the staging folder;
// build-dist.ts moves it into dist/ only when the whole build has succeeded.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { assembleTrack } from "../audio/assemble-track.js";
import { encodeTrack, type AudioProfile } from "../audio/encode-track.js";
import { renderVtt } from "../audio/render-vtt.js";
import type { CatalogFile } from "../catalog/catalog-types.js";
import type { SegmentCache } from "../speech/segment-cache.js";
import type { SpeechAudio } from "../speech/tts-engine.js";
import type { Timeline } from "../timeline/timeline-types.js";
import { sha256Hex, writeFileAtomic } from "./atomic-file.js";
import { requestId, speechEvents, speechRequest } from "./measure-timelines.js";
import type { PlannedTrack } from "./plan-tracks.js";
import type { TrackTagValues } from "./track-labels.js";

export const MP3_MIME = "audio/mpeg";
export const VTT_MIME = "text/vtt";

export interface TrackFiles {
  download: CatalogFile;
  alexa: CatalogFile;
  transcript: CatalogFile;
}

export async function buildTrackFiles(
  track: PlannedTrack,
  timeline: Timeline,
  cache: Pick<SegmentCache, "audio">,
  stagingDir: string,
  tags: TrackTagValues,
  onWarning: (message: string) => void = () => undefined,
): Promise<TrackFiles> {
  // Each distinct sentence is read once, even when a breathing cue repeats forty times.
  const audio = new Map<string, SpeechAudio>();
  for (const e of speechEvents(timeline)) {
    const req = speechRequest(track.locale, e);
    const id = requestId(req);
    if (!audio.has(id)) audio.set(id, await cache.audio(req));
  }
  const pcm = assembleTrack(
    timeline,
    (e) => {
      const found = audio.get(requestId(speechRequest(track.locale, e)));
      if (!found) throw new Error(`${track.ref}: no audio for ${JSON.stringify(e.text)}`);
      return found;
    },
    { breathTones: track.script.audio.breathTones, bed: track.script.audio.bed },
  );
  audio.clear();

  const meta = { tags, chapters: timeline.chapters, durationMs: timeline.durationMs };
  const encode = async (profile: AudioProfile, relative: string, last = false): Promise<CatalogFile> => {
    const file = path.join(stagingDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    const result = await encodeTrack(pcm, profile, file, meta, { consumePcm: last });
    if (result.warning) onWarning(`${track.ref}: ${result.warning}`);
    return { path: relative, bytes: result.bytes, sha256: result.sha256, mime: MP3_MIME };
  };
  // One profile after the other: tracks already run one per core, and each encode holds its own
  // peak analysis and limiter curve as large as the PCM, so overlapping them costs memory, not time.
  // The last profile may shape the track in place: nothing reads the assembled PCM after it.
  const download = await encode("download", track.paths.download);
  const alexa = await encode("alexa", track.paths.alexa, true);

  const vtt = renderVtt(timeline);
  await writeFileAtomic(path.join(stagingDir, track.paths.transcript), vtt);
  const transcript: CatalogFile = {
    path: track.paths.transcript,
    bytes: Buffer.byteLength(vtt, "utf8"),
    sha256: sha256Hex(vtt),
    mime: VTT_MIME,
  };
  return { download, alexa, transcript };
}
