// The podcast's cover: podcast directories want a square JPEG or PNG of 1400 to 3000 px (an SVG
// is refused). Drawn here, pixel by pixel, and encoded as PNG with zlib from Node itself, so the
// image needs no graphics library and is the same bytes on every build: a calm evening gradient
// with the breathing companion's circle and rings.
import { crc32, deflateSync } from "node:zlib";

export const COVER_FILE = "cover.png";
export const COVER_SIZE = 1400;

type Rgb = [number, number, number];

const TOP: Rgb = [28, 58, 66];
const BOTTOM: Rgb = [70, 112, 118];
const CIRCLE: Rgb = [207, 228, 226];
const RING: Rgb = [236, 242, 238];

export function renderCoverPng(size = COVER_SIZE): Buffer {
  const stride = size * 3 + 1; // one filter byte per row
  const raw = Buffer.alloc(stride * size);
  const centre = (size - 1) / 2;
  const radius = size * 0.27;
  const rings = [size * 0.34, size * 0.41];
  const ringWidth = size * 0.006;

  for (let y = 0; y < size; y++) {
    const row = y * stride;
    raw[row] = 0; // filter: none
    const background = mix(TOP, BOTTOM, y / (size - 1));
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      // Coverage from the distance to an edge gives a soft, anti-aliased border.
      const disc = clamp01(radius - distance + 0.5);
      let colour = mix(background, CIRCLE, disc);
      for (const [i, r] of rings.entries()) {
        const ring = clamp01(ringWidth - Math.abs(distance - r) + 0.5) * (i === 0 ? 0.55 : 0.3);
        colour = mix(colour, RING, ring);
      }
      const at = row + 1 + x * 3;
      raw[at] = colour[0];
      raw[at + 1] = colour[1];
      raw[at + 2] = colour[2];
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  // compression, filter and interlace methods stay 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0, 0);
  return Buffer.concat([length, typeAndData, crc]);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
