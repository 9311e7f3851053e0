import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { createPerson, upsertIdentity } from '../../../src/store/person.store.ts';
import { enroll, listCycles } from '../../../src/store/program.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { FAST_LIMITS } from '../../support/nudges.ts';

describe('an admin pairs people from the chat', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
    const [cycle] = await listCycles(chat.db.db, chat.tenant.id);
    // New people on the demo cycle: a mentor with room and two mentees without a mentor.
    for (const p of [
      { handle: 'tomas', name: 'Tomás Ruiz', role: 'mentor', level: 4, unit: 'Finanzas', topics: ['datos'] },
      {
        handle: 'pedro',
        name: 'Pedro Soto',
        role: 'mentee',
        level: 1,
        unit: 'RRHH',
        topics: ['datos', 'ética'],
      },
      { handle: 'rosa', name: 'Rosa Paz', role: 'mentee', level: 5, unit: 'RRHH', topics: [] },
    ] as const) {
      const person = await createPerson(chat.db.db, chat.tenant.id, {
        name: p.name,
        email: `${p.handle}@demo.mentoria.invalid`,
        level: p.level,
        unit: p.unit,
        topics: [...p.topics],
        locale: p.handle === 'tomas' ? 'en' : 'es',
        timezone: 'America/Mexico_City',
      });
      await upsertIdentity(chat.db.db, {
        tenantId: chat.tenant.id,
        personId: person.id,
        platform: 'console',
        externalId: p.handle,
        conversationRef: { handle: p.handle },
        now: chat.clock.now(),
      });
      await enroll(chat.db.db, {
        tenantId: chat.tenant.id,
        cycleId: cycle?.id as string,
        personId: person.id,
        role: p.role,
      });
    }
  });
  afterAll(async () => {
    await chat.close();
  });

  const pairings = () =>
    chat.db.db
      .selectFrom('pairings as p')
      .innerJoin('people as m', 'm.id', 'p.mentor_id')
      .innerJoin('people as e', 'e.id', 'p.mentee_id')
      .select(['m.name as mentor', 'e.name as mentee'])
      .orderBy('e.name')
      .execute();

  it('refuses participants and directors, and writes nothing', async () => {
    expect((await chat.as('luis').says('admin sugerir parejas')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect(
      (await chat.as('diego').says('admin emparejar tomas@demo.mentoria.invalid pedro@demo.mentoria.invalid'))
        .text,
    ).toBe('Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.');
    expect(await pairings()).toHaveLength(2);
  });

  it('shows the proposal with the reasons, and makes it only on confirmation; a second click changes nothing', async () => {
    const proposal = await chat.as('carmen').says('admin sugerir parejas');
    expect(proposal.text).toContain('Parejas sugeridas para el ciclo');
    expect(proposal.text).toContain('• Tomás Ruiz → Pedro Soto temas en común: datos · otra unidad');
    expect(proposal.text).toContain('Sin pareja: 1 persona mentorada y 0 personas mentoras');
    expect(proposal.text).toContain('• Rosa Paz: ninguna persona mentora cumple las reglas del programa');
    expect(proposal.buttons).toEqual(['Confirmar parejas (1)']);
    const file = proposal.reply.messages[0]?.blocks.find((b) => b.type === 'file');
    expect(file).toMatchObject({ mimeType: 'text/csv' });
    expect(file?.type === 'file' && file.content).toContain(
      'tomas@demo.mentoria.invalid,Tomás Ruiz,pedro@demo.mentoria.invalid,Pedro Soto,3,datos,yes',
    );
    expect(await pairings()).toHaveLength(2);

    const { button } = chat.findButton('carmen', 'Confirmar parejas (1)');
    const confirmed = await chat.as('carmen').clicks('Confirmar parejas (1)');
    expect(confirmed.text).toContain('Listo, parejas creadas: 1.');
    expect(confirmed.reply.replaceOriginal?.blocks.some((b) => b.type === 'buttons')).toBe(false);
    expect((await pairings()).map((p) => `${p.mentor} → ${p.mentee}`)).toContain('Tomás Ruiz → Pedro Soto');

    // The same click delivered again (a double click, a retried request).
    const again = await chat.as('carmen').clicksRaw(button.actionId, button.value);
    expect(again.text).toContain('La propuesta cambió desde que la viste');
    expect(again.text).toContain('No hay parejas nuevas que sugerir');
    expect(await pairings()).toHaveLength(3);
  });

  it('introduces both people in their own language, with the button to propose a session', async () => {
    const dispatcher = new Dispatcher({
      db: chat.db.db,
      clock: chat.clock,
      chat: chat.memory,
      worker: 'w',
      limits: FAST_LIMITS,
    });
    await dispatcher.drain();
    expect(chat.inbox('pedro').at(-1)).toContain(
      'Te presentamos a Tomás Ruiz: te acompañará como persona mentora en «',
    );
    expect(chat.inbox('pedro').at(-1)).toContain('Temas en común: datos');
    expect(chat.inbox('pedro').at(-1)).toContain('[Proponer sesión]');
    expect(chat.inbox('tomas').at(-1)).toContain('Meet Pedro Soto, your mentee in');
    expect(chat.inbox('tomas').at(-1)).toContain('RRHH');
  });

  it('pairs two people by hand, checked against the rules', async () => {
    expect(
      (await chat.as('carmen').says('admin emparejar tomas@demo.mentoria.invalid rosa@demo.mentoria.invalid'))
        .text,
    ).toBe(
      'La persona mentora debe tener al menos un nivel jerárquico más que la persona mentorada (4 frente a 5).',
    );
    expect(
      (await chat.as('carmen').says('admin pair luis@demo.mentoria.invalid with rosa@demo.mentoria.invalid'))
        .text,
    ).toBe(
      'La persona mentora debe tener al menos un nivel jerárquico más que la persona mentorada (4 frente a 5).',
    );
    expect(await pairings()).toHaveLength(3);
    // Diego (level 6) can mentor Rosa (level 5): the pair is made, audited, and both are introduced.
    expect(
      (await chat.as('carmen').says('admin emparejar diego@demo.mentoria.invalid rosa@demo.mentoria.invalid'))
        .text,
    ).toContain('Listo: Diego Salas acompañará a Rosa Paz en el ciclo');
    expect((await pairings()).map((p) => `${p.mentor} → ${p.mentee}`)).toContain('Diego Salas → Rosa Paz');
    const intros = await chat.db.db
      .selectFrom('nudges')
      .select('recipient_id')
      .where('kind', '=', 'introduction')
      .where('status', '=', 'pending')
      .execute();
    expect(intros).toHaveLength(2);
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'pairs.create')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
