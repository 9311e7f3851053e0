import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The report files a download link may name: built fresh for the reader at each download. */
export const REPORT_KINDS = ['results.xlsx', 'results.csv', 'diplomas.pdf', 'chart.png'] as const;
export type LinkKind = (typeof REPORT_KINDS)[number];
/**
 * What a link may name: a report file, a file kept for its person (`kept`: an invitation, an
 * export that the chat could not take), or a card's image kept for nobody in particular (`image`).
 */
export const LINK_KINDS = [...REPORT_KINDS, 'kept', 'image'] as const;
export type AnyLinkKind = (typeof LINK_KINDS)[number];

/** Who a link was made for, what it opens, and until when (seconds since the epoch). */
export interface LinkClaims {
  t: string;
  p: string;
  k: AnyLinkKind;
  /** The cycle of a report file, or the id of a kept file. */
  c: string;
  e: number;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

/**
 * Signed, expiring download links: `<claims>.<HMAC-SHA256>` in base64url. The claims name the
 * tenant and the person the link was made for; changing any of them breaks the signature.
 */
export class LinkSigner {
  private readonly key: Buffer;
  constructor(secret: string | undefined) {
    // Without a configured secret, links last as long as this process.
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(claims: LinkClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string, now: Date): LinkCheck {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined || token.length > 1_000)
      return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: 'tampered' };
    let claims: LinkClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!LINK_KINDS.includes(claims.k) || typeof claims.e !== 'number')
      return { ok: false, reason: 'malformed' };
    if (claims.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
