import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { ChatDriver } from '../../support/conversation.ts';

describe('plenary sessions: scheduled by an admin, attendance marked with a button or from a paper list', () => {
  let chat: ChatDriver;
  let dispatcher: Dispatcher;
  const attendance = () =>
    chat.db.db
      .selectFrom('attendance as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.name', 'a.present', 'a.via'])
      .orderBy('p.name')
      .execute();
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z'); // Monday 10:00 in Mexico City
    dispatcher = chat.dispatcher();
    await chat.as('luis').says('language en');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('schedules a plenary through a form and tells every participant in their language', async () => {
    expect((await chat.as('ana').says('admin plenaria nueva')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    const opened = await chat.as('carmen').says('admin plenaria nueva');
    expect(opened.text).toContain('Plenaria del ciclo');
    const past = await chat
      .as('carmen')
      .fills({ title: 'Apertura', date: '2026-11-20', time: '10:00', minutes: '90' });
    expect(past.reply.formErrors).toEqual({ date: 'La plenaria debe ser en el futuro.' });
    await chat.as('carmen').says('admin plenaria nueva');
    const bad = await chat
      .as('carmen')
      .fills({ title: 'Apertura', date: '2026-11-25', time: '25:00', minutes: '5' });
    expect(Object.keys(bad.reply.formErrors ?? {})).toEqual(['time', 'minutes']);
    await chat.as('carmen').says('admin plenaria nueva');
    const done = await chat
      .as('carmen')
      .fills({ title: 'Apertura', date: '2026-11-25', time: '10:00', minutes: '90' });
    expect(done.text).toContain('Listo: plenaria «Apertura» programada para el');
    await dispatcher.drain();
    expect(chat.inbox('ana').at(-1)).toContain('Plenaria «Apertura»: ');
    expect(chat.inbox('ana').at(-1)).toContain('10:00');
    expect(chat.inbox('luis').at(-1)).toContain('Plenary “Apertura”: ');
    expect(chat.inbox('carmen')).toEqual([]); // admins are not participants
  });

  it('sends the button when it starts; a participant marks once; late and outside clicks change nothing', async () => {
    chat.clock.set('2026-11-25T16:00:00Z');
    await dispatcher.drain();
    expect(chat.inbox('ana').at(-1)).toContain(
      'Comienza la plenaria «Apertura». Marca tu asistencia (hasta las 12:00)',
    );
    const { button } = chat.findButton('ana', 'Estoy presente');
    expect((await chat.as('ana').clicks('Estoy presente')).text).toBe(
      'Asistencia registrada en la plenaria «Apertura». ¡Gracias!',
    );
    expect((await chat.as('ana').clicksRaw(button.actionId, button.value)).text).toBe(
      'Tu asistencia a la plenaria «Apertura» ya estaba registrada.',
    );
    expect((await chat.as('diego').clicksRaw(button.actionId, button.value)).text).toBe(
      'Solo quienes participan en el ciclo marcan asistencia a sus plenarias.',
    );
    chat.clock.set('2026-11-25T18:31:00Z');
    expect((await chat.as('sofia').clicks('Estoy presente')).text).toContain(
      'La asistencia se marca durante la plenaria',
    );
    expect(await attendance()).toEqual([{ name: 'Ana Torres', present: true, via: 'chat' }]);
  });

  it('lets an admin enter the paper list, audited, and shows attendance per person', async () => {
    expect(
      (await chat.as('carmen').says('admin asistencia 1 sofia@demo.mentoria.invalid presente')).text,
    ).toBe('Registrado: Sofía Rivas quedó presente en la plenaria «Apertura» del ciclo 2026-demo.');
    expect((await chat.as('carmen').says('admin asistencia 2 sofia@demo.mentoria.invalid')).text).toContain(
      'No hay una plenaria número 2',
    );
    expect((await chat.as('diego').says('admin asistencia 1 luis@demo.mentoria.invalid presente')).text).toBe(
      'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
    );
    expect(await attendance()).toEqual([
      { name: 'Ana Torres', present: true, via: 'chat' },
      { name: 'Sofía Rivas', present: true, via: 'on_behalf' },
    ]);
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select(['action', 'via'])
      .where('action', 'like', 'plenary.%')
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'plenary.create', via: 'chat' },
      { action: 'plenary.attendance', via: 'on_behalf' },
    ]);
    const list = await chat.as('carmen').says('admin plenarias');
    expect(list.text).toContain('1. Apertura — ');
    expect(list.text).toContain('2 de 4 presentes');
    expect(list.text).toContain('Bajo el umbral de asistencia del diploma (85 %): 2');
    expect(list.text).toContain('• Luis Herrera: 0 %');
    const file = list.reply.messages[0]?.blocks.find((b) => b.type === 'file');
    expect(file?.type === 'file' && file.content).toContain('ana@demo.mentoria.invalid,Ana Torres,1,1,100');
    expect((await chat.as('ana').says('asistencia')).text).toBe('Asististe a 1 de 1 plenaria (100 %).');
    expect((await chat.as('luis').says('attendance')).text).toBe('You attended 0 of 1 plenary (0 %).');
  });
});
