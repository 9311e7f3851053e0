import { afterEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';

const HOUR = 3_600_000;

// One whole cycle, as the people live it: the mentee drafts a goal, the mentor asks for changes,
// the mentee revises, the mentor approves; a session is proposed, accepted and reported held; a
// check-in reports a restriction; the evaluation is released, acknowledged and the program rated.
const words = {
  es: {
    language: 'idioma es',
    newGoal: 'meta nueva',
    submit: 'Enviar a revisión',
    requestChanges: 'Pedir cambios',
    approve: 'Aprobar',
    edit: 'Editar',
    measurable: 'Medible',
    done: 'Listo',
    newSession: 'sesión nueva',
    send: 'Enviar propuesta',
    accept: 'Aceptar',
    sessions: 'sesiones',
    held: 'Sí, se realizó',
    checkin: 'avance',
    restriction: 'Restricción',
    reply: 'Responder',
    evaluate: 'evaluar',
    achieved: 'Lograda',
    save: 'Guardar evaluación',
    release: 'Conversación final realizada: entregar a Ana Torres',
    acknowledge: 'Acuso recibo',
    acknowledgedAgain: 'No se puede: la evaluación está «Recibida».',
    pending: 'pendientes',
    expect: {
      submitted: 'ya está con Luis Herrera para su revisión',
      ics: '(file sesion-mentoria.ics)',
      askedChanges: 'Luis Herrera pidió cambios en tu meta',
      approved: 'Luis Herrera aprobó tu meta',
      proposal: 'Luis Herrera propone una sesión de mentoría',
      confirmed: 'Sesión confirmada con Luis Herrera',
      restriction: 'Ana Torres reporta una restricción',
      released: 'Esta es la evaluación final que Luis Herrera compartió contigo',
      thanks: '¡Gracias por tus respuestas',
      overview: 'Sin resolver: 0 alertas y 1 restricción.',
    },
  },
  en: {
    language: 'language en',
    newGoal: 'new goal',
    submit: 'Submit for review',
    requestChanges: 'Request changes',
    approve: 'Approve',
    edit: 'Edit',
    measurable: 'Measurable',
    done: 'Done',
    newSession: 'new session',
    send: 'Send proposal',
    accept: 'Accept',
    sessions: 'sessions',
    held: 'Yes, it happened',
    checkin: 'check-in',
    restriction: 'Restriction',
    reply: 'Reply',
    evaluate: 'evaluate',
    achieved: 'Achieved',
    save: 'Save evaluation',
    release: 'Final conversation held: release to Ana Torres',
    acknowledge: 'Acknowledge',
    acknowledgedAgain: 'Not possible: the evaluation is “Acknowledged”.',
    pending: 'pending',
    expect: {
      submitted: 'is now with Luis Herrera for review',
      ics: '(file mentoring-session.ics)',
      askedChanges: 'Luis Herrera asked for changes to your goal',
      approved: 'Luis Herrera approved your goal',
      proposal: 'Luis Herrera proposes a mentoring session',
      confirmed: 'Session confirmed with Luis Herrera',
      restriction: 'Ana Torres reports a restriction',
      released: 'This is the final evaluation Luis Herrera shared with you',
      thanks: 'Thank you for your answers',
      overview: 'Unresolved: 0 alerts and 1 restriction.',
    },
  },
} as const;

describe.each(['es', 'en'] as const)('a whole mentoring cycle in %s', (lang) => {
  let chat: ChatDriver;
  afterEach(async () => {
    await chat?.close();
  });

  it('goes from goal drafting to the acknowledged evaluation and the survey', async () => {
    const w = words[lang];
    chat = await ChatDriver.start();
    const ana = chat.as('ana');
    const luis = chat.as('luis');
    const carmen = chat.as('carmen');
    for (const p of [ana, luis, carmen]) await p.says(w.language);

    // Drafting, with coaching on a goal that is not measurable yet.
    await ana.says(w.newGoal);
    await ana.says('Mejorar la comunicación con mi equipo');
    await ana.says('Organizar reuniones semanales de seguimiento con mi equipo');
    const coached = await ana.says('hacerlo mejor');
    expect(coached.text).toMatch(lang === 'es' ? /«mejor» no se puede medir/ : /“mejor” cannot be measured/);
    await ana.says('Realizar 12 reuniones con minuta publicada');
    await ana.says('Cuento con el apoyo de mi jefa y una sala disponible');
    await ana.says('La coordinación del área depende de que todos conozcan las prioridades');
    await ana.says('15/03/2027');
    await ana.clicks(lang === 'es' ? 'Liderazgo' : 'Leadership');
    await ana.clicks(w.done);
    const added = await ana.says('Primeras cuatro reuniones; 15/01/2027');
    expect(added.text).toContain(
      lang === 'es'
        ? 'Primeras cuatro reuniones (15 de enero de 2027)'
        : 'Primeras cuatro reuniones (January 15, 2027)',
    );
    const summary = await ana.clicks(w.done);
    expect(summary.buttons).toEqual([w.submit, w.edit, lang === 'es' ? 'Cancelar' : 'Cancel']);
    const sent = await ana.clicks(w.submit);
    expect(sent.text).toContain(w.expect.submitted);
    expect(chat.inbox('luis').at(-1)).toContain('Mejorar la comunicación con mi equipo');

    // Changes requested, with the required comment.
    const form = await luis.clicks(w.requestChanges);
    expect(form.form?.fields.map((f) => f.id)).toEqual(['comment']);
    const decided = await luis.fills({ comment: 'Indica cuántas personas asistirán' });
    expect(decided.reply.replaceOriginal).toBeDefined();
    expect(decided.buttons).toEqual([]);
    expect(chat.inbox('ana').at(-1)).toContain(w.expect.askedChanges);
    expect(chat.inbox('ana').at(-1)).toContain('Indica cuántas personas asistirán');

    // Revised and resubmitted: the mentor sees revision 2 with the previous comment.
    await ana.clicks(w.edit);
    await ana.clicks(w.edit);
    await ana.clicks(w.measurable);
    await ana.says('Realizar 12 reuniones con al menos 8 personas y minuta publicada');
    await ana.clicks(w.submit);
    expect(chat.inbox('luis').at(-1)).toContain('8 personas');
    expect(chat.inbox('luis').at(-1)).toContain('Indica cuántas personas asistirán');
    await luis.clicks(w.approve);
    expect(chat.inbox('ana').at(-1)).toContain(w.expect.approved);

    // A session proposed, accepted (with a calendar invitation for each), held.
    await luis.says(w.newSession);
    await luis.says(lang === 'es' ? 'mañana 10:00' : 'tomorrow 10:00');
    await luis.says('60');
    await luis.says('Sala 3');
    await luis.says('-');
    await luis.clicks(w.send);
    expect(chat.inbox('ana').at(-1)).toContain(w.expect.proposal);
    const accepted = await ana.clicks(w.accept);
    expect(accepted.text).toContain(w.expect.ics);
    expect(chat.inbox('luis').at(-1)).toContain(w.expect.ics);
    chat.clock.advance(26 * HOUR);
    await ana.says(w.sessions);
    await ana.clicks(w.held);
    await ana.fills({ notes: 'Repasamos el plan', agreements: 'Ana enviará la minuta' });

    // Execution begins three weeks into goal setting: the weekly check-in with a restriction;
    // the mentor hears it at once and answers.
    chat.clock.advance(20 * 24 * HOUR);
    await ana.says(w.checkin);
    await ana.says('40');
    await ana.clicks(w.restriction);
    await ana.says('La sala no estuvo disponible');
    await ana.says('30/01/2027');
    expect(chat.inbox('luis').at(-1)).toContain(w.expect.restriction);
    await luis.clicks(w.reply);
    await luis.fills({ reply: 'Busquemos otra sala' });
    expect(chat.inbox('ana').at(-1)).toContain('Busquemos otra sala');
    expect((await carmen.says(w.pending)).text).toContain(w.expect.overview);

    // Closing: evaluation, released after the final conversation, acknowledged, survey.
    chat.clock.advance(130 * 24 * HOUR);
    await luis.says(w.evaluate);
    await luis.clicks(w.achieved);
    await luis.clicks('5');
    await luis.says('Excelente trabajo');
    await luis.says('Escucha activa y constancia');
    await luis.says('Delegar tareas');
    await luis.says('-');
    await luis.clicks(w.save);
    await luis.clicks(w.release);
    expect(chat.inbox('ana').at(-1)).toContain(w.expect.released);
    const { button } = chat.findButton('ana', w.acknowledge);
    await ana.clicks(w.acknowledge);
    await ana.clicks('4');
    await ana.clicks('9');
    await ana.says('Muy útil');
    const thanks = await ana.says('-');
    expect(thanks.text).toContain(w.expect.thanks);
    // The same button again: already received (not "it is not yours"), nothing changes.
    expect((await chat.as('ana').clicksRaw(button.actionId, button.value)).text).toBe(w.acknowledgedAgain);

    // What is stored: the goal achieved after two revisions, the session held, the survey answered.
    const db = chat.db.db;
    const goal = await db.selectFrom('goals').select(['state', 'revision']).executeTakeFirstOrThrow();
    expect(goal).toEqual({ state: 'achieved', revision: 2 });
    const session = await db.selectFrom('sessions').select(['state', 'notes']).executeTakeFirstOrThrow();
    expect(session).toEqual({ state: 'held', notes: 'Repasamos el plan' });
    const milestone = await db
      .selectFrom('milestones')
      .select(['status', 'due_date'])
      .executeTakeFirstOrThrow();
    expect(milestone).toEqual({ status: 'restriction', due_date: '2027-01-30' });
    const evaluation = await db.selectFrom('evaluations').select(['state']).executeTakeFirstOrThrow();
    expect(evaluation.state).toBe('acknowledged');
    const survey = await db
      .selectFrom('surveys')
      .select(['satisfaction', 'recommend'])
      .executeTakeFirstOrThrow();
    expect(survey).toEqual({ satisfaction: 4, recommend: 9 });
  });
});
