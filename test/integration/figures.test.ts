import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { systemClock } from '../../src/clock.ts';
import type { ParticipantRole, ProgramKind } from '../../src/domain/model.ts';
import { withdrawalNotice } from '../../src/flows/withdrawal.flow.ts';
import { cycleReport } from '../../src/reports/cycle-report.ts';
import { participantResults } from '../../src/reports/participants.ts';
import { withdrawFromCycle } from '../../src/services/withdrawal.service.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { newId } from '../../src/store/ids.ts';
import { createPerson } from '../../src/store/person.store.ts';
import { createPlenary, markAttendance } from '../../src/store/plenary.store.ts';
import { createCycle, createPairing, createProgram, enroll } from '../../src/store/program.store.ts';
import { ensureTenant } from '../../src/store/tenant.store.ts';
import { SANTIAGO_2027 } from '../support/cycles.ts';
import { openMigratedPGlite } from '../support/databases.ts';

/** A cycle as the generator describes it: people, pairs, plenaries and who attended, sessions, evaluations. */
interface CycleSpec {
  kind: ProgramKind;
  plenaryRoles: ParticipantRole[];
  diplomaRoles: ParticipantRole[];
  minSessions: number;
  threshold: number;
  mentors: number;
  mentees: number;
  /** [mentor index, mentee index] pairs (deduplicated; a mentee in at most one pair). */
  pairs: [number, number][];
  plenaries: number;
  /** Per person (mentors then mentees), how many plenaries they attended. */
  attended: number[];
  /**
   * Per pair: sessions held, and whether its closing step is done: the final evaluation released
   * (classic), or the mentor's work report validated (reverse: the plan carried out).
   */
  held: number[];
  released: boolean[];
  /** Per pair: an approved goal, check-ins reported, and the week of execution its mentee was withdrawn in (null: stayed). */
  approved: boolean[];
  checkins: number[];
  withdrawnWeek: (number | null)[];
}

const roles = fc.constantFrom<ParticipantRole[]>(['mentee'], ['mentor'], ['mentor', 'mentee']);
const spec: fc.Arbitrary<CycleSpec> = fc
  .record({
    kind: fc.constantFrom<ProgramKind>('classic', 'reverse'),
    plenaryRoles: roles,
    diplomaRoles: roles,
    minSessions: fc.integer({ min: 0, max: 4 }),
    threshold: fc.constantFrom(0, 0.5, 0.85, 1),
    mentors: fc.integer({ min: 1, max: 5 }),
    mentees: fc.integer({ min: 0, max: 7 }),
    plenaries: fc.integer({ min: 0, max: 7 }),
  })
  .chain((base) =>
    fc
      .record({
        pairs: fc.array(fc.tuple(fc.nat(base.mentors - 1), fc.nat(Math.max(0, base.mentees - 1))), {
          maxLength: base.mentees ? base.mentees + 2 : 0,
        }),
        attended: fc.array(fc.nat(base.plenaries), {
          minLength: base.mentors + base.mentees,
          maxLength: base.mentors + base.mentees,
        }),
        held: fc.array(fc.nat(6), { minLength: 12, maxLength: 12 }),
        released: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        approved: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        checkins: fc.array(fc.nat(4), { minLength: 12, maxLength: 12 }),
        withdrawnWeek: fc.array(fc.option(fc.nat(14), { freq: 3 }), { minLength: 12, maxLength: 12 }),
      })
      .map((rest) => {
        const seen = new Set<number>();
        const pairs = rest.pairs.filter(([, mentee]) => !seen.has(mentee) && Boolean(seen.add(mentee)));
        return { ...base, ...rest, pairs };
      }),
  );

