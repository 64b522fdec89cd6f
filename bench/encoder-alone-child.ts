// The encoder alone (audio-bench.ts): encodes raw pipeline-rate PCM files for both profiles, at
// unity gain and with no limiting, with the encoder the build would choose, one after the other.
// Nothing else of the build runs: no assembly, shaping, gain search or check. Prints one JSON line.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { PROFILES, type AudioProfile } from "../audio-builder/audio/audio-profiles.js";
import { encodeMp3, type Mp3EncoderChoice } from "../audio-builder/audio/mp3-encoder.js";
import { BLOCK } from "../audio-builder/audio/true-peak-limiter.js";

const { encoder, files, outDir } = JSON.parse(process.argv[2] ?? "{}") as { encoder: Mp3EncoderChoice; files: string[]; outDir: string };
const started = performance.now();
for (const [i, file] of files.entries()) {
  const bytes = await readFile(file);
  const pcm = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const flat = new Float32Array(Math.ceil(pcm.length / BLOCK) + 1).fill(1);
  for (const profile of ["download", "alexa"] as AudioProfile[]) {
    const out = path.join(outDir, `${process.pid}-${i}-${profile}.mp3`);
    await encodeMp3(encoder, pcm, 1, flat, PROFILES[profile], out);
    await rm(out);
  }
}
console.log(JSON.stringify({ ms: performance.now() - started }));
