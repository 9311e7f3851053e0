import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';

const GOAL_ANSWERS = [
  'Mejorar la comunicación con mi equipo',
  'Organizar reuniones semanales de seguimiento con mi equipo',
  'Realizar 12 reuniones con minuta publicada',
  'Cuento con el apoyo de mi jefa y una sala',
  'La coordinación del área depende de ello',
  '15/03/2027',
  'listo',
  'no',
];

async function submitGoal(chat: ChatDriver, handle: string, title: string) {
  const person = chat.as(handle);
  await person.says('meta nueva');
  for (const [i, answer] of GOAL_ANSWERS.entries()) await person.says(i === 0 ? title : answer);
  return person.says('enviar');
}

describe('mentor review: who may decide, and what a second click says', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start();
    await submitGoal(chat, 'ana', 'Meta de Ana');
    await submitGoal(chat, 'sofia', 'Meta de Sofía');
  });
  afterAll(async () => {
    await chat.close();
  });

  const goalState = async (title: string) =>
    (
      await chat.db.db
        .selectFrom('goals')
        .select('state')
        .where('title', '=', title)
        .executeTakeFirstOrThrow()
    ).state;

  it('refuses luis approving sofia’s goal (he is not her mentor), and changes nothing', async () => {
    const answer = await chat.as('luis').clicksButtonOf('marta', 'Aprobar');
    expect(answer.text).toBe('No puedes hacer eso: no te corresponde en este programa.');
    expect(await goalState('Meta de Sofía')).toBe('submitted');
    expect(chat.inbox('sofia')).toEqual([]);
  });

  it('refuses ana approving her own goal', async () => {
    const answer = await chat.as('ana').clicksButtonOf('luis', 'Aprobar');
    expect(answer.text).toBe('No puedes hacer eso: no te corresponde en este programa.');
    expect(await goalState('Meta de Ana')).toBe('submitted');
  });

  it('refuses the director (read-only) and the admin (only the mentor decides)', async () => {
    expect((await chat.as('diego').clicksButtonOf('luis', 'Aprobar')).text).toBe(
      'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
    );
    expect((await chat.as('carmen').clicksButtonOf('luis', 'Pedir cambios')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect(await goalState('Meta de Ana')).toBe('submitted');
  });

  it('requires a comment to request changes; an empty one changes nothing', async () => {
    await chat.as('luis').clicks('Pedir cambios');
    const empty = await chat.as('luis').fills({ comment: '   ' });
    expect(empty.reply.formErrors).toEqual({
      comment: 'Para pedir cambios escribe un comentario que explique qué cambiar.',
    });
    expect(await goalState('Meta de Ana')).toBe('submitted');
  });

  it('approves once; the second click says what already happened and leaves no live buttons', async () => {
    const { button } = chat.findButton('luis', 'Aprobar');
    const first = await chat.as('luis').clicksRaw(button.actionId, button.value);
    expect(first.reply.replaceOriginal).toBeDefined();
    expect(first.text).toContain('Aprobada');
    const second = await chat.as('luis').clicksRaw(button.actionId, button.value);
    expect(second.reply.messages.map((m) => m.summary)).toEqual([
      'Esta meta ya no espera tu decisión: está «Aprobada».',
    ]);
    expect(second.reply.replaceOriginal).toBeDefined();
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'goal.approve')
      .execute();
    expect(audit).toHaveLength(1);
    expect(chat.inbox('ana').filter((m) => m.includes('aprobó tu meta'))).toHaveLength(1);
  });

  it('processes a re-delivered event once', async () => {
    const { button } = chat.findButton('marta', 'Pedir cambios');
    const eventId = 'same-delivery';
    const first = await chat.as('marta').clicksRaw(button.actionId, button.value, eventId);
    expect(first.form).toBeDefined();
    const again = await chat.as('marta').clicksRaw(button.actionId, button.value, eventId);
    expect(again.reply).toEqual({ messages: [] });
  });

  it('answers malformed buttons politely and changes nothing', async () => {
    for (const [actionId, value] of [
      ['goal.approve', 'not json'],
      ['goal.approve', '{"g": 5}'],
      ['goal.approve', JSON.stringify({ g: 'x'.repeat(500), r: 1 })],
      ['nonsense.action', '{}'],
      ['flow.choice', '{"f":"goal_draft"}'],
    ] as const) {
      const answer = await chat.as('luis').clicksRaw(actionId, value);
      expect(answer.text).toBe(
        'Ese botón no es válido o ya no está vigente. Escribe «ayuda» para ver las opciones.',
      );
    }
    const missing = await chat
      .as('luis')
      .clicksRaw('goal.approve', JSON.stringify({ g: 'no-such-goal', r: 1 }));
    expect(missing.text).toBe('No encontré ese registro.');
    expect(await goalState('Meta de Sofía')).toBe('submitted');
  });

  it('answers a read the inbox replays after a crash again, and never replays a change', async () => {
    const read = { kind: 'action', actionId: 'menu', value: '{"c":"pending"}', eventId: 'read-1' } as const;
    expect((await chat.send('marta', read)).text).toMatch(/pendiente/i);
    expect((await chat.send('marta', read)).reply).toEqual({ messages: [] });
    // The process that had it died after the duplicate check: its answer may be lost, so again.
    expect((await chat.send('marta', { ...read, replay: true })).text).toMatch(/pendiente/i);
    // A change is never redone by a replay, even one claiming to be from the inbox.
    const before = await goalState('Meta de Sofía');
    const { button } = chat.findButton('marta', 'Aprobar');
    const click = {
      kind: 'action',
      actionId: button.actionId,
      value: button.value,
      eventId: 'write-1',
    } as const;
    await chat.send('marta', click);
    const after = await goalState('Meta de Sofía');
    expect(after).not.toBe(before);
    const audit = async () =>
      (
        await chat.db.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', '=', 'goal.approve')
          .execute()
      ).length;
    const approvals = await audit();
    expect((await chat.send('marta', { ...click, replay: true })).reply).toEqual({ messages: [] });
    expect(await audit()).toBe(approvals);
  });
});

