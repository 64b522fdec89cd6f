// Integrated loudness per ITU-R BS.1770-4 / EBU R128 (mono), in JS, fed chunk by chunk. The
// build measures every track three or four times (the source, the shaped speech, each encoded
// file); ffmpeg's ebur128 filter would first resample each of those to 48 kHz in its own
// process. Here the K-weighting is designed for the signal's own rate from the standard's
// analogue prototype (as libebur128 does), so a measurement costs two biquads per sample on
// PCM the pipeline already holds or streams. tests/loudness-meter.test.ts holds it to ffmpeg.
//
// A meter may keep its K-weighted energy in grains finer than the standard's 100 ms steps
// (`grainSamples`): the encoder's gain search then reads the loudness of the track under any
// slowly varying gain (the limiter's curve) from those grains alone, without filtering the
// samples again for every gain it tries.

export interface Loudness {
  integratedLufs: number;
  truePeakDbtp: number;
}

/** Stage 1: the head's high-shelf (+4 dB above ~1.7 kHz). Stage 2: the RLB high-pass (~38 Hz). */
const SHELF = { f0: 1681.974450955533, gainDb: 3.999843853973347, q: 0.7071752369554196 };
const HIGH_PASS = { f0: 38.13547087602444, q: 0.5003270373238773 };

const BLOCK_MS = 400;
/** Gating blocks overlap by 75 %: a new one every 100 ms. */
const STEP_MS = 100;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function kWeighting(sampleRate: number): [Biquad, Biquad] {
  let k = Math.tan((Math.PI * SHELF.f0) / sampleRate);
  const vh = 10 ** (SHELF.gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / SHELF.q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / SHELF.q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF.q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF.q + k * k) / a0,
  };
  k = Math.tan((Math.PI * HIGH_PASS.f0) / sampleRate);
  a0 = 1 + k / HIGH_PASS.q + k * k;
  const highPass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / HIGH_PASS.q + k * k) / a0 };
  return [shelf, highPass];
}

export class LoudnessMeter {
  private readonly shelf: Biquad;
  private readonly highPass: Biquad;
  /** Direct form I state of both stages. */
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  private z1 = 0;
  private z2 = 0;
  private readonly stepSamples: number;
  private readonly grainSamples: number;
  private readonly stepsPerBlock = BLOCK_MS / STEP_MS;
  /**
   * Sum of squared K-weighted samples per grain, for every completed grain. Single precision: a
   * grain's share of a reading needs no more, and a long track has 800k grains.
   */
  private grains: Float32Array;
  private grainCount = 0;
  private inGrain = 0;
  private grainSum = 0;
  /** The bytes of a sample split across two pushed byte chunks. */
  private readonly carry = new Uint8Array(4);
  private carried = 0;

  /**
   * `grainSamples`: how finely the energy is kept; by default one 100 ms step. `expectedSamples`
   * sizes the store up front, so a long track's grains are not copied as it grows.
   */
  constructor(sampleRate: number, grainSamples?: number, expectedSamples = 0) {
    [this.shelf, this.highPass] = kWeighting(sampleRate);
    this.stepSamples = Math.round((sampleRate * STEP_MS) / 1000);
    this.grainSamples = grainSamples ?? this.stepSamples;
    this.grains = new Float32Array(Math.max(1024, Math.ceil(expectedSamples / this.grainSamples)));
  }

  push(samples: Float32Array): void {
    const { b0, b1, b2, a1, a2 } = this.shelf;
    const ha1 = this.highPass.a1;
    const ha2 = this.highPass.a2;
    let { x1, x2, y1, y2, z1, z2, inGrain, grainSum, grains, grainCount } = this;
    const grainSamples = this.grainSamples;
    const n = samples.length;
    let i = 0;
    while (i < n) {
      // Up to the end of the current grain, with no per-sample check for it.
      const end = Math.min(n, i + (grainSamples - inGrain));
      inGrain += end - i;
      for (; i < end; i++) {
        const x = samples[i]!;
        const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        const z = y - 2 * y1 + y2 - ha1 * z1 - ha2 * z2;
        y2 = y1;
        y1 = y;
        z2 = z1;
        z1 = z;
        grainSum += z * z;
      }
      if (inGrain === grainSamples) {
        if (grainCount === grains.length) {
          const grown = new Float32Array(grains.length * 2);
          grown.set(grains);
          grains = grown;
        }
        grains[grainCount++] = grainSum;
        inGrain = 0;
        grainSum = 0;
      }
    }
    Object.assign(this, { x1, x2, y1, y2, z1, z2, inGrain, grainSum, grains, grainCount });
  }

