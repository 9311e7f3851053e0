import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { planTick } from '../../../src/scheduler/planner.ts';
import { postgresRunCoordinator } from '../../../src/scheduler/scheduler.ts';
import { ChatDriver } from '../../support/conversation.ts';

describe('reminders in the conversation', () => {
  let chat: ChatDriver;
  let dispatcher: Dispatcher;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T15:30:00Z'); // Monday 09:30 in Mexico City
    dispatcher = chat.dispatcher();
  });
  afterAll(async () => {
    await chat.close();
  });

  it('nudges the mentees who have not drafted a goal, in their language, with the button to start', async () => {
    await chat.as('sofia').says('language en');
    await planTick(chat.db.db, chat.clock.now());
    await dispatcher.drain();
    expect(chat.inbox('ana').at(-1)).toContain('Comenzó el periodo de definición de metas');
    expect(chat.inbox('ana').at(-1)).toContain('[Nueva meta] [Recordármelo más tarde]');
    expect(chat.inbox('sofia').at(-1)).toContain('Goal setting has started');
    expect(chat.inbox('luis')).toEqual([]);
  });

  it('comes back three hours later when asked to, and not before', async () => {
    const later = await chat.as('ana').clicks('Recordármelo más tarde');
    expect(later.text).toBe('De acuerdo, te lo recuerdo el lunes, 23 de noviembre, 12:30 (CST).');
    const before = chat.inbox('ana').length;
    chat.clock.advance(2 * 3_600_000);
    await planTick(chat.db.db, chat.clock.now());
    await dispatcher.drain();
    expect(chat.inbox('ana')).toHaveLength(before);
    chat.clock.advance(3_600_000);
    await dispatcher.drain();
    expect(chat.inbox('ana')).toHaveLength(before + 1);
    // Someone else cannot move Ana's reminder.
    const { button } = chat.findButton('ana', 'Recordármelo más tarde');
    expect((await chat.as('luis').clicksRaw(button.actionId, button.value)).text).toBe(
      'Ese recordatorio ya no está vigente.',
    );
  });

  it('is not sent once the mentee has acted: the reminder is cancelled', async () => {
    await chat.as('sofia').clicks('Remind me later');
    await chat.as('sofia').says('goal form');
    await chat.as('sofia').fills({
      title: 'Dominar hojas de cálculo',
      specific: 'Aprender a usar tablas dinámicas en los informes',
      measurable: 'Publicar 3 informes',
      achievable: 'Tengo acceso a un curso',
      relevant: 'Los informes dependen de ello',
      dueDate: '2027-02-15',
      competencies: [],
      milestones: '',
    });
    const count = chat.inbox('sofia').length;
    chat.clock.advance(4 * 3_600_000);
    const stats = await dispatcher.drain();
    expect(stats.cancelled).toBeGreaterThanOrEqual(1);
    expect(chat.inbox('sofia')).toHaveLength(count);
  });

  it('reminds both of a session before it starts, and never after it has started (a clock jump)', async () => {
    const propose = async (when: string) => {
      await chat.as('luis').says('sesión nueva');
      await chat.as('luis').says(when);
      await chat.as('luis').says('60');
      await chat.as('luis').says('-');
      await chat.as('luis').says('-');
      await chat.as('luis').clicks('Enviar propuesta');
      await chat.as('ana').clicks('Aceptar');
    };
    const reminded = () =>
      chat.inbox('ana').filter((m) => /tienes una sesión con Luis Herrera en/.test(m)).length;
    const startsAt = async () =>
      (
        await chat.db.db
          .selectFrom('sessions')
          .select('starts_at')
          .where('state', '=', 'confirmed')
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).starts_at.getTime();
    const until = (at: number) => chat.clock.advance(at - chat.clock.now().getTime());
    // Tomorrow 10:00: planned the hour before it is due, the 1 h reminder arrives at 09:00.
    await propose('mañana 10:00');
    const before = reminded();
    until((await startsAt()) - 61 * 60_000);
    await planTick(chat.db.db, chat.clock.now());
    until((await startsAt()) - 59 * 60_000);
    await dispatcher.drain();
    expect(reminded()).toBe(before + 1);
    // The next one, the day after at 10:00: planned at 08:59, then the machine sleeps through
    // 09:00 and wakes after the session began. The reminder, planned and due, is not sent.
    await propose('mañana 10:00');
    until((await startsAt()) - 61 * 60_000);
    await planTick(chat.db.db, chat.clock.now());
    until((await startsAt()) + 5 * 60_000);
    await dispatcher.drain();
    expect(reminded()).toBe(before + 1);
    const reminders = await chat.db.db
      .selectFrom('nudges')
      .select('status')
      .where('kind', '=', 'session_reminder')
      .where('recipient_id', '=', await chat.idOf('ana'))
      .execute();
    expect(reminders.map((r) => r.status).sort()).toEqual(['cancelled', 'sent']);
  });

  it('shows the admin the reminders that failed for good', async () => {
    const before = await chat.as('carmen').says('pendientes');
    expect(before.text).not.toContain('no se pudieron entregar');
    await chat.db.db
      .updateTable('nudges')
      .set({ status: 'failed', last_error: 'account_inactive' })
      .where('kind', '=', 'goal_drafting')
      .execute();
    const after = await chat.as('carmen').says('pendientes');
    expect(after.text).toMatch(/\d+ recordatorios no se pudieron entregar/);
    // Mentors and mentees do not see it.
    expect((await chat.as('luis').says('pendientes')).text).not.toContain('no se pudieron entregar');
  });

  it('lets one replica run each cron fire', async () => {
    const a = postgresRunCoordinator(chat.db.db, chat.clock, 'a');
    const b = postgresRunCoordinator(chat.db.db, chat.clock, 'b');
    const results = await Promise.all([
      a.shouldRun('planner:2026-11-23T19:31:00.000Z', 60_000),
      b.shouldRun('planner:2026-11-23T19:31:00.000Z', 60_000),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(await b.shouldRun('planner:2026-11-23T19:32:00.000Z', 60_000)).toBe(true);
  });
});
