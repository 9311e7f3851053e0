import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';

const HOUR = 3_600_000;

describe('sessions: proposals, other times, calendars and reports, each in the reader’s zone', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z'); // Monday 10:00 in Mexico City
    // Sofía works from Santiago, in English.
    await chat.db.db
      .updateTable('people')
      .set({ timezone: 'America/Santiago' })
      .where('name', '=', 'Sofía Rivas')
      .execute();
    await chat.as('sofia').says('language en');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('refuses times in the past and unreadable times, asking again with an example', async () => {
    const marta = chat.as('marta');
    await marta.says('sesión nueva');
    expect((await marta.says('ayer 10:00')).text).toContain('ya pasaron');
    expect((await marta.says('el 30')).text).toMatch(/Me falta la hora|No entendí/);
    expect((await marta.says('cuando puedas')).text).toContain('No entendí la fecha y hora');
    expect((await marta.says('mañana 9:00')).text).toContain('¿Cuánto durará?');
    expect((await marta.says('500')).text).toBe('La duración debe estar entre 15 y 240 minutos.');
  });

  it('shows each side the time in their own zone and language', async () => {
    const marta = chat.as('marta');
    await marta.clicks('45 min');
    await marta.says('https://meet.example.org/abc');
    await marta.says('Plan de trabajo');
    const sent = await marta.clicks('Enviar propuesta');
    // Marta reads Mexico City time (09:00 CST); Sofía reads Santiago time (12:00 PM GMT-3), in English.
    expect(sent.text).toContain('martes, 24 de noviembre, 09:00 (CST)');
    const proposal = chat.inbox('sofia').at(-1) ?? '';
    expect(proposal).toContain('Marta Díaz proposes a mentoring session');
    expect(proposal).toContain('Tuesday, November 24, 12:00–12:45 PM (GMT-3)');
  });

  it('lets the other side propose another time; only then the proposer answers', async () => {
    const sofia = chat.as('sofia');
    await sofia.clicks('Propose another time');
    await sofia.says('25/11 at 15:00');
    expect(chat.inbox('marta').at(-1)).toContain('Sofía Rivas propone otro horario');
    expect(chat.inbox('marta').at(-1)).toContain('miércoles, 25 de noviembre, 12:00–12:45 (CST)');
    // Sofía proposed the new time: accepting it is Marta's answer, not hers.
    const self = await sofia.clicksButtonOf('marta', 'Aceptar');
    expect(self.text).toBe('You cannot do that: it is not your role in this program.');
    const accepted = await chat.as('marta').clicks('Aceptar');
    expect(accepted.text).toContain('(file sesion-mentoria.ics)');
    const history = await chat.db.db
      .selectFrom('session_history')
      .select('event')
      .orderBy('created_at')
      .execute();
    expect(history.map((h) => h.event)).toEqual(['proposed', 'reschedule', 'accept']);
  });

  it('offers each side an “Add to calendar” link to Outlook on the web, with the session filled in', async () => {
    const buttons = (handle: string) =>
      chat
        .notifications(handle)
        .flatMap((m) => m.blocks)
        .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
        .filter((b) => b.url);
    const english = buttons('sofia').at(-1);
    expect(english?.label).toBe('Add to calendar (Outlook)');
    const url = new URL(english?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('startdt')).toBe('2026-11-25T18:00:00.000Z');
    expect(url.searchParams.get('enddt')).toBe('2026-11-25T18:45:00.000Z');
    expect(url.searchParams.get('location')).toBe('https://meet.example.org/abc');
    expect(url.searchParams.get('subject')).toContain('Marta Díaz');
    // In Spanish for Marta; the click itself changes nothing (Slack reports it anyway).
    expect(chat.findButton('marta', 'Agregar al calendario (Outlook)').button.url).toContain(
      'https://outlook.office.com/calendar/0/deeplink/compose?',
    );
    const link = await chat.as('marta').clicksRaw('link', '{}');
    expect(link.reply).toEqual({ messages: [] });
  });

  it('attaches an invitation calendars accept, with a stable UID and a rising sequence', async () => {
    const invite = chat
      .notifications('sofia')
      .at(-1)
      ?.blocks.find((b) => b.type === 'file');
    expect(invite?.type).toBe('file');
    if (invite?.type !== 'file') return;
    expect(invite.mimeType).toBe('text/calendar');
    expect(invite.content).toContain('METHOD:REQUEST');
    expect(invite.content).toContain('DTSTART:20261125T180000Z');
    expect(invite.content).toMatch(/UID:[0-9a-f-]+@mentoria/);
    expect(invite.content).toContain('SEQUENCE:2');
    expect(invite.content).toContain('ATTENDEE');
  });

  it('does not take a report before the session starts; afterwards both sides are asked', async () => {
    const sofia = chat.as('sofia');
    await sofia.says('sessions');
    expect(() => chat.findButton('sofia', 'Yes, it happened')).toThrow();
    const session = await chat.db.db.selectFrom('sessions').select('id').executeTakeFirstOrThrow();
    const early = await sofia.clicksRaw('session.held', JSON.stringify({ s: session.id }));
    expect(early.text).toBe(
      'The session has not started yet; you can record whether it happened once it has begun.',
    );
    chat.clock.advance(50 * HOUR);
    const pending = await chat.as('marta').says('pendientes');
    expect(pending.text).toContain('¿Se realizó la sesión con Sofía Rivas');
    await chat.as('marta').clicks('No se realizó');
    const noReason = await chat.as('marta').fills({ reason: '' });
    expect(noReason.reply.formErrors).toEqual({ reason: 'Este dato es obligatorio.' });
    await chat.as('marta').clicks('No se realizó');
    await chat.as('marta').fills({ reason: 'Sofía estaba de licencia' });
    expect(chat.inbox('sofia').at(-1)).toContain('did not happen. Reason: Sofía estaba de licencia');
    const again = await sofia.clicksRaw('session.held', JSON.stringify({ s: session.id }));
    expect(again.text).toBe('Not possible: the session is “Not held”.');
  });

  it('says which time it chose when the typed one happens twice or not at all that night', async () => {
    // Santiago's clocks fall back at midnight on 3 April 2027: 23:30 happens twice.
    const sofia = chat.as('sofia');
    await sofia.says('new session');
    const twice = await sofia.says('03/04/2027 23:30');
    expect(twice.text).toContain(
      '11:30 PM happens twice that day in Santiago (clocks fall back); I proposed the first, 11:30 PM (GMT-3).',
    );
    expect(twice.text).toContain('How long');
    await sofia.says('cancel');
    // Marta's Mexico City has no change of clocks: nothing to say.
    await chat.as('marta').says('sesión nueva');
    const plain = await chat.as('marta').says('03/04/2027 23:30');
    expect(plain.text).not.toContain('dos veces');
    await chat.as('marta').says('cancelar');
  });

  it('answers a click in the sessions list with the list itself, the session in its new state', async () => {
    const marta = chat.as('marta');
    await marta.says('sesión nueva');
    await marta.says('el 2 de diciembre a las 10:00');
    await marta.clicks('30 min');
    await marta.says('-');
    await marta.says('-');
    await marta.clicks('Enviar propuesta');
    const list = await chat.as('sofia').says('sessions');
    expect(list.text).toContain('Proposed');
    const accepted = await chat.as('sofia').clicks('Accept');
    const refreshed = accepted.reply.replaceOriginal;
    // The whole list, not one line: the accepted session now shows as confirmed, the others stay.
    expect(refreshed?.summary).toBe(list.reply.messages[0]?.summary);
    expect(JSON.stringify(refreshed)).toContain('Confirmed');
    expect(JSON.stringify(refreshed)).not.toContain('"session.accept"');
  });

  it('cancels a confirmed session for both, with a calendar cancellation', async () => {
    const marta = chat.as('marta');
    await marta.says('sesión nueva');
    await marta.says('mañana 10:00');
    await marta.clicks('60 min');
    await marta.says('-');
    await marta.says('-');
    await marta.clicks('Enviar propuesta');
    await chat.as('sofia').clicks('Accept');
    // Asked first, naming the session; "No" keeps it, and nobody is told anything.
    const cancelled = async () =>
      (await chat.db.db.selectFrom('sessions').select('state').where('state', '=', 'cancelled').execute())
        .length;
    const cancelledBefore = await cancelled();
    const before = chat.notifications('marta').length;
    const asked = await chat.as('sofia').clicks('Cancel session');
    expect(asked.text).toContain('Cancel the session with Marta Díaz on');
    expect(asked.buttons).toEqual(['Yes, cancel it', 'No, keep it']);
    expect((await chat.as('sofia').clicks('No, keep it')).reply.replaceOriginal?.summary).toContain(
      'still stands',
    );
    expect(chat.notifications('marta')).toHaveLength(before);
    const states = () =>
      chat.db.db.selectFrom('sessions').select('state').orderBy('created_at', 'desc').execute();
    expect((await states())[0]?.state).toBe('confirmed');
    // The other side cannot answer someone else's question.
    expect((await chat.as('ana').clicksButtonOf('sofia', 'Cancel session')).text).toMatch(
      /No puedes hacer eso|No encontré/,
    );
    await chat.as('sofia').clicks('Cancel session');
    await chat.as('sofia').clicks('Yes, cancel it');
    expect(await cancelled()).toBe(cancelledBefore + 1);
    const told = chat.notifications('marta').at(-1);
    const file = told?.blocks.find((b) => b.type === 'file');
    expect(file?.type === 'file' && file.content).toContain('METHOD:CANCEL');
    expect(file?.type === 'file' && file.content).toContain('STATUS:CANCELLED');
  });
});

