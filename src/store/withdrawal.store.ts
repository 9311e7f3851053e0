import { sql } from 'kysely';
import type { Db, Tx } from './db.ts';

/**
 * Takes a person out of a cycle: their mentor and mentee enrollments move to `withdrawals` with
 * the reason, so that every query of who takes part (reminders, lists, rates, plenaries, matching)
 * leaves them out. Their pairs' records stay. Returns the roles withdrawn (none: not enrolled).
 */
export async function withdrawEnrollments(
  tx: Tx,
  input: {
    tenantId: string;
    cycleId: string;
    personId: string;
    reason: string;
    by: string | null;
    now: Date;
  },
): Promise<string[]> {
  const moved = await tx
    .deleteFrom('enrollments')
    .where('tenant_id', '=', input.tenantId)
    .where('cycle_id', '=', input.cycleId)
    .where('person_id', '=', input.personId)
    .where('role', 'in', ['mentor', 'mentee'])
    .returning('role')
    .execute();
  if (moved.length === 0) return [];
  await tx
    .insertInto('withdrawals')
    .values(
      moved.map((m) => ({
        tenant_id: input.tenantId,
        cycle_id: input.cycleId,
        person_id: input.personId,
        role: m.role,
        reason: input.reason,
        withdrawn_by: input.by,
        withdrawn_at: input.now,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'cycle_id', 'person_id', 'role']).doNothing())
    .execute();
  return moved.map((m) => m.role);
}

/** When a person was withdrawn from a cycle, if they were. */
export async function withdrawalOf(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  personId: string,
): Promise<{ role: string; reason: string; withdrawnAt: Date } | undefined> {
  const row = await db
    .selectFrom('withdrawals')
    .select(['role', 'reason', 'withdrawn_at'])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .orderBy('withdrawn_at', 'desc')
    .executeTakeFirst();
  return row ? { role: row.role, reason: row.reason, withdrawnAt: row.withdrawn_at } : undefined;
}

/** The people withdrawn from a cycle, with their role, reason and date, by date. */
export async function withdrawalsOf(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<
  {
    personId: string;
    name: string;
    email: string | null;
    gender: string | null;
    role: string;
    reason: string;
    withdrawnAt: Date;
  }[]
> {
  const rows = await db
    .selectFrom('withdrawals as w')
    .innerJoin('people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'w.tenant_id').onRef('p.id', '=', 'w.person_id'),
    )
    .select(['w.person_id', 'p.name', 'p.email', 'p.gender', 'w.role', 'w.reason', 'w.withdrawn_at'])
    .where('w.tenant_id', '=', tenantId)
    .where('w.cycle_id', '=', cycleId)
    .orderBy('w.withdrawn_at')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    email: r.email,
    gender: r.gender,
    role: r.role,
    reason: r.reason,
    withdrawnAt: r.withdrawn_at,
  }));
}

/**
 * Drops the reminders still to go about a pairing that ended with a withdrawal (to either side:
 * its goals, sessions, check-ins, evaluation), and those to the person about the cycle (welcome,
 * plenaries, coordinators' reminders). Messages already written (`notice`) still go.
 */
export async function dropPendingNudges(
  tx: Tx,
  input: { tenantId: string; cycleId: string; personId: string; pairingIds: string[] },
): Promise<number> {
  const { tenantId, cycleId, personId, pairingIds } = input;
  const pairings = pairingIds.length ? pairingIds : [''];
  const result = await sql`
    delete from nudges n
     where n.tenant_id = ${tenantId} and n.status in ('pending', 'waiting') and n.kind <> 'notice'
       and (
         n.subject_id in (${sql.join(pairings)})
         or n.subject_id in (select id from goals where tenant_id = ${tenantId} and pairing_id in (${sql.join(pairings)}))
         or n.subject_id in (select id from sessions where tenant_id = ${tenantId} and pairing_id in (${sql.join(pairings)}))
         or (n.recipient_id = ${personId}
             and (n.subject_id = ${cycleId} or n.kind = 'admin_reminder'
                  or n.subject_id in (select id from plenaries where tenant_id = ${tenantId} and cycle_id = ${cycleId})))
       )`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** The mentees a mentor still accompanies in a cycle (a mentor with mentees is not withdrawn). */
export async function activeMenteesOf(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  mentorId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('pairings as pr')
    .innerJoin('people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'pr.tenant_id').onRef('p.id', '=', 'pr.mentee_id'),
    )
    .select(['p.id', 'p.name'])
    .where('pr.tenant_id', '=', tenantId)
    .where('pr.cycle_id', '=', cycleId)
    .where('pr.mentor_id', '=', mentorId)
    .where('pr.active', '=', true)
    .orderBy('p.name')
    .execute();
}

/** A person's latest withdrawal from a cycle that has not ended by `today`, with the cycle's name. */
export async function currentWithdrawal(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  today: string,
): Promise<{ cycleName: string; withdrawnAt: Date } | undefined> {
  const row = await db
    .selectFrom('withdrawals as w')
    .innerJoin('cycles as c', (j) =>
      j.onRef('c.tenant_id', '=', 'w.tenant_id').onRef('c.id', '=', 'w.cycle_id'),
    )
    .select(['c.name', 'w.withdrawn_at'])
    .where('w.tenant_id', '=', tenantId)
    .where('w.person_id', '=', personId)
    .where('c.ends', '>=', today)
    .orderBy('w.withdrawn_at', 'desc')
    .executeTakeFirst();
  return row ? { cycleName: row.name, withdrawnAt: row.withdrawn_at } : undefined;
}
