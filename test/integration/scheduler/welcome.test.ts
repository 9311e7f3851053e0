import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { Tenant } from '../../../src/domain/model.ts';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { createCycleAs, createProgramAs, importRoster } from '../../../src/services/admin.service.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { upsertIdentity } from '../../../src/store/person.store.ts';
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
    // Nobody found for «nadie»: the welcome waits for her first message, it is not thrown away.
    expect(stats).toMatchObject({ sent: 1, cancelled: 0, waiting: 1 });
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

  it('sends what waited for someone once they first write, in their language', async () => {
    const [nadie] = await db.db
      .selectFrom('people')
      .select(['id', 'tenant_id'])
      .where('email', '=', 'nadie@example.gob')
      .execute();
    expect(await dispatcher.drain()).toMatchObject({ claimed: 0 }); // still waiting: nothing to do
    await upsertIdentity(db.db, {
      tenantId: nadie?.tenant_id as string,
      personId: nadie?.id as string,
      platform: 'slack',
      externalId: 'U_NADIE',
      conversationRef: { channel: 'D_NADIE' },
      now: clock.now(),
    });
    const before = chat.delivered.length;
    expect(await dispatcher.drain()).toMatchObject({ sent: 1 });
    const welcome = chat.delivered.slice(before);
    expect(welcome).toHaveLength(1);
    expect(plain(welcome[0]?.message as never)).toContain('welcome to cycle 2027-1');
  });

  it('welcomes each person once per cycle, however often the roster is imported again', async () => {
    const before = chat.delivered.length;
    await importOnce();
    const stats = await dispatcher.drain();
    expect(stats.claimed).toBe(0);
    expect(chat.delivered).toHaveLength(before);
  });
});
