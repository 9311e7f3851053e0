import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { newId } from '../../../src/store/ids.ts';
import { createPerson, upsertIdentity } from '../../../src/store/person.store.ts';
import { enroll, listCycles } from '../../../src/store/program.store.ts';
import { participantRows } from '../../../src/store/results.store.ts';
import { cliOn } from '../../support/cli.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

const ANA = 'ana@demo.mentoria.invalid';

/** Mid-cycle, Ana's mentor changes: her goals, pending reviews and history follow her. */
describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('admin emparejar on a mentee who has a mentor: "Reemplazar"', () => {
    let chat: ChatDriver;
    let dispatcher: Dispatcher;
    const cli = cliOn(() => chat.db);
    const db = () => chat.db.db;
    const pairingsOfAna = () =>
      db()
        .selectFrom('pairings as p')
        .innerJoin('people as m', 'm.id', 'p.mentor_id')
        .innerJoin('people as e', 'e.id', 'p.mentee_id')
        .select(['p.id', 'm.name as mentor', 'p.active', 'p.ended_at'])
        .where('e.email', '=', ANA)
        .orderBy('p.created_at')
        .execute();
    let oldPairing: string;

    beforeAll(async () => {
      chat = await ChatDriver.start('2026-12-01T15:00:00Z', { backend }); // goal setting; the change is on Monday 14, in execution
      dispatcher = chat.dispatcher();
      const [cycle] = await listCycles(db(), chat.tenant.id);
      // A second mentor with room; Marta already has Sofía and the program allows one mentee each.
      const tomas = await createPerson(db(), chat.tenant.id, {
        name: 'Tomás Ruiz',
        email: 'tomas@demo.mentoria.invalid',
        gender: 'm',
        level: 4,
        locale: 'en',
        timezone: 'America/Mexico_City',
      });
      await upsertIdentity(db(), {
        tenantId: chat.tenant.id,
        personId: tomas.id,
        platform: 'console',
        externalId: 'tomas',
        conversationRef: { handle: 'tomas' },
        now: chat.clock.now(),
      });
      await enroll(db(), {
        tenantId: chat.tenant.id,
        cycleId: cycle?.id as string,
        personId: tomas.id,
        role: 'mentor',
      });
      // Ana has one goal approved by Luis and one waiting for him.
      await chat.as('ana').says('meta formulario');
      await chat.as('ana').fills(goalFields('Reducir el tiempo de respuesta'));
      await chat.as('luis').says('pendientes');
      await chat.as('luis').clicks('Aprobar');
      chat.clock.set('2026-12-02T15:00:00Z');
      await chat.as('ana').says('meta formulario');
      await chat.as('ana').fills(goalFields('Publicar el manual de trámites'));
      chat.clock.set('2026-12-14T15:00:00Z');
      // One session held with Luis, one agreed for next week, and a check-in.
      oldPairing = (await pairingsOfAna())[0]?.id as string;
      const luisId = await chat.idOf('luis');
      const session = (startsAt: string, state: string) => ({
        tenant_id: chat.tenant.id,
        id: newId(),
        pairing_id: oldPairing,
        state,
        starts_at: new Date(startsAt),
        duration_minutes: 60,
        proposed_by: luisId,
        created_at: new Date('2026-12-01T15:00:00Z'),
        updated_at: new Date('2026-12-01T15:00:00Z'),
      });
      await db()
        .insertInto('sessions')
        .values([session('2026-12-03T16:00:00Z', 'held'), session('2026-12-21T16:00:00Z', 'confirmed')])
        .execute();
      await db()
        .insertInto('checkins')
        .values({
          tenant_id: chat.tenant.id,
          id: newId(),
          pairing_id: oldPairing,
          week_start: '2026-12-07',
          created_by: await chat.idOf('ana'),
          via: 'chat',
          created_at: new Date('2026-12-08T15:00:00Z'),
        })
        .execute();
      await dispatcher.drain();
    });
    afterAll(async () => {
      await chat.close();
    });

    it('offers "Reemplazar" only where the new mentor fits the rules, and changes nothing until clicked', async () => {
      // Marta's one place is taken: refused with the reason, no button.
      const full = await chat.as('carmen').says(`admin emparejar marta@demo.mentoria.invalid ${ANA}`);
      expect(full.text).toBe('Esa persona mentora ya acompaña al máximo de personas (1).');
      expect(full.buttons).toEqual([]);
      // Luis is already her mentor.
      expect((await chat.as('carmen').says(`admin emparejar luis@demo.mentoria.invalid ${ANA}`)).text).toBe(
        'Luis Herrera ya es el mentor de Ana Torres en el ciclo 2026-demo.',
      );
      const offer = await chat.as('carmen').says(`admin emparejar tomas@demo.mentoria.invalid ${ANA}`);
      expect(offer.text).toContain(
        'Ana Torres ya tiene a Luis Herrera como su mentor en el ciclo 2026-demo. ¿Reemplazarlo por Tomás Ruiz?',
      );
      expect(offer.text).toContain(
        'Sus 2 metas y sus avances pasan a Tomás Ruiz. 1 meta espera revisión y pasará a Tomás Ruiz. Se cancela 1 sesión agendada con Luis Herrera. Las sesiones realizadas siguen contando para su mínimo.',
      );
      expect(offer.buttons).toEqual(['Reemplazar']);
      expect((await pairingsOfAna()).map((p) => [p.mentor, p.active])).toEqual([['Luis Herrera', true]]);
    });

    it('is for admins: a director is read-only, a participant is refused, a forged value is a bad button', async () => {
      await chat.as('carmen').says(`admin emparejar tomas@demo.mentoria.invalid ${ANA}`);
      const { button } = chat.findButton('carmen', 'Reemplazar');
      expect((await chat.as('diego').clicksRaw(button.actionId, button.value)).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect((await chat.as('luis').clicksRaw(button.actionId, button.value)).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect((await chat.as('carmen').clicksRaw(button.actionId, '{"mentee":1}')).text).toBe(
        'Ese botón no es válido o ya no está vigente. Escribe «ayuda» para ver las opciones.',
      );
      expect((await pairingsOfAna()).map((p) => [p.mentor, p.active])).toEqual([['Luis Herrera', true]]);
    });

    it('moves goals, check-ins and the pending review to the new mentor, once, and tells all three', async () => {
      await chat.as('carmen').says(`admin emparejar tomas@demo.mentoria.invalid ${ANA}`);
      const { button } = chat.findButton('carmen', 'Reemplazar');
      const luisCard = chat.findButton('luis', 'Aprobar').button;
      const done = await chat.as('carmen').clicks('Reemplazar');
      expect(done.text).toBe(
        'Listo: Tomás Ruiz acompaña ahora a Ana Torres en el ciclo 2026-demo. Pasaron 2 metas y 1 avance semanal; se canceló 1 sesión agendada. Aviso a Ana Torres, Luis Herrera y Tomás Ruiz.',
      );
      const pairs = await pairingsOfAna();
      expect(pairs.map((p) => [p.mentor, p.active])).toEqual([
        ['Luis Herrera', false],
        ['Tomás Ruiz', true],
      ]);
      expect(pairs[0]?.ended_at).toEqual(new Date('2026-12-14T15:00:00Z'));
      const newPairing = pairs[1]?.id as string;
      const goals = await db().selectFrom('goals').select(['pairing_id', 'state']).execute();
      expect(
        goals
          .filter((g) => g.pairing_id === newPairing)
          .map((g) => g.state)
          .sort(),
      ).toEqual(['approved', 'submitted']);
      expect(
        (await db().selectFrom('checkins').select('pairing_id').execute()).map((c) => c.pairing_id),
      ).toEqual([newPairing]);
      const sessions = await db()
        .selectFrom('sessions')
        .select(['state', 'pairing_id'])
        .orderBy('starts_at')
        .execute();
      expect(sessions).toEqual([
        { state: 'held', pairing_id: oldPairing },
        { state: 'cancelled', pairing_id: oldPairing },
      ]);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'data'])
        .where('action', '=', 'pairs.replace')
        .execute();
      expect(audit).toHaveLength(1);

      // The same click again (a double click, a retried request): nothing changes.
      const again = await chat.as('carmen').clicksRaw(button.actionId, button.value);
      expect(again.text).toBe(
        'La pareja de Ana Torres cambió desde que viste este mensaje: hoy la acompaña Tomás Ruiz. No cambié nada.',
      );
      expect(await pairingsOfAna()).toHaveLength(2);

      await dispatcher.drain();
      // The goals waiting for review follow the news a minute later.
      chat.clock.advance(2 * 60_000);
      await dispatcher.drain();
      expect(chat.inbox('luis').at(-1)).toContain(
        'La coordinación cambió la pareja de Ana Torres en el ciclo 2026-demo: desde hoy la acompaña Tomás Ruiz. Gracias por tu acompañamiento; las sesiones que realizaron quedan registradas.\nSe canceló la sesión agendada para el lunes, 21 de diciembre, 10:00 (CST).',
      );
      const ana = chat.inbox('ana').join('\n');
      expect(ana).toContain(
        'La coordinación cambió tu pareja en el ciclo 2026-demo: desde hoy tu mentor es Tomás Ruiz (antes, Luis Herrera). Tus metas y avances siguen contigo y las sesiones realizadas siguen contando.',
      );
      // Tomás reads English: the change, and the goal waiting for him with its buttons.
      const tomas = chat.inbox('tomas').join('\n');
      expect(tomas).toContain(
        'From today you are the mentor of Ana Torres in cycle 2026-demo (until now with Luis Herrera). Her goals, check-ins and history are now yours to follow.',
      );
      expect(tomas).toContain('Publicar el manual de trámites');
      expect(tomas).toContain('[Approve]');

      // Luis's old review card no longer decides; Tomás decides.
      expect((await chat.as('luis').clicksRaw(luisCard.actionId, luisCard.value)).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect((await chat.as('luis').says('pendientes')).text).not.toContain('Publicar el manual');
      await chat.as('tomas').says('pending');
      expect((await chat.as('tomas').clicks('Approve')).text).toContain('Publicar el manual de trámites');
    });

    it('counts Ana once in the report, with the session held with Luis toward her minimum', async () => {
      expect(
        (await cli('program', 'set', '--program', 'Programa de Mentoría', '--set', 'min-sessions=1')).code,
      ).toBe(0);
      const report = await chat.as('carmen').says('admin reporte');
      expect(report.text).toContain('2 personas mentoradas');
      // Sofía has none; Ana's one, held with Luis, counts.
      expect(report.text).toContain('1 realizadas de 2 propuestas; 1 pareja bajo el mínimo de 1');
      // The same figure from the per-person rows: mentees below the minimum, Ana counted once.
      const rows = await participantRows(
        db(),
        chat.tenant.id,
        (await listCycles(db(), chat.tenant.id))[0]?.id ?? '',
      );
      const mentees = rows.filter((r) => r.role === 'mentee');
      expect(mentees.filter((r) => r.email === ANA)).toEqual([
        expect.objectContaining({ partner: 'Tomás Ruiz', sessionsHeld: 1, goals: 2 }),
      ]);
      expect(mentees.filter((r) => r.sessionsHeld < 1)).toHaveLength(1);
      // Tomás's row counts only what he did: no session with Ana yet.
      expect(rows.find((r) => r.email === 'tomas@demo.mentoria.invalid')).toMatchObject({ sessionsHeld: 0 });
    });

    it('speaks English to an English admin, and the pairing can change again', async () => {
      await chat.as('carmen').says('language en');
      const offer = await chat.as('carmen').says(`admin pair luis@demo.mentoria.invalid with ${ANA}`);
      expect(offer.text).toContain(
        'Ana Torres already has Tomás Ruiz as her mentor in cycle 2026-demo. Replace him with Luis Herrera?',
      );
      expect(offer.buttons).toEqual(['Replace']);
      expect((await chat.as('carmen').clicks('Replace')).text).toBe(
        'Done: Luis Herrera now guides Ana Torres in cycle 2026-demo. 2 goals and 1 check-in moved; no scheduled session to cancel. Telling Ana Torres, Tomás Ruiz and Luis Herrera.',
      );
      expect((await pairingsOfAna()).map((p) => [p.mentor, p.active])).toEqual([
        ['Luis Herrera', false],
        ['Tomás Ruiz', false],
        ['Luis Herrera', true],
      ]);
      await chat.as('carmen').says('idioma es');
    });
  });
});
