import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../../src/messages/model.ts';
import { cliOn } from '../../support/cli.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { createReverseCohort } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

/** Finding names: programs, cycles and the people of a cycle, in chat and on the command line. */
describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('programs, cycles and people, for the coordinator', () => {
    let chat: ChatDriver;
    const cli = cliOn(() => chat.db);
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
      await createReverseCohort(chat.db.db, chat.tenant.id);
    });
    afterAll(async () => {
      await chat.close();
    });

    it('lists each program with its settings and its cycles, their dates, today’s phase and people', async () => {
      const answer = await chat.as('carmen').says('admin programas');
      expect(answer.text).toContain('2 programas');
      expect(answer.text).toMatch(
        /\*Mentoría Inversa\* — modalidad inversa, cupo de \d+ por persona mentora/,
      );
      expect(answer.text).toMatch(/• 2026-inversa — del 1 de noviembre de 2026 al 10 de mayo de 2027 · /);
      expect(answer.text).toMatch(
        /• 2026-demo — del .* · 2 personas mentoras, 2 personas mentoradas, 2 parejas/,
      );
      // A director reads it too (it is the program's shape, not people's data).
      expect((await chat.as('diego').says('admin ciclos')).text).toContain('2 ciclos');
      // A mentee does not.
      expect((await chat.as('ana').says('admin ciclos')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
    });

    it('lists a cycle’s people by role with their pair, all of them as CSV, for admins only', async () => {
      const answer = await chat.as('carmen').says('admin personas 2026-demo');
      expect(answer.text).toContain('Ciclo 2026-demo:');
      expect(answer.text).toContain('Personas mentoras (2)');
      expect(answer.text).toMatch(/• Luis \S+ — luis@demo\.mentoria\.invalid — con Ana Torres/);
      expect(answer.text).toMatch(/• Ana Torres — ana@demo\.mentoria\.invalid — con Luis/);
      const file = answer.reply.messages[0]?.blocks.find(
        (b): b is Extract<Block, { type: 'file' }> => b.type === 'file',
      );
      expect(file?.name).toBe('personas-2026-demo.csv');
      const lines = (file?.content ?? '')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('rol,nombre,correo,pareja');
      expect(lines).toContain('mentorado,Ana Torres,ana@demo.mentoria.invalid,Luis Herrera');
      // The figures agree with the rows: as many mentor rows as the cycle line counts.
      const counted = /(\d+) personas mentoras/.exec((await chat.as('carmen').says('admin ciclos')).text);
      expect(lines.filter((l) => l.startsWith('mentor,')).length).toBe(Number(counted?.[1]));
      // Emails are for admins: the director is refused, and nothing is listed.
      const refused = await chat.as('diego').says('admin personas 2026-demo');
      expect(refused.text).toBe('Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.');
      expect((await chat.as('carmen').says('admin personas 2099-x')).text).toBe(
        'No encontré el ciclo «2099-x». Revisa cómo se escribe su nombre.',
      );
      expect((await chat.as('carmen').says('admin personas 2026-inversa')).text).toContain(
        'Aún no hay nadie inscrito en el ciclo 2026-inversa',
      );
    });

    it('speaks English to an English reader', async () => {
      await chat.as('carmen').says('language en');
      const people = await chat.as('carmen').says('admin people 2026-demo');
      expect(people.text).toContain('Cycle 2026-demo:');
      expect(people.text).toContain('Mentors (2)');
      expect(people.text).toContain('Mentees (2)');
      expect((await chat.as('carmen').says('admin programs')).text).toMatch(
        /2 programs[\s\S]*reverse mentoring/,
      );
      await chat.as('carmen').says('idioma es');
    });

    it('lists the same on the command line, as text and JSON', async () => {
      const programs = await cli('program', 'list');
      expect(programs.code).toBe(0);
      expect(programs.out).toMatch(
        /Mentoría Inversa \(reverse\), id \S+\n {2}2026-inversa {2}2026-11-01 → 2027-05-10/,
      );
      const cycles = await cli('cycle', 'list', '--program', 'Mentoría Inversa');
      expect(cycles.out).toMatch(/^Mentoría Inversa \/ 2026-inversa/);
      expect(cycles.out).not.toContain('2026-demo');
      const people = await cli('person', 'list', '--cycle', '2026-demo', '--json');
      const rows = JSON.parse(people.out) as { role: string; name: string; partners: string[] }[];
      expect(rows.filter((r) => r.role === 'mentee').map((r) => r.name)).toContain('Ana Torres');
      expect(rows.find((r) => r.name === 'Ana Torres')?.partners).toEqual(['Luis Herrera']);
      expect((await cli('person', 'list', '--cycle', '2026-inversa')).out).toContain(
        'Nobody is enrolled in cycle "2026-inversa" yet',
      );
    });

    it('changes a program’s settings on the command line, checked as a whole and audited; a bad value changes nothing', async () => {
      const settingsOf = async () =>
        (
          await chat.db.db
            .selectFrom('programs')
            .select('settings')
            .where('name', '=', 'Mentoría Inversa')
            .executeTakeFirstOrThrow()
        ).settings;
      const before = await settingsOf();
      const bad = await cli(
        'program',
        'set',
        '--program',
        'Mentoría Inversa',
        '--set',
        'capacity=2',
        '--set',
        'attendance=150',
        '--set',
        'colour=red',
      );
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('Nothing was changed');
      expect(bad.err).toContain('colour: not a setting');
      expect(await settingsOf()).toEqual(before);
      const range = await cli('program', 'set', '--program', 'Mentoría Inversa', '--set', 'attendance=150');
      expect(range.err).toMatch(/attendanceThreshold: .*1/);
      const retention = await cli('program', 'set', '--program', 'Mentoría Inversa', '--set', 'retention=0');
      expect(retention.code).toBe(1);
      expect(retention.err).toMatch(/retentionMonths: /);
      expect(await settingsOf()).toEqual(before);
      const good = await cli(
        'program',
        'set',
        '--program',
        'Mentoría Inversa',
        '--set',
        'capacity=2',
        '--set',
        'attendance=80',
        '--set',
        'quiet-hours=21:00-07:30',
        '--set',
        'retention=18',
      );
      expect(good.code).toBe(0);
      expect(good.out).toContain('participants anonymised 18 months after their last cycle ends');
      expect(good.out).toContain('2 mentees per mentor');
      expect(good.out).toContain('80 % plenary attendance');
      expect(good.out).toContain('quiet hours 21:00-07:30');
      expect((await chat.as('carmen').says('admin programas')).text).toMatch(
        /\*Mentoría Inversa\* — modalidad inversa, cupo de 2 por persona mentora/,
      );
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'via'])
        .where('action', '=', 'program.settings')
        .execute();
      expect(audit).toEqual([{ action: 'program.settings', via: 'cli' }]);
    });
  });
});
