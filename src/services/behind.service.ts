import { authorize } from '../domain/authz.ts';
import { type BehindEntry, type BehindGroup, REMINDABLE, whoIsBehind } from '../domain/behind.ts';
import type { Cycle, Person, Program } from '../domain/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import { behindFacts, queueAdminReminders } from '../store/behind.store.ts';
import type { Db } from '../store/db.ts';
import { getPeople } from '../store/person.store.ts';
import { getProgram } from '../store/program.store.ts';
import type { Acting, Deps } from './deps.ts';

export interface BehindList {
  cycle: Cycle;
  program: Program;
  entries: BehindEntry[];
  people: Map<string, Person>;
}

/** The subject of an admin's reminder: which cycle, which group. */
export const reminderSubject = (cycleId: string, group: BehindGroup) => `${cycleId}:${group}`;

async function entriesOf(
  db: Db,
  cycle: Cycle,
  now: Date,
): Promise<{ program: Program; entries: BehindEntry[] }> {
  const program = (await getProgram(db, cycle.tenantId, cycle.programId)) as Program;
  const facts = await behindFacts(db, cycle.tenantId, cycle.id);
  return { program, entries: whoIsBehind(cycle, program.settings, facts, now) };
}

/** Who is behind in a cycle, by group, with the people named. Admins only (names and emails). */
export async function behindIn(deps: Deps, acting: Acting, cycle: Cycle): Promise<BehindList> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: cycle.tenantId });
  const { program, entries } = await entriesOf(deps.db, cycle, deps.clock.now());
  const ids = new Set<string>();
  for (const e of entries)
    for (const id of [e.mentorId, e.menteeId, e.personId, ...e.recipients]) if (id) ids.add(id);
  const people = await getPeople(deps.db, cycle.tenantId, [...ids]);
  return { cycle, program, entries, people };
}

/**
 * "Remind now" on one group: one reminder to each person in it, sent by the dispatcher (rate
 * limits, quiet hours) and never twice within a day. Audited with the count queued.
 */
export async function remindGroup(
  deps: Deps,
  acting: Acting,
  cycle: Cycle,
  group: BehindGroup,
): Promise<{ queued: number; already: number }> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: cycle.tenantId });
  if (!REMINDABLE.includes(group)) return { queued: 0, already: 0 };
  const now = deps.clock.now();
  const { entries } = await entriesOf(deps.db, cycle, now);
  const recipients = [...new Set(entries.filter((e) => e.group === group).flatMap((e) => e.recipients))];
  const queued = await queueAdminReminders(deps.db, {
    tenantId: cycle.tenantId,
    subjectId: reminderSubject(cycle.id, group),
    recipientIds: recipients,
    now,
  });
  await recordAudit(deps.db, {
    tenantId: cycle.tenantId,
    at: now,
    actorId: acting.actor.personId,
    via: acting.via,
    action: 'behind.remind',
    subjectType: 'cycle',
    subjectId: cycle.id,
    data: { group, queued: queued.length, already: recipients.length - queued.length },
  });
  return { queued: queued.length, already: recipients.length - queued.length };
}

/**
 * What an admin's reminder to one person is still about at send time: their entries in the group
 * today (empty when they caught up, and the reminder is then not sent).
 */
export async function stillBehind(
  db: Db,
  cycle: Cycle,
  group: BehindGroup,
  personId: string,
  now: Date,
): Promise<BehindEntry[]> {
  const { entries } = await entriesOf(db, cycle, now);
  return entries.filter((e) => e.group === group && e.recipients.includes(personId));
}
