import type { Via } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';

/** One state change: who, when, how it reached us, what changed. */
export interface AuditEntry {
  tenantId: string;
  at: Date;
  actorId: string | null;
  /** The person an admin acted for (paper forms), if any. */
  onBehalfOf?: string | null;
  via: Via;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: entry.tenantId,
      id: newId(),
      at: entry.at,
      actor_id: entry.actorId,
      on_behalf_of: entry.onBehalfOf ?? null,
      via: entry.via,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

export async function listAudit(db: Db, tenantId: string, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('at')
    .execute();
}
