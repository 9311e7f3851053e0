import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificateNumber,
  LOGO_MAX_BYTES,
  normaliseCertificateNumber,
  pngLogoInfo,
} from '../../../src/domain/certificate.ts';
import { logoPng } from '../../support/images.ts';

describe('certificate numbers', () => {
  it('are 12 unambiguous symbols in three groups, read back as written, however they are typed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const number = certificateNumber(bytes);
        expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normaliseCertificateNumber(number)).toBe(number);
        expect(normaliseCertificateNumber(` ${number.toLowerCase().replaceAll('-', ' ')} `)).toBe(number);
      }),
    );
  });

  it('use 60 of the random bits: different bytes, different numbers', () => {
    const a = certificateNumber(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0]));
    const b = certificateNumber(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 16]));
    const c = certificateNumber(new Uint8Array([128, 0, 0, 0, 0, 0, 0, 0]));
    expect(new Set([a, b, c]).size).toBe(3);
    expect(a).toBe('0000-0000-0000');
  });

  it('refuse what cannot be one: wrong length, letters outside the alphabet', () => {
    expect(normaliseCertificateNumber('7K3Q-9XPD-2HR')).toBeNull();
    expect(normaliseCertificateNumber('7K3Q-9XPD-2HRU')).toBeNull();
    expect(normaliseCertificateNumber('<script>')).toBeNull();
    expect(normaliseCertificateNumber('7k3q 9xpd 2hrm')).toBe('7K3Q-9XPD-2HRM');
    expect(normaliseCertificateNumber('OOOO-IIII-LLLL')).toBe('0000-1111-1111');
  });
});

describe('a logo', () => {
  it('is a PNG by its signature and header, of a sensible size', () => {
    expect(pngLogoInfo(logoPng())).toEqual({ ok: true, width: 240, height: 80 });
    expect(pngLogoInfo(Buffer.from('GIF89a............................................'))).toEqual({
      ok: false,
      problem: 'not_png',
    });
    const huge = Buffer.concat([logoPng(), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(pngLogoInfo(huge)).toEqual({ ok: false, problem: 'too_big' });
    const tiny = Buffer.from(logoPng());
    tiny.writeUInt32BE(8, 16);
    expect(pngLogoInfo(tiny)).toEqual({ ok: false, problem: 'dimensions' });
  });
});
