import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import {
  type MenteeLeftOut,
  type MentorLeftOut,
  type SuggestedPair,
  suggestMatches,
} from '../domain/matching.ts';
import type { Cycle, Pairing, Person, Program } from '../domain/model.ts';
import { checkPairCapacity, checkPairRules } from '../domain/pairing.ts';
import { recordAudit } from '../store/audit.store.ts';
import { lockCycle, matchingPool } from '../store/matching.store.ts';
import { insertNudges } from '../store/nudge.store.ts';
import {
  activePairingOfMentee,
  createPairing,
  endPairing,
  enrollmentsOf,
  getProgram,
  handOverPairing,
  type PairingCarry,
  pairingCarry,
  pairingLoad,
} from '../store/program.store.ts';
import type { AdminRun } from './admin.service.ts';
import type { Deps } from './deps.ts';

export interface Suggestion {
  cycle: Cycle;
  program: Program;
  pairs: (SuggestedPair & { mentor: Person; mentee: Person })[];
  unmatchedMentees: { person: Person; reason: MenteeLeftOut }[];
  unmatchedMentors: { person: Person; reason: MentorLeftOut }[];
  totalScore: number;
  /** Names this exact proposal: confirming a proposal that no longer holds is refused. */
  fingerprint: string;
}

/** The optimal pairs for a cycle's mentees without a mentor, under the program's rules. */
export async function suggestPairs(deps: Deps, tenantId: string, cycle: Cycle): Promise<Suggestion> {
  const program = await getProgram(deps.db, tenantId, cycle.programId);
  if (!program) throw new DomainError('record.not_found', { entity: 'program' });
  const pool = await matchingPool(deps.db, tenantId, cycle.id);
  const result = suggestMatches({
    kind: program.kind,
    minAgeGapYears: program.settings.minAgeGapYears,
    capacity: program.settings.mentorCapacity,
    mentors: pool.mentors,
    mentees: pool.mentees,
    excluded: pool.earlierPairs,
  });
  const people = new Map<string, Person>([...pool.mentors, ...pool.mentees].map((p) => [p.id, p]));
  const person = (id: string) => people.get(id) as Person;
  const byName = (a: { person: Person }, b: { person: Person }) => a.person.name.localeCompare(b.person.name);
  const pairs = result.pairs
    .map((p) => ({ ...p, mentor: person(p.mentorId), mentee: person(p.menteeId) }))
    .sort((a, b) => a.mentor.name.localeCompare(b.mentor.name) || a.mentee.name.localeCompare(b.mentee.name));
  return {
    cycle,
    program,
    pairs,
    unmatchedMentees: result.unmatchedMentees
      .map((u) => ({ person: person(u.id), reason: u.reason }))
      .sort(byName),
    unmatchedMentors: result.unmatchedMentors
      .map((u) => ({ person: person(u.id), reason: u.reason }))
      .sort(byName),
    totalScore: result.totalScore,
    fingerprint: createHash('sha256')
      .update(
        result.pairs
          .map((p) => `${p.mentorId}>${p.menteeId}`)
          .sort()
          .join(','),
      )
      .digest('hex')
      .slice(0, 16),
  };
}

export type ApplyOutcome =
  | { applied: number; suggestion: Suggestion }
  | { stale: true; suggestion: Suggestion };

/**
 * Makes the suggested pairs. With a fingerprint, only if the proposal is still the one reviewed
 * (a second click, or a roster changed since, gets the new proposal instead). Each pair is checked
 * again against the rules while the cycle is locked, and both people get an introduction.
 */
