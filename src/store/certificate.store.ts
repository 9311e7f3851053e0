import type { Db, Tx } from './db.ts';

/** How a program's diplomas look. */
export interface CertificateDesign {
  institution: string;
  signatories: { name: string; position: string }[];
  /** A PNG, checked when it was stored. */
  logo: Buffer | null;
  updatedAt: Date;
}

export async function getCertificateDesign(
  db: Db | Tx,
  tenantId: string,
  programId: string,
): Promise<CertificateDesign | undefined> {
  const row = await db
    .selectFrom('certificate_designs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('program_id', '=', programId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    institution: row.institution,
    signatories: (row.signatories ?? []) as CertificateDesign['signatories'],
    logo: row.logo ? Buffer.from(row.logo) : null,
    updatedAt: row.updated_at,
  };
}

/** Writes the institution and signatories; the logo stays unless `logo` is given (null removes it). */
export async function saveCertificateDesign(
  db: Db | Tx,
  tenantId: string,
  programId: string,
  design: { institution: string; signatories: CertificateDesign['signatories']; logo?: Buffer | null },
  now: Date,
): Promise<void> {
  const signatories = JSON.stringify(design.signatories);
  await db
    .insertInto('certificate_designs')
    .values({
      tenant_id: tenantId,
      program_id: programId,
      institution: design.institution,
      signatories,
      logo: design.logo ?? null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'program_id']).doUpdateSet({
        institution: design.institution,
        signatories,
        ...(design.logo !== undefined ? { logo: design.logo } : {}),
        updated_at: now,
      }),
    )
    .execute();
}

/**
 * The certificates of these people in a cycle: those already issued keep their number and
 * date; the others are issued now with the numbers given (one per person, in order).
 */
export async function issueCertificates(
  tx: Tx,
  tenantId: string,
  cycleId: string,
  people: { personId: string; number: string }[],
  now: Date,
): Promise<Map<string, { number: string; issuedAt: Date }>> {
  if (people.length)
    await tx
      .insertInto('certificates')
      .values(
        people.map((p) => ({
          tenant_id: tenantId,
          cycle_id: cycleId,
          person_id: p.personId,
          number: p.number,
          issued_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'cycle_id', 'person_id']).doNothing())
      .execute();
  const rows = people.length
    ? await tx
        .selectFrom('certificates')
        .select(['person_id', 'number', 'issued_at'])
        .where('tenant_id', '=', tenantId)
        .where('cycle_id', '=', cycleId)
        .where(
          'person_id',
          'in',
          people.map((p) => p.personId),
        )
        .execute()
    : [];
  return new Map(rows.map((r) => [r.person_id, { number: r.number, issuedAt: r.issued_at }]));
}

/** What the public verification page may say of a certificate: whose, which cycle, which institution. */
export interface CertificateFound {
  tenantId: string;
  number: string;
  issuedAt: Date;
  holder: string;
  cycle: string;
  program: string;
  /** Null when the program never named one. */
  institution: string | null;
  timezone: string;
}

/** A certificate by its number, in whatever tenant issued it (the verification page knows no tenant). */
export async function findCertificate(db: Db | Tx, number: string): Promise<CertificateFound | undefined> {
  const row = await db
    .selectFrom('certificates as k')
    .innerJoin('people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'k.tenant_id').onRef('p.id', '=', 'k.person_id'),
    )
    .innerJoin('cycles as c', (j) =>
      j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.cycle_id'),
    )
    .innerJoin('programs as g', (j) =>
      j.onRef('g.tenant_id', '=', 'c.tenant_id').onRef('g.id', '=', 'c.program_id'),
    )
    .leftJoin('certificate_designs as d', (j) =>
      j.onRef('d.tenant_id', '=', 'g.tenant_id').onRef('d.program_id', '=', 'g.id'),
    )
    .select([
      'k.tenant_id',
      'k.number',
      'k.issued_at',
      'p.name as holder',
      'p.erased_at',
      'c.name as cycle',
      'c.timezone',
      'g.name as program',
      'd.institution',
    ])
    .where('k.number', '=', number)
    .executeTakeFirst();
  if (!row || row.erased_at) return undefined;
  return {
    tenantId: row.tenant_id,
    number: row.number,
    issuedAt: row.issued_at,
    holder: row.holder,
    cycle: row.cycle,
    program: row.program,
    institution: row.institution ?? null,
    timezone: row.timezone,
  };
}
