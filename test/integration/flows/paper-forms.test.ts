import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../src/store/session.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { ANA_GOAL_FORM } from '../../support/cycles.ts';

describe('an admin enters paper forms on behalf of participants', () => {
  let chat: ChatDriver;
  const idOf = (handle: string) => chat.idOf(handle);
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('refuses participants and directors', async () => {
    expect((await chat.as('luis').says('admin en nombre de ana@demo.mentoria.invalid meta')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect((await chat.as('diego').says('admin on behalf of ana@demo.mentoria.invalid goal')).text).toBe(
      'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
    );
  });

  it('enters a goal for a mentee: the record and the audit say so, the mentee and the mentor are told', async () => {
    const opened = await chat.as('carmen').says('admin en nombre de ana@demo.mentoria.invalid meta');
    expect(opened.text).toContain('Formulario de meta en nombre de Ana Torres (formulario en papel)');
    const saved = await chat.as('carmen').fills(ANA_GOAL_FORM);
    expect(saved.text).toContain('ya está con Luis Herrera');
    const goal = await chat.db.db
      .selectFrom('goals')
      .select(['title', 'state', 'entered_by'])
      .executeTakeFirstOrThrow();
    expect(goal).toEqual({
      title: 'Liderar la mesa de ayuda',
      state: 'submitted',
      entered_by: await idOf('carmen'),
    });
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select(['action', 'via', 'actor_id', 'on_behalf_of'])
      .where('action', 'like', 'goal.%')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.via)).toEqual(['on_behalf', 'on_behalf']);
    expect(audit.every((a) => a.actor_id !== null && a.on_behalf_of !== null)).toBe(true);
    expect(chat.inbox('ana').at(-1)).toBe(
      'Carmen Vega ingresó en tu nombre la meta «Liderar la mesa de ayuda» desde tu formulario en papel; ya está en revisión.',
    );
    expect(chat.inbox('luis').at(-1)).toContain('Liderar la mesa de ayuda');
  });

  it('records a session held from a paper form; both people hear it', async () => {
    const pairing = await chat.db.db
      .selectFrom('pairings')
      .select('id')
      .where('mentee_id', '=', await idOf('ana'))
      .executeTakeFirstOrThrow();
    expect((await chat.as('carmen').says('admin en nombre de ana@demo.mentoria.invalid sesiones')).text).toBe(
      'Ana Torres no tiene sesiones confirmadas que ya hayan comenzado y estén por registrar.',
    );
    const ana = await idOf('ana');
    const session = await chat.db.db.transaction().execute(async (tx) => {
      const s = await createSession(tx, {
        tenantId: chat.tenant.id,
        pairingId: pairing.id,
        startsAt: new Date('2026-11-20T17:00:00Z'),
        durationMinutes: 60,
        place: null,
        agenda: null,
        proposedBy: ana,
        now: new Date('2026-11-18T17:00:00Z'),
      });
      await tx.updateTable('sessions').set({ state: 'confirmed' }).where('id', '=', s.id).execute();
      return s;
    });
    const listed = await chat.as('carmen').says('admin en nombre de ana@demo.mentoria.invalid sesiones');
    expect(listed.text).toContain('Sesiones de Ana Torres por registrar (formulario en papel)');
    expect(listed.buttons).toEqual(['Sí, se realizó', 'No se realizó']);
    await chat.as('carmen').clicks('Sí, se realizó');
    const done = await chat.as('carmen').fills({ notes: 'Revisamos el plan', agreements: '' });
    expect(done.text).toContain('Registrado: la sesión del');
    const stored = await chat.db.db
      .selectFrom('sessions')
      .select(['state', 'notes'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ state: 'held', notes: 'Revisamos el plan' });
    expect(chat.inbox('ana').at(-1)).toContain(
      'Carmen Vega registró desde un formulario en papel la sesión del',
    );
    expect(chat.inbox('luis').at(-1)).toContain(
      'Carmen Vega registró desde un formulario en papel la sesión del',
    );
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('via')
      .where('action', '=', 'session.held')
      .executeTakeFirstOrThrow();
    expect(audit.via).toBe('on_behalf');
  });

  it('enters the final evaluation for a mentor; the mentor is told', async () => {
    await chat.as('luis').clicks('Aprobar');
    // Not even on paper before its window: the final evaluation opens with closing.
    expect(
      (await chat.as('carmen').says('admin en nombre de ana@demo.mentoria.invalid evaluacion')).text,
    ).toBe('La evaluación final se abre el 20 de abril de 2027.');
    chat.clock.advance(150 * 24 * 3_600_000);
    const start = await chat.as('carmen').says('admin en nombre de ana@demo.mentoria.invalid evaluacion');
    expect(start.text).toContain(
      'Evaluación final de Ana Torres en nombre de Luis Herrera (formulario en papel)',
    );
    await chat.as('carmen').clicks('Lograda');
    await chat.as('carmen').clicks('5');
    for (const answer of ['Muy buen trabajo', 'Constancia', 'Delegar tareas', '-']) {
      await chat.as('carmen').says(answer);
    }
    const summary = await chat.as('carmen').clicks('Guardar evaluación');
    expect(summary.text).toContain('Ana Torres');
    const evaluation = await chat.db.db
      .selectFrom('evaluations')
      .select(['state', 'entered_by'])
      .executeTakeFirstOrThrow();
    expect(evaluation).toEqual({ state: 'submitted', entered_by: await idOf('carmen') });
    expect(chat.inbox('luis').at(-1)).toBe(
      'Carmen Vega ingresó en tu nombre la evaluación final de Ana Torres desde tu formulario en papel.',
    );
  });
});
