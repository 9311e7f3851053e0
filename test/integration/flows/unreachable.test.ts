import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { upsertIdentity } from '../../../src/store/person.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';
import { FAST_LIMITS } from '../../support/nudges.ts';

/**
 * A mentor who never opened the bot, on a platform that offers no way to write first: what is
 * meant for him waits, the admins see who is unreachable, and it all arrives once he can be reached.
 */
describe('someone the bot cannot reach yet', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
  });
  afterAll(async () => {
    await chat.close();
  });
  const drain = () =>
    new Dispatcher({
      db: chat.db.db,
      clock: chat.clock,
      chat: chat.memory,
      worker: 'w',
      limits: FAST_LIMITS,
    }).drain();

  it('keeps the mentee’s goal notice for the mentor, lists him to the admins, and delivers it when he is reachable', async () => {
    // Everyone reachable: the admin hears of nobody.
    expect((await chat.as('carmen').says('pendientes')).text).not.toContain('Aún no puedo');
    const luis = await chat.idOf('luis');
    await chat.db.db.deleteFrom('identities').where('person_id', '=', luis).execute();
    await chat.as('ana').says('meta formulario');
    await chat.as('ana').fills(goalFields('Mejorar la comunicación'));
    await drain();
    expect(chat.inbox('luis').join('\n')).not.toContain('envió una meta');
    const pending = (await chat.as('carmen').says('pendientes')).text;
    expect(pending).toContain('Aún no puedo escribirle a 1 persona');
    expect(pending).toContain('• Luis Herrera (luis@demo.mentoria.invalid): 1 mensaje en espera');
    expect((await chat.as('diego').says('pendientes')).text).not.toContain('Aún no puedo'); // admins only
    // He opens the bot (the platform links his account): what waited goes out, once.
    await upsertIdentity(chat.db.db, {
      tenantId: chat.tenant.id,
      personId: luis,
      platform: 'console',
      externalId: 'luis',
      conversationRef: { handle: 'luis' },
      now: chat.clock.now(),
    });
    await drain();
    await drain();
    const told = chat.inbox('luis').filter((m) => m.includes('envió una meta para tu revisión'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Mejorar la comunicación');
    expect((await chat.as('carmen').says('pendientes')).text).not.toContain('Aún no puedo');
  });
});
