// Draws the two Teams app icons Dealroom's manifest needs and writes them as PNG with node:zlib
// (no image library): color.png, 192×192 full colour, and outline.png, 32×32 white on transparent
// (Teams' rules for the outline icon). Run once: `npx tsx scripts/make-teams-icons.ts`; the PNGs are
// committed. The emblem: two overlapping rings, two parties meeting in one deal room.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT = new URL('../manifests/teams/', import.meta.url);
export const ACCENT = [0x2f, 0x5b, 0xd3] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) → PNG bytes: 8-bit RGBA, no interlace, filter 0 per row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage (0..1) of the two rings at (x, y) in a unit square, by 4×4 supersampling. */
function rings(size: number, x: number, y: number, thickness: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = (x + (sx + 0.5) / 4) / size;
      const v = (y + (sy + 0.5) / 4) / size;
      const inRing = (cx: number) => {
        const d = Math.hypot(u - cx, v - 0.5);
        return d <= 0.25 && d >= 0.25 - thickness;
      };
      if (inRing(0.36) || inRing(0.64)) hits++;
    }
  }
  return hits / 16;
}

function draw(size: number, background: boolean, thickness: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = rings(size, x, y, thickness);
      const i = (y * size + x) * 4;
      if (background) {
        // White rings blended over the accent colour; the colour icon is full-bleed.
        px[i] = Math.round(ACCENT[0] + (255 - ACCENT[0]) * a);
        px[i + 1] = Math.round(ACCENT[1] + (255 - ACCENT[1]) * a);
        px[i + 2] = Math.round(ACCENT[2] + (255 - ACCENT[2]) * a);
        px[i + 3] = 255;
      } else {
        px.set([255, 255, 255, Math.round(255 * a)], i);
      }
    }
  }
  return px;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('color.png', OUT), encodePng(192, 192, draw(192, true, 0.06)));
  writeFileSync(new URL('outline.png', OUT), encodePng(32, 32, draw(32, false, 0.09)));
  console.error('wrote manifests/teams/color.png and manifests/teams/outline.png');
}
