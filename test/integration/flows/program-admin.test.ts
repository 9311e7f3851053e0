import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';

describe('an admin sets up programs, cycles and the competency catalog from the chat', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('refuses the forms to participants and directors', async () => {
    expect((await chat.as('ana').says('admin programa nuevo')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect((await chat.as('diego').says('admin new cycle')).text).toBe(
      'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
    );
    expect((await chat.as('luis').says('admin competencia nueva Negociación | Negotiation')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
  });

  it('creates a reverse program through its form, refusing bad values inside the form', async () => {
    const opened = await chat.as('carmen').says('admin programa nuevo');
    expect(opened.form?.fields.map((f) => f.id)).toEqual(['name', 'kind', 'capacity', 'minSessions']);
    const refused = await chat.as('carmen').fills({
      name: 'Programa de Mentoría',
      kind: 'reverse',
      capacity: '0',
      minSessions: '4',
    });
    expect(refused.reply.formErrors).toEqual({
      name: 'Ya existe un programa llamado «Programa de Mentoría».',
      capacity: 'Escribe un número entero entre 1 y 50.',
    });
    expect(await chat.db.db.selectFrom('programs').selectAll().execute()).toHaveLength(1);
    await chat.as('carmen').says('admin programa nuevo');
    const created = await chat.as('carmen').fills({
      name: 'Mentoría Inversa',
      kind: 'reverse',
      capacity: '2',
      minSessions: '4',
    });
    expect(created.text).toContain(
      'Listo: programa «Mentoría Inversa» creado (Inversa (la persona mentora es más joven)).',
    );
    const program = await chat.db.db
      .selectFrom('programs')
      .select(['kind', 'settings'])
      .where('name', '=', 'Mentoría Inversa')
      .executeTakeFirstOrThrow();
    expect(program.kind).toBe('reverse');
    expect(program.settings).toMatchObject({ mentorCapacity: 2, minSessions: 4 });
  });

  it('creates a cycle with the phase dates shown in the reader’s words', async () => {
    const opened = await chat.as('carmen').says('admin ciclo nuevo');
    const programId = opened.form?.fields[0]?.options?.find((o) => o.label === 'Mentoría Inversa')
      ?.value as string;
    const bad = await chat
      .as('carmen')
      .fills({ program: programId, name: '2027-1', starts: '2027-03-01', ends: '2027-03-10' });
    expect(bad.reply.formErrors?.ends).toContain('no caben las fases');
    await chat.as('carmen').says('admin ciclo nuevo');
    const created = await chat.as('carmen').fills({
      program: programId,
      name: '2027-1',
      starts: '4 de enero de 2027',
      ends: '2027-06-30',
    });
    expect(created.text).toContain('Listo: ciclo «2027-1» creado.');
    expect(created.text).toContain('Inscripción: 4 de enero de 2027');
    expect(created.text).toContain('Definición de metas: 25 de enero de 2027');
    const cycle = await chat.db.db
      .selectFrom('cycles')
      .select(['enrollment_starts', 'ends'])
      .where('name', '=', '2027-1')
      .executeTakeFirstOrThrow();
    expect(String(cycle.ends)).toContain('2027');
    const audit = await chat.db.db.selectFrom('audit_log').select(['action', 'via']).orderBy('at').execute();
    expect(audit).toEqual([
      { action: 'program.create', via: 'chat' },
      { action: 'cycle.create', via: 'chat' },
    ]);
  });

  it('refuses a start date in the past unless the admin says so, and uses the admin’s zone', async () => {
    // Carmen works from Santiago; the tenant's default zone is Mexico City.
    await chat.db.db
      .updateTable('people')
      .set({ timezone: 'America/Santiago' })
      .where('name', '=', 'Carmen Vega')
      .execute();
    const opened = await chat.as('carmen').says('admin ciclo nuevo');
    const programId = opened.form?.fields[0]?.options?.find((o) => o.label === 'Mentoría Inversa')
      ?.value as string;
    const past = { program: programId, name: '2026-2', starts: '2026-11-02', ends: '2027-04-30' };
    const refused = await chat.as('carmen').fills(past);
    expect(refused.reply.formErrors?.starts).toBe(
      'El 2 de noviembre de 2026 ya pasó. Si el ciclo ya comenzó y lo registras ahora, marca «Ciclo ya iniciado» y vuelve a enviar.',
    );
    expect(
      await chat.db.db.selectFrom('cycles').select('name').where('name', '=', '2026-2').execute(),
    ).toEqual([]);
    await chat.as('carmen').says('admin ciclo nuevo');
    const created = await chat.as('carmen').fills({ ...past, past_ok: ['yes'] });
    expect(created.text).toContain('Listo: ciclo «2026-2» creado.');
    const cycle = await chat.db.db
      .selectFrom('cycles')
      .select('timezone')
      .where('name', '=', '2026-2')
      .executeTakeFirstOrThrow();
    expect(cycle.timezone).toBe('America/Santiago');
  });

  it('lists, adds and renames competencies in both languages; goals see the new names', async () => {
    expect((await chat.as('carmen').says('admin competencias')).text).toContain('Catálogo de competencias');
    const added = await chat.as('carmen').says('admin competencia nueva Negociación | Negotiation');
    expect(added.text).toBe('Listo: competencia «Negociación» / «Negotiation» agregada (clave negociacion).');
    expect((await chat.as('carmen').says('admin new competency Negociación | Negotiation')).text).toBe(
      'Ya existe una competencia con la clave «negociacion».',
    );
    expect((await chat.as('carmen').says('admin competencia nueva Negociación')).text).toContain(
      'separados por «|»',
    );
    const renamed = await chat
      .as('carmen')
      .says('admin competencia renombrar negociacion Negociación efectiva | Effective negotiation');
    expect(renamed.text).toBe(
      'Listo: la competencia negociacion ahora se llama «Negociación efectiva» / «Effective negotiation».',
    );
    expect((await chat.as('carmen').says('admin rename competency nada Uno | One')).text).toContain(
      'No hay ninguna competencia con la clave «nada»',
    );
    await chat.as('ana').says('language en');
    await chat.as('ana').says('new goal form');
    const form = chat.takeForm('ana').form;
    const options = form.fields.find((f) => f.id === 'competencies')?.options ?? [];
    expect(options.map((o) => o.label)).toContain('Effective negotiation');
  });
});
