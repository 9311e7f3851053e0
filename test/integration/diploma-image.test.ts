import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { diplomasPdf } from '../../src/reports/diplomas.ts';
import type { Results } from '../../src/reports/participants.ts';
import { logoPng } from '../support/images.ts';

/**
 * One diploma page rendered to pixels (poppler's pdftoppm, installed by .ci/run) and compared
 * with the reference image a person looked at: `test/fixtures/diplomas/diploma-es.png`. Rendering
 * differs slightly between poppler and font versions, so the comparison has a tolerance; a
 * layout change, a missing logo or signature, or another name is far past it. To accept a new
 * look, run with UPDATE_DIPLOMA_REFERENCE=1 and look at the image before committing it.
 */
const REFERENCE = new URL('../fixtures/diplomas/diploma-es.png', import.meta.url);
const DPI = 40;
const hasPdftoppm = !spawnSync('pdftoppm', ['-v']).error;
if (!hasPdftoppm)
  console.warn('diploma image test skipped: pdftoppm (Debian poppler-utils) is not installed');

const dir = mkdtempSync(join(tmpdir(), 'mentoria-diploma-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function results(name: string): Results {
  return {
    cycle: {
      name: 'Mentoría Digital 2027',
      timezone: 'America/Santiago',
      enrollmentStarts: '2027-03-01',
      ends: '2027-08-31',
    },
    program: { name: 'Mentoría Inversa' },
    plenaries: 7,
    goals: [],
    rows: [{ personId: 'p1', name, locale: 'es', gender: 'f', role: 'mentor', diploma: true }],
  } as unknown as Results;
}

/** A grayscale image: width, height and one byte per pixel. */
interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

async function render(name: string, logo = true): Promise<Gray> {
  const { pdf } = await diplomasPdf(results(name), translator('es'), {
    design: {
      institution: 'Servicio Civil de Chile',
      signatories: [
        { name: 'María José Pérez', position: 'Directora Nacional' },
        { name: 'Juan Soto', position: 'Jefe de Desarrollo de Personas' },
      ],
      logo: logo ? logoPng() : null,
    },
    certificates: new Map([['p1', { number: '7K3Q-9XPD-2HRM', issuedAt: new Date('2027-09-01T15:00:00Z') }]]),
    verifyBase: 'https://mentoria.serviciocivil.example',
  });
  const file = join(dir, `${name.length}-${logo}`);
  writeFileSync(`${file}.pdf`, pdf);
  const run = spawnSync('pdftoppm', ['-r', String(DPI), '-gray', '-singlefile', `${file}.pdf`, file]);
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
  return readPgm(readFileSync(`${file}.pgm`));
}

/** A binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(bytes: Buffer): Gray {
  const header = bytes.subarray(0, 64).toString('latin1');
  const match = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(header);
  if (!match) throw new Error('not a PGM');
  const width = Number(match[1]);
  const height = Number(match[2]);
  return { width, height, pixels: bytes.subarray(match[0].length, match[0].length + width * height) };
}

function readPng(bytes: Buffer): Gray {
  const png = PNG.sync.read(bytes);
  const pixels = new Uint8Array(png.width * png.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = png.data[i * 4] as number;
  return { width: png.width, height: png.height, pixels };
}

function writePng(image: Gray): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.pixels.forEach((v, i) => {
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  });
  return PNG.sync.write(png);
}

/** How far two images are: mean absolute difference (0–255) and the share of pixels off by more than 64. */
function distance(a: Gray, b: Gray): { mean: number; far: number } {
  if (a.width !== b.width || a.height !== b.height) return { mean: 255, far: 1 };
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.pixels.length; i++) {
    const d = Math.abs((a.pixels[i] as number) - (b.pixels[i] as number));
    sum += d;
    if (d > 64) far++;
  }
  return { mean: sum / a.pixels.length, far: far / a.pixels.length };
}

const close = (d: { mean: number; far: number }) => d.mean < 2 && d.far < 0.005;

describe.skipIf(!hasPdftoppm)('a diploma page, as people see it', () => {
  it('matches the reference image within a tolerance', async () => {
    const page = await render('Carolina Andrea Muñoz Fernández');
    if (process.env.UPDATE_DIPLOMA_REFERENCE === '1' || !existsSync(REFERENCE)) {
      writeFileSync(REFERENCE, writePng(page));
      console.warn(`wrote ${REFERENCE.pathname}: look at it before committing`);
    }
    const reference = readPng(readFileSync(REFERENCE));
    expect({ width: page.width, height: page.height }).toEqual({
      width: reference.width,
      height: reference.height,
    });
    const d = distance(page, reference);
    expect(close(d), `mean ${d.mean.toFixed(2)}, far ${(d.far * 100).toFixed(2)} %`).toBe(true);
  });

  it('tells a different page apart: another name, or a missing logo, is past the tolerance', async () => {
    const reference = readPng(readFileSync(REFERENCE));
    expect(close(distance(await render('Pedro Pablo Rojas Contreras'), reference))).toBe(false);
    expect(close(distance(await render('Carolina Andrea Muñoz Fernández', false), reference))).toBe(false);
  });
});
