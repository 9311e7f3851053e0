import { z } from 'zod';

/**
 * Certificate numbers: 12 symbols of Crockford's base32 (no I, L, O, U: nothing to misread),
 * 60 random bits, written in groups of four (`7K3Q-9XPD-2HRM`). Guessing one is hopeless even
 * without the verification page's rate limit.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CERTIFICATE_RANDOM_BYTES = 8;

/** A number from random bytes (at least 8; the first 60 bits are used). */
export function certificateNumber(random: Uint8Array): string {
  if (random.length < CERTIFICATE_RANDOM_BYTES) throw new Error('certificateNumber needs 8 random bytes');
  let bits = 0n;
  for (const byte of random.subarray(0, CERTIFICATE_RANDOM_BYTES)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 4n;
  let symbols = '';
  for (let i = 0; i < 12; i++) {
    symbols = ALPHABET[Number(bits & 31n)] + symbols;
    bits >>= 5n;
  }
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/**
 * A number as someone typed or copied it: any case, with or without dashes or spaces, O read as
 * 0 and I or L as 1. Null when it cannot be one of ours.
 */
export function normaliseCertificateNumber(text: string): string | null {
  const symbols = text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== 12 || [...symbols].some((c) => !ALPHABET.includes(c))) return null;
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/** The institution that grants a program's diplomas and who signs them. */
export const certificateDesignSchema = z.object({
  institution: z.string().trim().min(2).max(120),
  signatories: z
    .array(z.object({ name: z.string().trim().min(2).max(80), position: z.string().trim().min(2).max(100) }))
    .max(3),
});
export type CertificateDesignInput = z.infer<typeof certificateDesignSchema>;

/** A logo's limits: a PNG up to 512 KB, between 16 and 4000 pixels a side. */
export const LOGO_MAX_BYTES = 512 * 1024;

/**
 * Whether bytes are a PNG a diploma can show, from its signature and header chunk: its size, or
 * the reason it is refused.
 */
export function pngLogoInfo(
  bytes: Uint8Array,
):
  | { ok: true; width: number; height: number }
  | { ok: false; problem: 'not_png' | 'too_big' | 'dimensions' } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 33 || signature.some((b, i) => bytes[i] !== b)) return { ok: false, problem: 'not_png' };
  // The first chunk is IHDR: length 13, then width and height as big-endian 32-bit numbers.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (view.getUint32(8) !== 13 || type !== 'IHDR') return { ok: false, problem: 'not_png' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, problem: 'too_big' };
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width < 16 || height < 16 || width > 4000 || height > 4000) return { ok: false, problem: 'dimensions' };
  return { ok: true, width, height };
}
