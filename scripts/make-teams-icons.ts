// Draws the Teams icons (color 192×192, outline 32×32 white on transparent) as PNG files.
// Run once with `npx tsx scripts/make-teams-icons.ts`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Two overlapping circles: a mentor and a mentee.
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) =>
  (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const dir = join(import.meta.dirname, '..', 'manifest', 'teams');
writeFileSync(
  join(dir, 'color.png'),
  png(192, (x, y) =>
    inCircle(x, y, 78, 96, 44) || inCircle(x, y, 118, 96, 34) ? [255, 255, 255, 255] : [29, 78, 137, 255],
  ),
);
writeFileSync(
  join(dir, 'outline.png'),
  png(32, (x, y) =>
    inCircle(x, y, 13, 16, 8) || inCircle(x, y, 21, 16, 6) ? [255, 255, 255, 255] : [0, 0, 0, 0],
  ),
);