describe('weekly check-in: alerts and restrictions reach the mentor at once', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start();
    const ana = chat.as('ana');
    await ana.says('meta formulario');
    await ana.fills({
      title: 'Digitalizar el archivo',
      specific: 'Digitalizar los expedientes del archivo de la unidad',
      measurable: 'Digitalizar 500 expedientes',
      achievable: 'Tengo un escáner y dos horas diarias',
      relevant: 'Reduce el tiempo de búsqueda de expedientes',
      dueDate: '2027-03-31',
      competencies: ['digital_collaboration'],
      milestones: 'Primeros 100; 15/01/2027\nSegundos 200; 15/02/2027',
    });
    await chat.as('luis').clicks('Aprobar');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('asks progress per goal and status per milestone; a restriction needs a future date', async () => {
    const ana = chat.as('ana');
    // Check-ins belong to execution: refused in goal setting with the day they open.
    expect((await ana.says('avance')).text).toBe('El check-in semanal se abre el 13 de diciembre de 2026.');
    chat.clock.advance(21 * 24 * 3_600_000);
    expect((await ana.says('avance')).text).toContain('¿qué porcentaje de avance llevas');
    expect((await ana.says('mucho')).text).toBe('Escribe un número del 0 al 100, por ejemplo «40» o «40 %».');
    expect((await ana.says('140')).text).toBe('Escribe un número del 0 al 100, por ejemplo «40» o «40 %».');
    await ana.says('25 % escaneé 120');
    await ana.clicks('Alerta');
    expect((await ana.says('no')).text).toContain('Cuéntalo en una frase');
    await ana.says('El escáner falla seguido');
    await ana.clicks('Restricción');
    await ana.says('Se canceló el contrato de digitalización');
    expect((await ana.says('ayer')).text).toBe('La nueva fecha debe ser posterior a hoy.');
    // The goal is due on 31 March: the milestone cannot be moved past it.
    expect((await ana.says('15/04/2027')).text).toBe(
      'La nueva fecha no puede ser posterior a la fecha límite de la meta (31 de marzo de 2027).',
    );
    const done = await ana.says('28/02/2027');
    expect(done.text).toBe(
      '¡Gracias! Tu avance quedó registrado y le avisé a Luis Herrera de las 2 alertas o restricciones.',
    );
    const luis = chat.inbox('luis');
    expect(luis.at(-2)).toContain('Ana Torres reporta una alerta en el hito «Primeros 100»');
    expect(luis.at(-1)).toContain('Ana Torres reporta una restricción en el hito «Segundos 200»');
    expect(luis.at(-1)).toContain('Fecha reprogramada: del 15 de febrero de 2027 al 28 de febrero de 2027');
    const milestones = await chat.db.db
      .selectFrom('milestones')
      .select(['title', 'status', 'due_date'])
      .orderBy('position')
      .execute();
    expect(milestones).toEqual([
      { title: 'Primeros 100', status: 'alert', due_date: '2027-01-15' },
      { title: 'Segundos 200', status: 'restriction', due_date: '2027-02-28' },
    ]);
    const history = await chat.db.db
      .selectFrom('progress_updates')
      .select(['status', 'previous_due_date', 'new_due_date', 'progress'])
      .orderBy('created_at')
      .execute();
    expect(history).toEqual(
      expect.arrayContaining([
        { status: null, previous_due_date: null, new_due_date: null, progress: 25 },
        {
          status: 'restriction',
          previous_due_date: '2027-02-15',
          new_due_date: '2027-02-28',
          progress: null,
        },
      ]),
    );
  });

  it('lets only the mentor answer and resolve, once', async () => {
    expect((await chat.as('ana').clicksButtonOf('luis', 'Marcar resuelto')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    await chat.as('luis').clicks('Marcar resuelto');
    expect(chat.inbox('ana').at(-1)).toContain('marcó como resuelta');
    const twice = await chat.as('luis').clicksButtonOf('luis', 'Responder');
    expect(twice.form).toBeDefined();
    const update = await chat.db.db
      .selectFrom('progress_updates')
      .select('id')
      .where('resolved_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const resolveAgain = await chat.as('luis').clicksRaw('checkin.resolve', JSON.stringify({ u: update.id }));
    expect(resolveAgain.text).toBe('Esa situación ya estaba marcada como resuelta.');
  });
});

describe('preferences and free text', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start();
  });
  afterAll(async () => {
    await chat.close();
  });

  it('switches language and answers in it', async () => {
    expect((await chat.as('diego').says('language en')).text).toBe('Done, I will speak English with you.');
    expect((await chat.as('diego').says('help')).text).toContain('What can I do for you?');
    expect((await chat.as('diego').says('idioma klingon')).text).toBe(
      'I do not know that language. Options: es, en.',
    );
    expect((await chat.as('diego').says('idioma español')).text).toBe('Listo, te hablaré en español.');
  });

  it('snoozes reminders until a date in the person’s zone, and resumes', async () => {
    expect((await chat.as('ana').says('pausar hasta 15/12')).text).toBe(
      'Pausé tus recordatorios hasta el 15 de diciembre de 2026.',
    );
    const person = await chat.db.db
      .selectFrom('people')
      .select('snoozed_until')
      .where('name', '=', 'Ana Torres')
      .executeTakeFirstOrThrow();
    expect(person.snoozed_until?.toISOString()).toBe('2026-12-15T06:00:00.000Z');
    expect((await chat.as('ana').says('pausar hasta ayer')).text).toBe(
      'Esa fecha ya pasó; elige una futura.',
    );
    expect((await chat.as('ana').says('pausar hasta nunca')).text).toContain('No entendí la fecha');
    expect((await chat.as('ana').says('reanudar')).text).toBe('Recordatorios reanudados.');
  });

  it('refuses text that is too long and does not understand everything, kindly', async () => {
    expect((await chat.as('ana').says('x'.repeat(5000))).text).toBe(
      'Tu mensaje es demasiado largo (máximo 4000 caracteres). No se guardó nada.',
    );
    expect((await chat.as('ana').says('¿qué tal el clima?')).text).toContain('No entendí ese mensaje.');
  });

  it('greets a new person on first contact, in the language their platform reports', async () => {
    const answer = await chat.bot.handle({
      eventId: 'first',
      tenantId: chat.tenant.id,
      platform: 'slack',
      user: {
        externalId: 'U999',
        name: 'Pat Doe',
        email: 'pat@example.org',
        locale: 'en-US',
        timezone: 'Europe/Madrid',
      },
      kind: 'message',
      text: 'todo',
    });
    expect(answer.messages[0]?.summary).toBe('Welcome to Mentoría, Pat Doe');
    expect(answer.messages.map((m) => m.summary)).toContain('All caught up! Nothing pending.');
    const person = await chat.db.db
      .selectFrom('people')
      .select(['locale', 'timezone'])
      .where('email', '=', 'pat@example.org')
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ locale: 'en', timezone: 'Europe/Madrid' });
  });
});
