import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';
import { createReverseCohort } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('an admin shares a CSV with the bot', () => {
    let chat: ChatDriver;
    const share = (handle: string, name: string, content: string) =>
      chat.send(handle, {
        kind: 'file',
        name,
        size: Buffer.byteLength(content),
        read: async () => Buffer.from(content),
      });
    const people = () =>
      chat.db.db
        .selectFrom('people')
        .select('email')
        .where('email', 'like', '%@example.gob')
        .orderBy('email')
        .execute();
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
    });
    afterAll(async () => {
      await chat.close();
    });

    const roster = [
      'email,name,role,gender,level,topics',
      'rosa@example.gob,Rosa Paz,mentee,mujer,1,datos',
      'tomas@example.gob,Tomás Ruiz,mentor,hombre,4,datos;ética',
      'no-es-correo,Alguien,mentee,,',
      'irene@example.gob,Irene Campos,mentee,f,2,',
    ].join('\n');

    it('refuses participants, and files that are not CSV', async () => {
      expect((await share('ana', 'nomina.csv', roster)).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect((await share('carmen', 'nomina.pdf', '%PDF-1.7')).text).toContain('Solo puedo leer planillas');
      expect((await share('carmen', 'nomina.xlsx', 'PK…')).text).toContain(
        'No pude leer «nomina.xlsx» como planilla',
      );
      expect((await share('carmen', 'notas.csv', 'hola,mundo\n1,2')).text).toContain(
        'No reconozco estas columnas: hola, mundo',
      );
      expect((await share('carmen', 'grande.csv', '')).text).toContain('«grande.csv» no tiene filas');
      expect(await people()).toEqual([]);
    });

    it('checks a roster, shows each bad line, and imports the valid ones only on confirmation', async () => {
      const preview = await share('carmen', 'nomina.csv', `\uFEFF${roster}`);
      expect(preview.text).toContain('Nómina «nomina.csv» para el ciclo');
      expect(preview.text).toContain('4 líneas, 3 válidas, 1 con problemas.');
      expect(preview.text).toContain('• línea 4: email: no es un correo válido');
      expect(preview.buttons).toEqual(['Importar las válidas (3)', 'Cancelar']);
      expect(await people()).toEqual([]);
      const done = await chat.as('carmen').clicks('Importar las válidas (3)');
      expect(done.text).toContain('3 personas nuevas, 0 actualizadas, 1 línea omitida');
      expect((await people()).map((p) => p.email)).toEqual([
        'irene@example.gob',
        'rosa@example.gob',
        'tomas@example.gob',
      ]);
      const tomas = await chat.db.db
        .selectFrom('people')
        .select('topics')
        .where('email', '=', 'tomas@example.gob')
        .executeTakeFirstOrThrow();
      // Topics keep their accents; pairing compares them folded.
      expect(tomas.topics).toEqual(['datos', 'ética']);
      const audit = await chat.db.db.selectFrom('audit_log').select(['action', 'via']).execute();
      expect(audit).toEqual([{ action: 'roster.import', via: 'chat' }]);
    });

    it('imports pairs all or nothing, and a cancelled upload writes nothing', async () => {
      const bad = await share(
        'carmen',
        'parejas.csv',
        'mentor_email,mentee_email\ntomas@example.gob,rosa@example.gob\ntomas@example.gob\n',
      );
      expect(bad.text).toContain('2 líneas, 1 con problemas.');
      expect(bad.buttons).toEqual([]);
      const good = await share(
        'carmen',
        'parejas.csv',
        'mentor_email,mentee_email\ntomas@example.gob,rosa@example.gob\n',
      );
      expect(good.buttons).toEqual(['Importar (1)', 'Cancelar']);
      expect((await chat.as('carmen').clicks('Cancelar')).text).toBe('Listo, no se importó nada.');
      await share('carmen', 'parejas.csv', 'mentor_email,mentee_email\ntomas@example.gob,rosa@example.gob\n');
      expect((await chat.as('carmen').clicks('Importar (1)')).text).toContain(
        'Parejas importadas en el ciclo',
      );
      const pairs = await chat.db.db
        .selectFrom('pairings as p')
        .innerJoin('people as m', 'm.id', 'p.mentor_id')
        .select('m.email')
        .where('m.email', '=', 'tomas@example.gob')
        .execute();
      expect(pairs).toHaveLength(1);
      // A pair that breaks the program's rules: refused whole, in the admin's words.
      await share('carmen', 'mas.csv', 'mentor_email,mentee_email\nrosa@example.gob,irene@example.gob\n');
      const refused = await chat.as('carmen').clicks('Importar (1)');
      expect(refused.text).toContain('No se importó ninguna pareja');
      expect(refused.text).toContain(
        '• línea 2: La persona mentora debe tener al menos un nivel jerárquico más',
      );
    });
  });

  describe('roster files as Latin American HR offices save them', () => {
    let chat: ChatDriver;
    const share = (name: string, bytes: Buffer) =>
      chat.send('carmen', { kind: 'file', name, size: bytes.length, read: async () => bytes });
    const person = (email: string) =>
      chat.db.db
        .selectFrom('people')
        .select(['name', 'gender', 'level', 'unit'])
        .where('email', '=', email)
        .executeTakeFirst();
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('reads Excel’s Spanish CSV: Windows-1252, “;” between columns, Spanish headers and roles, H/M genders', async () => {
      // What "Guardar como → CSV (delimitado por comas)" writes on a Spanish-language Windows:
      // Windows-1252 bytes (no BOM), ";" because "," is the decimal separator, CRLF line ends.
      const text = [
        'Correo;Nombre;Rol;Género;Nivel;Unidad;Teléfono',
        'ana.perez@example.gob;Ana Pérez Núñez;Mentorada;M;2;Subdirección de Atención Ciudadana;5555-1234',
        'jose.nunez@example.gob;José Núñez Ibáñez;Mentor;H;4;Dirección de Planeación;5555-9876',
        'lucia.ortiz@example.gob;Lucía Ortiz;Persona mentorada;M;1;Oficialía de Partes;',
      ].join('\r\n');
      const bytes = Buffer.from(`${text}\r\n`, 'latin1');
      expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false); // really not UTF-8
      const preview = await share('nomina 2027.csv', bytes);
      expect(preview.text).toContain('3 líneas, 3 válidas, 0 con problemas.');
      expect(preview.text).toContain('Leído como CSV en Windows-1252, con «;» entre columnas.');
      expect(preview.text).toContain('Columnas que no reconozco y no se importan: Teléfono.');
      expect(preview.text).toContain('Géneros de una letra leídos como H/M (Hombre/Mujer).');
      await chat.as('carmen').clicks('Importar (3)');
      expect(await person('ana.perez@example.gob')).toEqual({
        name: 'Ana Pérez Núñez',
        gender: 'f',
        level: 2,
        unit: 'Subdirección de Atención Ciudadana',
      });
      expect(await person('jose.nunez@example.gob')).toMatchObject({
        name: 'José Núñez Ibáñez',
        gender: 'm',
      });
      const roles = await chat.db.db
        .selectFrom('enrollments')
        .innerJoin('people', (j) =>
          j
            .onRef('people.tenant_id', '=', 'enrollments.tenant_id')
            .onRef('people.id', '=', 'enrollments.person_id'),
        )
        .select(['people.email', 'enrollments.role'])
        .where('people.email', 'like', '%@example.gob')
        .orderBy('people.email')
        .execute();
      expect(roles).toEqual([
        { email: 'ana.perez@example.gob', role: 'mentee' },
        { email: 'jose.nunez@example.gob', role: 'mentor' },
        { email: 'lucia.ortiz@example.gob', role: 'mentee' },
      ]);
    });

    it('reads UTF-16 “Unicode text” with tabs, and an .xlsx workbook directly', async () => {
      const tsv = 'email\tnombre\trol\tsexo\nmarta.rios@example.gob\tMarta Ríos\tmentora\tFemenino\n';
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
      const a = await share('nomina.txt', utf16);
      expect(a.text).toContain('Leído como CSV en UTF-16LE, con «Tab» entre columnas.');
      expect(a.text).toContain('1 línea, 1 válida');
      await chat.as('carmen').clicks('Importar (1)');
      expect(await person('marta.rios@example.gob')).toMatchObject({ name: 'Marta Ríos', gender: 'f' });

      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Hoja1');
      sheet.addRow(['Correo electrónico', 'Nombre completo', 'Rol', 'Género', 'Año de nacimiento']);
      sheet.addRow([
        { text: 'pablo.soto@example.gob', hyperlink: 'mailto:pablo.soto@example.gob' },
        'Pablo Soto Muñoz',
        'Mentorado',
        'Masculino',
        1988,
      ]);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const b = await share('Nómina.xlsx', xlsx);
      expect(b.text).toContain('Leído como planilla Excel (primera hoja).');
      expect(b.text).toContain('1 línea, 1 válida');
      await chat.as('carmen').clicks('Importar (1)');
      expect(await person('pablo.soto@example.gob')).toMatchObject({ name: 'Pablo Soto Muñoz', gender: 'm' });
    });

    it('refuses an “M” the file does not explain, and a binary file, saying why; nothing is written', async () => {
      const before = await chat.db.db.selectFrom('people').select('id').execute();
      const ambiguous = Buffer.from(
        'email,name,role,gender\nrene@example.gob,René Díaz,mentee,M\nsam@example.gob,Sam Vera,mentee,x\n',
      );
      const preview = await share('nomina.csv', ambiguous);
      expect(preview.text).toContain('• línea 2: gender: «M» puede ser Mujer (H/M) o Masculino (F/M)');
      expect(preview.text).toContain('2 líneas, 1 válida, 1 con problemas.');
      // A PNG named as a CSV (a logo shared by mistake).
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      expect((await share('nomina.csv', png)).text).toContain(
        '«nomina.csv» no es una planilla de texto ni un Excel',
      );
      await chat.as('carmen').clicks('Cancelar');
      expect(await chat.db.db.selectFrom('people').select('id').execute()).toHaveLength(before.length);
    });

    it('asks which cycle a roster is for when two run at once, and imports into the one chosen', async () => {
      const db = chat.db.db;
      const { cycle: inversa } = await createReverseCohort(chat.db.db, chat.tenant.id);
      const file = Buffer.from('email,name,role\nlucia.mora@example.gob,Lucía Mora,mentee\n');
      const asked = await share('inversa.csv', file);
      expect(asked.text).toContain(
        '¿A qué ciclo corresponde «inversa.csv»? Hay varios en curso; aún no importé nada.',
      );
      expect(asked.buttons).toContain('2026-inversa (1 de noviembre de 2026 – 10 de mayo de 2027)');
      expect(await person('lucia.mora@example.gob')).toBeUndefined();
      const preview = await chat
        .as('carmen')
        .clicks('2026-inversa (1 de noviembre de 2026 – 10 de mayo de 2027)');
      expect(preview.text).toContain('Nómina «inversa.csv» para el ciclo 2026-inversa');
      expect(preview.text).toContain('1 línea, 1 válida');
      await chat.as('carmen').clicks('Importar (1)');
      const enrolled = await db
        .selectFrom('enrollments as e')
        .innerJoin('people as p', 'p.id', 'e.person_id')
        .select(['e.cycle_id', 'e.role'])
        .where('p.email', '=', 'lucia.mora@example.gob')
        .execute();
      expect(enrolled).toEqual([{ cycle_id: inversa.id, role: 'mentee' }]);
    });
  });
});
