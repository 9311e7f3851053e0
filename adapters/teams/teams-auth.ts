import { createPublicKey, type KeyObject, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/** The Bot Connector's issuer (Azure Bot Service), used by every Teams bot. */
export const BOT_CONNECTOR_ISSUER = 'https://api.botframework.com';
/** Where the Bot Connector publishes its signing keys (OpenID metadata). */
export const BOT_CONNECTOR_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
/** Microsoft Entra's public cloud: token endpoint and tenant OpenID metadata live under it. */
export const ENTRA_LOGIN = 'https://login.microsoftonline.com';

/** How the adapter checks Teams' tokens and gets its own, per bot identity. */
export interface TeamsIdentitySettings {
  appId: string;
  /** The client secret, or… */
  appPassword?: string | undefined;
  /** …a certificate: its private key and SHA-1 thumbprint, for a signed client assertion. */
  certificate?: { key: KeyObject; x5t: string } | undefined;
  /** A single-tenant bot's Entra tenant; unset for a multi-tenant bot. */
  tenantId?: string | undefined;
  /** The Bot Connector's OpenID metadata (a local stand-in in tests). */
  botConnectorMetadataUrl?: string | undefined;
  /** Entra's login host (a local stand-in in tests). */
  loginUrl?: string | undefined;
}

/** Why a request's token was refused; the reason goes to the log, never to the sender. */
export class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super(`teams token refused: ${reason}`);
  }
}

/**
 * Entra refused the bot's own credentials (an app secret expired or replaced, a certificate
 * removed, the app registration gone): every call to the Bot Connector fails until whoever runs
 * the bot fixes them, so messages wait instead of failing. `code` is Entra's error
 * (`invalid_client`, `unauthorized_client`…); `aadsts` its numbered reason when it gave one.
 */
export class BotCredentialsRefused extends Error {
  readonly statusCode = 401;
  constructor(
    readonly code: string,
    readonly aadsts: number | undefined,
  ) {
    super(`bot token refused: ${code}${aadsts ? ` (AADSTS${aadsts})` : ''}`);
  }
}

/** The verified claims of a Teams request, as the SDK expects them on `request.user`. */
export type TeamsClaims = JWTPayload & { serviceurl?: string; aud: string };

const CLOCK_SKEW_S = 300;
const KEYS_TTL_MS = 24 * 3_600_000;
// A token signed with a key we do not know refreshes the keys, at most this often.
const KEYS_REFRESH_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

interface Jwk {
  kid?: string;
  kty?: string;
  n?: string;
  e?: string;
  x5c?: string[];
  endorsements?: string[];
}

interface KeySet {
  keys: Map<string, { key: KeyObject; endorsements?: string[] | undefined }>;
  at: number;
}

