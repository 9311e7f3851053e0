import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle } from '../../../src/domain/model.ts';
import { cycleReport } from '../../../src/reports/cycle-report.ts';
import type { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { planTick } from '../../../src/scheduler/planner.ts';
import { newId } from '../../../src/store/ids.ts';
import { getCycle } from '../../../src/store/program.store.ts';
import { cliOn } from '../../support/cli.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

const ANA = 'ana@demo.mentoria.invalid';

/**
 * A mentee leaves mid-cycle: the coordinator withdraws her with a reason. Her pair ends, the
 * session to come is cancelled, her mentor and she are told, reminders stop, her records stay,
 * and the report counts her as withdrawn, outside the rates from that day.
 */
describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('withdrawing a person from a cycle', () => {
    let chat: ChatDriver;
    let dispatcher: Dispatcher;
    const db = () => chat.db.db;
    const pairingOf = async (handle: string) =>
      db()
        .selectFrom('pairings')
        .select(['id', 'active', 'ended_at'])
        .where('mentee_id', '=', await chat.idOf(handle))
        .executeTakeFirstOrThrow();
    const enrolledAs = async (handle: string) =>
      (
        await db()
          .selectFrom('enrollments')
          .select('role')
          .where('person_id', '=', await chat.idOf(handle))
          .execute()
      ).map((e) => e.role);
    // On the chat's clock (the command line reads the machine's).
    const report = async () => {
      const cycle = await db().selectFrom('cycles').select('id').executeTakeFirstOrThrow();
      const carmen = await chat.idOf('carmen');
      return cycleReport(
        { db: db(), clock: chat.clock },
        { actor: { tenantId: chat.tenant.id, personId: carmen, staffRole: 'admin' }, via: 'chat' },
        (await getCycle(db(), chat.tenant.id, cycle.id)) as Cycle,
      );
    };
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
      dispatcher = chat.dispatcher();
      await chat.as('luis').says('language en');
      for (const [mentee, mentor] of [
        ['ana', 'luis'],
        ['sofia', 'marta'],
      ] as const) {
        await chat.as(mentee).says('meta formulario');
        await chat.as(mentee).fills(goalFields('Reducir el tiempo de respuesta'));
        await chat.as(mentor).says(mentor === 'luis' ? 'pending' : 'pendientes');
        await chat.as(mentor).clicks(mentor === 'luis' ? 'Approve' : 'Aprobar');
      }
      // Execution began on 13 December. Each pair reported the first week; Ana and Luis held a
      // session and agreed on another for the 28th.
      for (const handle of ['ana', 'sofia']) {
        await db()
          .insertInto('checkins')
          .values({
            tenant_id: chat.tenant.id,
            id: newId(),
            pairing_id: (await pairingOf(handle)).id,
            week_start: '2026-12-14',
            created_by: await chat.idOf(handle),
            via: 'chat',
            created_at: new Date('2026-12-15T15:00:00Z'),
          })
          .execute();
      }
      const session = async (startsAt: string, state: string) => ({
        tenant_id: chat.tenant.id,
        id: newId(),
        pairing_id: (await pairingOf('ana')).id,
        state,
        starts_at: new Date(startsAt),
        duration_minutes: 60,
        proposed_by: await chat.idOf('luis'),
        created_at: new Date('2026-12-10T15:00:00Z'),
        updated_at: new Date('2026-12-10T15:00:00Z'),
      });
      await db()
        .insertInto('sessions')
        .values([
          await session('2026-12-16T16:00:00Z', 'held'),
          await session('2026-12-28T16:00:00Z', 'confirmed'),
        ])
        .execute();
      chat.clock.set('2026-12-22T16:00:00Z'); // Tuesday of the second week of execution
      await dispatcher.drain();
    });
    afterAll(async () => {
      await chat.close();
    });

    it('is for admins, needs a reason, refuses a mentor who still has a mentee, and asks first', async () => {
      expect((await chat.as('sofia').says(`admin retirar ${ANA} renunció`)).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect((await chat.as('diego').says(`admin retirar ${ANA} renunció`)).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect((await chat.as('carmen').says(`admin retirar ${ANA}`)).text).toBe(
        `Escribe también el motivo del retiro, por ejemplo: «admin retirar ${ANA} renunció a la institución».`,
      );
      expect(
        (await chat.as('carmen').says('admin retirar luis@demo.mentoria.invalid cambio de servicio')).text,
      ).toBe(
        'No retiré a Luis Herrera: todavía acompaña a Ana Torres. Primero asigna otra persona mentora a quien acompaña («admin emparejar mentor@… mentorado@…», botón «Reemplazar»).',
      );
      const asked = await chat.as('carmen').says(`admin retirar ${ANA} Renunció a la institución`);
      expect(asked.text).toContain(
        '¿Retirar a Ana Torres del ciclo 2026-demo? Motivo: «Renunció a la institución».',
      );
      expect(asked.text).toContain('• Termina su pareja con Luis Herrera; a ambas personas les aviso.');
      expect(asked.text).toContain('• Se cancela 1 sesión que aún no ocurre.');
      expect(asked.buttons).toEqual(['Sí, retirar del ciclo']);
      expect(await enrolledAs('ana')).toEqual(['mentee']); // asking changes nothing
      const { button } = chat.findButton('carmen', 'Sí, retirar del ciclo');
      expect((await chat.as('diego').clicksRaw(button.actionId, button.value)).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect(await enrolledAs('ana')).toEqual(['mentee']);
    });

    it('withdraws her: the pair ends, the session to come is cancelled, both are told, once', async () => {
      const before = await report();
      expect(before.checkins).toEqual({ reported: 2, expected: 4, response_rate: 0.5 });
      const { button } = chat.findButton('carmen', 'Sí, retirar del ciclo');
      const done = await chat.as('carmen').clicks('Sí, retirar del ciclo');
      expect(done.text).toBe(
        'Listo: retiré a Ana Torres del ciclo 2026-demo y avisé a Ana Torres y Luis Herrera. Quedó registrado en la auditoría.',
      );
      expect(await enrolledAs('ana')).toEqual([]);
      expect(await pairingOf('ana')).toMatchObject({
        active: false,
        ended_at: new Date('2026-12-22T16:00:00Z'),
      });
      const sessions = await db()
        .selectFrom('sessions')
        .select(['state', 'starts_at'])
        .where('pairing_id', '=', (await pairingOf('ana')).id)
        .orderBy('starts_at')
        .execute();
      expect(sessions.map((s) => s.state)).toEqual(['held', 'cancelled']);
      await dispatcher.drain();
      expect(chat.inbox('ana').at(-1)).toBe(
        'La coordinación registró tu retiro del ciclo 2026-demo. Ya no recibirás recordatorios de este ciclo y lo que hiciste queda guardado. Si es un error, escribe a la coordinación del programa.',
      );
      expect(chat.inbox('luis').at(-1)).toBe(
        'Ana Torres left the cycle 2026-demo: their pair with you has ended and the sessions that had not happened yet are cancelled. What you did stays in the history.',
      );
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toMatch(
        /^El retiro de Ana Torres del ciclo ya estaba registrado el .*22.*: no hice nada más\.$/,
      );
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'via', 'data'])
        .where('action', '=', 'enrollment.withdraw')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.data).toMatchObject({
        roles: ['mentee'],
        reason: 'Renunció a la institución',
        sessionsCancelled: 1,
      });
    });

    it('stops her reminders and counts her as withdrawn, outside the rates from that day', async () => {
      // Next Monday: Sofía is asked for her check-in; Ana is not, nor is Luis reminded of the session.
      chat.clock.set('2026-12-28T15:30:00Z');
      await planTick(db(), chat.clock.now());
      const before = { ana: chat.inbox('ana').length, luis: chat.inbox('luis').length };
      await dispatcher.drain();
      expect(chat.inbox('sofia').join('\n')).toMatch(/avance/i);
      expect(chat.inbox('ana').slice(before.ana)).toEqual([]);

      expect(chat.inbox('luis').slice(before.luis)).toEqual([]);
      const after = await report();
      expect(after.participants).toMatchObject({
        total: 3,
        by_role: { mentor: 2, mentee: 1 },
        withdrawn: { mentor: 0, mentee: 1 },
        unpaired_mentees: 0,
      });
      // Ana's pair is expected for the two weeks begun before she left, Sofía's for three.
      expect(after.checkins).toEqual({ reported: 2, expected: 5, response_rate: 0.4 });
      expect(after.sessions.held).toBe(1); // what she did stays
      const md = await cliOn(() => chat.db)('report', '--cycle', '2026-demo');
      expect(md.out).toContain(
        '- **Retiros del ciclo:** 1 persona mentorada (fuera de las tasas y los diplomas desde su retiro)',
      );
      // She is no longer in the cycle's lists, nor does the bot treat her as a mentee of it.
      expect((await chat.as('carmen').says('admin pendientes')).text).not.toContain('Ana Torres');
      const people = await chat.as('carmen').says('admin personas');
      expect(people.text).toContain('Personas mentoradas (1)\n• Sofía Rivas');
      expect(people.text).toMatch(
        /Retiros del ciclo \(1\)\n• Ana Torres — ana@demo\.mentoria\.invalid — mentorada, desde el .*22.*: Renunció a la institución/,
      );
      for (const command of ['avance', 'meta nueva', 'sesión nueva'])
        expect((await chat.as('ana').says(command)).text).toMatch(
          /^Ya no participas en el ciclo 2026-demo: la coordinación registró tu retiro el .*22 de diciembre de 2026\. /,
        );
      // Someone who never took part is refused as before.
      expect((await chat.as('carmen').says('avance')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      // Greeted, she is told she left; her mentor, that he waits for a new mentee (not "in no cycle").
      expect((await chat.as('ana').says('hola')).text).toMatch(
        /La coordinación registró tu retiro del ciclo 2026-demo el .*22.*: ya no recibirás recordatorios de ese ciclo\./,
      );
      expect((await chat.as('luis').says('hello')).text).toContain(
        'You take part as a mentor in “Programa de Mentoría”; you have no mentee assigned yet.',
      );
    });

    it('works on the command line and in English, and refuses someone not in the cycle', async () => {
      const cli = cliOn(() => chat.db);
      const missing = await cli(
        'person',
        'withdraw',
        '--cycle',
        '2026-demo',
        '--email',
        'sofia@demo.mentoria.invalid',
      );
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('--reason is required');
      const again = await cli('person', 'withdraw', '--cycle', '2026-demo', '--email', ANA, '--reason', 'x');
      expect(again.code).toBe(1);
      expect(again.err).toContain('Ana Torres was already withdrawn from the cycle on');
      await chat.as('carmen').says('language en');
      const mentor = await chat.as('carmen').says('admin withdraw marta@demo.mentoria.invalid moved abroad');
      expect(mentor.text).toContain('I did not withdraw Marta Díaz: they still mentor Sofía Rivas.');
      const done = await cli(
        'person',
        'withdraw',
        '--cycle',
        '2026-demo',
        '--email',
        'luis@demo.mentoria.invalid',
        '--reason',
        'Traslado',
      );
      expect(done).toMatchObject({
        code: 0,
        out: 'Withdrew Luis Herrera (mentor) from "2026-demo"; 0 sessions to come cancelled.',
      });
      expect((await report()).participants.withdrawn).toEqual({ mentor: 1, mentee: 1 });
      // HR re-imports the roster it had, as Excel in Spanish saves it (Windows-1252, ';', CRLF):
      // the people who left are named, not enrolled again.
      const file = join(mkdtempSync(join(tmpdir(), 'roster-')), 'nomina.csv');
      writeFileSync(
        file,
        Buffer.from(
          `correo;nombre;rol;género\r\n${ANA};Ana Torres;mentorada;Mujer\r\nsofia@demo.mentoria.invalid;Sofía Rivas;mentorada;Mujer\r\n`,
          'latin1',
        ),
      );
      const reimport = await cli('roster', 'import', file, '--cycle', '2026-demo');
      expect(reimport.code).toBe(1);
      expect(reimport.out + reimport.err).toContain('was withdrawn from this cycle on 2026-12-22');
      expect(`${reimport.out}\n${reimport.err}`).toContain(
        'Read as CSV in windows-1252, with ";" between columns.',
      );
      expect(await enrolledAs('ana')).toEqual([]);
    });
  });
});
