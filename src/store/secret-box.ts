import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (Slack bot and user tokens): AES-256-GCM with Node's crypto, a fresh 96-bit
 * nonce per seal, and the row's key as additional data so a sealed value copied into another
 * row (another workspace) does not open. Keys rotate through a list: the first seals, every
 * one opens, and a value sealed under an older key is reported stale so its row is sealed again.
 *
 * Sealed text: `mentoria:v1:<key id>:<nonce>:<ciphertext>:<tag>`, base64url parts; the key id is
 * a hash prefix, never the key.
 */
export class SecretBox {
  private readonly keys: { id: string; key: Buffer }[];

  private constructor(keys: Buffer[]) {
    this.keys = keys.map((key) => ({ id: keyId(key), key }));
  }

  /** The configured keys, newest first; undefined (no encryption) when there are none. */
  static from(keys: Buffer[] | undefined): SecretBox | undefined {
    return keys?.length ? new SecretBox(keys) : undefined;
  }

  static of(...keys: Buffer[]): SecretBox {
    if (!keys.length) throw new Error('a secret box needs at least one key');
    return new SecretBox(keys);
  }

  seal(plain: string, context: string): string {
    const [current] = this.keys;
    if (!current) throw new Error('no key');
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [PREFIX, current.id, b64(nonce), b64(body), b64(tag)].join(':');
  }

  /**
   * The plain text, and whether it should be sealed again (an older key). Throws when the value
   * is not ours, was altered, belongs to another row, or no configured key opens it.
   */
  open(sealed: string, context: string): { plain: string; stale: boolean } {
    const parts = sealed.split(':');
    if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX) throw new Error('not a sealed value');
    const [, , id, nonce, body, tag] = parts as [string, string, string, string, string, string];
    const index = this.keys.findIndex((k) => k.id === id);
    const entry = this.keys[index];
    if (!entry) throw new Error(`sealed under key ${id}, which is not in ENCRYPTION_KEYS`);
    const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
    return { plain, stale: index > 0 };
  }
}

const PREFIX = 'mentoria:v1';

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${PREFIX}:`);
}

function keyId(key: Buffer): string {
  return createHash('sha256').update('mentoria-key-id:').update(key).digest('hex').slice(0, 12);
}

function b64(b: Buffer): string {
  return b.toString('base64url');
}

/**
 * One key as written in the environment: 32 bytes as 64 hex digits or as base64 (what
 * `openssl rand -base64 32` prints). Undefined when it is neither.
 */
export function parseKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}
