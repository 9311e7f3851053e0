import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { createPerson } from '../../../src/store/person.store.ts';
import { enroll } from '../../../src/store/program.store.ts';
import { cliOn } from '../../support/cli.ts';
import { type Answer, ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';
import { csvOf } from '../../support/files.ts';

/** The "Remind now" button of one group of the list. */
const remindOf = (answer: Answer, group: string) => {
  const found = answer.reply.messages
    .flatMap((m) => m.blocks)
    .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
    .find((b) => b.actionId === 'behind.remind' && JSON.parse(b.value).group === group);
  if (!found) throw new Error(`no Remind now for ${group}`);
  return found;
};

/** The coordinator's to-do list: who is behind, by person, with "Remind now" and a CSV. */
describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('admin pendientes: who is behind, by what is missing', () => {
    let chat: ChatDriver;
    let dispatcher: Dispatcher;
    const cli = cliOn(() => chat.db);
    const coordination = (handle: string) =>
      chat
        .inbox(handle)
        .filter((m) => m.startsWith('La coordinación del ciclo') || m.startsWith('The coordinators'));
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend }); // Monday, goal setting
      dispatcher = chat.dispatcher();
      // A mentee enrolled late, still without a mentor.
      const cycle = await chat.db.db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
      const rosa = await createPerson(chat.db.db, chat.tenant.id, {
        name: 'Rosa Núñez',
        email: 'rosa@demo.mentoria.invalid',
        gender: 'f',
        level: 1,
        locale: 'es',
        timezone: 'America/Mexico_City',
        tenantRole: null,
      });
      await enroll(chat.db.db, {
        tenantId: chat.tenant.id,
        cycleId: cycle.id,
        personId: rosa.id,
        role: 'mentee',
      });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('lists people, not totals, grouped by what is missing, with a CSV in the reader’s convention', async () => {
      const answer = await chat.as('carmen').says('admin pendientes');
      expect(answer.text).toContain('Ciclo 2026-demo (definición de metas): 3 pendientes');
      expect(answer.text).toContain('Sin meta aprobada (2)');
      expect(answer.text).toContain('• Ana Torres (con Luis Herrera) — aún no redacta su meta');
      expect(answer.text).toContain('• Sofía Rivas (con Marta Díaz) — aún no redacta su meta');
      expect(answer.text).toContain('Personas mentoradas sin pareja (1)');
      expect(answer.text).toContain('• Rosa Núñez');
      expect(answer.buttons).toEqual(expect.arrayContaining(['Recordar ahora', 'Sugerir parejas']));
      // The CSV for a Spanish reader: `;` between cells, every line of the message, with emails.
      const csv = csvOf(answer);
      expect(csv.name).toBe('pendientes-2026-demo.csv');
      expect(csv.lines[0]).toBe(
        'pendiente;persona;correo;persona mentorada;correo de la persona mentorada;detalle',
      );
      expect(csv.lines).toContain(
        'Sin meta aprobada;Luis Herrera;luis@demo.mentoria.invalid;Ana Torres;ana@demo.mentoria.invalid;Ana Torres (con Luis Herrera) — aún no redacta su meta',
      );
      // Two ways to the same figure: the title's count is the CSV's rows and the groups' counts.
      const counts = [...answer.text.matchAll(/\((\d+)\)\*?\n/g)].map((m) => Number(m[1]));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
      expect(csv.lines.length - 1).toBe(3);
    });

    it('is for admins: a director is read-only, a mentee is refused, and so are their clicks', async () => {
      expect((await chat.as('diego').says('admin pendientes')).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect((await chat.as('ana').says('admin pendientes')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      const button = remindOf(await chat.as('carmen').says('admin pendientes'), 'no_goal');
      const refused = await chat.as('ana').clicksRaw(button.actionId, button.value);
      expect(refused.text).toBe('No puedes hacer eso: no te corresponde en este programa.');
      expect(
        await chat.db.db.selectFrom('nudges').where('kind', '=', 'admin_reminder').selectAll().execute(),
      ).toEqual([]);
      const forged = await chat
        .as('carmen')
        .clicksRaw('behind.remind', JSON.stringify({ y: 'x', k: 'everyone' }));
      expect(forged.text).toBe(
        'Ese botón no es válido o ya no está vigente. Escribe «ayuda» para ver las opciones.',
      );
    });

    it('shows the same list on an admin’s App Home, with "Remind now" and no file; not to others', async () => {
      const home = async (handle: string) => {
        const messages = await chat.bot.home({
          tenantId: chat.tenant.id,
          platform: 'console',
          user: { externalId: handle },
        });
        return {
          text: messages
            .flatMap((m) => m.blocks)
            .map((b) => ('text' in b ? b.text : ''))
            .join('\n'),
          blocks: messages.flatMap((m) => m.blocks),
        };
      };
      const carmen = await home('carmen');
      expect(carmen.text).toContain('Ciclo 2026-demo (definición de metas): 3 pendientes');
      expect(carmen.text).toContain('• Ana Torres (con Luis Herrera) — aún no redacta su meta');
      expect(carmen.text).toContain(
        'Para la lista completa con correos, en CSV, escríbeme «admin pendientes».',
      );
      expect(carmen.blocks.filter((b) => b.type === 'file')).toEqual([]);
      const remind = carmen.blocks
        .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
        .find((b) => b.actionId === 'behind.remind');
      expect(remind && JSON.parse(remind.value)).toMatchObject({ group: 'no_goal' });
      // Neither a director (read-only) nor a mentee sees it on theirs.
      for (const handle of ['diego', 'ana']) {
        const other = await home(handle);
        expect(other.text).not.toContain('(con Luis Herrera) — aún no redacta su meta');
        expect(
          other.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).map((b) => b.actionId),
        ).not.toContain('behind.remind');
      }
    });

    it('reminds each person of a group once a day, and only those still behind when it goes out', async () => {
      await chat.as('ana').says('meta formulario');
      await chat.as('ana').fills(goalFields('Mejorar la comunicación'));
      const list = await chat.as('carmen').says('admin pendientes');
      expect(list.text).toContain('Sin meta aprobada (1)'); // Ana's goal waits for Luis: not hers to do
      const reminded = await chat.as('carmen').clicks('Recordar ahora');
      expect(reminded.text).toBe('Listo: envío 1 recordatorio (Sin meta aprobada).');
      await dispatcher.drain();
      expect(coordination('sofia')).toHaveLength(1);
      expect(coordination('sofia')[0]).toContain(
        'La coordinación del ciclo 2026-demo te recuerda: aún no registras tu meta del programa. Redáctala conmigo: te guío paso a paso.\n[Nueva meta] [Recordármelo más tarde]',
      );
      expect(coordination('ana')).toEqual([]);
      // The same click again the same day: nobody reminded twice.
      await chat.as('carmen').says('admin pendientes');
      const again = await chat.as('carmen').clicks('Recordar ahora');
      expect(again.text).toBe(
        '1 persona ya recibió este recordatorio en las últimas 24 horas: no se lo repito.',
      );
      await dispatcher.drain();
      expect(coordination('sofia')).toHaveLength(1);

      // Two days later Ana's goal has waited for Luis over 48 hours.
      chat.clock.set('2026-11-25T17:00:00Z');
      const later = await chat.as('carmen').says('admin pendientes');
      expect(later.text).toContain('Metas que esperan a su mentor o mentora más de 48 h (1)');
      expect(later.text).toMatch(
        /• Luis Herrera — «Mejorar la comunicación» de Ana Torres, enviada el .*23 de noviembre/,
      );
      const button = remindOf(later, 'waiting_review');
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'Listo: envío 1 recordatorio (Metas que esperan a su mentor o mentora más de 48 h).',
      );
      // Luis decides before the reminder goes out: it is not sent.
      await chat.as('luis').says('pendientes');
      expect((await chat.as('luis').clicks('Aprobar')).text).toContain(
        'Meta de Ana Torres: «Mejorar la comunicación»',
      );
      await dispatcher.drain();
      expect(coordination('luis')).toEqual([]);
      // The report counts the reminders that reached someone.
      expect((await chat.as('carmen').says('admin reporte')).text).toContain(
        'Recordatorios enviados por la coordinación: 1',
      );
    });

    it('names the week of a missing check-in and the pairs behind on sessions', async () => {
      expect(
        (await cli('program', 'set', '--program', 'Programa de Mentoría', '--set', 'min-sessions=6')).code,
      ).toBe(0);
      chat.clock.set('2027-01-12T16:00:00Z'); // Tuesday, execution
      const answer = await chat.as('carmen').says('admin pendientes');
      expect(answer.text).toContain('Sin avance semanal (1)');
      expect(answer.text).toContain(
        '• Ana Torres (con Luis Herrera) — sin avance de la semana del 11 de enero de 2027',
      );
      expect(answer.text).toContain('Parejas con menos sesiones 1:1 de las esperadas a la fecha (2)');
      expect(answer.text).toContain('• Luis Herrera y Ana Torres — 0 de 1 sesión esperada a la fecha');
      const button = remindOf(answer, 'few_sessions');
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'Listo: envío 4 recordatorios (Parejas con menos sesiones 1:1 de las esperadas a la fecha).',
      );
      await dispatcher.drain();
      expect(coordination('ana').at(-1)).toContain(
        'La coordinación del ciclo 2026-demo te recuerda: con Luis Herrera llevan 0 de 1 sesión 1:1 esperada a esta altura del ciclo. Propongan una fecha.',
      );
      expect(chat.findButton('ana', 'Proponer sesión').button.actionId).toBe('menu');
    });

    it('speaks English to an English reader, with a comma-separated CSV', async () => {
      await chat.as('carmen').says('language en');
      const answer = await chat.as('carmen').says('admin todo');
      expect(answer.text).toContain('Cycle 2026-demo (execution): ');
      expect(answer.text).toContain('No approved goal (1)');
      expect(answer.text).toContain(
        '• Ana Torres (with Luis Herrera) — no check-in for the week of January 11, 2027',
      );
      expect(answer.buttons).toContain('Remind now');
      expect(csvOf(answer).lines[0]).toBe('item,person,email,mentee,mentee email,detail');
      await chat.as('carmen').says('idioma es');
    });
  });
});
