/**
 * A refused operation. The code is stable (tests, logs and translations key on it);
 * `details` carries the values a translated message needs.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly details: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
  }
}

export const DOMAIN_ERROR_CODES = [
  'auth.forbidden',
  'auth.other_tenant',
  'auth.read_only',
  'transition.not_allowed',
  'record.not_found',
  'record.changed',
  'pairing.same_person',
  'pairing.level',
  'pairing.level_unknown',
  'pairing.age',
  'pairing.age_unknown',
  'pairing.mentee_taken',
  'pairing.mentor_capacity',
  'pairing.roles',
  'pairing.same_mentor',
  'plenary.started',
  'plenary.already_scheduled',
  'cycle.unchanged',
  'cycle.not_empty',
  'withdrawal.has_mentees',
  'withdrawal.already',
  'withdrawal.not_enrolled',
  'withdrawal.you_left',
  'plenary.unchanged',
  'pairing.changed',
  'pairing.evaluation_delivered',
  'goal.limit',
  'goal.plan_by_mentor',
  'evaluation.reverse_report',
  'work_report.not_reverse',
  'goal.date_outside_execution',
  'goal.date_past',
  'goal.milestone_after_due',
  'milestone.new_date_late',
  'goal.comment_required',
  'goal.field_invalid',
  'milestone.new_date_required',
  'milestone.new_date_past',
  'session.in_past',
  'session.duration',
  'evaluation.incomplete',
  'cycle.dates',
  'cycle.timezone',
  'phase.not_open',
  'phase.over',
  'survey.range',
  'input.too_long',
  'input.too_short',
  'checkin.nothing_to_report',
  'evaluation.exists',
  'evaluation.no_goals',
  'input.empty',
  'plenary.duration',
  'plenary.past',
  'plenary.not_participant',
  'plenary.not_participant_other',
  'plenary.closed',
  'plenary.not_started',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
