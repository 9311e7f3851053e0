import { DomainError } from '../domain/errors.ts';
import type { Pairing } from '../domain/model.ts';
import { type PhasedAction, requirePhase } from '../domain/phase-rules.ts';
import type { Db, Tx } from '../store/db.ts';
import { getCycle } from '../store/program.store.ts';
import type { Acting } from './deps.ts';

/**
 * The phase rule for an action on a pair, at `now`, in the pair's cycle. An admin acting for
 * one of the pair (a paper form) may act after the window, never before it.
 */
export async function requirePairPhase(
  db: Db | Tx,
  acting: Acting,
  pairing: Pairing,
  action: PhasedAction,
  now: Date,
): Promise<void> {
  const cycle = await getCycle(db, pairing.tenantId, pairing.cycleId);
  if (!cycle) throw new DomainError('record.not_found', { entity: 'cycle' });
  const own = acting.actor.personId === pairing.menteeId || acting.actor.personId === pairing.mentorId;
  const onBehalf = acting.via === 'on_behalf' || (!own && acting.actor.staffRole === 'admin');
  requirePhase(action, cycle, now, { onBehalf });
}
