import { type Phase, phaseAt } from '../domain/cycle.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle, Pairing, Person, Program } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { genderContext } from '../i18n/index.ts';
import { findCycle } from '../services/admin.service.ts';
import { rememberCycleChoice } from '../services/conversation.service.ts';
import { rememberedCycle } from '../store/conversation.store.ts';
import { cycleAdmins, getPeople, getPerson } from '../store/person.store.ts';
import { getPairing, listCycles, standingRows } from '../store/program.store.ts';
import { currentWithdrawal } from '../store/withdrawal.store.ts';
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
  /** The cycle and program of each of these pairings, by cycle id (a person may be in several). */
  cycles: Map<string, { cycle: Cycle; program: Program }>;
  /**
   * The running cycles this person is a mentee in, when there are several and none is chosen:
   * which one `meta nueva` or `avance` means is theirs to say (see `requireOneMenteeCycle`).
   */
  menteeChoice: Cycle[];
  /** Whether `asMentee` is the pair of a cycle the person chose among several. */
  menteeChosen: boolean;
  /** For someone with no pair: the cycle (not yet ended) they were withdrawn from, and the day. */
  withdrawn?: { cycle: string; date: string } | undefined;
}

/** The cycle chosen with a button in this very turn, before it is remembered. */
const chosenNow = new WeakMap<Ctx, string>();

/** This turn acts on `cycleId`, the one just chosen with a button (see `Bot`). */
export function chooseCycle(ctx: Ctx, cycleId: string): void {
  chosenNow.set(ctx, cycleId);
}

export async function standingOf(ctx: Ctx): Promise<Standing> {
  const today = localDate(ctx.now, ctx.person.timezone);
  const { pairings: rows, newest } = await standingRows(ctx.deps.db, ctx.tenant.id, ctx.person.id, today);
  const pairings = rows.map((r) => r.pairing);
  const running = (cycleId: string) => {
    const cycle = rows.find((r) => r.cycle.id === cycleId)?.cycle;
    return cycle ? cycle.enrollmentStarts <= today && cycle.ends >= today : false;
  };
  const menteeRunning = pairings.filter((p) => p.menteeId === ctx.person.id && running(p.cycleId));
  // Mentee in two cycles at once: the one chosen a moment ago, if any.
  const chosenId =
    menteeRunning.length > 1
      ? (chosenNow.get(ctx) ?? (await rememberedCycle(ctx.deps.db, ctx.tenant.id, ctx.person.id, ctx.now)))
      : undefined;
  const chosen = menteeRunning.find((p) => p.cycleId === chosenId);
  const asMentee =
    chosen ?? menteeRunning.at(-1) ?? pairings.filter((p) => p.menteeId === ctx.person.id).at(-1);
  const asMentor = pairings.filter((p) => p.mentorId === ctx.person.id);
  const cycleId =
    asMentee?.cycleId ?? asMentor.find((p) => running(p.cycleId))?.cycleId ?? asMentor[0]?.cycleId;
  const joined = rows.find((r) => r.cycle.id === cycleId);
  // Staff and people without a pair see the cycle running today (the newest one when none is).
  const cycle = joined?.cycle ?? newest?.cycle;
  const program = joined?.program ?? newest?.program;
  const people = await getPeople(
    ctx.deps.db,
    ctx.tenant.id,
    pairings.flatMap((p) => [p.mentorId, p.menteeId]),
  );
  const cycles = new Map(rows.map((r) => [r.cycle.id, { cycle: r.cycle, program: r.program }]));
  // Someone who left has no pair: they are told so, not merely refused (staff never withdraw).
  const left =
    !asMentee && asMentor.length === 0 && !ctx.actor.staffRole
      ? await currentWithdrawal(ctx.deps.db, ctx.tenant.id, ctx.person.id, today)
      : undefined;
  return {
    ...(left
      ? { withdrawn: { cycle: left.cycleName, date: localDate(left.withdrawnAt, ctx.person.timezone) } }
      : {}),
    asMentee,
    asMentor,
    cycle,
    program,
    phase: cycle ? phaseAt(cycle, ctx.now) : undefined,
    people,
    cycles,
    menteeChoice:
      menteeRunning.length > 1 && !chosen
        ? menteeRunning.flatMap((p) => cycles.get(p.cycleId)?.cycle ?? [])
        : [],
    menteeChosen: chosen !== undefined,
  };
}

