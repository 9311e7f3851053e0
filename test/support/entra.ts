import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Microsoft's identity endpoints as a bot meets them, on 127.0.0.1: the Bot Connector's OpenID
 * metadata and signing keys (with channel endorsements, as login.botframework.com publishes
 * them), an Entra tenant's v2.0 metadata and keys, and the client-credentials token endpoint.
 * Tokens are signed here with a real RSA key, so the server under test verifies them for real.
 */
export interface EntraStandIn {
  url: string;
  /** The Bot Connector metadata URL (TEAMS_OPENID_METADATA_URL). */
  botConnectorMetadata: string;
  /** Every request it answered: method and path. */
  calls: { method: string; path: string; body: string }[];
  /** A token signed with the published key (or another one), claims as given. */
  sign(
    claims: Record<string, unknown>,
    options?: { key?: 'published' | 'foreign'; kid?: string },
  ): Promise<string>;
  /** The access token its token endpoint hands out. */
  accessToken: string;
  close(): Promise<void>;
}

const KID = 'test-key-1';

export async function entraStandIn(
  options: {
    endorsements?: string[];
    /**
     * App registrations with a certificate credential: the token endpoint then takes a signed
     * client assertion from them (checked: signature, thumbprint, audience, issuer), and every
     * app gets a token of its own (`bot-access-<app id>`).
     */
    certificates?: Record<string, { publicKey: KeyObject; x5t: string }>;
  } = {},
): Promise<EntraStandIn> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...published.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' };
  const accessToken = `bot-access-${randomUUID()}`;
  const calls: EntraStandIn['calls'] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      calls.push({ method: req.method ?? 'GET', path, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (path === '/botframework/v1/.well-known/openidconfiguration')
        return json(200, {
          issuer: 'https://api.botframework.com',
          jwks_uri: `${base}/botframework/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      if (path === '/botframework/v1/.well-known/keys')
        return json(200, {
          keys: [{ ...jwk, endorsements: options.endorsements ?? ['msteams', 'webchat'] }],
        });
      const tenantMeta = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
      if (tenantMeta)
        return json(200, {
          issuer: `https://login.microsoftonline.com/${tenantMeta[1]}/v2.0`,
          jwks_uri: `${base}/${tenantMeta[1]}/discovery/v2.0/keys`,
        });
      if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) return json(200, { keys: [jwk] });
      if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) {
        const form = new URLSearchParams(body);
        const app = form.get('client_id') ?? '';
        const issued = (token: string) =>
          json(200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
        if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'invalid_request' });
        if (options.certificates) {
          const certificate = options.certificates[app];
          const assertion = form.get('client_assertion');
          if (!certificate) return form.get('client_secret') ? issued(`bot-access-${app}`) : json(400, {});
          if (
            form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
            !assertion
          )
            return json(401, { error: 'invalid_client' });
          jwtVerify(assertion, certificate.publicKey, {
            algorithms: ['RS256'],
            audience: `${base}${path}`,
            issuer: app,
            subject: app,
          })
            .then(({ protectedHeader }) =>
              protectedHeader.x5t === certificate.x5t
                ? issued(`bot-access-${app}`)
                : json(401, { error: 'invalid_client' }),
            )
            .catch(() => json(401, { error: 'invalid_client' }));
          return;
        }
        if (!form.get('client_secret')) return json(400, { error: 'invalid_request' });
        return issued(accessToken);
      }
      json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const keyOf = (which: 'published' | 'foreign'): KeyObject =>
    which === 'published' ? published.privateKey : foreign.privateKey;
  return {
    url: base,
    botConnectorMetadata: `${base}/botframework/v1/.well-known/openidconfiguration`,
    calls,
    accessToken,
    async sign(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ nbf: now - 10, iat: now - 10, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? KID })
        .sign(keyOf(opts.key ?? 'published'));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
