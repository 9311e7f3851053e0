import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';

const words = {
  es: {
    language: 'idioma es',
    newGoal: 'meta nueva',
    keep: 'Dejarla así',
    submit: 'Enviar a revisión',
    expect: {
      vague1: '«Mejorar» expresa un deseo, no una acción',
      vague2: 'Di cómo lo lograrás: «mejorar las cosas mediante…»',
      example: 'Un ejemplo de meta SMART: «Reducir de 10 a 5 días hábiles',
      kept: 'queda como la escribiste',
      onlyDate: 'Una fecha dice cuándo, no cuánto',
      bare: '¿100 qué?',
      indicator: 'Tiene un indicador: «200 solicitudes al mes»',
      split: 'Entendí tu meta completa en un mensaje',
      missing: 'Me falta: alcanzable, relevante.',
      verdictCard: 'Coach SMART: específica ✗ (verbo vago) · medible ✓ · con fecha ✓',
      fromForm: 'Sugerencias del coach SMART (tu meta se envió igual)',
    },
    oneSentence:
      'Reducir de 10 a 5 días hábiles el tiempo de respuesta a solicitudes ciudadanas antes del 30 de marzo',
  },
  en: {
    language: 'language en',
    newGoal: 'new goal',
    keep: 'Keep it as is',
    submit: 'Submit for review',
    expect: {
      vague1: '“Mejorar” is a wish, not an action',
      vague2: 'Say how you will get there: “mejorar las cosas by…”',
      example: 'An example of a SMART goal: “Cut the response time',
      kept: 'it stays as you wrote it',
      onlyDate: 'A date says when, not how much',
      bare: '“100” what?',
      indicator: 'It has an indicator: “200 solicitudes al mes”',
      split: 'I understood your whole goal in one message',
      missing: 'Still missing: achievable, relevant.',
      verdictCard: 'SMART coach: specific ✗ (vague verb) · measurable ✓ · time-bound ✓',
      fromForm: 'The SMART coach’s suggestions (your goal was sent anyway)',
    },
    oneSentence: 'Cut the response time to citizen requests from 10 to 5 working days by March 30',
  },
} as const;

describe.each(['es', 'en'] as const)('the SMART coach in the conversation, in %s', (lang) => {
  const w = words[lang];
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
    for (const h of ['ana', 'luis', 'sofia']) await chat.as(h).says(w.language);
  });
  afterAll(async () => {
    await chat.close();
  });

  it('changes its hint when the same gap comes back, and lets the mentee keep the answer', async () => {
    const ana = chat.as('ana');
    await ana.says(w.newGoal);
    await ana.says('Mejorar la atención');
    const first = await ana.says('Mejorar');
    expect(first.text).toContain(w.expect.vague1);
    expect(first.buttons).toContain(w.keep);
    const second = await ana.says('mejorar las cosas');
    expect(second.text).toContain(w.expect.vague2);
    const third = await ana.says('mejorar la atención ciudadana');
    expect(third.text).toContain(w.expect.example);
    // Nothing was taken yet: the question is still the specific part.
    const conversation = await chat.db.db
      .selectFrom('conversations')
      .select('step')
      .where('person_id', '=', await chat.idOf('ana'))
      .executeTakeFirstOrThrow();
    expect(conversation.step).toBe('specific');
    expect((await ana.clicks(w.keep)).text).toContain(w.expect.kept);
    // Measurable: a date is not an indicator, a bare number needs its unit, a count with its unit passes.
    expect((await ana.says('31/02')).text).toContain(w.expect.onlyDate);
    expect((await ana.says('100')).text).toContain(w.expect.bare);
    expect((await ana.says('Atender 200 solicitudes al mes')).text).toContain(w.expect.indicator);
    await ana.says('Tengo el apoyo de mi jefa');
    await ana.says('Es prioridad del área');
    await ana.says('31/03/2027');
    await ana.clicks(lang === 'es' ? 'Listo' : 'Done');
    const summary = await ana.clicks(lang === 'es' ? 'Sin hitos' : 'No milestones');
    expect(summary.text).toContain(w.expect.verdictCard);
    await ana.clicks(w.submit);
    // The mentor's review card shows the coach's verdict per criterion.
    expect(chat.inbox('luis').join('\n')).toContain(w.expect.verdictCard);
  });

  it('splits a goal written in one message and asks only for what is missing', async () => {
    const sofia = chat.as('sofia');
    await sofia.says(w.newGoal);
    const split = await sofia.says(w.oneSentence);
    expect(split.text).toContain(w.expect.split);
    expect(split.text).toContain(w.expect.missing);
    expect(split.text).toContain(lang === 'es' ? '30 de marzo de 2027' : 'March 30, 2027');
    await sofia.says(lang === 'es' ? 'Cuento con el sistema de gestión' : 'We have the case system');
    const afterRelevant = await sofia.says(
      lang === 'es' ? 'Es un compromiso del PMG' : 'It is a PMG commitment',
    );
    // The date was in the sentence: the next question is the competencies, not the date.
    expect(afterRelevant.text).not.toContain(lang === 'es' ? '¿Para qué fecha?' : 'By when');
    const row = await chat.db.db
      .selectFrom('conversations')
      .select(['step', 'data'])
      .executeTakeFirstOrThrow();
    expect(row.step).toBe('competencies');
    expect((row.data as { f: { dueDate: string } }).f.dueDate).toBe('2027-03-30');
  });

  it('never blocks a form: a vague goal is sent, with the coach’s suggestions', async () => {
    await chat.as('sofia').says('cancelar');
    await chat.as('sofia').says(lang === 'es' ? 'meta formulario' : 'goal form');
    const sent = await chat.as('sofia').fills({ ...goalFields('Mejorar'), specific: 'Mejorar las cosas' });
    expect(sent.reply.formErrors).toBeUndefined();
    expect(sent.text).toContain(w.expect.fromForm);
    expect(
      await chat.db.db
        .selectFrom('goals')
        .select('state')
        .where('specific', '=', 'Mejorar las cosas')
        .execute(),
    ).toEqual([{ state: 'submitted' }]);
  });
});
