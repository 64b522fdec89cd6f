// The LAME/Xing "Info" frame: the first frame of a CBR MP3, silent to a decoder, that records the
// stream's frame count and length and, in its LAME extension, the encoder delay and padding.
// Decoders that honour it (ffmpeg, mpg123, most players) drop exactly those samples, so the file
// decodes to its timeline's length and plays gaplessly (design.md, "Audio"). LAME's own Info
// frame must fit a frame of the stream's bitrate, and at 48 kb/s and 24 kHz it does not; ffmpeg's
// muxer and this file write it in a frame of a higher bitrate. For LAME in WebAssembly
// (lame-wasm-encoder.ts) the pipeline writes it here from what it knows: the delay LAME adds
// (576 samples) and the number of samples it was given. Layout: the LAME tag specification (lame.sourceforge.io, "Mp3 Info Tag
// rev 1 specifications"), as ffmpeg's mp3 muxer writes it too.

/** LAME's own delay before the first input sample, in output samples (lame_get_encoder_delay). */
export const LAME_ENCODER_DELAY = 576;

/** Layer III bitrates (kb/s) by header index: MPEG-1, and MPEG-2/2.5. */
const BITRATES: Record<"v1" | "v2", readonly number[]> = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};
const TOC_BYTES = 100;
/** "Info", flags, frames, bytes, TOC, quality. */
const XING_BYTES = 4 + 4 + 4 + 4 + TOC_BYTES + 4;
const LAME_TAG_BYTES = 36;
/** Frames, bytes, TOC and quality present. */
const XING_FLAGS = 0x0f;

interface FrameHeader {
  /** 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5 (the header's version bits). */
  version: number;
  bitrateIndex: number;
  sampleRateIndex: number;
  sampleRate: number;
  mono: boolean;
  /** Bytes in the frame, header included. */
  length: number;
  samplesPerFrame: number;
  /** Side information after the header: the Info tag starts past it. */
  sideInfoBytes: number;
}

function readHeader(bytes: Uint8Array, at: number): FrameHeader {
  const [b0, b1, b2, b3] = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || b3 === undefined || (b1 & 0xe0) !== 0xe0) {
    throw new Error(`MP3 stream: no frame header at byte ${at}`);
  }
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const sampleRateIndex = (b2 >> 2) & 3;
  const rates = SAMPLE_RATES[version];
  if (!rates || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || sampleRateIndex === 3) {
    throw new Error(`MP3 stream: unsupported frame header at byte ${at} (not a CBR Layer III frame)`);
  }
  const v1 = version === 3;
  const sampleRate = rates[sampleRateIndex]!;
  const kbps = BITRATES[v1 ? "v1" : "v2"][bitrateIndex]!;
  const mono = b3 >> 6 === 3;
  return {
    version,
    bitrateIndex,
    sampleRateIndex,
    sampleRate,
    mono,
    length: Math.floor(((v1 ? 144 : 72) * kbps * 1000) / sampleRate) + ((b2 >> 1) & 1),
    samplesPerFrame: v1 ? 1152 : 576,
    sideInfoBytes: v1 ? (mono ? 17 : 32) : mono ? 9 : 17,
  };
}