/**
 * Before a mentee starts something (a goal, a check-in, a session) in one of several cycles they
 * are a mentee in: `CycleChoiceNeeded` unless one is chosen, and a chosen one holds longer.
 */
export async function requireOneMenteeCycle(ctx: Ctx): Promise<void> {
  const standing = await standingOf(ctx);
  if (standing.menteeChoice.length > 1) throw new CycleChoiceNeeded(standing.menteeChoice);
  if (standing.menteeChosen && standing.asMentee) await keepCycleChoice(ctx, standing.asMentee.cycleId);
}

/** Someone with no pair is refused: told they left the cycle when they did, else not theirs to do. */
export function refuseWithoutPair(standing: Standing, action: string): never {
  if (standing.withdrawn) throw new DomainError('withdrawal.you_left', standing.withdrawn);
  throw new DomainError('auth.forbidden', { action });
}

/** The person's pairing as mentee, or a clear refusal when they are not a mentee. */
export function requireMentee(standing: Standing): Pairing {
  if (!standing.asMentee) refuseWithoutPair(standing, 'mentee_only');
  return standing.asMentee;
}

/**
 * The pairs whose plan this person writes and reports on: their own as a mentee in a classic
 * program, the ones they mentor in a reverse program.
 */
export function authoredPairs(standing: Standing): Pairing[] {
  return [
    ...(standing.asMentee?.planAuthor === 'mentee' ? [standing.asMentee] : []),
    ...standing.asMentor.filter((p) => p.planAuthor === 'mentor'),
  ];
}

/** The pairs whose plan this person reviews as their mentor (classic programs). */
export function reviewedPairs(standing: Standing): Pairing[] {
  return standing.asMentor.filter((p) => p.planAuthor === 'mentee');
}

/**
 * The pair whose plan the person writes, `pairingId` when they named one of theirs; with several
 * and none named, `PairChoiceNeeded`. Someone whose plan a mentor writes (a reverse program's
 * colleague) is told so, by name.
 */
export function requireAuthor(standing: Standing, pairingId?: string): Pairing {
  const pairs = authoredPairs(standing);
  const named = pairingId ? pairs.find((p) => p.id === pairingId) : undefined;
  if (named) return named;
  if (pairingId) throw new DomainError('auth.forbidden', { action: 'goal.draft' });
  if (pairs.length === 1) return pairs[0] as Pairing;
  if (pairs.length > 1) throw new PairChoiceNeeded(pairs);
  if (standing.asMentee?.planAuthor === 'mentor')
    throw new DomainError('goal.plan_by_mentor', { mentor: nameOf(standing, standing.asMentee.mentorId) });
  return refuseWithoutPair(standing, 'mentee_only');
}

/** A reverse program's mentor with several colleagues must say whose plan they mean (see `Bot`). */
export class PairChoiceNeeded extends Error {
  override readonly name = 'PairChoiceNeeded';
  constructor(readonly pairs: Pairing[]) {
    super('several pairs');
  }
}

export function nameOf(standing: Standing, personId: string): string {
  return standing.people.get(personId)?.name ?? '—';
}

/** Remembers (or keeps) the cycle a person chose among several running ones, for `CHOICE_MS` more. */
export async function keepCycleChoice(ctx: Ctx, cycleId: string): Promise<void> {
  await rememberCycleChoice(
    ctx.deps,
    ctx.tenant.id,
    ctx.person.id,
    cycleId,
    new Date(ctx.now.getTime() + CHOICE_MS),
  );
}

