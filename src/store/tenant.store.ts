import { type Selectable, sql } from 'kysely';
import type { Locale } from '../config.ts';
import type { Platform, Tenant } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import type { TenantsTable } from './schema.ts';

function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    platform: row.platform as Platform,
    externalId: row.external_id,
    name: row.name,
    defaultLocale: row.default_locale as Locale,
    defaultTimezone: row.default_timezone,
  };
}

/** The competency catalog every tenant starts with (the programs' own words, and digital skills). */
export const SEED_COMPETENCIES = [
  { key: 'active_listening', es: 'Escucha activa', en: 'Active listening', category: 'general' },
  {
    key: 'assertive_communication',
    es: 'Comunicación asertiva',
    en: 'Assertive communication',
    category: 'general',
  },
  { key: 'leadership', es: 'Liderazgo', en: 'Leadership', category: 'general' },
  { key: 'performance', es: 'Desempeño', en: 'Performance', category: 'general' },
  { key: 'teamwork', es: 'Trabajo en equipo', en: 'Teamwork', category: 'general' },
  {
    key: 'digital_collaboration',
    es: 'Colaboración digital',
    en: 'Digital collaboration',
    category: 'digital',
  },
  { key: 'data_analysis', es: 'Análisis de datos', en: 'Data analysis', category: 'digital' },
  { key: 'digital_security', es: 'Seguridad digital', en: 'Digital security', category: 'digital' },
  { key: 'social_media', es: 'Redes sociales', en: 'Social media', category: 'digital' },
  { key: 'office_tools', es: 'Herramientas ofimáticas', en: 'Office tools', category: 'digital' },
] as const;

/**
 * The tenant for a platform's workspace or organisation, created (with its competency catalog)
 * on first contact. Safe under concurrency: the unique key decides, everyone reads the winner.
 */
export async function ensureTenant(
  db: Db,
  input: {
    platform: Platform;
    externalId: string;
    name: string;
    defaultLocale: Locale;
    defaultTimezone: string;
  },
): Promise<Tenant> {
  const existing = await findTenant(db, input.platform, input.externalId);
  if (existing) return existing;
  return db.transaction().execute(async (tx) => {
    const id = newId();
    const inserted = await tx
      .insertInto('tenants')
      .values({
        id,
        platform: input.platform,
        external_id: input.externalId,
        name: input.name,
        default_locale: input.defaultLocale,
        default_timezone: input.defaultTimezone,
      })
      .onConflict((oc) => oc.columns(['platform', 'external_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const winner = await tx
        .selectFrom('tenants')
        .selectAll()
        .where('platform', '=', input.platform)
        .where('external_id', '=', input.externalId)
        .executeTakeFirstOrThrow();
      return toTenant(winner);
    }
    await tx
      .insertInto('competencies')
      .values(
        SEED_COMPETENCIES.map((c) => ({
          tenant_id: id,
          key: c.key,
          name_es: c.es,
          name_en: c.en,
          category: c.category,
        })),
      )
      .execute();
    return toTenant(inserted);
  });
}

export async function findTenant(
  db: Db,
  platform: Platform,
  externalId: string,
): Promise<Tenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toTenant(row) : undefined;
}

export async function getTenant(db: Db | Tx, tenantId: string): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  return row ? toTenant(row) : undefined;
}

export interface Competency {
  key: string;
  nameEs: string;
  nameEn: string;
  category: 'general' | 'digital';
}

export async function listCompetencies(db: Db | Tx, tenantId: string): Promise<Competency[]> {
  const rows = await db
    .selectFrom('competencies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('active', '=', true)
    .orderBy('category')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    nameEs: r.name_es,
    nameEn: r.name_en,
    category: r.category as Competency['category'],
  }));
}

/** Adds a competency to the tenant's catalog; false when the key is taken. */
export async function addCompetency(db: Db | Tx, tenantId: string, c: Competency): Promise<boolean> {
  const result = await db
    .insertInto('competencies')
    .values({ tenant_id: tenantId, key: c.key, name_es: c.nameEs, name_en: c.nameEn, category: c.category })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Renames a competency in both languages; goals keep pointing at its key. False when unknown. */
export async function renameCompetency(
  db: Db | Tx,
  tenantId: string,
  key: string,
  names: { nameEs: string; nameEn: string },
): Promise<boolean> {
  const result = await db
    .updateTable('competencies')
    .set({ name_es: names.nameEs, name_en: names.nameEn })
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The platform refused the bot's token in a tenant: the pause starts now unless it already had
 * (the first code is kept). Whether this call started it.
 */
export async function markPaused(db: Db | Tx, tenantId: string, code: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('tenants')
    .set({ paused_since: now, paused_code: code })
    .where('id', '=', tenantId)
    .where('paused_since', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Ends a tenant's pause, once across replicas (the row is locked, the first to end it is told
 * since when and why); undefined when it was not paused.
 */
export async function endPause(
  db: Db | Tx,
  tenantId: string,
): Promise<{ since: Date; code: string } | undefined> {
  const result = await sql<{ since: Date | string; code: string | null }>`
    with old as (
      select id, paused_since, paused_code from tenants
       where id = ${tenantId} and paused_since is not null for update)
    update tenants t set paused_since = null, paused_code = null
      from old where t.id = old.id
    returning old.paused_since as since, old.paused_code as code`.execute(db);
  const row = result.rows[0];
  return row ? { since: new Date(row.since), code: row.code ?? 'unknown' } : undefined;
}

/** Which of these tenants are paused now. */
export async function pausedAmong(db: Db | Tx, tenantIds: string[]): Promise<Set<string>> {
  if (tenantIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', 'in', [...new Set(tenantIds)])
    .where('paused_since', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Tenants paused now, by platform (a metric for the operator). */
export async function pausedByPlatform(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('tenants')
    .select(['platform', (eb) => eb.fn.countAll<number>().as('n')])
    .where('paused_since', 'is not', null)
    .groupBy('platform')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.platform, Number(r.n)]));
}
