// RIFF/WAVE reading and writing for 16-bit PCM, the only kind the speech layer handles.
// Engines (espeak, Azure) and the segment cache all hand over WAV files; chunks are walked
// properly because a header is not always 44 bytes (LIST/INFO, fact or odd-sized chunks).

export class WavFormatError extends Error {
  override readonly name = "WavFormatError";
}

export interface PcmWav {
  sampleRate: number;
  channels: number;
  samples: Int16Array;
}

export interface ParseOptions {
  /**
   * Reject a data chunk that is shorter than its header says (a truncated file). Off for
   * engine output, where a writer that streams may leave a placeholder size behind.
   */
  strict?: boolean;
}

export function parseWav(bytes: Uint8Array, opts: ParseOptions = {}): PcmWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.byteLength < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") {
    throw new WavFormatError("not a RIFF/WAVE file");
  }
  let format: { channels: number; sampleRate: number; bits: number; code: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      if (size < 16 || body + 16 > bytes.byteLength) throw new WavFormatError("fmt chunk is too short");
      format = {
        code: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!format) throw new WavFormatError("data chunk before fmt chunk");
      // 0xFFFE is WAVE_FORMAT_EXTENSIBLE, which carries plain PCM too.
      if ((format.code !== 1 && format.code !== 0xfffe) || format.bits !== 16) {
        throw new WavFormatError(`unsupported encoding (format ${format.code}, ${format.bits} bits); expected 16-bit PCM`);
      }
      const available = bytes.byteLength - body;
      if (size > available && opts.strict) {
        throw new WavFormatError(`truncated: data chunk declares ${size} bytes, file holds ${available}`);
      }
      const length = Math.min(size, available) & ~1;
      // Copy into an aligned buffer: the data may start at an odd offset.
      const samples = new Int16Array(length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + i * 2, true);
      return { sampleRate: format.sampleRate, channels: format.channels, samples };
    }
    offset = body + size + (size & 1); // chunks are word-aligned
  }
  throw new WavFormatError(format ? "no data chunk" : "no fmt chunk");
}

/** A canonical 44-byte-header mono 16-bit PCM WAV. */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, 44 + i * 2);
  return out;
}

export function wavFileBytes(sampleCount: number): number {
  return 44 + sampleCount * 2;
}