describe('goal drafting: coaching, limits, forms, cancel and expiry', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start();
  });
  afterAll(async () => {
    await chat.close();
  });

  it('coaches the specific and measurable parts, more concretely when the same gap comes back', async () => {
    const sofia = chat.as('sofia');
    await sofia.says('meta nueva');
    await sofia.says('Comunicación');
    expect((await sofia.says('comunicación')).text).toContain('Falta la acción');
    expect((await sofia.says('la mejor comunicación posible')).text).toContain('Ponle un verbo delante');
    // "Mejorar … con el equipo" is a wish; an action on an object is taken.
    expect((await sofia.says('Mejorar la comunicación con el equipo')).text).toContain('expresa un deseo');
    expect((await sofia.says('Organizar reuniones semanales de seguimiento con el equipo')).text).toContain(
      'Es específica',
    );
    expect((await sofia.says('hacerlo bien')).text).toContain('Falta un indicador');
    expect((await sofia.says('80% de asistencia a reuniones')).text).toContain('Tiene un indicador');
  });

  it('refuses dates it cannot read or outside the execution window, with an example', async () => {
    const sofia = chat.as('sofia');
    await sofia.says('Tengo el apoyo de mi jefe directo');
    await sofia.says('Es clave para coordinar el área');
    expect((await sofia.says('pasado mañana')).text).toContain('No entendí la fecha');
    expect((await sofia.says('31/02/2027')).text).toContain('No entendí la fecha');
    expect((await sofia.says('30/12/2030')).text).toContain('queda fuera del periodo de ejecución');
    // Goal setting began yesterday, so yesterday is inside the window, but it has passed.
    expect((await sofia.says('22/11/2026')).text).toBe(
      'La fecha ya pasó: elige una a partir de hoy, 23 de noviembre de 2026.',
    );
    const ok = await sofia.says('30/03/2027');
    expect(ok.text).toContain('¿Qué competencias desarrollarás?');
  });

  it('continues a conversation in another process: a restart loses nothing', async () => {
    const sofia = chat.as('sofia');
    chat.restart();
    const answer = await sofia.says('Lista de competencias no');
    expect(answer.text).toContain('No reconocí alguna competencia');
    chat.restart();
    expect((await sofia.says('1, 3')).text).toContain('Hitos (opcional)');
  });

  it('refuses a milestone after its goal’s due date, and takes one on that date', async () => {
    const sofia = chat.as('sofia');
    expect((await sofia.says('Informe final; 15/04/2027')).text).toBe(
      'Un hito no puede vencer después de su meta: elige una fecha hasta el 30 de marzo de 2027.',
    );
    expect((await sofia.says('Informe final; 30/03/2027')).text).toContain(
      'Informe final (30 de marzo de 2027)',
    );
  });

  it('cancels any flow and keeps nothing', async () => {
    const answer = await chat.as('sofia').says('cancelar');
    expect(answer.text).toBe('Listo, cancelé la redacción de tu meta. No se guardó nada.');
    expect(await chat.db.db.selectFrom('goals').selectAll().execute()).toEqual([]);
    expect((await chat.as('sofia').says('cancelar')).text).toBe('No hay nada que cancelar.');
  });

  it('says when a conversation expired, and discards it', async () => {
    const sofia = chat.as('sofia');
    await sofia.says('meta nueva');
    await sofia.says('Un título válido');
    chat.clock.advance(49 * 3_600_000);
    const later = await sofia.says('Organizar reuniones semanales');
    expect(later.text).toContain('La conversación sobre la redacción de tu meta expiró');
    expect(await chat.db.db.selectFrom('conversations').selectAll().execute()).toEqual([]);
  });

  it('takes the whole goal in one form, reporting every bad field and writing nothing', async () => {
    const sofia = chat.as('sofia');
    const opened = await sofia.says('meta formulario');
    expect(opened.form?.fields.map((f) => f.id)).toEqual([
      'title',
      'specific',
      'measurable',
      'achievable',
      'relevant',
      'dueDate',
      'competencies',
      'milestones',
    ]);
    const bad = await sofia.fills({
      title: 'Una meta',
      specific: 'nada',
      measurable: 'bien',
      achievable: '',
      relevant: 'Es importante para el área',
      dueDate: '2031-01-01',
      competencies: ['nope'],
      milestones: 'sin fecha',
    });
    // Vague specific and measurable parts are the coach's advice, not errors: only what cannot be kept is.
    expect(Object.keys(bad.reply.formErrors ?? {}).sort()).toEqual([
      'achievable',
      'competencies',
      'dueDate',
      'milestones',
    ]);
    expect(await chat.db.db.selectFrom('goals').selectAll().execute()).toEqual([]);
    await sofia.says('meta formulario');
    const good = await sofia.fills({
      title: 'Dominar hojas de cálculo',
      specific: 'Aprender a usar tablas dinámicas en los informes del área',
      measurable: 'Publicar 3 informes con tablas dinámicas',
      achievable: 'Tengo acceso a un curso en línea',
      relevant: 'Los informes mensuales dependen de ello',
      dueDate: '2027-02-15',
      competencies: ['office_tools', 'data_analysis'],
      milestones: 'Curso terminado; 15/12/2026\nPrimer informe; 15/01/2027',
    });
    expect(good.text).toContain('ya está con Marta Díaz');
    const goal = await chat.db.db
      .selectFrom('goals')
      .select(['state', 'competencies'])
      .executeTakeFirstOrThrow();
    expect(goal).toEqual({ state: 'submitted', competencies: ['office_tools', 'data_analysis'] });
    expect(await chat.db.db.selectFrom('milestones').select('title').orderBy('position').execute()).toEqual([
      { title: 'Curso terminado' },
      { title: 'Primer informe' },
    ]);
  });

  it('holds the program maximum of goals', async () => {
    const sofia = chat.as('sofia');
    for (const title of ['Segunda meta', 'Tercera meta']) {
      await sofia.says('meta formulario');
      await sofia.fills({
        title,
        specific: 'Organizar talleres con el equipo del área',
        measurable: 'Realizar 4 talleres',
        achievable: 'Tengo sala y presupuesto',
        relevant: 'Mejora el clima laboral',
        dueDate: '2027-03-01',
        competencies: [],
        milestones: '',
      });
    }
    const refused = await sofia.says('meta nueva');
    expect(refused.text).toBe(
      'Ya tienes el máximo de metas del programa (3). Puedes editar o retirar una existente.',
    );
  });

  it('withdraws a goal after confirmation, and then it no longer counts', async () => {
    const sofia = chat.as('sofia');
    await sofia.says('metas');
    const confirm = await sofia.clicks('Retirar');
    expect(confirm.buttons).toEqual(['Sí, retirar', 'No, volver']);
    await sofia.clicks('Sí, retirar');
    expect(chat.inbox('marta').at(-1)).toContain('retiró la meta');
    expect((await sofia.says('meta nueva')).text).toContain('1/8');
  });

  it('sends an edited approved goal back to the mentor', async () => {
    await chat.as('marta').says('metas');
    await chat.as('marta').clicks('Aprobar');
    const sofia = chat.as('sofia');
    await sofia.says('cancelar');
    await sofia.says('metas');
    const approvedGoal = await chat.db.db
      .selectFrom('goals')
      .select(['id', 'title'])
      .where('state', '=', 'approved')
      .executeTakeFirstOrThrow();
    const edit = await sofia.clicksRaw('goal.edit', JSON.stringify({ g: approvedGoal.id }));
    expect(edit.text).toContain('Esta meta ya está aprobada: si la cambias, volverá a revisión');
    await sofia.says('enviar');
    const goal = await chat.db.db
      .selectFrom('goals')
      .select(['state', 'revision'])
      .where('id', '=', approvedGoal.id)
      .executeTakeFirstOrThrow();
    expect(goal).toEqual({ state: 'submitted', revision: 2 });
    expect(chat.inbox('marta').at(-1)).toContain('revisión 2');
  });
});