export async function applySuggestion(
  deps: Deps,
  run: AdminRun,
  cycle: Cycle,
  fingerprint?: string,
): Promise<ApplyOutcome> {
  const suggestion = await suggestPairs(deps, run.tenantId, cycle);
  if (fingerprint !== undefined && fingerprint !== suggestion.fingerprint) return { stale: true, suggestion };
  if (suggestion.pairs.length === 0) return { applied: 0, suggestion };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await lockCycle(tx, run.tenantId, cycle.id);
    const introductions = [];
    for (const pair of suggestion.pairs) {
      checkPairRules(suggestion.program, pair.mentor, pair.mentee);
      checkPairCapacity(
        suggestion.program,
        await pairingLoad(tx, run.tenantId, cycle.id, pair.mentorId, pair.menteeId),
      );
      const pairing = await createPairing(tx, run.tenantId, {
        cycleId: cycle.id,
        mentorId: pair.mentorId,
        menteeId: pair.menteeId,
        createdAt: now,
      });
      for (const recipientId of [pair.mentorId, pair.menteeId]) {
        introductions.push({
          tenantId: run.tenantId,
          kind: 'introduction' as const,
          subjectId: pairing.id,
          slot: 'intro',
          recipientId,
          dueAt: now,
        });
      }
    }
    // Sent by the dispatcher, in each person's language, from whichever process runs it.
    await insertNudges(tx, introductions, now);
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'pairs.suggest_apply',
      subjectType: 'cycle',
      subjectId: cycle.id,
      data: {
        created: suggestion.pairs.length,
        score: suggestion.totalScore,
        unmatchedMentees: suggestion.unmatchedMentees.length,
        unmatchedMentors: suggestion.unmatchedMentors.length,
      },
    });
  });
  return { applied: suggestion.pairs.length, suggestion };
}

/**
 * One pair chosen by an admin: checked against the program's rules and the mentor's capacity
 * while the cycle is locked; both people get an introduction.
 */
export async function pairManually(
  deps: Deps,
  run: AdminRun,
  cycle: Cycle,
  mentor: Person,
  mentee: Person,
): Promise<void> {
  const program = await getProgram(deps.db, run.tenantId, cycle.programId);
  if (!program) throw new DomainError('record.not_found', { entity: 'program' });
  checkPairRules(program, mentor, mentee);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await lockCycle(tx, run.tenantId, cycle.id);
    checkPairCapacity(program, await pairingLoad(tx, run.tenantId, cycle.id, mentor.id, mentee.id));
    const pairing = await createPairing(tx, run.tenantId, {
      cycleId: cycle.id,
      mentorId: mentor.id,
      menteeId: mentee.id,
      createdAt: now,
    });
    await insertNudges(
      tx,
      [mentor.id, mentee.id].map((recipientId) => ({
        tenantId: run.tenantId,
        kind: 'introduction' as const,
        subjectId: pairing.id,
        slot: 'intro',
        recipientId,
        dueAt: now,
      })),
      now,
    );
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'pairs.create',
      subjectType: 'pairing',
      subjectId: pairing.id,
      data: { cycleId: cycle.id, mentorId: mentor.id, menteeId: mentee.id },
    });
  });
}

/** Why a change of mentor cannot be made, checked before it is offered and again when it is made. */
async function checkReplacement(
  db: Deps['db'],
  program: Program,
  cycle: Cycle,
  current: Pairing,
  mentor: Person,
  mentee: Person,
  carry: PairingCarry,
): Promise<void> {
  if (current.mentorId === mentor.id) throw new DomainError('pairing.same_mentor');
  const asMentor = (await enrollmentsOf(db, cycle.tenantId, mentor.id)).some(
    (e) => e.cycleId === cycle.id && e.role === 'mentor',
  );
  if (!asMentor) throw new DomainError('pairing.roles');
  checkPairRules(program, mentor, mentee);
  const load = await pairingLoad(db, cycle.tenantId, cycle.id, mentor.id, mentee.id);
  checkPairCapacity(program, { menteeHasMentor: false, mentorLoad: load.mentorLoad });
  if (carry.evaluationDelivered) throw new DomainError('pairing.evaluation_delivered');
}

/**
 * What replacing a mentee's mentor would do, for the admin to confirm: the current pairing and
 * what moves with it. Throws when the new mentor does not fit (rules, capacity, role) or the final
 * evaluation was already delivered. Undefined when the mentee has no mentor in the cycle.
 */
