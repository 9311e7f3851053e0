import { afterEach, describe, expect, it } from 'vitest';
import { planTick } from '../../../src/scheduler/planner.ts';
import { insertInbox } from '../../../src/store/inbox.store.ts';
import { insertNudges } from '../../../src/store/nudge.store.ts';
import { createPerson } from '../../../src/store/person.store.ts';
import { enroll } from '../../../src/store/program.store.ts';
import { ChatDriver } from '../../support/conversation.ts';

/**
 * The bot reports what needs a person, in chat: the weekly digest to the cycle's admins lists
 * reminders that failed for good, people it cannot reach, mentees without a pair once goal setting
 * started, and unresolved restrictions — each with what to do. No such thing, no digest.
 */
describe('the weekly digest of what needs a person', () => {
  let chat: ChatDriver;
  afterEach(async () => {
    await chat?.close();
  });

  /** A week of planner ticks and sends, three hours apart; the digests Carmen got. */
  const week = async () => {
    const dispatcher = chat.dispatcher();
    for (let h = 0; h < 7 * 24; h += 3) {
      await planTick(chat.db.db, chat.clock.now());
      await dispatcher.drain();
      chat.clock.advance(3 * 3_600_000);
    }
    return chat.inbox('carmen').filter((m) => /Resumen semanal|Weekly summary|, hoy:|, today:/.test(m));
  };

  it('lists each matter with its action, once a week, in the admin’s language', async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z'); // Monday, goal setting
    const db = chat.db.db;
    const cycle = await db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
    // A mentee enrolled late, with no pair, whom the bot cannot reach yet (a message waits for her).
    const rosa = await createPerson(db, chat.tenant.id, {
      name: 'Rosa Núñez',
      email: 'rosa@demo.mentoria.invalid',
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    await enroll(db, { tenantId: chat.tenant.id, cycleId: cycle.id, personId: rosa.id, role: 'mentee' });
    const now = chat.clock.now();
    await insertNudges(
      db,
      [
        {
          tenantId: chat.tenant.id,
          kind: 'welcome',
          subjectId: cycle.id,
          slot: 'roster',
          recipientId: rosa.id,
          dueAt: now,
        },
        {
          tenantId: chat.tenant.id,
          kind: 'goal_drafting',
          subjectId: cycle.id,
          slot: 'x1',
          recipientId: await chat.idOf('ana'),
          dueAt: now,
        },
        {
          tenantId: chat.tenant.id,
          kind: 'goal_drafting',
          subjectId: cycle.id,
          slot: 'x2',
          recipientId: await chat.idOf('sofia'),
          dueAt: now,
        },
      ],
      now,
    );
    await db.updateTable('nudges').set({ status: 'waiting' }).where('recipient_id', '=', rosa.id).execute();
    // Two reminders that failed for good (the platform refused the person).
    await db
      .updateTable('nudges')
      .set({ status: 'failed', updated_at: now, last_error: 'account_inactive' })
      .where('slot', 'in', ['x1', 'x2'])
      .execute();
    const digests = await week();
    // The morning goal setting started (Sunday 22: said on Monday), for the mentee without a pair,
    // with everything else; then the weekly one, on day 3, with every matter.
    expect(digests).toHaveLength(2);
    expect(digests[0]).toContain(
      'Ciclo 2026-demo, hoy: 3 asuntos necesitan a una persona y no conviene esperar al resumen semanal.',
    );
    expect(digests[0]).toContain('1 persona mentorada sigue sin pareja');
    const digest = digests[1] as string;
    expect(digest).toContain('Resumen semanal del ciclo 2026-demo: 3 asuntos necesitan a una persona.');
    expect(digest).toContain('2 recordatorios no se pudieron entregar esta semana');
    // Who, with the email to write to them: the admin need not go looking.
    expect(digest).toContain(
      [
        '• Aún no puedo escribirle a 1 persona (nunca abrió el bot): pídele que lo abra una vez.',
        '   – Rosa Núñez (rosa@demo.mentoria.invalid)',
      ].join('\n'),
    );
    expect(digest).toContain(
      '1 persona mentorada sigue sin pareja y la definición de metas ya empezó: «admin sugerir parejas»',
    );
    expect(digest).not.toContain('restricci');
    expect(digest).toContain('[Pendientes]');
    // Directors and mentors get no digest.
    expect(chat.inbox('diego').some((m) => m.includes('Resumen semanal'))).toBe(false);
    // The next week, read in English: what is still there, said in her language.
    await chat.as('carmen').says('idioma en');
    const next = await week();
    expect(next).toHaveLength(3);
    expect(next[2]).toContain('Weekly summary of cycle 2026-demo: 2 matters need a person.');
    expect(next[2]).toContain(
      [
        '• I cannot write to 1 person yet (they never opened the bot): ask them to open it once.',
        '   – Rosa Núñez (rosa@demo.mentoria.invalid)',
      ].join('\n'),
    );
    expect(next[2]).toContain('1 mentee still has no pair and goal setting has started');
    // The failures were last week's: not repeated.
    expect(next[2]).not.toContain('could not be delivered');
  });

  it('names ten people it cannot reach, alphabetically with their emails, and counts the rest', async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
    const db = chat.db.db;
    const cycle = await db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
    const now = chat.clock.now();
    // Twelve roster mentors who never opened the bot, each with a welcome waiting; one has no email.
    const names = [
      'Úrsula',
      'Beatriz',
      'Álvaro',
      'Camila',
      'Diego R.',
      'Elena',
      'Félix',
      'Gabriela',
      'Hugo',
      'Inés',
      'Julia',
      'Karen',
    ];
    for (const [i, name] of names.entries()) {
      const person = await createPerson(db, chat.tenant.id, {
        name,
        email: i === 1 ? null : `persona${i}@demo.mentoria.invalid`,
        locale: 'es',
        timezone: 'America/Mexico_City',
      });
      await enroll(db, { tenantId: chat.tenant.id, cycleId: cycle.id, personId: person.id, role: 'mentor' });
      await insertNudges(
        db,
        [
          {
            tenantId: chat.tenant.id,
            kind: 'welcome',
            subjectId: cycle.id,
            slot: 'roster',
            recipientId: person.id,
            dueAt: now,
          },
        ],
        now,
      );
    }
    await db.updateTable('nudges').set({ status: 'waiting' }).where('kind', '=', 'welcome').execute();
    const digest = (await week()).find((m) => m.includes('Resumen semanal')) ?? '';
    const listed = digest.split('\n').filter((line) => line.startsWith('   '));
    expect(digest).toContain(
      '• Aún no puedo escribirles a 12 personas (nunca abrieron el bot): pídeles que lo abran una vez.',
    );
    expect(listed).toHaveLength(11);
    expect(listed[10]).toBe('   … y 2 más en «pendientes».');
    // Ten of the twelve, each once, in the reader's alphabetical order (which ten, the database's
    // collation decides: Á and Ú come last in C, first and last in es_ES).
    const named = listed.slice(0, 10);
    expect(new Set(named).size).toBe(10);
    expect([...named].sort((a, b) => a.localeCompare(b, 'es'))).toEqual(named);
    expect(named).toContain('   – Beatriz (sin correo registrado)');
    expect(named).toContain('   – Camila (persona3@demo.mentoria.invalid)');
  });

  it('sends nothing when nothing needs a person; a reminder failing for good is said that day', async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
    expect(await week()).toEqual([]);
    // Monday 30 November: a reminder to Ana fails for good (the platform refused her account).
    await chat.as('carmen').says('language en');
    const db = chat.db.db;
    const cycle = await db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
    const now = chat.clock.now();
    await insertNudges(
      db,
      [
        {
          tenantId: chat.tenant.id,
          kind: 'goal_drafting',
          subjectId: cycle.id,
          slot: 'y1',
          recipientId: await chat.idOf('ana'),
          dueAt: now,
        },
      ],
      now,
    );
    await db
      .updateTable('nudges')
      .set({ status: 'failed', updated_at: now, last_error: 'account_inactive' })
      .where('slot', '=', 'y1')
      .execute();
    const dispatcher = chat.dispatcher();
    await planTick(db, chat.clock.now());
    await dispatcher.drain();
    const today = chat.inbox('carmen').filter((m) => m.includes(', today:'));
    expect(today).toHaveLength(1);
    expect(today[0]).toContain(
      'Cycle 2026-demo, today: 1 matter needs a person and should not wait for the weekly summary.',
    );
    expect(today[0]).toContain('1 reminder could not be delivered this week');
    // Once a day: the next tick plans nothing more.
    await planTick(db, chat.clock.now());
    await dispatcher.drain();
    expect(chat.inbox('carmen').filter((m) => m.includes(', today:'))).toHaveLength(1);
  });

  it('tells the admins the same day when their people’s requests have waited for minutes, not when they just came', async () => {
    chat = await ChatDriver.start('2026-11-24T16:00:00Z'); // Tuesday, goal setting, 10:00 in Mexico City
    const db = chat.db.db;
    const now = chat.clock.now();
    const claim = { by: 'gone-replica', until: new Date(now.getTime() + 30_000) };
    const read = (key: string) => ({
      key,
      platform: 'slack',
      tenantId: chat.tenant.id,
      payload: {},
      claimed: true,
    });
    // Two reads that just came in (a minute ago): the bot is on time, nothing is said.
    await insertInbox(db, [read('a'), read('b')], claim, new Date(now.getTime() - 60_000));
    const dispatcher = chat.dispatcher();
    const waiting = () => chat.inbox('carmen').filter((m) => /sin respuesta|for an answer/.test(m));
    await planTick(db, now);
    await dispatcher.drain();
    expect(waiting()).toEqual([]);
    // Three more, twelve minutes old (a replica busy or gone): said at once, in one message.
    await insertInbox(db, [read('c'), read('d'), read('e')], claim, new Date(now.getTime() - 12 * 60_000));
    await planTick(db, now);
    await dispatcher.drain();
    expect(waiting()).toHaveLength(1);
    expect(waiting()[0]).toContain('Ciclo 2026-demo, hoy: 1 asunto necesita a una persona');
    expect(waiting()[0]).toContain(
      '3 consultas de tu gente llevan más de 5 minutos sin respuesta: el bot va atrasado. No se pierde nada',
    );
    // Once a day, however long it lasts; another tenant's requests are not counted here.
    await insertInbox(
      db,
      [{ ...read('f'), tenantId: 'another' }],
      claim,
      new Date(now.getTime() - 30 * 60_000),
    );
    chat.clock.advance(3_600_000);
    await planTick(db, chat.clock.now());
    await dispatcher.drain();
    expect(waiting()).toHaveLength(1);
  });
});
