import { describe, expect, it } from 'vitest';
import {
  checkDecisionComment,
  checkDueDate,
  checkGoalLimit,
  nextGoalState,
  validateGoalFields,
} from '../../../src/domain/goal.ts';
import { GOAL_STATES, type GoalState } from '../../../src/domain/model.ts';
import { SAMPLE_GOAL } from '../../support/world.ts';

const cycle = {
  timezone: 'America/Mexico_City',
  enrollmentStarts: '2026-02-01',
  goalSettingStarts: '2026-03-01',
  executionStarts: '2026-04-01',
  closingStarts: '2026-07-15',
  ends: '2026-07-31',
};

describe('goal transitions', () => {
  const allowed: [GoalState, Parameters<typeof nextGoalState>[1], GoalState][] = [
    ['draft', 'submit', 'submitted'],
    ['changes_requested', 'submit', 'submitted'],
    ['approved', 'submit', 'submitted'],
    ['submitted', 'approve', 'approved'],
    ['submitted', 'request_changes', 'changes_requested'],
    ['draft', 'withdraw', 'withdrawn'],
    ['submitted', 'withdraw', 'withdrawn'],
    ['changes_requested', 'withdraw', 'withdrawn'],
    ['approved', 'withdraw', 'withdrawn'],
    ['approved', 'achieved', 'achieved'],
    ['approved', 'partly_achieved', 'partly_achieved'],
    ['approved', 'not_achieved', 'not_achieved'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextGoalState(from, event)).toBe(to);
  });

  const events = [
    'submit',
    'approve',
    'request_changes',
    'withdraw',
    'achieved',
    'partly_achieved',
    'not_achieved',
  ] as const;
  const refused = GOAL_STATES.flatMap((from) =>
    events
      .filter((event) => !allowed.some(([f, e]) => f === from && e === event))
      .map((event) => [from, event] as const),
  );
  it.each(refused)('%s refuses %s with transition.not_allowed', (from, event) => {
    expect(() => nextGoalState(from, event)).toThrow(
      expect.objectContaining({ code: 'transition.not_allowed', details: { entity: 'goal', from, event } }),
    );
  });

  it('has refusals for every final state', () => {
    expect(refused.filter(([from]) => from === 'withdrawn')).toHaveLength(events.length);
  });
});

describe('SMART coaching', () => {
  it('requires the due date inside the execution window', () => {
    expect(() => checkDueDate(cycle, '2026-07-14')).not.toThrow();
    expect(() => checkDueDate(cycle, '2026-03-01')).not.toThrow();
    expect(() => checkDueDate(cycle, '2026-07-15')).toThrow(
      expect.objectContaining({
        code: 'goal.date_outside_execution',
        details: { from: '2026-03-01', to: '2026-07-14' },
      }),
    );
    expect(() => checkDueDate(cycle, '2026-02-28')).toThrow(
      expect.objectContaining({ code: 'goal.date_outside_execution' }),
    );
  });

  it('validates every field, its length, and milestone dates', () => {
    expect(() => validateGoalFields(SAMPLE_GOAL, cycle)).not.toThrow();
    expect(() => validateGoalFields({ ...SAMPLE_GOAL, title: ' ' }, cycle)).toThrow(
      expect.objectContaining({ code: 'goal.field_invalid', details: { field: 'title', problem: 'empty' } }),
    );
    expect(() => validateGoalFields({ ...SAMPLE_GOAL, specific: 'x'.repeat(1001) }, cycle)).toThrow(
      expect.objectContaining({ details: { field: 'specific', problem: 'too_long', max: 1000 } }),
    );
    // The SMART coach advises; it does not refuse: a vague measurable part can still be sent.
    expect(() => validateGoalFields({ ...SAMPLE_GOAL, measurable: 'hacerlo bien' }, cycle)).not.toThrow();
    expect(() =>
      validateGoalFields({ ...SAMPLE_GOAL, milestones: [{ title: 'tarde', dueDate: '2026-08-01' }] }, cycle),
    ).toThrow(expect.objectContaining({ code: 'goal.date_outside_execution' }));
  });

  it('refuses dates chosen in the past and milestones after their goal; keeps dates the goal already had', () => {
    const today = { today: '2026-04-10' };
    expect(() => checkDueDate(cycle, '2026-04-09', '2026-04-10')).toThrow(
      expect.objectContaining({ code: 'goal.date_past', details: { today: '2026-04-10' } }),
    );
    expect(() => checkDueDate(cycle, '2026-04-10', '2026-04-10')).not.toThrow();
    // SAMPLE_GOAL's milestone (30 April) is after today; one on 1 April is not.
    expect(() => validateGoalFields(SAMPLE_GOAL, cycle, today)).not.toThrow();
    const passed = { ...SAMPLE_GOAL, milestones: [{ title: 'Ya pasó', dueDate: '2026-04-01' }] };
    expect(() => validateGoalFields(passed, cycle, today)).toThrow(
      expect.objectContaining({ code: 'goal.date_past' }),
    );
    // Editing a goal whose milestone has since passed keeps that milestone.
    expect(() => validateGoalFields(passed, cycle, { ...today, previous: passed })).not.toThrow();
    expect(() =>
      validateGoalFields(
        { ...SAMPLE_GOAL, milestones: [{ title: 'Después de la meta', dueDate: '2026-07-01' }] },
        cycle,
      ),
    ).toThrow(expect.objectContaining({ code: 'goal.milestone_after_due', details: { due: '2026-06-30' } }));
    expect(() =>
      validateGoalFields(
        { ...SAMPLE_GOAL, milestones: [{ title: 'El mismo día', dueDate: '2026-06-30' }] },
        cycle,
      ),
    ).not.toThrow();
  });

  it('keeps the program maximum and requires a comment to request changes', () => {
    expect(() => checkGoalLimit(2, 3)).not.toThrow();
    expect(() => checkGoalLimit(3, 3)).toThrow(
      expect.objectContaining({ code: 'goal.limit', details: { max: 3 } }),
    );
    expect(() => checkDecisionComment('request_changes', '  ')).toThrow(
      expect.objectContaining({ code: 'goal.comment_required' }),
    );
    expect(() => checkDecisionComment('approve', null)).not.toThrow();
  });
});
