import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';

export type AiCallOutcome = 'suggested' | 'accepted' | 'timeout' | 'refused' | 'malformed' | 'error';

export interface AiCoachCall {
  id: string;
  personId: string;
  goalId: string | null;
  goalTitle: string;
  model: string;
  outcome: AiCallOutcome;
  at: Date;
}

export async function tenantAiCoach(db: Db | Tx, tenantId: string): Promise<boolean> {
  const row = await db.selectFrom('tenants').select('ai_coach').where('id', '=', tenantId).executeTakeFirst();
  return row?.ai_coach ?? false;
}

export async function setTenantAiCoach(db: Db | Tx, tenantId: string, on: boolean): Promise<void> {
  await db.updateTable('tenants').set({ ai_coach: on }).where('id', '=', tenantId).execute();
}

/** How many times a person asked the model since `since` (their day's start). */
export async function aiCallsSince(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('ai_coach_calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function recordAiCall(
  db: Db | Tx,
  tenantId: string,
  call: Omit<AiCoachCall, 'id'>,
): Promise<AiCoachCall> {
  const id = newId();
  await db
    .insertInto('ai_coach_calls')
    .values({
      tenant_id: tenantId,
      id,
      person_id: call.personId,
      goal_id: call.goalId,
      goal_title: call.goalTitle,
      model: call.model,
      outcome: call.outcome,
      at: call.at,
    })
    .execute();
  return { id, ...call };
}

/** The person took the suggestion (only their own call, and only one that suggested something). */
export async function markAiSuggestionAccepted(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  callId: string,
): Promise<boolean> {
  const row = await db
    .updateTable('ai_coach_calls')
    .set({ outcome: 'accepted' })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', callId)
    .where('person_id', '=', personId)
    .where('outcome', '=', 'suggested')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A person's calls, newest first. */
export async function aiCallsOf(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  limit = 50,
): Promise<AiCoachCall[]> {
  const rows = await db
    .selectFrom('ai_coach_calls')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    goalId: r.goal_id,
    goalTitle: r.goal_title,
    model: r.model,
    outcome: r.outcome as AiCallOutcome,
    at: r.at,
  }));
}
