import { sql } from 'kysely';
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

/** A session with its pair's ids and names, in one query (reminders render thousands of these). */
export async function sessionWithPair(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<
  | (MentoringSession & { mentorId: string; menteeId: string; mentorName: string; menteeName: string })
  | undefined
> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('pairings as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.pairing_id'),
    )
    .innerJoin('people as m', (j) =>
      j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.mentor_id'),
    )
    .innerJoin('people as e', (j) =>
      j.onRef('e.tenant_id', '=', 'p.tenant_id').onRef('e.id', '=', 'p.mentee_id'),
    )
    .selectAll('s')
    .select(['p.mentor_id', 'p.mentee_id', 'm.name as mentor_name', 'e.name as mentee_name'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toSession(row),
    mentorId: row.mentor_id,
    menteeId: row.mentee_id,
    mentorName: row.mentor_name,
    menteeName: row.mentee_name,
  };
}

export type SessionWithPair = NonNullable<Awaited<ReturnType<typeof sessionWithPair>>>;

/** Many sessions with their pairs in one query, keyed `tenant:session` (a dispatcher batch). */
export async function sessionsWithPair(
  db: Db | Tx,
  keys: { tenantId: string; id: string }[],
): Promise<Map<string, SessionWithPair>> {
  const map = new Map<string, SessionWithPair>();
  if (keys.length === 0) return map;
  const result = await sql<
    SessionRow & { mentor_id: string; mentee_id: string; mentor_name: string; mentee_name: string }
  >`
    select s.*, p.mentor_id, p.mentee_id, m.name as mentor_name, e.name as mentee_name
      from unnest(${keys.map((k) => k.tenantId)}::text[], ${keys.map((k) => k.id)}::text[]) as want(t, i)
      join sessions s on s.tenant_id = want.t and s.id = want.i
      join pairings p on p.tenant_id = s.tenant_id and p.id = s.pairing_id
      join people m on m.tenant_id = p.tenant_id and m.id = p.mentor_id
      join people e on e.tenant_id = p.tenant_id and e.id = p.mentee_id`.execute(db);
  for (const row of result.rows) {
    map.set(`${row.tenant_id}:${row.id}`, {
      ...toSession(row),
      mentorId: row.mentor_id,
      menteeId: row.mentee_id,
      mentorName: row.mentor_name,
      menteeName: row.mentee_name,
    });
  }
  return map;
}
