// Real espeak-ng (WebAssembly) synthesis through the engine and its worker pool.
import { afterAll, describe, expect, it } from "vitest";
import { EspeakEngine } from "../audio-builder/speech/espeak-engine.js";
import { EDGE_SILENCE_MS } from "../audio-builder/speech/silence-trim.js";
import { PIPELINE_SAMPLE_RATE } from "../audio-builder/audio/pipeline-rate.js";
import { type SpeechAudio, type SpeechRequest } from "../audio-builder/speech/tts-engine.js";

const engine = new EspeakEngine({ threads: 2 });
afterAll(() => engine.close());

const NL: SpeechRequest = { text: "Adem rustig in door je neus, en laat je schouders zakken.", locale: "nl-NL", rate: "normal" };
const EN: SpeechRequest = { text: "Breathe in slowly through your nose, and let your shoulders drop.", locale: "en-US", rate: "normal" };

const seconds = (a: SpeechAudio) => a.samples.length / a.sampleRate;
function rmsDbfs(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return 20 * Math.log10(Math.sqrt(sum / samples.length) / 32768);
}
const peak = (samples: Int16Array) => samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);

describe("espeak engine", () => {
  it("names the espeak-ng voices per locale and puts the delivery into the prosody key", () => {
    expect(engine.voice("nl-NL")).toBe("nl");
    expect(engine.voice("en-US")).toBe("en-us");
    expect(engine.prosodyKey("normal")).not.toBe(engine.prosodyKey("slow"));
  });

  it.each([NL, EN])("speaks $locale audibly at 22,050 Hz mono for a plausible time", async (req) => {
    const audio = await engine.synthesize(req);
    expect(audio.sampleRate).toBe(PIPELINE_SAMPLE_RATE);
    // Eleven or twelve words at a calm pace: a few seconds, not a blip and not a drawl.
    expect(seconds(audio)).toBeGreaterThan(2.5);
    expect(seconds(audio)).toBeLessThan(8);
    expect(rmsDbfs(audio.samples)).toBeGreaterThan(-35);
  });

  it("trims the engine's own silence to a fixed margin on both ends", async () => {
    const { samples } = await engine.synthesize(NL);
    const margin = Math.round((EDGE_SILENCE_MS * PIPELINE_SAMPLE_RATE) / 1000);
    expect(peak(samples.subarray(0, margin))).toBeLessThan(200);
    expect(peak(samples.subarray(samples.length - margin))).toBeLessThan(200);
    expect(Math.abs(samples[margin]!)).toBeGreaterThanOrEqual(200);
    expect(Math.abs(samples[samples.length - margin - 1]!)).toBeGreaterThanOrEqual(200);
  });

  it("speaks slow passages more slowly than normal ones", async () => {
    const [normal, slow] = await Promise.all([engine.synthesize(NL), engine.synthesize({ ...NL, rate: "slow" })]);
    expect(seconds(slow)).toBeGreaterThan(seconds(normal) * 1.1);
  });

  it("passes text as text, even when it looks like an option or markup", async () => {
    const help = await engine.synthesize({ text: "--help", locale: "en-US", rate: "normal" });
    expect(seconds(help)).toBeGreaterThan(0.2);
    expect(seconds(help)).toBeLessThan(2); // "dash dash help", not the CLI's usage text
    const markup = await engine.synthesize({ text: 'Say "<b>calm</b>" & rest.', locale: "en-US", rate: "normal" });
    expect(seconds(markup)).toBeGreaterThan(0.5);
  });

  it("gives the same audio whether segments run one by one or concurrently on the pool", async () => {
    const reqs: SpeechRequest[] = ["Ontspan je kaak.", "Voel je voeten.", "Relax your jaw.", "Feel your feet."].map((text, i) => ({
      text,
      locale: i < 2 ? "nl-NL" : "en-US",
      rate: "normal",
    }));
    const sequential: SpeechAudio[] = [];
    for (const r of reqs) sequential.push(await engine.synthesize(r));
    const concurrent = await Promise.all(reqs.map((r) => engine.synthesize(r)));
    expect(concurrent.map((a) => Buffer.from(a.samples.buffer).toString("base64"))).toEqual(
      sequential.map((a) => Buffer.from(a.samples.buffer).toString("base64")),
    );
  });

  it("reports text with nothing to say instead of returning silence", async () => {
    await expect(engine.synthesize({ text: "   ", locale: "nl-NL", rate: "normal" })).rejects.toThrow(/no audible speech/);
  });

  it("refuses work after close", async () => {
    const other = new EspeakEngine({ threads: 1 });
    await other.synthesize({ text: "Ja.", locale: "nl-NL", rate: "normal" });
    await other.close();
    await expect(other.synthesize({ text: "Nee.", locale: "nl-NL", rate: "normal" })).rejects.toThrow(/closed/);
  });
});
