// Per-segment espeak time, on one worker and on the pool (one worker per core):
// `npx tsx bench/espeak-speed.ts`. Speed is measured here, not asserted in tests.
import { availableParallelism } from "node:os";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import type { SpeechRequest } from "../audio-builder/speech/tts-engine.js";

const SENTENCES: [SpeechRequest["locale"], string][] = [
  ["nl-NL", "Adem rustig in door je neus."],
  ["nl-NL", "Laat je schouders zakken."],
  ["nl-NL", "Voel hoe je lichaam zwaarder wordt."],
  ["en-US", "Breathe in slowly through your nose."],
  ["en-US", "Let your shoulders drop."],
  ["en-US", "Feel your body grow heavier."],
];
const reqs: SpeechRequest[] = Array.from({ length: 48 }, (_, i) => {
  const [locale, text] = SENTENCES[i % SENTENCES.length]!;
  return { text: `${text} ${i}`, locale, rate: i % 2 ? "slow" : "normal" };
});

const sizes = [...new Set([1, availableParallelism()])];
for (const threads of sizes) {
  const engine = new EspeakEngine({ threads });
  let t = performance.now();
  await engine.synthesize(reqs[0]!);
  const first = performance.now() - t;

  t = performance.now();
  for (const r of reqs.slice(0, 12)) await engine.synthesize(r);
  const sequential = (performance.now() - t) / 12;

  t = performance.now();
  const cpu = process.cpuUsage();
  const audio = await Promise.all(reqs.map((r) => engine.synthesize(r)));
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  // CPU time (all threads) does not depend on what else the machine is doing; wall time does.
  const cpuPerSegment = (used.user + used.system) / 1000 / reqs.length;
  const audioSeconds = audio.reduce((s, a) => s + a.samples.length / a.sampleRate, 0);
  console.log(
    `espeak threads=${threads}: first call ${first.toFixed(0)} ms, one at a time ${sequential.toFixed(0)} ms/segment, ` +
      `${reqs.length} concurrent ${(wall / reqs.length).toFixed(0)} ms/segment (${(audioSeconds / (wall / 1000)).toFixed(1)}x real time, ` +
      `CPU ${cpuPerSegment.toFixed(0)} ms/segment), ` +
      `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
  await engine.close();
}
