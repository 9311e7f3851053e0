import { type Phase, phaseAt } from '../domain/cycle.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle, Pairing, Person, Program } from '../domain/model.ts';
import { findCycle } from '../services/admin.service.ts';
import { getPeople } from '../store/person.store.ts';
import { standingRows } from '../store/program.store.ts';
import type { Ctx } from './context.ts';

/** A person's place in the program: the pair they mentor or are mentored in, and the cycle. */
export interface Standing {
  asMentee: Pairing | undefined;
  asMentor: Pairing[];
  cycle: Cycle | undefined;
  program: Program | undefined;
  phase: Phase | undefined;
  /** Everyone named by these pairings, by id. */
  people: Map<string, Person>;
}

export async function standingOf(ctx: Ctx): Promise<Standing> {
  const { db } = ctx.deps;
  const { pairings: rows, newest } = await standingRows(db, ctx.tenant.id, ctx.person.id);
  const pairings = rows.map((r) => r.pairing);
  const asMentee = pairings.filter((p) => p.menteeId === ctx.person.id).at(-1);
  const asMentor = pairings.filter((p) => p.mentorId === ctx.person.id);
  const cycleId = asMentee?.cycleId ?? asMentor[0]?.cycleId;
  const joined = rows.find((r) => r.cycle.id === cycleId);
  // Staff and people without a pair see the newest cycle.
  const cycle = joined?.cycle ?? newest?.cycle;
  const program = joined?.program ?? newest?.program;
  const people = await getPeople(
    db,
    ctx.tenant.id,
    pairings.flatMap((p) => [p.mentorId, p.menteeId]),
  );
  return { asMentee, asMentor, cycle, program, phase: cycle ? phaseAt(cycle, ctx.now) : undefined, people };
}

/** The person's pairing as mentee, or a clear refusal when they are not a mentee. */
export function requireMentee(standing: Standing): Pairing {
  if (!standing.asMentee) throw new DomainError('auth.forbidden', { action: 'mentee_only' });
  return standing.asMentee;
}

export function nameOf(standing: Standing, personId: string): string {
  return standing.people.get(personId)?.name ?? '—';
}

/** The cycle an admin names (by name or id), or the one they stand in when they name none. */
export async function cycleNamed(ctx: Ctx, name: string): Promise<Cycle | undefined> {
  return name
    ? await findCycle(ctx.deps.db, ctx.tenant.id, name).catch(() => undefined)
    : (await standingOf(ctx)).cycle;
}
