import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNudges } from '../../../src/scheduler/planner.ts';
import type { PairingCandidate, SessionCandidate } from '../../../src/store/planner.store.ts';

const person = (id: string, timezone: string, snoozedUntil: Date | null = null) => ({
  id,
  timezone,
  snoozedUntil,
});
const empty = { sessions: [], goals: [], pairings: [], digests: [] };

function pairing(over: Partial<PairingCandidate>): PairingCandidate {
  return {
    tenantId: 't',
    pairingId: 'p',
    cycleId: 'c',
    cycleZone: 'America/Santiago',
    enrollmentStarts: '2026-01-05',
    goalSettingStarts: '2026-02-02',
    executionStarts: '2026-03-02',
    closingStarts: '2026-06-15',
    ends: '2026-06-30',
    settings: {},
    kind: 'reverse',
    mentor: person('mentor', 'America/Santiago'),
    mentee: person('mentee', 'America/Santiago'),
    submittedGoals: 1,
    approvedGoals: 1,
    lastCheckinWeek: null,
    evaluationState: null,
    acknowledgedAt: null,
    menteeSurveyed: false,
    planAuthor: 'mentee',
    workReportState: null,
    workReportValidatedAt: null,
    mentorSurveyed: false,
    ...over,
  };
}

describe('a reminder planned after its moment (found by the simulated cycle)', () => {
  it('waits for the next allowed moment instead of going out in the night', () => {
    // Closing starts on Tuesday 16 June: the first planning in closing, at 00:30 in Santiago,
    // finds the week's report reminder (Monday 09:00) already past. It is not sent in the night:
    // nothing is due before 08:00 there, and the planning at 07:30 makes it due at 08:00.
    const mentor = pairing({
      planAuthor: 'mentor',
      closingStarts: '2026-06-16',
      mentor: person('mentor', 'America/Santiago'),
    });
    const reports = (now: string) =>
      planNudges({ ...empty, pairings: [mentor] }, new Date(now))
        .filter((n) => n.kind === 'work_report_due')
        .map((n) => [n.slot, n.dueAt.toISOString()]);
    expect(reports('2026-06-16T04:30:00Z')).toEqual([]);
    expect(reports('2026-06-16T11:30:00Z')).toEqual([['2026-06-15', '2026-06-16T12:00:00.000Z']]);
    // Planned in the working day, it goes out at once (its moment is past, and now is allowed).
    expect(reports('2026-06-16T15:00:00Z')).toEqual([['2026-06-15', '2026-06-16T15:00:00.000Z']]);
  });
});

describe('planning the weekly check-in in the mentee’s zone', () => {
  it('is due Monday 09:00 local in Santiago before and after the April DST change', () => {
    // Monday 30 March 08:30 local (UTC-3): due 09:00 local = 12:00Z, within the hour ahead.
    const before = planNudges({ ...empty, pairings: [pairing({})] }, new Date('2026-03-30T11:30:00Z'));
    expect(before).toEqual([
      {
        tenantId: 't',
        kind: 'checkin',
        subjectId: 'p',
        slot: '2026-03-30',
        recipientId: 'mentee',
        dueAt: new Date('2026-03-30T12:00:00Z'),
      },
    ]);
    // Monday 6 April 08:30 local (now UTC-4): due 09:00 local = 13:00Z.
    const after = planNudges({ ...empty, pairings: [pairing({})] }, new Date('2026-04-06T12:30:00Z'));
    expect(after.map((n) => n.dueAt.toISOString())).toEqual(['2026-04-06T13:00:00.000Z']);
  });

  it('is due Monday 09:00 local in Madrid across the March DST change', () => {
    const madrid = pairing({ mentee: person('mentee', 'Europe/Madrid') });
    expect(
      planNudges({ ...empty, pairings: [madrid] }, new Date('2026-03-23T07:30:00Z'))[0]?.dueAt.toISOString(),
    ).toBe('2026-03-23T08:00:00.000Z');
    expect(
      planNudges({ ...empty, pairings: [madrid] }, new Date('2026-03-30T06:30:00Z'))[0]?.dueAt.toISOString(),
    ).toBe('2026-03-30T07:00:00.000Z');
  });

  it('is not planned when this week’s check-in is done, there are no approved goals, or too early', () => {
    const now = new Date('2026-03-30T11:30:00Z');
    expect(planNudges({ ...empty, pairings: [pairing({ lastCheckinWeek: '2026-03-30' })] }, now)).toEqual([]);
    expect(planNudges({ ...empty, pairings: [pairing({ approvedGoals: 0 })] }, now)).toEqual([]);
    // Sunday evening: Monday 09:00 is more than an hour ahead; the next ticks will plan it.
    expect(planNudges({ ...empty, pairings: [pairing({})] }, new Date('2026-03-29T22:00:00Z'))).toEqual([]);
  });

  it('waits for a snoozed mentee, then for the next allowed moment', () => {
    const snoozed = pairing({
      mentee: person('mentee', 'America/Santiago', new Date('2026-03-31T23:30:00Z')),
    });
    // Snoozed until Tuesday 20:30 local (quiet hours): the nudge would be Wednesday 08:00, beyond the horizon.
    expect(planNudges({ ...empty, pairings: [snoozed] }, new Date('2026-03-30T11:30:00Z'))).toEqual([]);
    expect(
      planNudges({ ...empty, pairings: [snoozed] }, new Date('2026-04-01T10:30:00Z'))[0]?.dueAt.toISOString(),
    ).toBe('2026-04-01T11:00:00.000Z');
  });
});