/** GETs JSON from a metadata or key URL: no redirects, a timeout, a size cap. */
async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${new URL(url).host} answered ${res.status}`);
  const text = await res.text();
  if (text.length > 1_000_000) throw new Error('key document too large');
  return JSON.parse(text) as unknown;
}

/**
 * A published key set (OpenID metadata → `jwks_uri` → keys), kept a day and refreshed when a
 * token names a key it does not have (keys rotate), at most every five minutes.
 */
class OpenIdKeys {
  private set: KeySet | undefined;
  private loading: Promise<KeySet> | undefined;

  constructor(private readonly metadataUrl: string) {}

  async key(kid: string): Promise<{ key: KeyObject; endorsements?: string[] | undefined } | undefined> {
    let set = this.set;
    if (!set || Date.now() - set.at > KEYS_TTL_MS) set = await this.load();
    const found = set.keys.get(kid);
    if (found || Date.now() - set.at < KEYS_REFRESH_MS) return found;
    return (await this.load()).keys.get(kid);
  }

  private load(): Promise<KeySet> {
    this.loading ??= (async () => {
      try {
        const metadata = (await getJson(this.metadataUrl)) as { jwks_uri?: unknown };
        if (typeof metadata.jwks_uri !== 'string') throw new Error('metadata without jwks_uri');
        const jwks = (await getJson(metadata.jwks_uri)) as { keys?: Jwk[] };
        const keys = new Map<string, { key: KeyObject; endorsements?: string[] | undefined }>();
        for (const jwk of jwks.keys ?? []) {
          if (!jwk.kid || jwk.kty !== 'RSA') continue;
          try {
            const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
            keys.set(jwk.kid, { key, endorsements: jwk.endorsements });
          } catch {
            // A key we cannot read signs nothing we accept.
          }
        }
        this.set = { keys, at: Date.now() };
        return this.set;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}

function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).host.toLowerCase() === new URL(b).host.toLowerCase();
  } catch {
    return false;
  }
}

function normalisedUrl(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '');
}

/**
 * Checks the bearer token of a request to /api/messages, as the Bot Framework's authentication
 * contract describes it: RS256 signed by a key the issuer publishes (and, for the Bot Connector,
 * a key endorsed for the activity's channel), issued by the Bot Connector or — for a
 * single-tenant bot — by the bot's own Entra tenant (v1 and v2 issuers), addressed to this bot
 * (`aud` is the app id), current (five minutes of clock skew), and naming the activity's
 * `serviceUrl` in its `serviceurl` claim. Anything else is refused.
 */
export class TeamsTokenVerifier {
  private readonly issuers = new Map<string, OpenIdKeys>();

  constructor(private readonly settings: TeamsIdentitySettings) {
    const connector = new OpenIdKeys(settings.botConnectorMetadataUrl ?? BOT_CONNECTOR_METADATA);
    this.issuers.set(BOT_CONNECTOR_ISSUER, connector);
    if (settings.tenantId) {
      const tenant = settings.tenantId.toLowerCase();
      const entra = new OpenIdKeys(
        `${(settings.loginUrl ?? ENTRA_LOGIN).replace(/\/+$/, '')}/${tenant}/v2.0/.well-known/openid-configuration`,
      );
      this.issuers.set(`https://login.microsoftonline.com/${tenant}/v2.0`, entra);
      this.issuers.set(`https://sts.windows.net/${tenant}/`, entra);
    }
  }

  /** The claims of a valid token for this activity; throws `TokenRefused` otherwise. */
  async verify(
    authorization: string | string[] | undefined,
    activity: { channelId?: unknown; serviceUrl?: unknown },
  ): Promise<TeamsClaims> {
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
    if (!match?.[1]) throw new TokenRefused('no bearer token');
    const token = match[1];
    let kid: string | undefined;
    let issuer: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
      issuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRefused('not a JWT');
    }
    const keys = issuer ? this.issuers.get(issuer.toLowerCase()) : undefined;
    if (!issuer || !keys) throw new TokenRefused('unknown issuer');
    if (!kid) throw new TokenRefused('no key id');
    let found: Awaited<ReturnType<OpenIdKeys['key']>>;
    try {
      found = await keys.key(kid);
    } catch (error) {
      throw new TokenRefused(
        `signing keys unavailable (${error instanceof Error ? error.message : 'error'})`,
      );
    }
    if (!found) throw new TokenRefused('unknown signing key');
    const channelId = typeof activity.channelId === 'string' ? activity.channelId : '';
    if (found.endorsements && !found.endorsements.includes(channelId))
      throw new TokenRefused('key not endorsed for the channel');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, found.key, {
        algorithms: ['RS256'],
        audience: this.settings.appId,
        issuer,
        clockTolerance: CLOCK_SKEW_S,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new TokenRefused((error as { code?: string }).code ?? 'invalid token');
    }
    const tid = (payload as { tid?: unknown }).tid;
    // An Entra token speaks for one tenant: the bot's own.
    if (
      typeof tid === 'string' &&
      this.settings.tenantId &&
      tid.toLowerCase() !== this.settings.tenantId.toLowerCase()
    )
      throw new TokenRefused('token of another tenant');
    const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '';
    const claim = (payload as { serviceurl?: unknown }).serviceurl;
    // The Bot Connector always names the service it calls from; an Entra token may not, and then
    // the outbound host allow-list is what keeps replies on Microsoft's hosts.
    if (typeof claim === 'string') {
      if (normalisedUrl(claim) !== normalisedUrl(serviceUrl) && !sameHost(claim, serviceUrl))
        throw new TokenRefused('serviceUrl does not match the token');
    } else if (issuer === BOT_CONNECTOR_ISSUER) throw new TokenRefused('token without serviceurl');
    return { ...payload, aud: this.settings.appId } as TeamsClaims;
  }
}

/**
 * The bot's own access token for the Bot Connector (OAuth client credentials against Entra),
 * cached until five minutes before it expires; concurrent callers share one request.
 */
export class BotTokenSource {
  private cached: { token: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly settings: TeamsIdentitySettings,
    /** What the token is for: the Bot Connector, unless told (Microsoft Graph, for installations). */
    private readonly scope = `${BOT_CONNECTOR_ISSUER}/.default`,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.until) return this.cached.token;
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async request(): Promise<string> {
    const { appId, appPassword, certificate, tenantId } = this.settings;
    const base = (this.settings.loginUrl ?? ENTRA_LOGIN).replace(/\/+$/, '');
    // Multi-tenant bots get their token from the Bot Framework's own tenant.
    const url = `${base}/${tenantId ?? 'botframework.com'}/oauth2/v2.0/token`;
    const credential: Record<string, string> = certificate
      ? {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: await clientAssertion(appId, url, certificate),
        }
      : { client_secret: appPassword ?? '' };
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: appId,
        ...credential,
        scope: this.scope,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
      error_codes?: unknown;
    };
    // Entra answers 400 or 401 with `invalid_client` (a wrong or expired secret) or
    // `unauthorized_client` (the app unknown there): the credentials, not the moment.
    if (res.status === 400 || res.status === 401) {
      const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
      throw new BotCredentialsRefused(
        typeof body.error === 'string' ? body.error.slice(0, 64) : `http_${res.status}`,
        typeof codes[0] === 'number' ? codes[0] : undefined,
      );
    }
    if (!res.ok || typeof body.access_token !== 'string')
      throw Object.assign(new Error(`bot token refused: ${String(body.error ?? res.status)}`), {
        statusCode: res.status,
      });
    const seconds = Number(body.expires_in);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3_600_000;
    this.cached = { token: body.access_token, until: Date.now() + Math.max(lifetime - 300_000, 30_000) };
    return body.access_token;
  }
}

/**
 * A certificate credential as Microsoft Entra takes it: a short JWT signed with the app
 * registration's private key, naming the certificate by its thumbprint (`x5t`), addressed to
 * the token endpoint, issued by and about the app.
 */
async function clientAssertion(
  appId: string,
  tokenUrl: string,
  certificate: { key: KeyObject; x5t: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: certificate.x5t })
    .setIssuer(appId)
    .setSubject(appId)
    .setAudience(tokenUrl)
    .setNotBefore(now - 60)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(certificate.key);
}
