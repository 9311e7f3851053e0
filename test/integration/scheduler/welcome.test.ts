import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { Tenant } from '../../../src/domain/model.ts';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { createCycleAs, createProgramAs, importRoster } from '../../../src/services/admin.service.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { ensureTenant } from '../../../src/store/tenant.store.ts';
import { plain } from '../../support/conversation.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { ChatDeliveryError, FAST_LIMITS, RecordingChat } from '../../support/nudges.ts';

/** A Slack workspace where only some roster people can be found by email. */
class DirectoryChat extends RecordingChat {
  lookups: string[] = [];
  async findByEmail(_tenant: Tenant, email: string) {
    this.lookups.push(email);
    if (email.startsWith('limitada@')) throw new ChatDeliveryError('rate_limited', 'ratelimited', 30_000);
    return email.startsWith('rosa@')
      ? { externalId: 'U_ROSA', conversationRef: { channel: 'D_ROSA' } }
      : null;
  }
}

describe('roster people are welcomed when the bot can reach them', () => {
  let db: OpenDatabase;
  const clock = new ManualClock('2027-01-04T15:00:00Z');
  const chat = new DirectoryChat();
  let dispatcher: Dispatcher;
  let importOnce: () => Promise<unknown>;
  beforeAll(async () => {
    db = await openMigratedPGlite();
    const tenant = await ensureTenant(db.db, {
      platform: 'slack',
      externalId: 'T:T9',
      name: 'T9',
      defaultLocale: 'es',
      defaultTimezone: 'America/Santiago',
    });
    const deps = { db: db.db, clock };
    const run = { tenantId: tenant.id, actorId: null, via: 'cli' as const };
    await createProgramAs(deps, run, { name: 'Mentoría Inversa', kind: 'reverse' });
    const cycle = await createCycleAs(deps, run, {
      program: 'Mentoría Inversa',
      name: '2027-1',
      starts: '2027-01-04',
      ends: '2027-06-30',
      timezone: 'America/Santiago',
    });
    importOnce = () =>
      importRoster(deps, run, {
        cycle,
        rows: [
          {
            line: 2,
            record: { email: 'rosa@example.gob', name: 'Rosa Paz', role: 'mentor', gender: 'mujer' },
          },
          {
            line: 3,
            record: { email: 'nadie@example.gob', name: 'Nadie Aún', role: 'mentee', locale: 'en' },
          },
          { line: 4, record: { email: 'limitada@example.gob', name: 'Lina Mita', role: 'mentee' } },
        ],
        skipInvalid: false,
        defaults: { locale: 'es', timezone: 'America/Santiago' },
      });
    await importOnce();
    dispatcher = new Dispatcher({ db: db.db, clock, chat, worker: 'w', limits: FAST_LIMITS });
  });
  afterAll(async () => {
    await db.close();
  });

  it('finds a roster person by email, links them, and sends the welcome with the cycle’s dates', async () => {
    const stats = await dispatcher.drain();
    expect(stats).toMatchObject({ sent: 1, cancelled: 1 });
    expect(chat.lookups.sort()).toEqual(['limitada@example.gob', 'nadie@example.gob', 'rosa@example.gob']);
    // A lookup the platform limited is tried again later, not given up.
    const limited = await db.db
      .selectFrom('nudges as n')
      .innerJoin('people as p', 'p.id', 'n.recipient_id')
      .select('n.status')
      .where('p.email', '=', 'limitada@example.gob')
      .executeTakeFirstOrThrow();
    expect(limited.status).toBe('pending');
    expect(chat.delivered).toHaveLength(1);
    const text = plain(chat.delivered[0]?.message as never);
    expect(text).toContain(
      'Hola, Rosa Paz: te damos la bienvenida al ciclo 2027-1 del programa «Mentoría Inversa», donde participas como mentora.',
    );
    expect(text).toContain('Definición de metas: 25 de enero de 2027');
    const identity = await db.db
      .selectFrom('identities')
      .select(['external_id', 'conversation_ref'])
      .executeTakeFirstOrThrow();
    expect(identity).toEqual({ external_id: 'U_ROSA', conversation_ref: { channel: 'D_ROSA' } });
  });

  it('welcomes each person once per cycle, however often the roster is imported again', async () => {
    await importOnce();
    const stats = await dispatcher.drain();
    expect(stats.claimed).toBe(0);
    expect(chat.delivered).toHaveLength(1);
  });
});