describe('planning session reminders', () => {
  const session = (startsAt: string, zone = 'America/Mexico_City'): SessionCandidate => ({
    tenantId: 't',
    sessionId: 's',
    startsAt: new Date(startsAt),
    durationMinutes: 60,
    mentor: person('mentor', zone),
    mentee: person('mentee', 'Europe/Madrid'),
    settings: {},
    kind: 'classic',
  });

  it('plans 24 h and 1 h before for both people, keyed by the start time', () => {
    const s = session('2026-03-11T18:00:00Z'); // Wednesday noon in Mexico City
    const day = planNudges({ ...empty, sessions: [s] }, new Date('2026-03-10T17:30:00Z'));
    expect(day.map((n) => [n.slot, n.recipientId, n.dueAt.toISOString()])).toEqual([
      ['24h@2026-03-11T18:00:00.000Z', 'mentor', '2026-03-10T18:00:00.000Z'],
      // 19:00 in Madrid is allowed.
      ['24h@2026-03-11T18:00:00.000Z', 'mentee', '2026-03-10T18:00:00.000Z'],
    ]);
    const hour = planNudges({ ...empty, sessions: [s] }, new Date('2026-03-11T16:30:00Z'));
    expect(hour.map((n) => n.slot)).toEqual(['1h@2026-03-11T18:00:00.000Z', '1h@2026-03-11T18:00:00.000Z']);
  });

  it('asks whether it happened after it ends, outside quiet hours', () => {
    // Ends 20:00 in Madrid for the mentee: asked Thursday 08:00 Madrid. The mentor (13:30 in
    // Mexico City when planned, the question's moment just past) is asked at once.
    const s = session('2026-03-11T18:00:00Z');
    const after = planNudges({ ...empty, sessions: [s] }, new Date('2026-03-11T19:30:00Z'));
    expect(
      after.filter((n) => n.kind === 'session_outcome').map((n) => [n.recipientId, n.dueAt.toISOString()]),
    ).toEqual([['mentor', '2026-03-11T19:30:00.000Z']]);
    // Planned again in the night (00:30 in Mexico City): the mentor's question, already past, is not
    // due in the night (it waits for morning there; the row planned at 19:30 keeps its time anyway:
    // planning again inserts nothing); the mentee's is due at 08:00 in Madrid.
    const morning = planNudges({ ...empty, sessions: [s] }, new Date('2026-03-12T06:30:00Z'));
    expect(
      morning.filter((n) => n.kind === 'session_outcome').map((n) => [n.recipientId, n.dueAt.toISOString()]),
    ).toEqual([['mentee', '2026-03-12T07:00:00.000Z']]);
  });

  it('gives the same keys whenever it plans (planning twice is harmless)', () => {
    const s = session('2026-03-11T18:00:00Z');
    const a = planNudges({ ...empty, sessions: [s] }, new Date('2026-03-10T17:30:00Z'));
    const b = planNudges({ ...empty, sessions: [s] }, new Date('2026-03-10T17:45:00Z'));
    expect(b.map((n) => `${n.kind}/${n.slot}/${n.recipientId}`)).toEqual(
      a.map((n) => `${n.kind}/${n.slot}/${n.recipientId}`),
    );
  });
});

describe('the admin digest and goal-setting nudges', () => {
  it('reaches admins on day 3 of the weekly cycle', () => {
    const digest = {
      tenantId: 't',
      cycleId: 'c',
      settings: {},
      kind: 'classic',
      cycleZone: 'America/Mexico_City',
      openRestrictions: 2,
      admins: [person('carmen', 'America/Mexico_City')],
    };
    // Wednesday 18 March 2026, 08:30 in Mexico City.
    const planned = planNudges({ ...empty, digests: [digest] }, new Date('2026-03-18T14:30:00Z'));
    expect(planned).toEqual([
      {
        tenantId: 't',
        kind: 'admin_digest',
        subjectId: 'c',
        slot: '2026-03-16',
        recipientId: 'carmen',
        dueAt: new Date('2026-03-18T15:00:00Z'),
      },
    ]);
  });

  it('tells admins the morning goal setting starts when mentees have no pair, and not when every one has', () => {
    const digest = {
      tenantId: 't',
      cycleId: 'c',
      settings: {},
      kind: 'classic',
      cycleZone: 'America/Mexico_City',
      openRestrictions: 0,
      goalSettingStarts: '2026-03-17',
      unpaired: 2,
      admins: [person('carmen', 'America/Mexico_City')],
    };
    // Tuesday 17 March 2026, 08:30 in Mexico City: goal setting starts today.
    const at = new Date('2026-03-17T14:30:00Z');
    const planned = planNudges({ ...empty, digests: [digest] }, at);
    expect(planned.filter((n) => n.slot === 'goal-setting').map((n) => n.dueAt)).toEqual([
      new Date('2026-03-17T15:00:00Z'),
    ]);
    const paired = planNudges({ ...empty, digests: [{ ...digest, unpaired: 0 }] }, at);
    expect(paired.filter((n) => n.slot === 'goal-setting')).toEqual([]);
  });

  it('reminds a mentee with no submitted goal a week and two days before execution starts', () => {
    const p = pairing({
      submittedGoals: 0,
      approvedGoals: 0,
      cycleZone: 'America/Mexico_City',
      mentee: person('mentee', 'America/Mexico_City'),
    });
    // Execution starts Monday 2 March; d7 = Monday 23 February 09:00 local.
    const planned = planNudges({ ...empty, pairings: [p] }, new Date('2026-02-23T14:30:00Z'));
    expect(planned.map((n) => [n.kind, n.slot, n.dueAt.toISOString()])).toEqual([
      ['goal_drafting', 'd7', '2026-02-23T15:00:00.000Z'],
    ]);
    expect(
      planNudges({ ...empty, pairings: [{ ...p, submittedGoals: 1 }] }, new Date('2026-02-23T14:30:00Z')),
    ).toEqual([]);
  });
});

