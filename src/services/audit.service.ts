import { authorize } from '../domain/authz.ts';
import { type AuditLine, auditSince, recordAudit } from '../store/audit.store.ts';
import type { Acting, Deps } from './deps.ts';

/** Lines in one export: a year of a busy cohort fits; past it, the reader narrows the dates. */
export const AUDIT_EXPORT_MAX = 50_000;

/**
 * The audit log for an admin, from a date on (`since`, an instant): who did what, when, through
 * which channel, for whom. Reading it is itself audited. Admins only: the log names people.
 */
export async function exportAudit(
  deps: Deps,
  acting: Acting,
  since: Date,
): Promise<{ lines: AuditLine[]; more: boolean }> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: acting.actor.tenantId });
  const found = await auditSince(deps.db, acting.actor.tenantId, since, AUDIT_EXPORT_MAX);
  await recordAudit(deps.db, {
    tenantId: acting.actor.tenantId,
    at: deps.clock.now(),
    // The command line is no person: its lines say so with no actor.
    actorId: acting.via === 'cli' ? null : acting.actor.personId,
    via: acting.via,
    action: 'audit.export',
    subjectType: 'tenant',
    subjectId: acting.actor.tenantId,
    data: { since: since.toISOString(), lines: found.lines.length, more: found.more },
  });
  return found;
}
