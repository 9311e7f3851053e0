import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { Pairing } from '../domain/model.ts';
import { checkWorkReportBody, nextWorkReportState } from '../domain/work-report.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Tx } from '../store/db.ts';
import { getPairing, lockPairing } from '../store/program.store.ts';
import {
  decideWorkReport,
  lockWorkReport,
  saveSubmission,
  setWorkReportFile,
  type WorkReport,
  workReportOfPairing,
} from '../store/work-report.store.ts';
import type { Acting, Deps } from './deps.ts';
import { requirePairPhase } from './phase.ts';

export type { WorkReport };

/** An admin sending a mentor's report does it on their behalf (a paper form), and it says so. */
function auditVia(acting: Acting, pairing: Pairing) {
  const onBehalf = acting.actor.personId !== pairing.mentorId && acting.actor.staffRole === 'admin';
  return {
    via: onBehalf ? ('on_behalf' as const) : acting.via,
    onBehalfOf: onBehalf ? pairing.mentorId : null,
  };
}

async function lockedPair(tx: Tx, tenantId: string, pairingId: string): Promise<Pairing> {
  // The pair's row lock serialises its report: two sendings at once make one revision each.
  const pairing = await lockPairing(tx, tenantId, pairingId);
  if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
  if (pairing.planAuthor !== 'mentor') throw new DomainError('work_report.not_reverse');
  return pairing;
}

/**
 * The mentor sends the pair's work report (or sends it again, while it waits or after changes
 * were asked): in closing, or later when an admin enters a paper report on their behalf.
 */
export async function submitWorkReport(
  deps: Deps,
  acting: Acting,
  pairingId: string,
  body: string,
): Promise<{ report: WorkReport; pairing: Pairing; previous: WorkReport | undefined }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const pairing = await lockedPair(tx, acting.actor.tenantId, pairingId);
    authorize(acting.actor, 'work_report.submit', { kind: 'pairing', pairing });
    const audit = auditVia(acting, pairing);
    await requirePairPhase(tx, acting, pairing, 'work_report.write', now);
    const previous = await workReportOfPairing(tx, pairing.tenantId, pairing.id);
    nextWorkReportState(previous?.state ?? null, 'submit');
    const report = await saveSubmission(tx, {
      tenantId: pairing.tenantId,
      pairingId: pairing.id,
      previous,
      body: checkWorkReportBody(body),
      submittedBy: acting.actor.personId,
      enteredBy: audit.onBehalfOf ? acting.actor.personId : null,
      now,
    });
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      ...audit,
      action: 'work_report.submit',
      subjectType: 'work_report',
      subjectId: report.id,
      data: { revision: report.revision, from: previous?.state ?? null },
    });
    return { report, pairing, previous };
  });
}

/** A file (PDF, Word…) joined to the pair's report, replacing any earlier one; not once it is validated. */
export async function attachWorkReportFile(
  deps: Deps,
  acting: Acting,
  pairingId: string,
  file: { name: string; type: string; content: Buffer },
): Promise<{ report: WorkReport; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const pairing = await lockedPair(tx, acting.actor.tenantId, pairingId);
    authorize(acting.actor, 'work_report.submit', { kind: 'pairing', pairing });
    const report = await workReportOfPairing(tx, pairing.tenantId, pairing.id);
    if (!report) throw new DomainError('record.not_found', { entity: 'work_report' });
    if (report.state === 'validated')
      throw new DomainError('transition.not_allowed', {
        entity: 'work_report',
        from: 'validated',
        event: 'attach',
      });
    await setWorkReportFile(tx, pairing.tenantId, report.id, file, now);
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      ...auditVia(acting, pairing),
      action: 'work_report.attach',
      subjectType: 'work_report',
      subjectId: report.id,
      data: { file: file.name, bytes: file.content.length },
    });
    return { report: { ...report, fileName: file.name, fileType: file.type }, pairing };
  });
}

/**
 * The program's decision on the revision an admin was shown: validated (the pair's plan is
 * carried out) or sent back with a comment. A second decision finds the report no longer waiting.
 */
export async function decideWorkReportAs(
  deps: Deps,
  acting: Acting,
  input: {
    reportId: string;
    revision: number;
    decision: 'validate' | 'request_changes';
    comment?: string | null;
  },
): Promise<{ report: WorkReport; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const report = await lockWorkReport(tx, acting.actor.tenantId, input.reportId);
    if (!report) throw new DomainError('record.not_found', { entity: 'work_report' });
    const pairing = await getPairing(tx, report.tenantId, report.pairingId);
    if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
    authorize(acting.actor, 'work_report.decide', { kind: 'pairing', pairing });
    const state = nextWorkReportState(report.state, input.decision);
    if (report.revision !== input.revision)
      throw new DomainError('record.changed', { entity: 'work_report', revision: report.revision });
    const comment = input.comment?.trim() || null;
    if (input.decision === 'request_changes' && !comment) throw new DomainError('goal.comment_required');
    const decided = await decideWorkReport(tx, {
      tenantId: report.tenantId,
      id: report.id,
      state,
      decidedBy: acting.actor.personId,
      comment,
      now,
    });
    await recordAudit(tx, {
      tenantId: report.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: `work_report.${input.decision}`,
      subjectType: 'work_report',
      subjectId: report.id,
      data: { revision: report.revision, ...(comment ? { comment } : {}) },
    });
    return { report: decided, pairing };
  });
}
