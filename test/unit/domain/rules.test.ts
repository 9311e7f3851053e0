import { describe, expect, it } from 'vitest';
import { type Action, type Actor, may } from '../../../src/domain/authz.ts';
import { checkEvaluationComplete, checkSurvey, nextEvaluationState } from '../../../src/domain/evaluation.ts';
import { checkMilestoneUpdate } from '../../../src/domain/milestone.ts';
import type { Evaluation, MentoringSession, Pairing } from '../../../src/domain/model.ts';
import { checkPairCapacity, checkPairRules } from '../../../src/domain/pairing.ts';
import { defaultSettings } from '../../../src/domain/program.ts';
import { checkSessionTime, nextSessionState } from '../../../src/domain/session.ts';

const classic = { kind: 'classic' as const, settings: defaultSettings('classic') };
const reverse = { kind: 'reverse' as const, settings: { ...defaultSettings('reverse'), minAgeGapYears: 10 } };

describe('pairing rules', () => {
  it('classic: the mentor is at least one level above', () => {
    expect(() =>
      checkPairRules(classic, { id: 'm', level: 3, birthYear: null }, { id: 'e', level: 2, birthYear: null }),
    ).not.toThrow();
    expect(() =>
      checkPairRules(classic, { id: 'm', level: 2, birthYear: null }, { id: 'e', level: 2, birthYear: null }),
    ).toThrow(expect.objectContaining({ code: 'pairing.level' }));
    expect(() =>
      checkPairRules(
        classic,
        { id: 'm', level: null, birthYear: null },
        { id: 'e', level: 2, birthYear: null },
      ),
    ).toThrow(expect.objectContaining({ code: 'pairing.level_unknown' }));
  });

  it('reverse: the mentor is younger by the program gap', () => {
    expect(() =>
      checkPairRules(reverse, { id: 'm', level: 1, birthYear: 1995 }, { id: 'e', level: 5, birthYear: 1970 }),
    ).not.toThrow();
    expect(() =>
      checkPairRules(reverse, { id: 'm', level: 1, birthYear: 1980 }, { id: 'e', level: 5, birthYear: 1975 }),
    ).toThrow(expect.objectContaining({ code: 'pairing.age', details: { gap: 5, needed: 10 } }));
    expect(() =>
      checkPairRules(reverse, { id: 'm', level: 1, birthYear: null }, { id: 'e', level: 5, birthYear: 1975 }),
    ).toThrow(expect.objectContaining({ code: 'pairing.age_unknown' }));
  });

  it('nobody mentors themself; one mentor per mentee; mentor capacity', () => {
    expect(() =>
      checkPairRules(classic, { id: 'x', level: 3, birthYear: null }, { id: 'x', level: 2, birthYear: null }),
    ).toThrow(expect.objectContaining({ code: 'pairing.same_person' }));
    expect(() => checkPairCapacity(classic, { menteeHasMentor: true, mentorLoad: 0 })).toThrow(
      expect.objectContaining({ code: 'pairing.mentee_taken' }),
    );
    expect(() => checkPairCapacity(classic, { menteeHasMentor: false, mentorLoad: 1 })).toThrow(
      expect.objectContaining({ code: 'pairing.mentor_capacity' }),
    );
    expect(() => checkPairCapacity(classic, { menteeHasMentor: false, mentorLoad: 0 })).not.toThrow();
  });
});

describe('sessions, milestones, evaluations', () => {
  it('moves sessions through their states and refuses the rest', () => {
    expect(nextSessionState('proposed', 'accept')).toBe('confirmed');
    expect(nextSessionState('confirmed', 'reschedule')).toBe('proposed');
    expect(nextSessionState('confirmed', 'held')).toBe('held');
    expect(() => nextSessionState('proposed', 'held')).toThrow(
      expect.objectContaining({ code: 'transition.not_allowed' }),
    );
    expect(() => nextSessionState('held', 'cancel')).toThrow(
      expect.objectContaining({ code: 'transition.not_allowed' }),
    );
    expect(() => nextSessionState('declined', 'accept')).toThrow(
      expect.objectContaining({ code: 'transition.not_allowed' }),
    );
  });

  it('checks session times against the clock', () => {
    const now = new Date('2026-03-10T16:00:00Z');
    expect(() => checkSessionTime(new Date('2026-03-10T15:59:00Z'), 60, now)).toThrow(
      expect.objectContaining({ code: 'session.in_past' }),
    );
    expect(() => checkSessionTime(new Date('2026-03-11T16:00:00Z'), 5, now)).toThrow(
      expect.objectContaining({ code: 'session.duration' }),
    );
    expect(() => checkSessionTime(new Date('2026-03-11T16:00:00Z'), 60, now)).not.toThrow();
  });

  it('a restriction needs a new date in the future, on or before the goal’s due date', () => {
    const due = '2026-06-30';
    expect(() => checkMilestoneUpdate('restriction', null, '2026-04-10', due)).toThrow(
      expect.objectContaining({ code: 'milestone.new_date_required' }),
    );
    expect(() => checkMilestoneUpdate('restriction', '2026-04-10', '2026-04-10', due)).toThrow(
      expect.objectContaining({ code: 'milestone.new_date_past' }),
    );
    expect(() => checkMilestoneUpdate('restriction', '2026-07-01', '2026-04-10', due)).toThrow(
      expect.objectContaining({ code: 'milestone.new_date_late', details: { latest: due } }),
    );
    expect(() => checkMilestoneUpdate('restriction', '2026-05-01', '2026-04-10', due)).not.toThrow();
    expect(() => checkMilestoneUpdate('restriction', due, '2026-04-10', due)).not.toThrow();
    expect(() => checkMilestoneUpdate('alert', null, '2026-04-10', due)).not.toThrow();
  });

  it('evaluations go draft → submitted → released → acknowledged only', () => {
    expect(nextEvaluationState('draft', 'submit')).toBe('submitted');
    expect(nextEvaluationState('submitted', 'release')).toBe('released');
    expect(nextEvaluationState('released', 'acknowledge')).toBe('acknowledged');
    expect(() => nextEvaluationState('submitted', 'acknowledge')).toThrow(
      expect.objectContaining({ code: 'transition.not_allowed' }),
    );
    expect(() => checkEvaluationComplete(['g1', 'g2'], [{ goalId: 'g1', rating: 4 }])).toThrow(
      expect.objectContaining({ code: 'evaluation.incomplete', details: { goalId: 'g2' } }),
    );
    expect(() => checkSurvey(6, 5)).toThrow(expect.objectContaining({ code: 'survey.range' }));
    expect(() => checkSurvey(5, 11)).toThrow(expect.objectContaining({ code: 'survey.range' }));
    expect(() => checkSurvey(1, 0)).not.toThrow();
  });
});

