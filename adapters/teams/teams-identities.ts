import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isTrustedUrl } from '../../src/config.ts';
import type { TeamsConfig } from './platform.ts';
import type { TeamsIdentitySettings } from './teams-auth.ts';

/**
 * Several institutions on Teams means several bot identities: new Azure bots are single-tenant,
 * so each institution's tenant registers its own (an app id, a client secret or a certificate,
 * its token authority) and, for writing first, its own app catalog id. The file named by
 * `TEAMS_IDENTITIES_FILE` lists them; `MICROSOFT_APP_ID` / `MICROSOFT_APP_PASSWORD` stay the one
 * identity of a single-identity server (for its tenant, or for every tenant of a multi-tenant
 * registration) and, next to the file, the identity of tenants the file does not name.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const entrySchema = z
  .object({
    tenant: z.string().regex(GUID, 'must be the Entra tenant id (a GUID)'),
    appId: z.string().min(1).max(100),
    secret: z.string().min(1).max(1_000).optional(),
    /** A PEM file holding the app registration's certificate and its private key. */
    certificate: z.string().min(1).max(1_000).optional(),
    /** The token authority (Entra's login host; a sovereign cloud's, if so). */
    authority: z
      .string()
      .refine(isTrustedUrl, 'must be an https URL (http only on 127.0.0.1 or localhost)')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    catalogId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((e) => Boolean(e.secret) !== Boolean(e.certificate), {
    message: 'give either secret or certificate',
  });

const fileSchema = z.object({ identities: z.array(entrySchema).min(1).max(500) }).strict();

/** One bot identity and the tenant it serves ('*': every tenant, a multi-tenant registration). */
export interface TeamsIdentity {
  tenant: string;
  settings: TeamsIdentitySettings;
  catalogId?: string | undefined;
}

/** A certificate credential: the private key, and the certificate's SHA-1 thumbprint (`x5t`). */
function certificateFrom(path: string): { key: KeyObject; x5t: string } {
  const pem = readFileSync(path, 'utf8');
  const certificate = new X509Certificate(pem);
  const x5t = Buffer.from(certificate.fingerprint.replace(/:/g, ''), 'hex').toString('base64url');
  return { key: createPrivateKey(pem), x5t };
}

/** Reads and checks the identities file; throws with every problem, naming the entry. */
export function readIdentitiesFile(path: string): z.infer<typeof fileSchema>['identities'] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TEAMS_IDENTITIES_FILE: cannot read ${path} (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `TEAMS_IDENTITIES_FILE: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`,
    );
  const seen = new Set<string>();
  for (const entry of parsed.data.identities) {
    const tenant = entry.tenant.toLowerCase();
    if (seen.has(tenant)) throw new Error(`TEAMS_IDENTITIES_FILE: tenant ${entry.tenant} is listed twice`);
    seen.add(tenant);
    if (entry.certificate) {
      try {
        certificateFrom(entry.certificate);
      } catch (error) {
        throw new Error(
          `TEAMS_IDENTITIES_FILE: the certificate of tenant ${entry.tenant} cannot be read (${(error as Error).message})`,
        );
      }
    }
  }
  return parsed.data.identities;
}

/** Every bot identity the configuration names, the file's first. */
export function teamsIdentities(config: TeamsConfig): TeamsIdentity[] {
  const common = {
    botConnectorMetadataUrl: config.TEAMS_OPENID_METADATA_URL,
    loginUrl: config.MICROSOFT_LOGIN_URL,
  };
  const out: TeamsIdentity[] = [];
  if (config.TEAMS_IDENTITIES_FILE) {
    for (const entry of readIdentitiesFile(config.TEAMS_IDENTITIES_FILE)) {
      out.push({
        tenant: entry.tenant.toLowerCase(),
        catalogId: entry.catalogId,
        settings: {
          ...common,
          ...(entry.authority ? { loginUrl: entry.authority } : {}),
          appId: entry.appId,
          tenantId: entry.tenant.toLowerCase(),
          ...(entry.secret ? { appPassword: entry.secret } : {}),
          ...(entry.certificate ? { certificate: certificateFrom(entry.certificate) } : {}),
        },
      });
    }
  }
  if (config.MICROSOFT_APP_ID && config.MICROSOFT_APP_PASSWORD) {
    const tenant = config.MICROSOFT_APP_TENANT_ID?.toLowerCase();
    if (!tenant || !out.some((i) => i.tenant === tenant))
      out.push({
        tenant: tenant ?? '*',
        catalogId: config.TEAMS_APP_CATALOG_ID,
        settings: {
          ...common,
          appId: config.MICROSOFT_APP_ID,
          appPassword: config.MICROSOFT_APP_PASSWORD,
          tenantId: config.MICROSOFT_APP_TENANT_ID,
        },
      });
  }
  return out;
}
