import { DomainError } from './errors.ts';
import type { MilestoneStatus } from './model.ts';
import type { IsoDate } from './time.ts';

/**
 * A weekly status report on a milestone (SIGOB): on track, alert (a risk is foreseen) or
 * restriction (the problem happened, so the milestone is rescheduled and needs a new date).
 */
export function checkMilestoneUpdate(
  status: Exclude<MilestoneStatus, 'done'> | 'done',
  newDueDate: IsoDate | null,
  today: IsoDate,
  /** The goal's due date: a rescheduled milestone still falls on or before it. */
  goalDue: IsoDate,
): void {
  if (status === 'restriction') {
    if (!newDueDate) throw new DomainError('milestone.new_date_required');
    if (newDueDate <= today) throw new DomainError('milestone.new_date_past');
    if (newDueDate > goalDue) throw new DomainError('milestone.new_date_late', { latest: goalDue });
  }
}

/** Statuses the mentor must hear about at once. */
export function needsMentorAttention(status: MilestoneStatus): boolean {
  return status === 'alert' || status === 'restriction';
}
