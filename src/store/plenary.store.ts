import type { Plenary } from '../domain/plenary.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';

function toPlenary(r: {
  tenant_id: string;
  id: string;
  cycle_id: string;
  title: string;
  starts_at: Date;
  duration_minutes: number;
}): Plenary {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    cycleId: r.cycle_id,
    title: r.title,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
  };
}

/** A new plenary; with an id chosen beforehand, undefined when that id was taken already. */
export async function createPlenary(db: Db | Tx, input: Omit<Plenary, 'id'>): Promise<Plenary>;
export async function createPlenary(db: Db | Tx, input: Plenary): Promise<Plenary | undefined>;
export async function createPlenary(
  db: Db | Tx,
  input: Omit<Plenary, 'id'> & { id?: string },
): Promise<Plenary | undefined> {
  const row = await db
    .insertInto('plenaries')
    .values({
      tenant_id: input.tenantId,
      id: input.id ?? newId(),
      cycle_id: input.cycleId,
      title: input.title,
      starts_at: input.startsAt,
      duration_minutes: input.durationMinutes,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toPlenary(row) : undefined;
}

export async function getPlenary(db: Db | Tx, tenantId: string, id: string): Promise<Plenary | undefined> {
  const row = await db
    .selectFrom('plenaries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toPlenary(row) : undefined;
}

/** Locks a plenary's row until the transaction ends: an edit and a cancellation do not cross. */
export async function lockPlenary(tx: Tx, tenantId: string, id: string): Promise<Plenary | undefined> {
  const row = await tx
    .selectFrom('plenaries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toPlenary(row) : undefined;
}

/** A cycle's plenaries, oldest first, with how many people were marked present at each. */
export async function listPlenaries(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<(Plenary & { present: number })[]> {
  const rows = await db
    .selectFrom('plenaries as p')
    .leftJoin('attendance as a', (j) =>
      j
        .onRef('a.tenant_id', '=', 'p.tenant_id')
        .onRef('a.plenary_id', '=', 'p.id')
        .on('a.present', '=', true),
    )
    .select(['p.tenant_id', 'p.id', 'p.cycle_id', 'p.title', 'p.starts_at', 'p.duration_minutes'])
    .select((eb) => eb.fn.count<number>('a.person_id').as('present'))
    .where('p.tenant_id', '=', tenantId)
    .where('p.cycle_id', '=', cycleId)
    .groupBy(['p.tenant_id', 'p.id', 'p.cycle_id', 'p.title', 'p.starts_at', 'p.duration_minutes'])
    .orderBy('p.starts_at')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...toPlenary(r), present: Number(r.present) }));
}

export async function attendanceOf(
  db: Db | Tx,
  tenantId: string,
  plenaryId: string,
  personId: string,
): Promise<{ present: boolean; via: string } | undefined> {
  return db
    .selectFrom('attendance')
    .select(['present', 'via'])
    .where('tenant_id', '=', tenantId)
    .where('plenary_id', '=', plenaryId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Records presence or absence; a later mark replaces an earlier one. */
export async function markAttendance(
  db: Db | Tx,
  input: {
    tenantId: string;
    plenaryId: string;
    personId: string;
    present: boolean;
    markedBy: string;
    via: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('attendance')
    .values({
      tenant_id: input.tenantId,
      plenary_id: input.plenaryId,
      person_id: input.personId,
      present: input.present,
      marked_by: input.markedBy,
      via: input.via,
      marked_at: input.at,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'plenary_id', 'person_id']).doUpdateSet((eb) => ({
        present: eb.ref('excluded.present'),
        marked_by: eb.ref('excluded.marked_by'),
        via: eb.ref('excluded.via'),
        marked_at: eb.ref('excluded.marked_at'),
      })),
    )
    .execute();
}

/** Everyone enrolled as mentor or mentee in the cycle (not erased), with plenaries attended. */
export async function attendanceByPerson(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<{ personId: string; name: string; email: string | null; present: number }[]> {
  const rows = await db
    .selectFrom('enrollments as e')
    .innerJoin('people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.person_id'),
    )
    .leftJoin('plenaries as pl', (j) =>
      j.onRef('pl.tenant_id', '=', 'e.tenant_id').onRef('pl.cycle_id', '=', 'e.cycle_id'),
    )
    .leftJoin('attendance as a', (j) =>
      j
        .onRef('a.tenant_id', '=', 'pl.tenant_id')
        .onRef('a.plenary_id', '=', 'pl.id')
        .onRef('a.person_id', '=', 'e.person_id')
        .on('a.present', '=', true),
    )
    .select(['p.id', 'p.name', 'p.email'])
    .select((eb) => eb.fn.count<number>('a.plenary_id').as('present'))
    .where('e.tenant_id', '=', tenantId)
    .where('e.cycle_id', '=', cycleId)
    .where('e.role', 'in', ['mentor', 'mentee'])
    .where('p.erased_at', 'is', null)
    .groupBy(['p.id', 'p.name', 'p.email'])
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, email: r.email, present: Number(r.present) }));
}

/** Is this person a participant (mentor or mentee) of the cycle? */
export async function isParticipant(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  personId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('enrollments')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .where('role', 'in', ['mentor', 'mentee'])
    .executeTakeFirst();
  return row !== undefined;
}

/** A plenary's new title, time or length; its pending "it is starting" reminders move with it. */
export async function updatePlenary(
  tx: Tx,
  tenantId: string,
  id: string,
  change: { title: string; startsAt: Date; durationMinutes: number },
  now: Date,
): Promise<Plenary> {
  const row = await tx
    .updateTable('plenaries')
    .set({ title: change.title, starts_at: change.startsAt, duration_minutes: change.durationMinutes })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('nudges')
    .set({ due_at: change.startsAt, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'plenary')
    .where('subject_id', '=', id)
    .where('slot', '=', 'start')
    .where('status', 'in', ['pending', 'waiting'])
    .execute();
  return toPlenary(row);
}

/**
 * Removes a plenary that has not taken place, with the reminders still to go about it (nothing
 * was recorded at it: callers refuse one with attendance). The audit log keeps what it was.
 */
export async function deletePlenary(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx
    .deleteFrom('nudges')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'plenary')
    .where('subject_id', '=', id)
    .where('status', 'in', ['pending', 'waiting'])
    .execute();
  await tx.deleteFrom('plenaries').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Who has not been sent the plenary's announcement yet: it will go out as the plenary is then. */
export async function unannouncedTo(tx: Tx, tenantId: string, plenaryId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('nudges')
    .select('recipient_id')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'plenary')
    .where('subject_id', '=', plenaryId)
    .where('slot', '=', 'announce')
    .where('status', 'in', ['pending', 'waiting'])
    .execute();
  return new Set(rows.map((r) => r.recipient_id));
}
