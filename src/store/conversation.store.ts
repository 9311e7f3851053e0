import type { Db, Tx } from './db.ts';

/** A multi-turn conversation in progress (one per person): any process can take the next message. */
export interface ConversationState {
  flow: string;
  step: string;
  data: Record<string, unknown>;
  expiresAt: Date;
  version: number;
}

export async function getConversation(
  db: Db,
  tenantId: string,
  personId: string,
): Promise<ConversationState | undefined> {
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    flow: row.flow,
    step: row.step,
    data: row.data as Record<string, unknown>,
    expiresAt: row.expires_at,
    version: row.version,
  };
}

/** Starts (or restarts) a conversation, replacing any other one of the person. */
export async function startConversation(
  db: Db,
  tenantId: string,
  personId: string,
  state: Omit<ConversationState, 'version'>,
  now: Date,
): Promise<ConversationState> {
  const row = await db
    .insertInto('conversations')
    .values({
      tenant_id: tenantId,
      person_id: personId,
      flow: state.flow,
      step: state.step,
      data: JSON.stringify(state.data),
      expires_at: state.expiresAt,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'person_id']).doUpdateSet((eb) => ({
        flow: state.flow,
        step: state.step,
        data: JSON.stringify(state.data),
        expires_at: state.expiresAt,
        version: eb('conversations.version', '+', 1),
        updated_at: now,
      })),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return { ...state, version: row.version };
}

/**
 * Moves a conversation on, only if nobody else moved it since `expected` (optimistic update).
 * Returns the new state, or undefined when the version no longer matches.
 */
export async function advanceConversation(
  db: Db,
  tenantId: string,
  personId: string,
  expected: number,
  next: Omit<ConversationState, 'version'>,
  now: Date,
): Promise<ConversationState | undefined> {
  const row = await db
    .updateTable('conversations')
    .set({
      flow: next.flow,
      step: next.step,
      data: JSON.stringify(next.data),
      expires_at: next.expiresAt,
      version: expected + 1,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('version', '=', expected)
    .returning('version')
    .executeTakeFirst();
  return row ? { ...next, version: row.version } : undefined;
}

export async function endConversation(
  db: Db,
  tenantId: string,
  personId: string,
  expected?: number,
): Promise<boolean> {
  let query = db
    .deleteFrom('conversations')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId);
  if (expected !== undefined) query = query.where('version', '=', expected);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Records an inbound event id; false when it was seen before (a retry or a double delivery). */
export async function markProcessed(db: Db, tenantId: string, key: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ tenant_id: tenantId, key, at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Forgets an event id so that a retry of a delivery that failed half-way runs again. */
export async function forgetProcessed(db: Db, tenantId: string, key: string): Promise<void> {
  await db.deleteFrom('processed_events').where('tenant_id', '=', tenantId).where('key', '=', key).execute();
}

/** Remembers the cycle a person chose among several running ones, until `until`. */
export async function rememberCycle(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  cycleId: string,
  until: Date,
): Promise<void> {
  await db
    .insertInto('cycle_choices')
    .values({ tenant_id: tenantId, person_id: personId, cycle_id: cycleId, expires_at: until })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'person_id']).doUpdateSet({ cycle_id: cycleId, expires_at: until }),
    )
    .execute();
}

/** The cycle a person chose, while the choice holds. */
export async function rememberedCycle(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('cycle_choices')
    .select('cycle_id')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.cycle_id;
}