/** CRC-16 as LAME computes the tag's checksums (polynomial 0x8005, reflected, initial 0). */
const CRC_TABLE = Uint16Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  return c;
});
function crc16(bytes: Uint8Array, crc = 0): number {
  for (let i = 0; i < bytes.length; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

export interface InfoFrameOptions {
  /** Samples the encoder put before the first input sample. */
  delay: number;
  /** Samples the stream stands for, at its own rate: what a gapless decoder returns. */
  samples: number;
  /** The encoder, as the tag's 9-byte version string (e.g. "LAME3.100"). */
  encoder: string;
  /** The encoder's low-pass, Hz (informative). */
  lowpassHz?: number;
}

/**
 * `frames` (a CBR Layer III stream as an encoder returned it) preceded by its Info frame. Throws
 * when the stream is not one (a broken encode must not reach a listener) or cannot hold the
 * padding the Info frame must record.
 */
export function withInfoFrame(frames: Uint8Array, opts: InfoFrameOptions): Uint8Array {
  const first = readHeader(frames, 0);
  let frameCount = 0;
  for (let at = 0; at < frames.length; frameCount++) {
    const h = readHeader(frames, at);
    if (h.sampleRate !== first.sampleRate || h.mono !== first.mono) throw new Error(`MP3 stream: frame ${frameCount} changes format`);
    at += h.length;
    if (at > frames.length) throw new Error(`MP3 stream: frame ${frameCount} is cut short`);
  }
  const padding = frameCount * first.samplesPerFrame - opts.delay - opts.samples;
  if (padding < 0 || padding > 0xfff || opts.delay > 0xfff) {
    throw new Error(`MP3 stream: ${frameCount} frames cannot hold ${opts.samples} samples after a delay of ${opts.delay}`);
  }

  // The Info frame has the stream's format; its bitrate is the lowest that holds the tag.
  const tagAt = 4 + first.sideInfoBytes;
  const needed = tagAt + XING_BYTES + LAME_TAG_BYTES;
  const table = BITRATES[first.version === 3 ? "v1" : "v2"];
  let header: FrameHeader | undefined;
  let b2 = 0;
  for (let index = 1; index < table.length; index++) {
    b2 = (index << 4) | (first.sampleRateIndex << 2); // no padding slot, private bit clear
    header = readHeader(Uint8Array.of(0xff, frames[1]!, b2, frames[3]!), 0);
    if (header.length >= needed) break;
  }
  if (!header || header.length < needed) throw new Error("MP3 stream: no bitrate holds the Info frame");
  const info = new Uint8Array(header.length);
  const view = new DataView(info.buffer);
  info.set([0xff, frames[1]! | 1, b2, frames[3]!]); // protection bit set: no CRC after the header
  const total = info.length + frames.length;
  let at = tagAt;
  info.set([0x49, 0x6e, 0x66, 0x6f], at); // "Info": the Xing tag of a constant-bitrate stream
  view.setUint32((at += 4), XING_FLAGS);
  view.setUint32((at += 4), frameCount);
  view.setUint32((at += 4), total);
  at += 4;
  // Seek table: at i % of the duration, the file is i % of the way through (constant bitrate).
  for (let i = 0; i < TOC_BYTES; i++) info[at + i] = Math.floor((i * 256) / TOC_BYTES);
  at += TOC_BYTES;
  view.setUint32(at, 0); // quality: not recorded
  at += 4;
  const lameAt = at;
  const version = opts.encoder.padEnd(9, " ").slice(0, 9);
  for (let i = 0; i < 9; i++) info[at + i] = version.charCodeAt(i) & 0x7f;
  at += 9;
  info[at++] = 0x01; // tag revision 0, constant bitrate
  info[at++] = Math.min(255, Math.round((opts.lowpassHz ?? 0) / 100));
  at += 4 + 2 + 2 + 1; // peak, radio and audiophile gain, flags + ATH: not recorded
  info[at++] = Math.min(255, BITRATES[first.version === 3 ? "v1" : "v2"][first.bitrateIndex]!);
  info[at++] = opts.delay >> 4;
  info[at++] = ((opts.delay & 0xf) << 4) | (padding >> 8);
  info[at++] = padding & 0xff;
  at += 1 + 1 + 2; // misc, MP3Gain, preset and surround: none
  view.setUint32(at, total);
  at += 4;
  view.setUint16(at, crc16(frames));
  at += 2;
  view.setUint16(at, crc16(info.subarray(0, at)));
  if (at + 2 - lameAt !== LAME_TAG_BYTES) throw new Error("Info frame layout error"); // guards the offsets above
  const out = new Uint8Array(total);
  out.set(info);
  out.set(frames, info.length);
  return out;
}
