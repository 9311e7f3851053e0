import type { MentoringSession, SessionState } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import type { SessionRow } from './schema.ts';

function toSession(row: SessionRow): MentoringSession {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    pairingId: row.pairing_id,
    state: row.state as SessionState,
    startsAt: row.starts_at,
    durationMinutes: row.duration_minutes,
    place: row.place,
    agenda: row.agenda,
    proposedBy: row.proposed_by,
    notes: row.notes,
    agreements: row.agreements,
    reason: row.reason,
    sequence: row.sequence,
    version: row.version,
  };
}

export async function createSession(
  tx: Tx,
  input: Omit<
    MentoringSession,
    'id' | 'state' | 'notes' | 'agreements' | 'reason' | 'sequence' | 'version'
  > & { now: Date },
): Promise<MentoringSession> {
  const row = await tx
    .insertInto('sessions')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      pairing_id: input.pairingId,
      state: 'proposed',
      starts_at: input.startsAt,
      duration_minutes: input.durationMinutes,
      place: input.place,
      agenda: input.agenda,
      proposed_by: input.proposedBy,
      notes: null,
      agreements: null,
      reason: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addSessionHistory(tx, row.tenant_id, row.id, 'proposed', row.starts_at, input.proposedBy, input.now);
  return toSession(row);
}

export async function addSessionHistory(
  tx: Tx,
  tenantId: string,
  sessionId: string,
  event: string,
  startsAt: Date,
  by: string,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('session_history')
    .values({
      tenant_id: tenantId,
      id: newId(),
      session_id: sessionId,
      event,
      starts_at: startsAt,
      by_person: by,
      created_at: now,
    })
    .execute();
}

export async function getSession(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<MentoringSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function lockSession(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<MentoringSession | undefined> {
  const row = await tx
    .selectFrom('sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function saveSession(
  tx: Tx,
  session: MentoringSession,
  changes: Partial<
    Pick<
      MentoringSession,
      | 'state'
      | 'startsAt'
      | 'durationMinutes'
      | 'place'
      | 'agenda'
      | 'proposedBy'
      | 'notes'
      | 'agreements'
      | 'reason'
      | 'sequence'
    >
  >,
  now: Date,
): Promise<MentoringSession> {
  const row = await tx
    .updateTable('sessions')
    .set({
      ...(changes.state !== undefined ? { state: changes.state } : {}),
      ...(changes.startsAt !== undefined ? { starts_at: changes.startsAt } : {}),
      ...(changes.durationMinutes !== undefined ? { duration_minutes: changes.durationMinutes } : {}),
      ...(changes.place !== undefined ? { place: changes.place } : {}),
      ...(changes.agenda !== undefined ? { agenda: changes.agenda } : {}),
      ...(changes.proposedBy !== undefined ? { proposed_by: changes.proposedBy } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      ...(changes.agreements !== undefined ? { agreements: changes.agreements } : {}),
      ...(changes.reason !== undefined ? { reason: changes.reason } : {}),
      ...(changes.sequence !== undefined ? { sequence: changes.sequence } : {}),
      version: session.version + 1,
      updated_at: now,
    })
    .where('tenant_id', '=', session.tenantId)
    .where('id', '=', session.id)
    .where('version', '=', session.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSession(row);
}

export async function listSessionsOfPairings(
  db: Db | Tx,
  tenantId: string,
  pairingIds: string[],
): Promise<MentoringSession[]> {
  if (pairingIds.length === 0) return [];
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', 'in', pairingIds)
    .orderBy('starts_at')
    .execute();
  return rows.map(toSession);
}
