import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOn } from '../../support/cli.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('a cycle’s dates changed from chat, refused where they would leave recorded facts outside their phase', () => {
    let chat: ChatDriver;
    const dates = () =>
      chat.db.db
        .selectFrom('cycles')
        .select(['enrollment_starts', 'goal_setting_starts', 'execution_starts', 'closing_starts', 'ends'])
        .where('name', '=', '2026-demo')
        .executeTakeFirstOrThrow();
    const fields = (d: Awaited<ReturnType<typeof dates>>) => ({
      enrollmentStarts: d.enrollment_starts,
      goalSettingStarts: d.goal_setting_starts,
      executionStarts: d.execution_starts,
      closingStarts: d.closing_starts,
      ends: d.ends,
    });
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend }); // Monday, the second day of goal setting
      await chat.as('ana').says('meta formulario');
      await chat.as('ana').fills(goalFields('Reducir el tiempo de respuesta'));
    });
    afterAll(async () => {
      await chat.close();
    });

    it('is for admins, and opens a form filled with the dates the cycle has', async () => {
      expect((await chat.as('ana').says('admin ciclo fechas')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect((await chat.as('diego').says('admin ciclo fechas')).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      const opened = await chat.as('carmen').says('admin ciclo fechas 2026-demo');
      expect(opened.text).toContain('Fechas del ciclo «2026-demo» (días en America/Mexico_City).');
      expect(Object.fromEntries((opened.form?.fields ?? []).map((f) => [f.id, f.initial]))).toEqual(
        fields(await dates()),
      );
    });

    it('refuses a goal-setting start after a goal was sent, naming it, and changes nothing', async () => {
      const before = await dates();
      await chat.as('carmen').says('admin ciclo fechas');
      const refused = await chat.as('carmen').fills({ ...fields(before), goalSettingStarts: '2026-11-25' });
      expect(refused.text).toContain(
        'No cambié las fechas del ciclo «2026-demo»: dejarían fuera de su fase lo que ya está registrado.',
      );
      expect(refused.text).toMatch(
        /• Metas enviadas: hay registros desde el .*23.*, y su fase abriría el .*25/,
      );
      expect(await dates()).toEqual(before);
      await chat.as('carmen').says('admin ciclo fechas');
      const disordered = await chat.as('carmen').fills({ ...fields(before), executionStarts: '2026-11-20' });
      expect(disordered.reply.formErrors).toEqual({
        ends: 'Las fechas deben ir en orden: inscripción, metas, ejecución y cierre, cada una después de la anterior, y el término no antes del cierre.',
      });
      await chat.as('carmen').says('admin ciclo fechas');
      const unreadable = await chat.as('carmen').fills({ ...fields(before), closingStarts: '31/02/2027' });
      expect(Object.keys(unreadable.reply.formErrors ?? {})).toEqual(['closingStarts']);
      await chat.as('carmen').says('admin ciclo fechas');
      expect((await chat.as('carmen').fills(fields(before))).text).toBe(
        'Esas son las fechas que el ciclo ya tiene: no cambié nada.',
      );
      expect(await dates()).toEqual(before);
    });

    it('moves dates that keep every record in its phase; phases follow and the change is audited', async () => {
      const before = await dates();
      await chat.as('carmen').says('admin ciclo fechas');
      const saved = await chat
        .as('carmen')
        .fills({ ...fields(before), executionStarts: '2026-12-20', closingStarts: '2027-04-27' });
      expect(saved.text).toContain('Listo: el ciclo «2026-demo» tiene fechas nuevas.');
      expect(saved.text).toMatch(/Ejecución: .*20.*dic/i);
      expect(await dates()).toEqual({
        ...before,
        execution_starts: '2026-12-20',
        closing_starts: '2027-04-27',
      });
      // A week later, it is still goal setting: the check-in is not open yet and says when it opens.
      chat.clock.set('2026-12-15T16:00:00Z');
      expect((await chat.as('carmen').says('admin ciclos')).text).toContain('definición de metas');
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'via', 'data'])
        .where('action', '=', 'cycle.dates')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.data).toMatchObject({
        before: { executionStarts: '2026-12-13' },
        after: { executionStarts: '2026-12-20', closingStarts: '2027-04-27' },
      });
    });

    it('speaks English', async () => {
      await chat.as('carmen').says('language en');
      const opened = await chat.as('carmen').says('admin cycle dates');
      expect(opened.form?.title).toBe('Cycle dates');
      const refused = await chat
        .as('carmen')
        .fills({ ...fields(await dates()), goalSettingStarts: '2026-11-30' });
      expect(refused.text).toContain('I did not change the dates of the cycle “2026-demo”');
      expect(refused.text).toMatch(
        /• Goals submitted: there are records from .*23.*, and its phase would open on/,
      );
      await chat.as('carmen').says('idioma es');
    });

    it('does the same on the command line', async () => {
      const cli = cliOn(() => chat.db);
      const before = await dates();
      const refused = await cli('cycle', 'dates', '--cycle', '2026-demo', '--goal-setting', '2026-11-30');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('Nothing was changed');
      expect(refused.err).toContain(
        'goal.draft: recorded from 2026-11-23, its phase would open on 2026-11-30',
      );
      expect(await dates()).toEqual(before);
      const disordered = await cli('cycle', 'dates', '--cycle', '2026-demo', '--ends', '2027-01-01');
      expect(disordered.code).toBe(1);
      expect(disordered.err).toContain('(cycle.dates)');
      const moved = await cli('cycle', 'dates', '--cycle', '2026-demo', '--ends', '2027-05-20');
      expect(moved.code).toBe(0);
      expect(moved.out).toContain('ends 2027-05-20');
      expect(await dates()).toEqual({ ...before, ends: '2027-05-20' });
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select('via')
        .where('action', '=', 'cycle.dates')
        .execute();
      expect(audit.map((a) => a.via)).toEqual(['chat', 'cli']);
    });
  });

  describe('deleting a cycle created by mistake: only an empty one, confirmed, audited', () => {
    let chat: ChatDriver;
    const cycleNames = async () =>
      (await chat.db.db.selectFrom('cycles').select('name').orderBy('name').execute()).map((c) => c.name);
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
      await chat.as('carmen').says('admin ciclo nuevo');
      await chat.as('carmen').fills({
        program: (await chat.db.db.selectFrom('programs').select('id').executeTakeFirstOrThrow()).id,
        name: '2027-1',
        starts: '2027-06-01',
        ends: '2027-12-01',
      });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('asks for the name, refuses a cycle with people, and asks before deleting an empty one', async () => {
      expect(await cycleNames()).toEqual(['2026-demo', '2027-1']);
      expect((await chat.as('carmen').says('admin ciclo borrar')).text).toBe(
        'Escribe el nombre del ciclo que quieres borrar: «admin ciclo borrar 2027-1».',
      );
      expect((await chat.as('carmen').says('admin ciclo borrar 2026-demo')).text).toBe(
        'No borré el ciclo «2026-demo»: tiene 6 personas inscritas. Solo se borra un ciclo vacío; uno en curso se acorta o se cierra cambiando sus fechas («admin ciclo fechas»).',
      );
      expect((await chat.as('ana').says('admin ciclo borrar 2027-1')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      const asked = await chat.as('carmen').says('admin borrar ciclo 2027-1');
      expect(asked.text).toMatch(/^¿Borrar el ciclo «2027-1» \(.*\)\? Nadie está inscrito en él/);
      expect(await cycleNames()).toEqual(['2026-demo', '2027-1']);
      const { button } = chat.findButton('carmen', 'Sí, borrar el ciclo');
      expect((await chat.as('diego').clicksRaw(button.actionId, button.value)).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect(await cycleNames()).toEqual(['2026-demo', '2027-1']);
      const done = await chat.as('carmen').clicks('Sí, borrar el ciclo');
      expect(done.text).toBe('Listo: borré el ciclo «2027-1».');
      expect(await cycleNames()).toEqual(['2026-demo']);
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'No encontré ese registro.',
      );
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'data'])
        .where('action', '=', 'cycle.delete')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.data).toMatchObject({
        name: '2027-1',
        enrollmentStarts: '2027-06-01',
        ends: '2027-12-01',
      });
    });

    it('refuses in English a cycle that got a plenary between the question and the click', async () => {
      await chat.as('carmen').says('language en');
      await chat.as('carmen').says('admin new cycle');
      await chat.as('carmen').fills({
        program: (await chat.db.db.selectFrom('programs').select('id').executeTakeFirstOrThrow()).id,
        name: '2027-2',
        starts: '2027-06-01',
        ends: '2027-12-01',
      });
      const asked = await chat.as('carmen').says('admin delete cycle 2027-2');
      expect(asked.text).toMatch(/^Delete the cycle “2027-2” \(.*\)\? Nobody is enrolled in it/);
      const { button } = chat.findButton('carmen', 'Yes, delete the cycle');
      // Between the question and the click, a plenary was scheduled in it: the click is refused.
      await chat.as('carmen').says('admin new plenary 2027-2');
      await chat.as('carmen').fills({ title: 'Apertura', date: '2027-06-02', time: '10:00', minutes: '60' });
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toContain(
        'I did not delete the cycle “2027-2”: it has 1 plenary. Only an empty cycle',
      );
      expect(await cycleNames()).toEqual(['2026-demo', '2027-2']);
    });

    it('does the same on the command line', async () => {
      const cli = cliOn(() => chat.db);
      const refused = await cli('cycle', 'delete', '--cycle', '2026-demo');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('The cycle “2026-demo” is not empty');
      const program = (await chat.db.db.selectFrom('programs').select('name').executeTakeFirstOrThrow()).name;
      const made = await cli(
        'cycle',
        'create',
        '--program',
        program,
        '--name',
        '2028-1',
        '--starts',
        '2028-01-10',
        '--ends',
        '2028-07-10',
      );
      expect(made.code).toBe(0);
      const deleted = await cli('cycle', 'delete', '--cycle', '2028-1');
      expect(deleted).toMatchObject({ code: 0, out: 'Deleted cycle "2028-1".' });
      expect(await cycleNames()).toEqual(['2026-demo', '2027-2']);
    });
  });
});