describe('a decision clicked in the mentor’s goals list', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start();
    await submitGoal(chat, 'ana', 'Primera meta de Ana');
    await submitGoal(chat, 'ana', 'Segunda meta de Ana');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('answers with the list refreshed (the decided goal’s new state, the other still to decide), also for a stale click', async () => {
    const list = await chat.as('luis').says('metas');
    expect(list.buttons.filter((b) => b === 'Aprobar')).toHaveLength(2);
    const { button } = chat.findButton('luis', 'Aprobar');
    const approved = await chat.as('luis').clicks('Aprobar');
    const refreshed = approved.reply.replaceOriginal;
    const lines = (refreshed?.blocks ?? []).flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(lines[0]).toBe('Metas de Ana Torres');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^• \*Primera meta de Ana\* — Aprobada/),
      expect.stringMatching(/^• \*Segunda meta de Ana\* — En revisión/),
    ]);
    const left = (refreshed?.blocks ?? []).flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(left.map((b) => b.label)).toEqual(['Aprobar', 'Pedir cambios']);
    // One answer: the list itself says what became of the goal.
    expect(approved.reply.messages).toEqual([]);
    // The same Aprobar clicked again (another device, an old copy of the list): the list again.
    const stale = await chat.as('luis').clicksRaw(button.actionId, button.value);
    expect(stale.reply.messages.map((m) => m.summary)).toEqual([
      'Esta meta ya no espera tu decisión: está «Aprobada».',
    ]);
    expect(stale.reply.replaceOriginal?.summary).toBe('Metas de Ana Torres');
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'goal.approve')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
