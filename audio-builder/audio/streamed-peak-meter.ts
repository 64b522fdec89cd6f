// The finished file's true peak, overall and per frame, measured on the decoded PCM as it
// streams out of ffmpeg: a long track's decoded samples are never held whole (at 24 kHz f32 a
// 20-minute track is 115 MB, and two tracks encode at once). The same 4x-oversampled meter as
// the limiter's, applied chunk by chunk with a block of real context on either side, so every
// interpolated point sees the samples it would see in the whole track.
import { analysePeaks, BLOCK, blockTruePeak, peakBound } from "./true-peak-limiter.js";

/** Samples per analysed chunk (a multiple of BLOCK). */
const CHUNK = 1 << 16;

export interface StreamedPeaks {
  samples: number;
  /** The track's true peak, linear. */
  truePeak: number;
  /** Per frame: the true peak where it could exceed the limit, else the frame's sample peak. */
  framePeaks: Float32Array;
}

/**
 * Feed it little-endian f32 bytes in any chunking with `push`, then `finish`. The results equal
 * `truePeak` and `frameTruePeaks` of true-peak-limiter.ts on the whole track.
 */
export class StreamedPeakMeter {
  /** [BLOCK of context][CHUNK][BLOCK of context]; context before the track is silence. */
  private readonly buf = new Float32Array(BLOCK + CHUNK + BLOCK);
  private readonly bytes = new Uint8Array(this.buf.buffer);
  /** Bytes written into buf, counted from its start (the leading context included). */
  private filled = BLOCK * 4;
  /** Global index of the first block of the chunk in buf. */
  private firstBlock = 0;
  private samplePeakMax = 0;
  private peak = 0;
  private readonly frames: number[] = [];

  constructor(
    private readonly frameSamples: number,
    private readonly limit: number,
  ) {}

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(chunk.length - at, this.bytes.length - this.filled);
      this.bytes.set(chunk.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.bytes.length) this.analyse(CHUNK);
    }
  }

  finish(): StreamedPeaks {
    const left = Math.floor((this.filled - BLOCK * 4) / 4);
    let samples = this.firstBlock * BLOCK;
    let rest = left;
    while (rest > 0) {
      // The front holds the context block and the `rest` samples still to measure; then silence.
      this.buf.fill(0, BLOCK + rest);
      const n = Math.min(CHUNK, rest);
      this.analyse(n);
      samples += n;
      rest -= n;
    }
    const frameCount = Math.ceil(samples / this.frameSamples);
    const framePeaks = new Float32Array(frameCount);
    for (let f = 0; f < frameCount; f++) framePeaks[f] = this.frames[f] ?? 0;
    return { samples, truePeak: Math.max(this.peak, this.samplePeakMax), framePeaks };
  }

  /** Measures the first `n` samples of the chunk (n ≤ CHUNK), then moves on past them. */
  private analyse(n: number): void {
    const a = analysePeaks(this.buf, { remember: false });
    const samplePeak = a.samplePeak;
    const blocks = Math.ceil(n / BLOCK);
    let samplePeakMax = this.samplePeakMax;
    for (let i = 1; i <= blocks; i++) samplePeakMax = Math.max(samplePeakMax, samplePeak[i]!);
    this.samplePeakMax = samplePeakMax;
    const { limit, frameSamples, frames } = this;
    // Block i starts at sample `start` of the track, in frame f, which ends at `frameEnd`.
    let start = this.firstBlock * BLOCK;
    let f = Math.floor(start / frameSamples);
    let frameEnd = (f + 1) * frameSamples;
    while (frames.length <= f) frames.push(0);
    for (let i = 1; i <= blocks; i++, start += BLOCK) {
      if (start >= frameEnd) {
        f = Math.floor(start / frameSamples);
        frameEnd = (f + 1) * frameSamples;
        while (frames.length <= f) frames.push(0);
      }
      const bound = peakBound(a, i);
      if (bound > samplePeakMax || bound > limit) {
        // A block that cannot beat the loudest sample so far cannot hold the track's true peak.
        const exact = blockTruePeak(a, i);
        if (bound > samplePeakMax && exact > this.peak) this.peak = exact;
        const p = bound > limit ? exact : samplePeak[i]!;
        if (p > frames[f]!) frames[f] = p;
      } else if (samplePeak[i]! > frames[f]!) {
        frames[f] = samplePeak[i]!;
      }
    }
    // Keep the last block of this chunk as the next one's leading context, and whatever followed.
    const keepFrom = n; // index in buf of the last block of the chunk (buf[0] is context)
    const keepTo = this.filled / 4;
    this.buf.copyWithin(0, keepFrom, Math.ceil(keepTo));
    this.filled -= n * 4;
    this.firstBlock += blocks;
  }
}
