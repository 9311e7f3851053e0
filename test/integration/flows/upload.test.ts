import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';

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
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
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
    expect((await share('carmen', 'nomina.xlsx', 'PK…')).text).toContain('Solo puedo leer archivos CSV');
    expect((await share('carmen', 'notas.csv', 'hola,mundo\n1,2')).text).toContain(
      'No reconozco estas columnas: hola, mundo',
    );
    expect((await share('carmen', 'grande.csv', '')).text).toContain('No pude leer «grande.csv» como CSV');
    expect(await people()).toEqual([]);
  });

  it('checks a roster, shows each bad line, and imports the valid ones only on confirmation', async () => {
    const preview = await share('carmen', 'nomina.csv', `\uFEFF${roster}`);
    expect(preview.text).toContain('Nómina «nomina.csv» para el ciclo');
    expect(preview.text).toContain('4 línea(s), 3 válida(s), 1 con problemas.');
    expect(preview.text).toContain('• línea 4: email: no es un correo válido');
    expect(preview.buttons).toEqual(['Importar las válidas (3)', 'Cancelar']);
    expect(await people()).toEqual([]);
    const done = await chat.as('carmen').clicks('Importar las válidas (3)');
    expect(done.text).toContain('3 persona(s) nueva(s), 0 actualizada(s), 1 línea(s) omitida(s)');
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
    expect(tomas.topics).toEqual(['datos', 'etica']);
    const audit = await chat.db.db.selectFrom('audit_log').select(['action', 'via']).execute();
    expect(audit).toEqual([{ action: 'roster.import', via: 'chat' }]);
  });

  it('imports pairs all or nothing, and a cancelled upload writes nothing', async () => {
    const bad = await share(
      'carmen',
      'parejas.csv',
      'mentor_email,mentee_email\ntomas@example.gob,rosa@example.gob\ntomas@example.gob\n',
    );
    expect(bad.text).toContain('2 línea(s), 1 con problemas.');
    expect(bad.buttons).toEqual([]);
    const good = await share(
      'carmen',
      'parejas.csv',
      'mentor_email,mentee_email\ntomas@example.gob,rosa@example.gob\n',
    );
    expect(good.buttons).toEqual(['Importar (1)', 'Cancelar']);
    expect((await chat.as('carmen').clicks('Cancelar')).text).toBe('Listo, no se importó nada.');
    await share('carmen', 'parejas.csv', 'mentor_email,mentee_email\ntomas@example.gob,rosa@example.gob\n');
    expect((await chat.as('carmen').clicks('Importar (1)')).text).toContain('Parejas importadas en el ciclo');
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
    expect(refused.text).toContain('• línea 2: El mentor/a debe tener al menos un nivel jerárquico más');
  });
});