describe('authorization', () => {
  const pairing: Pairing = {
    tenantId: 't1',
    id: 'p',
    cycleId: 'c',
    mentorId: 'mentor',
    menteeId: 'mentee',
    active: true,
    planAuthor: 'mentee',
  };
  const actor = (personId: string, staffRole: Actor['staffRole'] = null, tenantId = 't1'): Actor => ({
    tenantId,
    personId,
    staffRole,
  });
  const goalSubject = { kind: 'goal' as const, goal: {} as never, pairing };
  const table: [string, Actor, Action, boolean][] = [
    ['mentor decides', actor('mentor'), 'goal.decide', true],
    ['mentee cannot decide own goal', actor('mentee'), 'goal.decide', false],
    ['admin cannot decide for the mentor', actor('boss', 'admin'), 'goal.decide', false],
    ['other mentor cannot decide', actor('other'), 'goal.decide', false],
    ['mentee submits', actor('mentee'), 'goal.submit', true],
    ['admin submits on behalf', actor('boss', 'admin'), 'goal.submit', true],
    ['mentor does not submit', actor('mentor'), 'goal.submit', false],
    ['director reads goals', actor('dir', 'director'), 'goal.view', true],
    ['director cannot submit', actor('dir', 'director'), 'goal.submit', false],
    ['stranger cannot read', actor('other'), 'goal.view', false],
    ['other tenant cannot read', actor('mentor', null, 't2'), 'goal.view', false],
  ];
  it.each(table)('%s', (_name, who, action, expected) => {
    expect(may(who, action, goalSubject)).toBe(expected);
  });

  it('refuses with read_only for directors, other_tenant across tenants', async () => {
    const { authorize } = await import('../../../src/domain/authz.ts');
    expect(() => authorize(actor('dir', 'director'), 'goal.submit', goalSubject)).toThrow(
      expect.objectContaining({ code: 'auth.read_only' }),
    );
    expect(() =>
      authorize(actor('dir', 'director'), 'admin.manage', { kind: 'tenant', tenantId: 't1' }),
    ).toThrow(expect.objectContaining({ code: 'auth.read_only' }));
    expect(() => authorize(actor('mentor', null, 't2'), 'goal.decide', goalSubject)).toThrow(
      expect.objectContaining({ code: 'auth.other_tenant' }),
    );
    expect(may(actor('dir', 'director'), 'report.view', { kind: 'tenant', tenantId: 't1' })).toBe(true);
    expect(may(actor('mentee'), 'report.view', { kind: 'tenant', tenantId: 't1' })).toBe(false);
  });

  it('the mentee sees the evaluation only once released; only the other side answers a proposal', () => {
    const evaluation = (state: Evaluation['state']) => ({
      kind: 'evaluation' as const,
      evaluation: { state } as Evaluation,
      pairing,
    });
    expect(may(actor('mentee'), 'evaluation.view', evaluation('submitted'))).toBe(false);
    expect(may(actor('mentee'), 'evaluation.view', evaluation('released'))).toBe(true);
    expect(may(actor('mentee'), 'evaluation.acknowledge', evaluation('submitted'))).toBe(false);
    expect(may(actor('mentee'), 'evaluation.acknowledge', evaluation('released'))).toBe(true);
    const session = {
      kind: 'session' as const,
      session: { proposedBy: 'mentor' } as MentoringSession,
      pairing,
    };
    expect(may(actor('mentee'), 'session.respond', session)).toBe(true);
    expect(may(actor('mentor'), 'session.respond', session)).toBe(false);
  });
});
