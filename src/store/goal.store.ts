import type { Goal, GoalFields, GoalState, Milestone, MilestoneStatus } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import type { GoalRow } from './schema.ts';

function toGoal(row: GoalRow, milestones: Milestone[]): Goal {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    pairingId: row.pairing_id,
    cycleId: row.cycle_id,
    menteeId: row.mentee_id,
    state: row.state as GoalState,
    title: row.title,
    specific: row.specific,
    measurable: row.measurable,
    achievable: row.achievable,
    relevant: row.relevant,
    dueDate: row.due_date,
    competencies: row.competencies as string[],
    milestones: milestones.map((m) => ({ title: m.title, dueDate: m.dueDate })),
    revision: row.revision,
    version: row.version,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
  };
}

async function milestonesByGoal(
  db: Db | Tx,
  tenantId: string,
  goalIds: string[],
): Promise<Map<string, Milestone[]>> {
  const map = new Map<string, Milestone[]>();
  if (goalIds.length === 0) return map;
  const rows = await db
    .selectFrom('milestones')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('goal_id', 'in', goalIds)
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = map.get(r.goal_id) ?? [];
    list.push({
      tenantId: r.tenant_id,
      id: r.id,
      goalId: r.goal_id,
      title: r.title,
      dueDate: r.due_date,
      status: r.status as MilestoneStatus,
      position: r.position,
    });
    map.set(r.goal_id, list);
  }
  return map;
}

export async function listMilestones(db: Db | Tx, tenantId: string, goalId: string): Promise<Milestone[]> {
  return (await milestonesByGoal(db, tenantId, [goalId])).get(goalId) ?? [];
}

export async function createGoal(
  db: Tx,
  input: {
    tenantId: string;
    pairingId: string;
    cycleId: string;
    menteeId: string;
    fields: GoalFields;
    enteredBy: string | null;
    now: Date;
  },
): Promise<Goal> {
  const { fields } = input;
  const row = await db
    .insertInto('goals')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      pairing_id: input.pairingId,
      cycle_id: input.cycleId,
      mentee_id: input.menteeId,
      state: 'draft',
      title: fields.title,
      specific: fields.specific,
      measurable: fields.measurable,
      achievable: fields.achievable,
      relevant: fields.relevant,
      due_date: fields.dueDate,
      competencies: JSON.stringify(fields.competencies),
      entered_by: input.enteredBy,
      submitted_at: null,
      approved_at: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceMilestones(db, input.tenantId, row.id, fields.milestones);
  return toGoal(row, await listMilestones(db, input.tenantId, row.id));
}

/** Milestones are part of the goal's wording until it is approved; afterwards only their status moves. */
export async function replaceMilestones(
  db: Tx,
  tenantId: string,
  goalId: string,
  milestones: GoalFields['milestones'],
): Promise<void> {
  await db.deleteFrom('milestones').where('tenant_id', '=', tenantId).where('goal_id', '=', goalId).execute();
  if (milestones.length === 0) return;
  await db
    .insertInto('milestones')
    .values(
      milestones.map((m, position) => ({
        tenant_id: tenantId,
        id: newId(),
        goal_id: goalId,
        title: m.title,
        due_date: m.dueDate,
        position,
      })),
    )
    .execute();
}

export async function getGoal(db: Db | Tx, tenantId: string, goalId: string): Promise<Goal | undefined> {
  const row = await db
    .selectFrom('goals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', goalId)
    .executeTakeFirst();
  if (!row) return undefined;
  return toGoal(row, await listMilestones(db, tenantId, goalId));
}

/** Reads a goal and locks its row until the transaction ends: state transitions go through here. */
export async function lockGoal(tx: Tx, tenantId: string, goalId: string): Promise<Goal | undefined> {
  const row = await tx
    .selectFrom('goals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', goalId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return toGoal(row, await listMilestones(tx, tenantId, goalId));
}

export async function listGoalsOfPairing(db: Db | Tx, tenantId: string, pairingId: string): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', pairingId)
    .orderBy('created_at')
    .execute();
  const milestones = await milestonesByGoal(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toGoal(r, milestones.get(r.id) ?? []));
}

/** Writes a locked goal's new state and fields; the version goes up by one. */
export async function saveGoal(
  tx: Tx,
  goal: Goal,
  changes: Partial<Pick<Goal, 'state' | 'revision' | 'submittedAt' | 'approvedAt'>> & { fields?: GoalFields },
  now: Date,
): Promise<Goal> {
  const f = changes.fields;
  const row = await tx
    .updateTable('goals')
    .set({
      ...(changes.state ? { state: changes.state } : {}),
      ...(changes.revision !== undefined ? { revision: changes.revision } : {}),
      ...(changes.submittedAt !== undefined ? { submitted_at: changes.submittedAt } : {}),
      ...(changes.approvedAt !== undefined ? { approved_at: changes.approvedAt } : {}),
      ...(f
        ? {
            title: f.title,
            specific: f.specific,
            measurable: f.measurable,
            achievable: f.achievable,
            relevant: f.relevant,
            due_date: f.dueDate,
            competencies: JSON.stringify(f.competencies),
          }
        : {}),
      version: goal.version + 1,
      updated_at: now,
    })
    .where('tenant_id', '=', goal.tenantId)
    .where('id', '=', goal.id)
    .where('version', '=', goal.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (f) await replaceMilestones(tx, goal.tenantId, goal.id, f.milestones);
  return toGoal(row, await listMilestones(tx, goal.tenantId, goal.id));
}

export async function insertRevision(
  tx: Tx,
  input: {
    tenantId: string;
    goalId: string;
    revision: number;
    fields: GoalFields;
    submittedBy: string;
    at: Date;
  },
): Promise<void> {
  await tx
    .insertInto('goal_revisions')
    .values({
      tenant_id: input.tenantId,
      goal_id: input.goalId,
      revision: input.revision,
      fields: JSON.stringify(input.fields),
      submitted_by: input.submittedBy,
      submitted_at: input.at,
      decision: null,
      decided_by: null,
      decided_at: null,
      comment: null,
    })
    .execute();
}

export async function decideRevision(
  tx: Tx,
  input: {
    tenantId: string;
    goalId: string;
    revision: number;
    decision: 'approved' | 'changes_requested';
    decidedBy: string;
    comment: string | null;
    at: Date;
  },
): Promise<void> {
  await tx
    .updateTable('goal_revisions')
    .set({
      decision: input.decision,
      decided_by: input.decidedBy,
      decided_at: input.at,
      comment: input.comment,
    })
    .where('tenant_id', '=', input.tenantId)
    .where('goal_id', '=', input.goalId)
    .where('revision', '=', input.revision)
    .execute();
}

export interface GoalRevision {
  revision: number;
  fields: GoalFields;
  submittedAt: Date;
  decision: 'approved' | 'changes_requested' | null;
  decidedAt: Date | null;
  comment: string | null;
}

export async function listRevisions(db: Db | Tx, tenantId: string, goalId: string): Promise<GoalRevision[]> {
  const rows = await db
    .selectFrom('goal_revisions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('goal_id', '=', goalId)
    .orderBy('revision')
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    fields: r.fields as GoalFields,
    submittedAt: r.submitted_at,
    decision: r.decision as GoalRevision['decision'],
    decidedAt: r.decided_at,
    comment: r.comment,
  }));
}

/** Goals of a cycle by state, for the admin's overview. */
export async function countGoalsByState(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('goals')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