  /** Little-endian f32 bytes in any chunking (a pipe from ffmpeg splits samples anywhere). */
  pushBytes(chunk: Uint8Array): void {
    let at = 0;
    if (this.carried > 0) {
      const take = Math.min(4 - this.carried, chunk.length);
      this.carry.set(chunk.subarray(0, take), this.carried);
      this.carried += take;
      at = take;
      if (this.carried < 4) return;
      this.push(new Float32Array(this.carry.buffer, 0, 1));
      this.carried = 0;
    }
    const whole = Math.floor((chunk.length - at) / 4);
    if (whole > 0) {
      const start = chunk.byteOffset + at;
      // Float32Array views need 4-byte alignment; a pipe's Buffer often has it, else copy.
      const view = start % 4 === 0 ? new Float32Array(chunk.buffer, start, whole) : new Float32Array(chunk.slice(at, at + whole * 4).buffer);
      this.push(view);
      at += whole * 4;
    }
    this.carry.set(chunk.subarray(at));
    this.carried = chunk.length - at;
  }

  /**
   * Gated integrated loudness of everything pushed so far, LUFS; -70 for silence or under 400 ms.
   * `grainPower(g)`, when given, scales grain g's energy: the reading is then that of the same
   * signal under a gain whose square averages that over the grain: exact for a gain that is
   * constant over each grain; under a limiter's curve within hundredths of a LU where it takes a
   * dB or two, within 0.2 LU where it takes 5 dB (tests/loudness-meter.test.ts).
   */
  integratedLufs(grainPower?: (grain: number) => number): number {
    // Grains into 100 ms steps, each grain counted in the step its first sample falls in.
    const { grains, grainCount, grainSamples, stepSamples } = this;
    const steps = new Float64Array(Math.ceil((grainCount * grainSamples) / stepSamples));
    // Grain g starts at sample g × grainSamples, in step `step` while that is before `stepEnd`.
    let step = 0;
    let stepEnd = stepSamples;
    for (let g = 0, first = 0; g < grainCount; g++, first += grainSamples) {
      while (first >= stepEnd) {
        step++;
        stepEnd += stepSamples;
      }
      const e = grains[g]!;
      steps[step]! += grainPower ? e * grainPower(g) : e;
    }
    // Only whole steps count, as the standard's meter sees them.
    const stepCount = Math.floor((this.grainCount * this.grainSamples) / this.stepSamples);
    return gatedLoudness(steps, stepCount, this.stepsPerBlock, this.stepSamples * this.stepsPerBlock);
  }
}

/** BS.1770's gating over 100 ms step energies: 400 ms blocks, absolute then relative gate. */
function gatedLoudness(steps: Float64Array, stepCount: number, stepsPerBlock: number, blockSamples: number): number {
  const blocks: number[] = [];
  let sum = 0;
  for (let s = 0; s < stepCount; s++) {
    sum += steps[s]!;
    if (s >= stepsPerBlock) sum -= steps[s - stepsPerBlock]!;
    if (s >= stepsPerBlock - 1) blocks.push(sum / blockSamples);
  }
  const absolute = blocks.filter((z) => lufs(z) > ABSOLUTE_GATE_LUFS);
  if (absolute.length === 0) return ABSOLUTE_GATE_LUFS;
  const relativeGate = lufs(mean(absolute)) + RELATIVE_GATE_LU;
  const gated = absolute.filter((z) => lufs(z) > relativeGate);
  return gated.length === 0 ? ABSOLUTE_GATE_LUFS : lufs(mean(gated));
}

/** Integrated loudness of a whole mono signal, LUFS. */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  const meter = new LoudnessMeter(sampleRate);
  meter.push(samples);
  return meter.integratedLufs();
}

function lufs(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
