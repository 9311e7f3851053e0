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

/** One line of the audit log with the names of who acted and for whom (null: the command line). */
export interface AuditLine {
  at: Date;
  action: string;
  via: string;
  actorName: string | null;
  actorEmail: string | null;
  onBehalfOfName: string | null;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/** A tenant's audit log from an instant on, oldest first, at most `limit` lines (and whether more). */
export async function auditSince(
  db: Db,
  tenantId: string,
  since: Date,
  limit: number,
): Promise<{ lines: AuditLine[]; more: boolean }> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('people as actor', (j) =>
      j.onRef('actor.tenant_id', '=', 'a.tenant_id').onRef('actor.id', '=', 'a.actor_id'),
    )
    .leftJoin('people as behalf', (j) =>
      j.onRef('behalf.tenant_id', '=', 'a.tenant_id').onRef('behalf.id', '=', 'a.on_behalf_of'),
    )
    .select([
      'a.at',
      'a.action',
      'a.via',
      'actor.name as actorName',
      'actor.email as actorEmail',
      'behalf.name as onBehalfOfName',
      'a.subject_type',
      'a.subject_id',
      'a.data',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.at', '>=', since)
    .orderBy('a.at')
    .orderBy('a.id')
    .limit(limit + 1)
    .execute();
  return {
    lines: rows.slice(0, limit).map((r) => ({
      at: r.at,
      action: r.action,
      via: r.via,
      actorName: r.actorName,
      actorEmail: r.actorEmail,
      onBehalfOfName: r.onBehalfOfName,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data as Record<string, unknown>,
    })),
    more: rows.length > limit,
  };
}