describe('a reverse pair: its mentor writes the plan, the program’s admins review it', () => {
  const reverse = (over: Partial<PairingCandidate>) =>
    pairing({ planAuthor: 'mentor', mentor: person('mentor', 'America/Santiago'), ...over });

  it('asks the mentor, not the colleague, for the plan, the weekly check-in and the work report', () => {
    const drafting = planNudges(
      {
        ...empty,
        pairings: [reverse({ submittedGoals: 0, approvedGoals: 0, cycleZone: 'America/Mexico_City' })],
      },
      new Date('2026-02-23T14:30:00Z'),
    );
    expect(drafting.map((n) => [n.kind, n.recipientId])).toEqual([['goal_drafting', 'mentor']]);
    const checkin = planNudges({ ...empty, pairings: [reverse({})] }, new Date('2026-03-30T11:30:00Z'));
    expect(checkin.map((n) => [n.kind, n.recipientId])).toEqual([['checkin', 'mentor']]);
    // Closing (from 15 June): the work report, weekly, until it is sent; never an evaluation.
    const closing = new Date('2026-06-15T12:30:00Z');
    expect(
      planNudges({ ...empty, pairings: [reverse({})] }, closing).map((n) => [n.kind, n.recipientId]),
    ).toEqual([['work_report_due', 'mentor']]);
    expect(planNudges({ ...empty, pairings: [reverse({ workReportState: 'submitted' })] }, closing)).toEqual(
      [],
    );
    expect(
      planNudges({ ...empty, pairings: [reverse({ workReportState: 'changes_requested' })] }, closing).map(
        (n) => n.kind,
      ),
    ).toEqual(['work_report_due']);
    // A classic pair in the same week is asked for the mentor's evaluation instead.
    expect(
      planNudges({ ...empty, pairings: [pairing({})] }, closing).map((n) => [n.kind, n.recipientId]),
    ).toEqual([['evaluation_due', 'mentor']]);
  });

  it('reminds every admin of the cycle of a plan waiting for validation, once each', () => {
    const goal = {
      tenantId: 't',
      goalId: 'g',
      revision: 2,
      submittedAt: new Date('2026-03-09T15:00:00Z'),
      reviewers: [person('carmen', 'America/Santiago'), person('rosa', 'America/Santiago')],
      settings: {},
      kind: 'reverse',
    };
    const planned = planNudges({ ...empty, goals: [goal] }, new Date('2026-03-11T14:30:00Z'));
    expect(planned.map((n) => [n.kind, n.slot, n.recipientId])).toEqual([
      ['approval_pending', 'r2', 'carmen'],
      ['approval_pending', 'r2', 'rosa'],
    ]);
  });
});

describe('planTick against the database', () => {
  let chat: import('../../support/conversation.ts').ChatDriver;
  beforeAll(async () => {
    const { ChatDriver } = await import('../../support/conversation.ts');
    chat = await ChatDriver.start('2026-11-23T15:30:00Z'); // Monday 09:30 in Mexico City
  });
  afterAll(async () => {
    await chat.close();
  });

  it('inserts each nudge once however often it runs', async () => {
    const { planTick } = await import('../../../src/scheduler/planner.ts');
    const first = await planTick(chat.db.db, chat.clock.now());
    const second = await planTick(chat.db.db, chat.clock.now());
    expect(first.inserted).toBeGreaterThan(0);
    expect(second).toEqual({ planned: first.planned, inserted: 0 });
    const rows = await chat.db.db.selectFrom('nudges').select(['kind', 'slot']).execute();
    // Goal setting started yesterday and nobody submitted a goal: ana and sofia hear about it.
    expect(rows).toEqual([
      { kind: 'goal_drafting', slot: 'start' },
      { kind: 'goal_drafting', slot: 'start' },
    ]);
  });
});
