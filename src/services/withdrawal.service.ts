import { DomainError } from '../domain/errors.ts';
import type { Cycle, Person } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import type { OutboundMessage } from '../messages/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import { queueNotices } from '../store/nudge.store.ts';
import { getPerson } from '../store/person.store.ts';
import { activePairingOfMentee, cancelFutureSessions, endPairing } from '../store/program.store.ts';
import {
  activeMenteesOf,
  dropPendingNudges,
  withdrawalOf,
  withdrawEnrollments,
} from '../store/withdrawal.store.ts';
import type { AdminRun } from './admin.service.ts';
import type { Deps } from './deps.ts';

export const WITHDRAWAL_REASON_MAX = 300;

/** Who is told of a withdrawal: the person, and the mentor of a withdrawn mentee. */
export type WithdrawalNotice = (
  recipient: Person,
  about: { person: Person; cycle: Cycle; role: 'self' | 'mentor' },
) => OutboundMessage;

/**
 * Takes a mentor or mentee out of a cycle, with a reason. Their records stay for the history and
 * the report (which lists them as withdrawn and leaves them out of every rate after the date); a
 * mentee's pairing ends, its sessions not yet held are cancelled and the reminders about it are
 * dropped. A mentor who still accompanies mentees is refused (replace them first, `admin
 * emparejar`). Told: the person and their mentor. Audited.
 */
export async function withdrawFromCycle(
  deps: Deps,
  run: AdminRun,
  cycle: Cycle,
  personId: string,
  reasonText: string,
  tell: WithdrawalNotice,
): Promise<{ person: Person; roles: string[]; sessionsCancelled: number }> {
  const reason = reasonText.trim();
  if (!reason) throw new DomainError('input.empty', { field: 'reason' });
  if (reason.length > WITHDRAWAL_REASON_MAX)
    throw new DomainError('input.too_long', { field: 'reason', max: WITHDRAWAL_REASON_MAX });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const person = await getPerson(tx, run.tenantId, personId);
    if (!person) throw new DomainError('record.not_found', { entity: 'person' });
    const mentees = await activeMenteesOf(tx, run.tenantId, cycle.id, person.id);
    if (mentees.length)
      throw new DomainError('withdrawal.has_mentees', {
        name: person.name,
        mentees: mentees.map((m) => m.name).join(', '),
      });
    const pairing = await activePairingOfMentee(tx, run.tenantId, cycle.id, person.id);
    const roles = await withdrawEnrollments(tx, {
      tenantId: run.tenantId,
      cycleId: cycle.id,
      personId: person.id,
      reason,
      by: run.actorId,
      now,
    });
    if (roles.length === 0) {
      const earlier = await withdrawalOf(tx, run.tenantId, cycle.id, person.id);
      if (earlier)
        throw new DomainError('withdrawal.already', {
          name: person.name,
          date: localDate(earlier.withdrawnAt, cycle.timezone),
        });
      throw new DomainError('withdrawal.not_enrolled', { name: person.name, cycle: cycle.name });
    }
    let cancelled: Date[] = [];
    const told: { recipient: Person; role: 'self' | 'mentor' }[] = [{ recipient: person, role: 'self' }];
    if (pairing) {
      await endPairing(tx, run.tenantId, pairing.id, now);
      cancelled = await cancelFutureSessions(tx, {
        tenantId: run.tenantId,
        pairingId: pairing.id,
        by: run.actorId ?? person.id,
        now,
      });
      const mentor = await getPerson(tx, run.tenantId, pairing.mentorId);
      if (mentor) told.push({ recipient: mentor, role: 'mentor' });
    }
    const dropped = await dropPendingNudges(tx, {
      tenantId: run.tenantId,
      cycleId: cycle.id,
      personId: person.id,
      pairingIds: pairing ? [pairing.id] : [],
    });
    await queueNotices(
      tx,
      told.map(({ recipient, role }) => ({
        tenantId: run.tenantId,
        recipientId: recipient.id,
        message: tell(recipient, { person, cycle, role }),
      })),
      now,
    );
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'enrollment.withdraw',
      subjectType: 'person',
      subjectId: person.id,
      data: {
        cycleId: cycle.id,
        roles,
        reason,
        pairingId: pairing?.id ?? null,
        sessionsCancelled: cancelled.length,
        remindersDropped: dropped,
      },
    });
    return { person, roles, sessionsCancelled: cancelled.length };
  });
}
