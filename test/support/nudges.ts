import type { Identity } from '../../src/domain/model.ts';
import { ChatDeliveryError, type ChatPort, type Recipient } from '../../src/flows/ports.ts';
import type { OutboundMessage } from '../../src/messages/model.ts';
import type { SendLimits } from '../../src/scheduler/dispatcher.ts';
import { answerSession, proposeSession } from '../../src/services/session.service.ts';
import type { Db } from '../../src/store/db.ts';
import { insertNudges, type PlannedNudge } from '../../src/store/nudge.store.ts';
import { upsertIdentity } from '../../src/store/person.store.ts';
import { buildWorld, type World } from './world.ts';

/** A chat port that records deliveries and can fail some of them, as a platform would. */
export class RecordingChat implements ChatPort {
  readonly delivered: { identity: Identity; message: OutboundMessage; worker?: string }[] = [];
  /** Decides the fate of each send: undefined delivers; an error is thrown instead. */
  failWith: (identity: Identity, attempt: number) => ChatDeliveryError | undefined = () => undefined;
  private readonly attempts = new Map<string, number>();
  delayMs = 0;

  async send(to: Recipient, message: OutboundMessage): Promise<string> {
    const n = (this.attempts.get(to.identity.id) ?? 0) + 1;
    this.attempts.set(to.identity.id, n);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const error = this.failWith(to.identity, n);
    if (error) throw error;
    this.delivered.push({ identity: to.identity, message });
    return String(this.delivered.length);
  }
  async update(): Promise<void> {}
}

export { ChatDeliveryError };

/**
 * The test world with Slack identities for Ana and Luis and a confirmed session between them, and
 * `count` distinct due reminders about it (slots "1h@…", "2h@…", …) to each of them.
 */
export async function worldWithDueReminders(
  db: Db,
  count: number,
  tenantKey = 'nudges',
): Promise<{ w: World; identities: Identity[]; sessionId: string }> {
  const w = await buildWorld(db, tenantKey);
  const now = w.clock.now();
  const identities = [
    await upsertIdentity(db, {
      tenantId: w.tenant.id,
      personId: w.ana.id,
      platform: 'slack',
      externalId: 'UANA',
      conversationRef: { channel: 'DANA' },
      now,
    }),
    await upsertIdentity(db, {
      tenantId: w.tenant.id,
      personId: w.luis.id,
      platform: 'slack',
      externalId: 'ULUIS',
      conversationRef: { channel: 'DLUIS' },
      now,
    }),
  ];
  const deps = { db, clock: w.clock };
  const luis = {
    actor: { tenantId: w.tenant.id, personId: w.luis.id, staffRole: null },
    via: 'chat' as const,
  };
  const ana = { actor: { tenantId: w.tenant.id, personId: w.ana.id, staffRole: null }, via: 'chat' as const };
  const { session } = await proposeSession(deps, luis, {
    pairingId: w.anaPairing.id,
    startsAt: new Date(now.getTime() + 30 * 24 * 3_600_000),
    durationMinutes: 60,
  });
  const { session: confirmed } = await answerSession(deps, ana, session.id, { event: 'accept' });
  const planned: PlannedNudge[] = [];
  for (let h = 1; h <= count; h++) {
    for (const recipientId of [w.ana.id, w.luis.id]) {
      planned.push({
        tenantId: w.tenant.id,
        kind: 'session_reminder',
        subjectId: confirmed.id,
        slot: `${h}h@${confirmed.startsAt.toISOString()}`,
        recipientId,
        dueAt: new Date(now.getTime() - 60_000),
      });
    }
  }
  await insertNudges(db, planned, now);
  return { w, identities, sessionId: confirmed.id };
}

/** Liberal limits so tests exercise the dispatcher, not the waiting. */
export const FAST_LIMITS: SendLimits = {
  slack: { perConversation: 10_000, burst: 10_000, perTenant: 10_000 },
  teams: { perConversation: 10_000, burst: 10_000, perTenant: 10_000 },
  console: 'unlimited',
};
