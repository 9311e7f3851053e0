import { localDate } from '../domain/time.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Db } from '../store/db.ts';
import { findPersonByEmail } from '../store/person.store.ts';
import { anonymisePerson, collectPersonData, retentionDue } from '../store/privacy.store.ts';
import type { AdminRun } from './admin.service.ts';

/**
 * Everything Mentoría holds about one person of one tenant, as stored: their profile, chat
 * identities, enrollments and pairings, the goals they wrote (with every revision and
 * milestone), their check-ins and progress, the sessions and evaluations of their pairings,
 * plenary attendance, survey answers, open conversations, reminders addressed to them and the
 * audit entries they made or that concern them. The export itself is audited.
 */
export async function exportPerson(
  deps: { db: Db; clock: { now(): Date } },
  run: AdminRun,
  email: string,
): Promise<Record<string, unknown>> {
  const person = await findPersonByEmail(deps.db, run.tenantId, email);
  if (!person) throw new Error(`nobody with the email ${email} in this tenant`);
  const data = await collectPersonData(deps.db, run.tenantId, person.id, deps.clock.now());
  await recordAudit(deps.db, {
    tenantId: run.tenantId,
    at: deps.clock.now(),
    actorId: run.actorId,
    via: run.via,
    action: 'person.export',
    subjectType: 'person',
    subjectId: person.id,
    data: {},
  });
  return data;
}

/** What an erased person's name becomes: shown to their former mentor or mentee, and in lists. */
export const ERASED_NAME = '—';

/**
 * Anonymises one person: what identifies them (name, email, unit, birth year, chat identities,
 * open conversations, reminders) and everything they or others wrote about them (goal texts and
 * revisions, milestones, check-in notes, session notes, evaluation comments, survey comments,
 * goal titles and comments copied into the audit log) is removed or cleared. What the cycle's
 * figures count stays: enrollments, pairings, goal and session states, outcomes, ratings,
 * gender, level, institution and region. One transaction; recorded in the audit log.
 */
export async function erasePerson(
  deps: { db: Db; clock: { now(): Date } },
  run: AdminRun,
  email: string,
): Promise<{ personId: string; goals: number; sessions: number }> {
  const person = await findPersonByEmail(deps.db, run.tenantId, email);
  if (!person) throw new Error(`nobody with the email ${email} in this tenant`);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const cleared = await anonymisePerson(tx, run.tenantId, person.id, ERASED_NAME, now);
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'person.erase',
      subjectType: 'person',
      subjectId: person.id,
      data: {},
    });
    return { personId: person.id, ...cleared };
  });
}

/**
 * The programs' retention setting, applied: each participant whose last cycle ended the set
 * number of months ago is anonymised as `erasePerson` does (figures kept), one transaction each,
 * audited as done by the system with the months that applied. Run hourly by the scheduler;
 * off unless a program sets `retentionMonths`. Returns how many were anonymised.
 */
export async function applyRetention(deps: { db: Db; clock: { now(): Date } }): Promise<number> {
  const now = deps.clock.now();
  let done = 0;
  for (;;) {
    const due = await retentionDue(deps.db, localDate(now, 'UTC'));
    for (const { tenantId, personId, months } of due) {
      await deps.db.transaction().execute(async (tx) => {
        await anonymisePerson(tx, tenantId, personId, ERASED_NAME, now);
        await recordAudit(tx, {
          tenantId,
          at: now,
          actorId: null,
          via: 'system',
          action: 'person.retention_erase',
          subjectType: 'person',
          subjectId: personId,
          data: { months },
        });
      });
      done++;
    }
    if (due.length < 200) return done;
  }
}
