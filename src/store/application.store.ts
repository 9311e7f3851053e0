import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';

export interface Application {
  tenantId: string;
  id: string;
  cycleId: string;
  personId: string;
  role: 'mentor' | 'mentee';
  motivation: string;
  topics: string[];
  supervisorId: string;
  endorsement: 'pending' | 'endorsed' | 'declined';
  state: 'submitted' | 'selected' | 'rejected';
  createdAt: Date;
}

type Row = {
  tenant_id: string;
  id: string;
  cycle_id: string;
  person_id: string;
  role: string;
  motivation: string;
  topics: string[];
  supervisor_id: string;
  endorsement: string;
  state: string;
  created_at: Date;
};

function toApplication(r: Row): Application {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    cycleId: r.cycle_id,
    personId: r.person_id,
    role: r.role as Application['role'],
    motivation: r.motivation,
    topics: r.topics,
    supervisorId: r.supervisor_id,
    endorsement: r.endorsement as Application['endorsement'],
    state: r.state as Application['state'],
    createdAt: r.created_at,
  };
}

/** A new application; undefined when this person already applied to the cycle. */
export async function insertApplication(
  db: Db | Tx,
  input: Omit<Application, 'id' | 'endorsement' | 'state'>,
): Promise<Application | undefined> {
  const row = await db
    .insertInto('applications')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      cycle_id: input.cycleId,
      person_id: input.personId,
      role: input.role,
      motivation: input.motivation,
      topics: input.topics,
      supervisor_id: input.supervisorId,
      endorsed_at: null,
      decided_by: null,
      decided_at: null,
      created_at: input.createdAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'cycle_id', 'person_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toApplication(row) : undefined;
}

export async function getApplication(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<Application | undefined> {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toApplication(row) : undefined;
}

export async function applicationOf(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  personId: string,
): Promise<Application | undefined> {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? toApplication(row) : undefined;
}

export async function listApplications(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<Application[]> {
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toApplication);
}

/**
 * The supervisor's answer, once: true when it changed the row (a second click changes nothing).
 * `supervisorId` null is an admin entering a paper endorsement for whoever the supervisor is.
 */
export async function setEndorsement(
  db: Db | Tx,
  tenantId: string,
  id: string,
  supervisorId: string | null,
  endorsement: 'endorsed' | 'declined',
  at: Date,
): Promise<boolean> {
  let query = db
    .updateTable('applications')
    .set({ endorsement, endorsed_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('endorsement', '=', 'pending')
    .where('state', '=', 'submitted');
  if (supervisorId !== null) query = query.where('supervisor_id', '=', supervisorId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Another supervisor for an application still waiting for its endorsement: true when it changed. */
export async function setSupervisor(
  db: Db | Tx,
  tenantId: string,
  id: string,
  supervisorId: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('applications')
    .set({ supervisor_id: supervisorId, supervisor_asked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('endorsement', '=', 'pending')
    .where('state', '=', 'submitted')
    .where('supervisor_id', '<>', supervisorId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The applicant withdraws an application not yet decided: true when it was there to withdraw. */
export async function withdrawApplication(
  db: Db | Tx,
  tenantId: string,
  id: string,
  personId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('applications')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('state', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Applications waiting for this person's endorsement, oldest first. */
export async function awaitingEndorsementBy(
  db: Db | Tx,
  tenantId: string,
  supervisorId: string,
): Promise<Application[]> {
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('supervisor_id', '=', supervisorId)
    .where('endorsement', '=', 'pending')
    .where('state', '=', 'submitted')
    .orderBy('created_at')
    .execute();
  return rows.map(toApplication);
}

/** The admin's decision, once: true when it changed the row. */
export async function decideApplication(
  db: Db | Tx,
  tenantId: string,
  id: string,
  state: 'selected' | 'rejected',
  by: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('applications')
    .set({ state, decided_by: by, decided_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('state', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setApplicationWindow(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  until: Date | null,
): Promise<void> {
  await db
    .updateTable('cycles')
    .set({ applications_until: until })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', cycleId)
    .execute();
}

/** Cycles taking applications now, newest first. */
export async function openForApplications(db: Db | Tx, tenantId: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('cycles')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('applications_until', '>', now)
    .orderBy('enrollment_starts', 'desc')
    .execute();
  return rows.map((r) => r.id);
}
