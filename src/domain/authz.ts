import { DomainError } from './errors.ts';
import type { Evaluation, Goal, MentoringSession, Pairing, TenantRole } from './model.ts';

/** Who is acting: resolved from the platform identity by the core, never taken from a payload. */
export interface Actor {
  tenantId: string;
  personId: string;
  /** Tenant-wide staff role, or the staff role held in the cycle the subject belongs to. */
  staffRole: TenantRole | null;
}

export type Subject =
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'pairing'; pairing: Pairing }
  | { kind: 'goal'; goal: Goal; pairing: Pairing }
  | { kind: 'session'; session: MentoringSession; pairing: Pairing }
  | { kind: 'evaluation'; evaluation: Evaluation; pairing: Pairing };

export type Action =
  | 'goal.draft'
  | 'goal.edit'
  | 'goal.submit'
  | 'goal.withdraw'
  | 'goal.decide'
  | 'goal.view'
  | 'checkin.submit'
  | 'checkin.respond'
  | 'session.propose'
  | 'session.respond'
  | 'session.cancel'
  | 'session.report'
  | 'session.view'
  | 'evaluation.write'
  | 'evaluation.view'
  | 'evaluation.acknowledge'
  | 'survey.answer'
  | 'work_report.submit'
  | 'work_report.decide'
  | 'work_report.view'
  | 'admin.manage'
  | 'report.view';

const READ_ACTIONS = new Set<Action>([
  'goal.view',
  'session.view',
  'evaluation.view',
  'report.view',
  'work_report.view',
]);

function subjectTenant(subject: Subject): string {
  return subject.kind === 'tenant' ? subject.tenantId : subject.pairing.tenantId;
}

/** The person who writes a pair's plan and reports its progress: the mentee, or (reverse programs) the mentor. */
export function planAuthorOf(pairing: Pairing): string {
  return pairing.planAuthor === 'mentor' ? pairing.mentorId : pairing.menteeId;
}

/**
 * May this person do this to this record? (DESIGN §3)
 * - The plan's author drafts, edits and withdraws its goals and reports its progress: the
 *   mentee in a classic program, the mentor in a reverse one.
 * - A classic pair's mentor decides on its goals; a reverse pair's plan and work report are
 *   validated by the program's admins.
 * - Admins act on behalf of people (paper forms) but never decide for a mentor.
 * - Directors read reports and results and change nothing.
 * - The mentee sees the evaluation only once released.
 * - Nothing crosses tenants.
 */
export function may(actor: Actor, action: Action, subject: Subject): boolean {
  return refusal(actor, action, subject) === null;
}

/** Throws the refusal for `may`, with a stable code. */
export function authorize(actor: Actor, action: Action, subject: Subject): void {
  const code = refusal(actor, action, subject);
  if (code) throw new DomainError(code, { action });
}

function refusal(
  actor: Actor,
  action: Action,
  subject: Subject,
): 'auth.forbidden' | 'auth.other_tenant' | 'auth.read_only' | null {
  if (subjectTenant(subject) !== actor.tenantId) return 'auth.other_tenant';
  const isAdmin = actor.staffRole === 'admin';
  const isDirector = actor.staffRole === 'director';
  if (subject.kind === 'tenant') {
    if (action === 'admin.manage') return isAdmin ? null : isDirector ? 'auth.read_only' : 'auth.forbidden';
    if (action === 'report.view') return isAdmin || isDirector ? null : 'auth.forbidden';
    return 'auth.forbidden';
  }
  const { pairing } = subject;
  const isMentor = pairing.mentorId === actor.personId;
  const isMentee = pairing.menteeId === actor.personId;
  const reverse = pairing.planAuthor === 'mentor';
  const isAuthor = reverse ? isMentor : isMentee;
  // Who validates the plan and follows up its alerts: the mentor, or the program (reverse).
  const isReviewer = reverse ? isAdmin : isMentor;
  const allowed = (() => {
    switch (action) {
      case 'goal.draft':
      case 'goal.edit':
      case 'goal.submit':
      case 'goal.withdraw':
      case 'checkin.submit':
        return pairing.active && (isAuthor || isAdmin);
      case 'goal.decide':
        return pairing.active && isReviewer;
      case 'checkin.respond':
        return isReviewer;
      case 'work_report.submit':
        return reverse && pairing.active && (isMentor || isAdmin);
      case 'work_report.decide':
        return reverse && isAdmin;
      case 'work_report.view':
        return reverse && (isMentor || isMentee || isAdmin || isDirector);
      case 'goal.view':
      case 'session.view':
        return isMentor || isMentee || isAdmin || isDirector;
      case 'session.propose':
        return pairing.active && (isMentor || isMentee || isAdmin);
      case 'session.respond':
        // The answer belongs to the side that did not propose.
        return (
          subject.kind === 'session' &&
          (isMentor || isMentee) &&
          subject.session.proposedBy !== actor.personId
        );
      case 'session.cancel':
        return isMentor || isMentee;
      case 'session.report':
        return isMentor || isMentee || isAdmin;
      case 'evaluation.write':
        // A reverse pair closes with the mentor's work report, not an evaluation of the plan's author.
        return !reverse && (isMentor || isAdmin);
      case 'evaluation.view':
        if (isMentor || isAdmin || isDirector) return true;
        return (
          isMentee &&
          subject.kind === 'evaluation' &&
          (subject.evaluation.state === 'released' || subject.evaluation.state === 'acknowledged')
        );
      case 'evaluation.acknowledge':
        // Once released it is the mentee's to acknowledge; a second acknowledgement is then
        // refused by the evaluation's state ("already received"), not as someone else's.
        return (
          isMentee &&
          subject.kind === 'evaluation' &&
          (subject.evaluation.state === 'released' || subject.evaluation.state === 'acknowledged')
        );
      case 'survey.answer':
        return isMentee || isMentor;
      default:
        return false;
    }
  })();
  if (allowed) return null;
  if (isDirector && !READ_ACTIONS.has(action)) return 'auth.read_only';
  return 'auth.forbidden';
}
