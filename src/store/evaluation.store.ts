import type { Selectable } from 'kysely';
import type { Evaluation, EvaluationState } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import type { EvaluationsTable } from './schema.ts';

function toEvaluation(row: Selectable<EvaluationsTable>): Evaluation {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    pairingId: row.pairing_id,
    state: row.state as EvaluationState,
    goals: row.goals as Evaluation['goals'],
    strengths: row.strengths,
    improvements: row.improvements,
    competencyNotes: row.competency_notes,
    version: row.version,
  };
}

export async function getEvaluationOfPairing(
  db: Db | Tx,
  tenantId: string,
  pairingId: string,
): Promise<Evaluation | undefined> {
  const row = await db
    .selectFrom('evaluations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', pairingId)
    .executeTakeFirst();
  return row ? toEvaluation(row) : undefined;
}

export async function getEvaluation(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<Evaluation | undefined> {
  const row = await db
    .selectFrom('evaluations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEvaluation(row) : undefined;
}

export async function lockEvaluation(tx: Tx, tenantId: string, id: string): Promise<Evaluation | undefined> {
  const row = await tx
    .selectFrom('evaluations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toEvaluation(row) : undefined;
}

/** Creates the pairing's evaluation, submitted at once (the chat collects it whole). */
export async function insertEvaluation(
  tx: Tx,
  input: Omit<Evaluation, 'id' | 'version' | 'state'> & {
    state: EvaluationState;
    enteredBy: string | null;
    now: Date;
  },
): Promise<Evaluation> {
  const row = await tx
    .insertInto('evaluations')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      pairing_id: input.pairingId,
      state: input.state,
      goals: JSON.stringify(input.goals),
      strengths: input.strengths,
      improvements: input.improvements,
      competency_notes: input.competencyNotes,
      entered_by: input.enteredBy,
      created_at: input.now,
      submitted_at: input.state === 'submitted' ? input.now : null,
      released_at: null,
      acknowledged_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEvaluation(row);
}

export async function setEvaluationState(
  tx: Tx,
  evaluation: Evaluation,
  state: EvaluationState,
  now: Date,
): Promise<Evaluation> {
  const row = await tx
    .updateTable('evaluations')
    .set({
      state,
      version: evaluation.version + 1,
      ...(state === 'submitted' ? { submitted_at: now } : {}),
      ...(state === 'released' ? { released_at: now } : {}),
      ...(state === 'acknowledged' ? { acknowledged_at: now } : {}),
    })
    .where('tenant_id', '=', evaluation.tenantId)
    .where('id', '=', evaluation.id)
    .where('version', '=', evaluation.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEvaluation(row);
}

export async function insertSurvey(
  tx: Tx,
  input: {
    tenantId: string;
    cycleId: string;
    personId: string;
    satisfaction: number;
    recommend: number;
    comment: string | null;
    mentorNote: string | null;
    now: Date;
  },
): Promise<boolean> {
  const result = await tx
    .insertInto('surveys')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      cycle_id: input.cycleId,
      person_id: input.personId,
      satisfaction: input.satisfaction,
      recommend: input.recommend,
      comment: input.comment,
      mentor_note: input.mentorNote,
      created_at: input.now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'cycle_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function hasAnsweredSurvey(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  personId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('surveys')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}