describe('the report’s figures are the results rows’ figures', () => {
  let db: OpenDatabase;
  beforeAll(async () => {
    db = await openMigratedPGlite();
  });
  afterAll(async () => {
    await db.close();
  });

  let n = 0;
  /** Writes one random cycle in its own tenant. */
  async function build(s: CycleSpec) {
    const now = new Date('2027-05-01T15:00:00Z');
    const tenant = await ensureTenant(db.db, {
      platform: 'console',
      externalId: `figures-${++n}`,
      name: `Tenant ${n}`,
      defaultLocale: 'es',
      defaultTimezone: 'America/Santiago',
    });
    const program = await createProgram(db.db, tenant.id, {
      name: 'Programa',
      kind: s.kind,
      settings: {
        plenaryRoles: s.plenaryRoles,
        diplomaRoles: s.diplomaRoles,
        minSessions: s.minSessions,
        attendanceThreshold: s.threshold,
      },
    });
    const cycle = await createCycle(db.db, tenant.id, {
      programId: program.id,
      name: `2027-${n}`,
      ...SANTIAGO_2027,
    });
    const person = (role: ParticipantRole, i: number) =>
      createPerson(db.db, tenant.id, {
        name: `${role} ${i}`,
        email: `${role}${i}@t${n}.example.gob`,
        locale: 'es',
        timezone: 'America/Santiago',
      });
    const mentors = [];
    for (let i = 0; i < s.mentors; i++) mentors.push(await person('mentor', i));
    const mentees = [];
    for (let i = 0; i < s.mentees; i++) mentees.push(await person('mentee', i));
    for (const p of mentors)
      await enroll(db.db, { tenantId: tenant.id, cycleId: cycle.id, personId: p.id, role: 'mentor' });
    for (const p of mentees)
      await enroll(db.db, { tenantId: tenant.id, cycleId: cycle.id, personId: p.id, role: 'mentee' });
    const pairings = [];
    for (const [mentor, mentee] of s.pairs) {
      const m = mentors[mentor];
      const e = mentees[mentee];
      if (m && e)
        pairings.push(
          await createPairing(db.db, tenant.id, { cycleId: cycle.id, mentorId: m.id, menteeId: e.id }),
        );
    }
    for (const [i, pairing] of pairings.entries()) {
      for (let k = 0; k < (s.held[i] ?? 0); k++) {
        await db.db
          .insertInto('sessions')
          .values({
            tenant_id: tenant.id,
            id: newId(),
            pairing_id: pairing.id,
            state: 'held',
            starts_at: now,
            duration_minutes: 60,
            place: null,
            agenda: null,
            proposed_by: pairing.mentorId,
            notes: null,
            agreements: null,
            reason: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      if (s.released[i] && s.kind === 'reverse') {
        await db.db
          .insertInto('work_reports')
          .values({
            tenant_id: tenant.id,
            id: newId(),
            pairing_id: pairing.id,
            state: 'validated',
            body: 'Cuatro sesiones; el plan se cumplió.',
            submitted_by: pairing.mentorId,
            entered_by: null,
            submitted_at: now,
            decided_by: null,
            decided_at: now,
            comment: null,
            updated_at: now,
          })
          .execute();
      } else if (s.released[i]) {
        await db.db
          .insertInto('evaluations')
          .values({
            tenant_id: tenant.id,
            id: newId(),
            pairing_id: pairing.id,
            state: 'released',
            goals: JSON.stringify([]),
            strengths: null,
            improvements: null,
            competency_notes: null,
            entered_by: null,
            created_at: now,
            submitted_at: now,
            released_at: now,
            acknowledged_at: null,
          })
          .execute();
      }
    }
    for (const [i, pairing] of pairings.entries()) {
      if (s.approved[i])
        await db.db
          .insertInto('goals')
          .values({
            tenant_id: tenant.id,
            id: newId(),
            pairing_id: pairing.id,
            cycle_id: cycle.id,
            mentee_id: pairing.menteeId,
            state: 'approved',
            title: 'Meta',
            specific: 'Reducir',
            measurable: 'de 10 a 5 días',
            achievable: '',
            relevant: '',
            due_date: '2027-05-30',
            competencies: JSON.stringify([]),
            created_at: now,
            updated_at: now,
          })
          .execute();
      for (let k = 0; k < (s.checkins[i] ?? 0); k++)
        await db.db
          .insertInto('checkins')
          .values({
            tenant_id: tenant.id,
            id: newId(),
            pairing_id: pairing.id,
            week_start: `2027-03-0${k + 1}`,
            created_by: pairing.menteeId,
            via: 'chat',
            created_at: now,
          })
          .execute();
    }
    const everyone = [...mentors, ...mentees];
    for (let k = 0; k < s.plenaries; k++) {
      const plenary = await createPlenary(db.db, {
        tenantId: tenant.id,
        cycleId: cycle.id,
        title: `Plenaria ${k + 1}`,
        startsAt: now,
        durationMinutes: 90,
      });
      for (const [i, p] of everyone.entries()) {
        if ((s.attended[i] ?? 0) > k)
          await markAttendance(db.db, {
            tenantId: tenant.id,
            plenaryId: plenary.id,
            personId: p.id,
            present: true,
            markedBy: p.id,
            via: 'chat',
            at: now,
          });
      }
    }
    const admin = await createPerson(db.db, tenant.id, {
      name: 'Admin',
      email: `admin@t${n}.example.gob`,
      locale: 'es',
      timezone: 'America/Santiago',
      tenantRole: 'admin',
    });
    const acting = {
      actor: { tenantId: tenant.id, personId: admin.id, staffRole: 'admin' as const },
      via: 'cli' as const,
    };
    // Mentees withdrawn during execution, each on the Wednesday of the week drawn.
    const withdrawnAt = new Map<string, Date>();
    for (const [i, pairing] of pairings.entries()) {
      const week = s.withdrawnWeek[i];
      if (week === null || week === undefined) continue;
      const at = new Date(Date.UTC(2027, 1, 17 + 7 * week, 15));
      if (at >= now) continue;
      await withdrawFromCycle(
        { db: db.db, clock: { now: () => at } as typeof systemClock },
        { tenantId: tenant.id, actorId: admin.id, via: 'cli' },
        cycle,
        pairing.menteeId,
        'Renuncia',
        withdrawalNotice,
      );
      withdrawnAt.set(pairing.id, at);
    }
    const deps = { db: db.db, clock: { now: () => now } as typeof systemClock };
    return {
      pairings,
      withdrawnAt,
      report: await cycleReport(deps, acting, cycle),
      results: await participantResults(deps, acting, cycle),
    };
  }

  it('every figure equals the same figure recomputed from the per-person rows; rates stay within 0–100 %', async () => {
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const { report, results, pairings, withdrawnAt } = await build(s);
        const byPerson = new Map(results.rows.map((r) => [r.personId, r]));
        const people = [...byPerson.values()];
        // Diplomas: the people whose role can earn one, qualifying on every row of theirs.
        const diplomaPeople = people.filter((r) => s.diplomaRoles.includes(r.role));
        const qualifying = diplomaPeople.filter((p) =>
          results.rows.filter((r) => r.personId === p.personId).every((r) => r.diploma),
        );
        expect(report.diplomas.eligible).toBe(qualifying.length);
        expect(report.diplomas.not_eligible).toBe(diplomaPeople.length - qualifying.length);
        // Work reports (reverse): validated ones over the pairs expected to deliver one, from the mentors' rows.
        const mentorRows = results.rows.filter((r) => r.role === 'mentor' && r.partner);
        expect(report.work_reports.validated).toBe(
          mentorRows.filter((r) => r.workReport === 'validated').length,
        );
        expect(report.work_reports.expected).toBe(s.kind === 'reverse' ? mentorRows.length : 0);
        // Plenary attendance: the expected people's presences over plenaries × those people.
        const expected = people.filter((r) => s.plenaryRoles.includes(r.role));
        const presences = expected.reduce((sum, r) => sum + r.plenariesAttended, 0);
        const rate = s.plenaries && expected.length ? presences / (s.plenaries * expected.length) : null;
        expect(report.plenaries.attendance_rate).toBe(rate === null ? null : Math.round(rate * 100) / 100);
        // Participants and those left without a pair.
        expect(report.participants.total).toBe(byPerson.size);
        expect(report.participants.by_role.mentee).toBe(people.filter((r) => r.role === 'mentee').length);
        expect(report.participants.unpaired_mentees).toBe(
          people.filter(
            (r) => r.role === 'mentee' && results.rows.every((x) => x.personId !== r.personId || !x.partner),
          ).length,
        );
        // Withdrawn mentees: counted apart, in no row; their pair expected to report only while it lasted.
        const withdrawn = new Set(pairings.filter((p) => withdrawnAt.has(p.id)).map((p) => p.menteeId));
        expect(report.participants.withdrawn).toEqual({ mentor: 0, mentee: withdrawn.size });
        expect(results.rows.filter((r) => withdrawn.has(r.personId))).toEqual([]);
        const day = 24 * 3600_000;
        const weeksBegun = (until: Date) => {
          // Execution runs from 15 February to 9 June 2027 (SANTIAGO_2027); a week counts once begun.
          const last = Math.min(
            Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate()),
            Date.UTC(2027, 5, 10),
          );
          const first = Date.UTC(2027, 1, 15);
          return last < first ? 0 : Math.floor((last - first) / day / 7) + 1;
        };
        const expectedCheckins = pairings.reduce(
          (n, p, i) =>
            n + (s.approved[i] ? weeksBegun(withdrawnAt.get(p.id) ?? new Date('2027-05-01T15:00:00Z')) : 0),
          0,
        );
        expect(report.checkins.expected).toBe(expectedCheckins);
        expect(report.checkins.reported).toBe(pairings.reduce((n, _, i) => n + (s.checkins[i] ?? 0), 0));
        // Each person's attendance share and every rate: between 0 and 1.
        for (const r of results.rows) if (r.attendance !== null) expect(r.attendance).toBeLessThanOrEqual(1);
        for (const value of [report.plenaries.attendance_rate, report.checkins.response_rate]) {
          if (value === null) continue;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 25, seed: 17 },
    );
  });

  it('counts plenary attendance over the people expected there: 11 of 14 is 79 %, not 157 %', async () => {
    // A reverse cycle with both roles expected: Ana came to 6 of 7 plenaries, Marta to 5 of 7.
    const cycle: CycleSpec = {
      kind: 'reverse',
      plenaryRoles: ['mentor', 'mentee'],
      diplomaRoles: ['mentor'],
      minSessions: 0,
      threshold: 0.85,
      mentors: 1,
      mentees: 1,
      pairs: [[0, 0]],
      plenaries: 7,
      attended: [6, 5],
      held: [4],
      released: [true],
      approved: [false],
      checkins: [0],
      withdrawnWeek: [null],
    };
    const { report } = await build(cycle);
    expect(report.plenaries.attendance_rate).toBe(0.79);
    // Only the mentors expected (the reverse default): 6 of 7.
    const mentorsOnly = await build({ ...cycle, plenaryRoles: ['mentor'] });
    expect(mentorsOnly.report.plenaries.attendance_rate).toBe(0.86);
    expect(mentorsOnly.report.diplomas).toEqual({ eligible: 1, not_eligible: 0, roles: ['mentor'] });
  });
});