/** How long a chosen cycle holds after its last use. */
export const CHOICE_MS = 30 * 60_000;

/**
 * Several cycles run today and the person named none: which one is meant is theirs to say. The
 * bot answers with one button per cycle (see `Bot`), each running the same command on that cycle.
 */
export class CycleChoiceNeeded extends Error {
  override readonly name = 'CycleChoiceNeeded';
  constructor(readonly cycles: Cycle[]) {
    super('several cycles run today');
  }
}

/**
 * The cycle an admin names (by name or id); when they name none, the one running today, and
 * when several run today (a classic and a reverse cohort at once), `CycleChoiceNeeded`.
 */
export async function cycleNamed(ctx: Ctx, name: string): Promise<Cycle | undefined> {
  if (name) return await findCycle(ctx.deps.db, ctx.tenant.id, name).catch(() => undefined);
  const standing = await standingOf(ctx);
  if (ctx.actor.staffRole) {
    const today = localDate(ctx.now, ctx.person.timezone);
    const running = (await listCycles(ctx.deps.db, ctx.tenant.id)).filter(
      (c) => c.enrollmentStarts <= today && c.ends >= today,
    );
    if (running.length > 1) {
      // Chosen now or a moment ago (30 minutes of use): that cycle, and the choice holds longer.
      const chosen =
        chosenNow.get(ctx) ?? (await rememberedCycle(ctx.deps.db, ctx.tenant.id, ctx.person.id, ctx.now));
      const cycle = running.find((c) => c.id === chosen);
      if (!cycle) throw new CycleChoiceNeeded(running);
      await keepCycleChoice(ctx, cycle.id);
      return cycle;
    }
  }
  return standing.cycle;
}

/** Why no cycle was found: the name given matches none, or there is no cycle at all. */
export function noCycleText(ctx: Ctx, name: string | undefined): string {
  return name ? ctx.t('cycles.unknown', { name }) : ctx.t('cycles.none');
}

/** Who reviews a pair's plan and answers its alerts: its mentor, or a reverse program's admins. */
export async function planReviewers(ctx: Ctx, pairing: Pairing): Promise<string[]> {
  if (pairing.planAuthor === 'mentee') return [pairing.mentorId];
  return cycleAdmins(ctx.deps.db, ctx.tenant.id, pairing.cycleId);
}

/**
 * Who reviews a pair's plan and hears of its alerts, as its author's messages name them: the
 * mentor (see `mentorWords`), or in a reverse program the program's coordination.
 */
export async function reviewerWords(
  ctx: Ctx,
  pairingId: string,
): Promise<{ mentor: string; mentorWord: string }> {
  const pairing = await getPairing(ctx.deps.db, ctx.tenant.id, pairingId);
  if (pairing?.planAuthor === 'mentor')
    return { mentor: ctx.t('words.coordination'), mentorWord: ctx.t('words.coordination') };
  return mentorWords(ctx, pairingId);
}

/**
 * How a mentee's messages name their mentor: by name ("la envío a revisión de Luis Herrera") and
 * with the word in the mentor's declared gender ("mentora", "mentor", else "persona mentora").
 * `pairingId` names the pair the message is about; without it, the mentee's current pair.
 */
export async function mentorWords(
  ctx: Ctx,
  pairingId?: string,
): Promise<{ mentor: string; mentorWord: string }> {
  const standing = await standingOf(ctx);
  const pairing =
    pairingId && standing.asMentee?.id !== pairingId
      ? await getPairing(ctx.deps.db, ctx.tenant.id, pairingId)
      : standing.asMentee;
  const mentor = pairing
    ? (standing.people.get(pairing.mentorId) ??
      (await getPerson(ctx.deps.db, ctx.tenant.id, pairing.mentorId)))
    : undefined;
  return {
    mentor: mentor?.name ?? ctx.t('words.your_mentor'),
    mentorWord: ctx.t('words.mentor', genderContext(mentor?.gender ?? null)),
  };
}