export async function previewReplacement(
  deps: Deps,
  tenantId: string,
  cycle: Cycle,
  mentor: Person,
  mentee: Person,
): Promise<{ current: Pairing; carry: PairingCarry } | undefined> {
  const program = await getProgram(deps.db, tenantId, cycle.programId);
  if (!program) throw new DomainError('record.not_found', { entity: 'program' });
  const current = await activePairingOfMentee(deps.db, tenantId, cycle.id, mentee.id);
  if (!current) return undefined;
  const carry = await pairingCarry(deps.db, tenantId, current.id, deps.clock.now());
  await checkReplacement(deps.db, program, cycle, current, mentor, mentee, carry);
  return { current, carry };
}

export interface Replacement {
  ended: Pairing;
  pairing: Pairing;
  goals: number;
  checkins: number;
  waitingReview: number;
  sessionsCancelled: number;
}

/**
 * Ends a mentee's pairing and starts one with another mentor, in one transaction: goals (with
 * revisions and milestones) and check-ins move to the new pair, goals waiting for review go to the
 * new mentor, sessions not yet started are cancelled, and sessions held stay with the pair that
 * held them (they keep counting toward the mentee's minimum). The three people are told through
 * reminders, in their own language when they go out. `expected` is the pairing the admin saw: if
 * it changed meanwhile (a second click, another admin), nothing is done.
 */
export async function replaceMentor(
  deps: Deps,
  run: AdminRun & { actorId: string },
  cycle: Cycle,
  mentor: Person,
  mentee: Person,
  expected: string,
): Promise<Replacement> {
  const program = await getProgram(deps.db, run.tenantId, cycle.programId);
  if (!program) throw new DomainError('record.not_found', { entity: 'program' });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    await lockCycle(tx, run.tenantId, cycle.id);
    const current = await activePairingOfMentee(tx, run.tenantId, cycle.id, mentee.id);
    if (!current || current.id !== expected) throw new DomainError('pairing.changed');
    const carry = await pairingCarry(tx, run.tenantId, current.id, now);
    await checkReplacement(tx, program, cycle, current, mentor, mentee, carry);
    await endPairing(tx, run.tenantId, current.id, now);
    const pairing = await createPairing(tx, run.tenantId, {
      cycleId: cycle.id,
      mentorId: mentor.id,
      menteeId: mentee.id,
      createdAt: now,
    });
    const moved = await handOverPairing(tx, {
      tenantId: run.tenantId,
      from: current.id,
      to: pairing.id,
      by: run.actorId,
      now,
    });
    await insertNudges(
      tx,
      [
        ...(
          [
            ['old_mentor', current.mentorId],
            ['new_mentor', mentor.id],
            ['mentee', mentee.id],
          ] as const
        ).map(([role, recipientId]) => ({
          tenantId: run.tenantId,
          kind: 'pairing_change' as const,
          subjectId: pairing.id,
          slot: `${role}:${current.id}`,
          recipientId,
          dueAt: now,
        })),
        // Each goal waiting for review goes to the new mentor with its buttons, right after the
        // news (a minute later, so it arrives second).
        ...moved.waiting.map((g) => ({
          tenantId: run.tenantId,
          kind: 'approval_pending' as const,
          subjectId: g.id,
          slot: `r${g.revision}`,
          recipientId: mentor.id,
          dueAt: new Date(now.getTime() + 60_000),
        })),
      ],
      now,
    );
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'pairs.replace',
      subjectType: 'pairing',
      subjectId: pairing.id,
      data: {
        cycleId: cycle.id,
        menteeId: mentee.id,
        fromMentorId: current.mentorId,
        toMentorId: mentor.id,
        endedPairingId: current.id,
        goals: moved.goals,
        checkins: moved.checkins,
        sessionsCancelled: moved.cancelled.length,
      },
    });
    return {
      ended: { ...current, active: false },
      pairing,
      goals: moved.goals,
      checkins: moved.checkins,
      waitingReview: moved.waiting.length,
      sessionsCancelled: moved.cancelled.length,
    };
  });
}
