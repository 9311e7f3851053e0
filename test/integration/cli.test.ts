import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { cliOn } from '../support/cli.ts';
import { openMigratedPGlite } from '../support/databases.ts';

describe('mentoria command line: programs, cycles, roster and pairs', () => {
  let database: OpenDatabase;
  let dir: string;
  const cli = cliOn(() => database);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    database = await openMigratedPGlite();
    dir = mkdtempSync(join(tmpdir(), 'mentoria-cli-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a program and a cycle with phase dates from the program, printing JSON when asked', async () => {
    const program = await cli(
      'program',
      'create',
      '--name',
      'Programa de Mentoría',
      '--kind',
      'classic',
      '--tenant',
      'slack:T1',
    );
    expect(program).toMatchObject({ code: 0 });
    expect(program.out).toContain('Created program "Programa de Mentoría" (classic)');
    // An unknown zone is refused and creates nothing; a real one is taken.
    const mars = await cli(
      'cycle',
      'create',
      '--program',
      'Programa de Mentoría',
      '--name',
      '2027-1',
      '--starts',
      '2027-01-04',
      '--ends',
      '2027-06-30',
      '--timezone',
      'Mars/Olympus',
      '--tenant',
      'slack:T1',
    );
    expect(mars.code).toBe(1);
    expect(mars.err).toContain('“Mars/Olympus” is not a known time zone');
    const cycle = await cli(
      'cycle',
      'create',
      '--program',
      'Programa de Mentoría',
      '--name',
      '2027-1',
      '--starts',
      '2027-01-04',
      '--ends',
      '2027-06-30',
      '--tenant',
      'slack:T1',
      '--json',
    );
    expect(cycle.code).toBe(0);
    expect(JSON.parse(cycle.out)).toMatchObject({
      name: '2027-1',
      enrollmentStarts: '2027-01-04',
      goalSettingStarts: '2027-01-25',
      executionStarts: '2027-02-15',
      closingStarts: '2027-06-10',
      ends: '2027-06-30',
    });
    expect(
      (
        await cli(
          'cycle',
          'create',
          '--program',
          'nope',
          '--name',
          'x',
          '--starts',
          '2027-01-04',
          '--ends',
          '2027-06-30',
          '--tenant',
          'slack:T1',
        )
      ).code,
    ).toBe(1);
  });

  it('imports a 76-person roster (31 men, 45 women, levels 1–5), and re-importing updates instead of duplicating', async () => {
    const lines = ['name,email,role,gender,level,institution'];
    for (let i = 0; i < 76; i++) {
      lines.push(
        `Persona ${i},p${i}@example.gob,${i < 38 ? 'mentee' : 'mentor'},${i < 31 ? 'hombre' : 'mujer'},${(i % 5) + 1},Secretaría ${i % 3}`,
      );
    }
    const path = file('roster.csv', `\uFEFF${lines.join('\n')}\n`);
    const first = await cli('roster', 'import', path, '--cycle', '2027-1', '--tenant', 'slack:T1');
    expect(first.out).toBe('Imported 76 of 76 lines: 76 people created, 0 updated.');
    // The bar on the terminal: redrawn in place, once per percent at most, ending at 76/76.
    expect(first.progress.length).toBeLessThanOrEqual(76);
    expect(first.progress[0]).toBe('\r[····················]  1/76 people');
    expect(first.progress.at(-1)).toBe('\r[####################] 76/76 people\n');
    expect(first.progress.every((p) => p.startsWith('\r['))).toBe(true);
    const again = await cli('roster', 'import', path, '--cycle', '2027-1', '--tenant', 'slack:T1', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, updated: 76, written: true });
    expect(again.progress).toEqual([]); // --json is read by programs: no bar
    const genders = await database.db
      .selectFrom('people')
      .select(['gender', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('gender')
      .orderBy('gender')
      .execute();
    expect(genders.map((g) => [g.gender, Number(g.n)])).toEqual([
      ['f', 45],
      ['m', 31],
    ]);
  });

  it('imports a Windows-1252 roster with ";" and Spanish headers, with H/M genders given on the command line', async () => {
    // Excel on a Spanish-language Windows: Windows-1252, ";" between columns, CRLF.
    const text =
      'correo;nombre;rol;sexo\r\nines.munoz@example.gob;Inés Muñoz;Mentorada;M\r\nraul@example.gob;Raúl Peña;Mentor;M\r\n';
    const path = join(dir, 'nómina.csv');
    writeFileSync(path, Buffer.from(text, 'latin1'));
    // Only "M" in the file: which convention is not shown, so both lines are refused…
    const refused = await cli('roster', 'import', path, '--cycle', '2027-1', '--tenant', 'slack:T1');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Read as CSV in windows-1252, with ";" between columns.');
    expect(refused.out).toContain('line 2: gender: “M” may mean Mujer (H/M codes) or Masculino (F/M codes)');
    // …and read as the command says.
    const done = await cli(
      'roster',
      'import',
      path,
      '--cycle',
      '2027-1',
      '--tenant',
      'slack:T1',
      '--gender-codes',
      'hm',
      '--skip-invalid',
    );
    expect(done.out).toBe('Imported 2 of 2 lines: 2 people created, 0 updated.');
    const ines = await database.db
      .selectFrom('people')
      .select(['name', 'gender'])
      .where('email', '=', 'ines.munoz@example.gob')
      .executeTakeFirstOrThrow();
    expect(ines).toEqual({ name: 'Inés Muñoz', gender: 'f' });
    const bad = await cli(
      'roster',
      'import',
      path,
      '--cycle',
      '2027-1',
      '--tenant',
      'slack:T1',
      '--gender-codes',
      'xy',
    );
    expect(bad.err).toContain('--gender-codes xy: use hm');
  });

  it('re-imports only the columns a file has, and refuses a role change instead of a second enrollment', async () => {
    // p40 is a mentor with gender, level and institution from the first import.
    const before = await database.db
      .selectFrom('people')
      .select(['id', 'gender', 'level', 'institution'])
      .where('email', '=', 'p40@example.gob')
      .executeTakeFirstOrThrow();
    expect(before).toMatchObject({ gender: 'f', level: 1, institution: 'Secretaría 1' });
    const path = file(
      'partial.csv',
      'email,name,role\np40@example.gob,Persona 40 Actualizada,mentee\np41@example.gob,Persona 41 Actualizada,mentor\n',
    );
    const refused = await cli('roster', 'import', path, '--cycle', '2027-1', '--tenant', 'slack:T1');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('line 2: role: already takes part in this cycle as mentor');
    const done = await cli(
      'roster',
      'import',
      path,
      '--cycle',
      '2027-1',
      '--tenant',
      'slack:T1',
      '--skip-invalid',
    );
    expect(done.out).toContain('Imported 1 of 2 lines: 0 people created, 1 updated.');
    const p41 = await database.db
      .selectFrom('people')
      .select(['name', 'gender', 'level', 'institution'])
      .where('email', '=', 'p41@example.gob')
      .executeTakeFirstOrThrow();
    // The name it gave changed; what it did not mention stayed.
    expect(p41).toEqual({
      name: 'Persona 41 Actualizada',
      gender: 'f',
      level: 2,
      institution: 'Secretaría 2',
    });
    const roles = await database.db
      .selectFrom('enrollments')
      .select('role')
      .where('person_id', '=', before.id)
      .execute();
    expect(roles).toEqual([{ role: 'mentor' }]);
  });

  it('rejects a roster with bad lines, naming each line and why, and writes nothing', async () => {
    const before = await database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const path = file(
      'bad.csv',
      [
        'email,name,role,gender,timezone',
        'nuevo@example.gob,Nuevo,mentee,f,',
        'no-es-correo,Alguien,mentee,,',
        'otro@example.gob,,jefe,,',
        'tz@example.gob,Zona,mentor,z,Mars/Base',
      ].join('\n'),
    );
    const result = await cli('roster', 'import', path, '--cycle', '2027-1', '--tenant', 'slack:T1');
    expect(result.code).toBe(1);
    expect(result.out).toContain('Nothing was written: 3 of 4 lines are invalid');
    expect(result.out).toContain('line 3: email: not a valid email');
    expect(result.out).toContain('line 4: name: name is empty; role: role must be mentor (or mentora');
    expect(result.out).toContain('line 5: gender: gender must be woman, man, non-binary');
    const after = await database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const skipped = await cli(
      'roster',
      'import',
      path,
      '--cycle',
      '2027-1',
      '--tenant',
      'slack:T1',
      '--skip-invalid',
    );
    expect(skipped.out).toContain('Imported 1 of 4 lines: 1 people created');
  });

  it('imports pairs checked against the program: all or nothing', async () => {
    // p0 (level 1) mentored by p40 (level 1): not a level above — refused, nothing written.
    const bad = file(
      'pairs-bad.csv',
      'mentor_email,mentee_email\np41@example.gob,p0@example.gob\np40@example.gob,p5@example.gob\nnadie@example.gob,p1@example.gob\n',
    );
    const refused = await cli('pairs', 'import', bad, '--cycle', '2027-1', '--tenant', 'slack:T1');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('line 3: pairing.level');
    expect(refused.out).toContain('line 4: mentor_email: not in the roster');
    expect(await database.db.selectFrom('pairings').selectAll().execute()).toEqual([]);
    const good = file(
      'pairs.csv',
      'mentor_email,mentee_email\np41@example.gob,p0@example.gob\np42@example.gob,p1@example.gob\n',
    );
    expect((await cli('pairs', 'import', good, '--cycle', '2027-1', '--tenant', 'slack:T1')).out).toBe(
      'Created 2 pairs.',
    );
    const audit = await database.db.selectFrom('audit_log').select(['action', 'via']).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'program.create',
      'cycle.create',
      'roster.import',
      'roster.import',
      'roster.import',
      'roster.import',
      'roster.import',
      'pairs.import',
    ]);
    expect(audit.every((a) => a.via === 'cli')).toBe(true);
  });

  it("exports everything stored about one person, only from that person's tenant, and audits it", async () => {
    const result = await cli('person', 'export', '--email', 'P0@example.gob', '--tenant', 'slack:T1');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.out);
    expect(data.person).toMatchObject({ email: 'p0@example.gob' });
    expect(data.enrollments).toHaveLength(1);
    expect(data.enrollments[0]).toMatchObject({ role: 'mentee' });
    expect(data.pairings).toHaveLength(1);
    expect(data.audit.map((a: { action: string }) => a.action)).toEqual([]);
    const exported = await database.db
      .selectFrom('audit_log')
      .select(['action', 'via', 'subject_id'])
      .where('action', '=', 'person.export')
      .execute();
    expect(exported).toEqual([{ action: 'person.export', via: 'cli', subject_id: data.person.id }]);
    // Another tenant does not see them.
    const elsewhere = await cli('person', 'export', '--email', 'p0@example.gob', '--tenant', 'slack:T2');
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.err).toBe('nobody with the email p0@example.gob in this tenant');
    const erased = await cli(
      'person',
      'erase',
      '--email',
      'p0@example.gob',
      '--tenant',
      'slack:T1',
      '--json',
    );
    expect(JSON.parse(erased.out)).toMatchObject({ personId: data.person.id, goals: 0, sessions: 0 });
    const row = await database.db
      .selectFrom('people')
      .select(['name', 'email', 'gender', 'erased_at'])
      .where('id', '=', data.person.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '—', email: null, gender: data.person.gender });
    expect(row.erased_at).not.toBeNull();
  });

  it('explains its usage and refuses unknown tenants and commands', async () => {
    expect((await cli('help')).out).toContain('roster import FILE --cycle C');
    expect(
      (await cli('program', 'create', '--name', 'x', '--kind', 'classic', '--tenant', 'mastodon:1')).err,
    ).toContain('--tenant mastodon:1');
    expect((await cli('frobnicate', 'now')).code).toBe(2);
  });
});
