import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export const MANIFEST_DIR = join(import.meta.dirname, '..', '..', 'manifest', 'teams');

/** Fills `${{NAME}}` placeholders; every placeholder must have a value. */
export function fillPlaceholders(template: string, values: Record<string, string | undefined>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (!value) {
      missing.add(name);
      return '';
    }
    return value;
  });
  if (missing.size) throw new Error(`missing values for ${[...missing].join(', ')}`);
  return filled;
}

/** A zip archive (deflate) of a few files, as Teams' "Upload a custom app" expects. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(file.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, compressed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(file.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += header.length + name.length + compressed.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** The app package: the manifest with its placeholders filled, and the two icons. */
export function buildAppPackage(values: Record<string, string | undefined>): {
  manifest: Record<string, unknown>;
  zip: Buffer;
} {
  const text = fillPlaceholders(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), values);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  return {
    manifest,
    zip: zip([
      { name: 'manifest.json', data: Buffer.from(text, 'utf8') },
      { name: 'color.png', data: readFileSync(join(MANIFEST_DIR, 'color.png')) },
      { name: 'outline.png', data: readFileSync(join(MANIFEST_DIR, 'outline.png')) },
    ]),
  };
}
