import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../../src/store/audit.store.ts';
import { createPerson } from '../../../src/store/person.store.ts';
import { cliOn } from '../../support/cli.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { testBackends } from '../../support/databases.ts';
import { csvOf } from '../../support/files.ts';

/** The audit log, for admins, as a CSV their Excel opens: who did what, when, through what. */
describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('admin auditoría: the audit log as a CSV', () => {
    let chat: ChatDriver;
    const cli = cliOn(() => chat.db);
    const rows = async () =>
      Number(
        (
          await chat.db.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
      await chat.as('carmen').says('admin plenaria nueva');
      await chat.as('carmen').fills({ title: 'Apertura', date: '2026-11-25', time: '10:00', minutes: '90' });
      await cli('program', 'set', '--program', 'Programa de Mentoría', '--set', 'capacity=2');
      // Someone whose chat profile name a spreadsheet would run as a formula.
      const odd = await createPerson(chat.db.db, chat.tenant.id, {
        name: '=HYPERLINK("http://x.invalid","clic")',
        email: 'odd@demo.mentoria.invalid',
        locale: 'es',
        timezone: 'America/Mexico_City',
      });
      await recordAudit(chat.db.db, {
        tenantId: chat.tenant.id,
        at: chat.clock.now(),
        actorId: odd.id,
        via: 'chat',
        action: 'language.set',
        subjectType: 'person',
        subjectId: odd.id,
        data: {},
      });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('is for admins: a director and a mentee are refused, and nothing is recorded', async () => {
      const before = await rows();
      expect((await chat.as('diego').says('admin auditoría')).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect((await chat.as('ana').says('admin auditoria')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect(await rows()).toBe(before);
    });

    it('sends every line with who, when, through what; the count agrees with the file and the table', async () => {
      const before = await rows();
      const answer = await chat.as('carmen').says('admin auditoría');
      expect(answer.text).toContain(`Registro de auditoría: ${before} entradas desde el inicio.`);
      const csv = csvOf(answer);
      expect(csv.name).toBe('auditoria-2026-11-23.csv');
      expect(csv.lines[0]).toBe(
        'fecha (America/Mexico_City);hora;acción;quién;correo;vía;en nombre de;objeto;id del objeto;detalle',
      );
      expect(csv.lines.length - 1).toBe(before);
      const plenary = csv.lines.find((l) => l.includes(';plenary.create;'));
      expect(plenary).toMatch(
        /^2026-11-23;10:00;plenary\.create;Carmen Vega;carmen@demo\.mentoria\.invalid;chat;;plenary;[\w-]+;"\{""title"":""Apertura""/,
      );
      expect(csv.lines.find((l) => l.includes(';program.settings;'))).toMatch(
        /;program\.settings;línea de comandos;;línea de comandos;;program;/,
      );
      // Opened in Excel, the odd name is text, not a formula.
      expect(csv.lines.find((l) => l.includes(';language.set;'))).toContain(
        `;"'=HYPERLINK(""http://x.invalid"",""clic"")";odd@demo.mentoria.invalid;`,
      );
      // Reading the log is itself in it.
      expect(await rows()).toBe(before + 1);
      const last = await chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'via', 'data'])
        .where('action', '=', 'audit.export')
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({
        action: 'audit.export',
        via: 'chat',
        data: { lines: before, more: false },
      });
    });

    it('takes a start date, refuses one it cannot read, and speaks English with commas', async () => {
      expect((await chat.as('carmen').says('admin auditoría desde 31/02/2027')).text).toBe(
        'No entendí la fecha. Escribe, por ejemplo, «admin auditoría desde 01/11/2026».',
      );
      const later = await chat.as('carmen').says('admin auditoría desde 01/01/2027');
      expect(later.text).toContain('Registro de auditoría: 0 entradas desde el');
      expect(csvOf(later).lines).toHaveLength(1);
      await chat.as('carmen').says('language en');
      const english = await chat.as('carmen').says('admin audit since 2026-11-23');
      expect(english.text).toMatch(/^Audit log: \d+ entries since /);
      expect(csvOf(english).lines[0]).toBe(
        'date (America/Mexico_City),time,action,who,email,via,on behalf of,subject,subject id,details',
      );
    });

    it('exports on the command line, to the screen or a file', async () => {
      const all = await cli('audit', 'export');
      expect(all.code).toBe(0);
      expect(all.out.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
        'fecha (America/Mexico_City);hora;acción;quién;correo;vía;en nombre de;objeto;id del objeto;detalle',
      );
      expect(all.out).toContain(';audit.export;Carmen Vega;');
      const none = await cli('audit', 'export', '--since', '2099-01-01');
      expect(
        none.out
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      ).toHaveLength(1);
      const bad = await cli('audit', 'export', '--since', 'ayer');
      expect(bad).toMatchObject({ code: 1, err: '--since must be a date: YYYY-MM-DD' });
    });
  });
});
