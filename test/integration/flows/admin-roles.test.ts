import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver } from '../../support/conversation.ts';

describe('an admin names other admins and directors from the chat', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z', { adminEmails: ['luis@demo.mentoria.invalid'] });
    await chat.as('marta').says('hola');
    chat.inbox('marta');
  });
  afterAll(async () => {
    await chat.close();
  });

  const roleOf = async (email: string) =>
    (
      await chat.db.db
        .selectFrom('people')
        .select('tenant_role')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).tenant_role;

  it("answers a coordinator's «metas» and «sesiones» with where the cycle's goals and sessions are", async () => {
    for (const command of ['metas', 'sesiones']) {
      const answer = (await chat.as('carmen').says(command)).text;
      expect(answer).toContain('«pendientes» muestra las metas por estado');
      expect(answer).not.toContain('No participas en ninguna pareja');
    }
    // Someone who is neither staff nor in a pair hears just that.
    await chat.as('pablo').says('hola');
    expect((await chat.as('pablo').says('metas')).text).toBe(
      'No participas en ninguna pareja de mentoría activa.',
    );
    // The admin help no longer offers «metas» as an admin command.
    expect((await chat.as('carmen').says('ayuda')).text).not.toContain('«metas» — metas por estado');
  });

  it('refuses anyone who is not an admin, and changes nothing', async () => {
    expect((await chat.as('diego').says('admin agregar admin diego@demo.mentoria.invalid')).text).toBe(
      'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
    );
    expect((await chat.as('ana').says('admin agregar director ana@demo.mentoria.invalid')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect(await roleOf('diego@demo.mentoria.invalid')).toBe('director');
    expect(await roleOf('ana@demo.mentoria.invalid')).toBeNull();
  });

  it('makes a director from the address Slack formats, tells that person, and records who did it', async () => {
    const answer = await chat
      .as('carmen')
      .says('admin agregar director <mailto:marta@demo.mentoria.invalid|marta@demo.mentoria.invalid>');
    expect(answer.text).toBe('Listo: Marta Díaz ahora es directora del programa.');
    expect(await roleOf('marta@demo.mentoria.invalid')).toBe('director');
    expect(chat.inbox('marta')).toEqual(['Carmen Vega te nombró directora del programa en Mentoría.']);
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', '=', 'tenant.role')
      .execute();
    expect(audit).toEqual([{ action: 'tenant.role', data: { from: null, to: 'director' } }]);
    // The new director reads the cycle's figures.
    expect((await chat.as('marta').says('admin reporte')).text).toContain('Reporte del ciclo');
  });

  it('answers clearly for an unknown address, the same grant twice, and oneself', async () => {
    expect((await chat.as('carmen').says('admin agregar director nadie@demo.mentoria.invalid')).text).toBe(
      'No encontré a nadie con el correo nadie@demo.mentoria.invalid. Importa primero la nómina o pídele que escriba al bot.',
    );
    expect((await chat.as('carmen').says('admin agregar director marta@demo.mentoria.invalid')).text).toBe(
      'Marta Díaz ya es directora.',
    );
    expect((await chat.as('carmen').says('admin add director carmen@demo.mentoria.invalid')).text).toBe(
      'No puedes cambiar tu propio rol: pídeselo a otra persona administradora.',
    );
    expect(await roleOf('carmen@demo.mentoria.invalid')).toBe('admin');
    const grants = await chat.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'tenant.role')
      .execute();
    expect(grants).toHaveLength(1);
  });

  it('takes a role back: the person is told, loses access, and a second removal changes nothing', async () => {
    expect((await chat.as('carmen').says('admin quitar director marta@demo.mentoria.invalid')).text).toBe(
      'Listo: Marta Díaz ya no es directora del programa.',
    );
    expect(await roleOf('marta@demo.mentoria.invalid')).toBeNull();
    expect(chat.inbox('marta')).toEqual([
      'Carmen Vega te nombró directora del programa en Mentoría.',
      'Carmen Vega te quitó el rol de directora del programa en Mentoría.',
    ]);
    expect((await chat.as('marta').says('admin reporte')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect((await chat.as('carmen').says('admin remove director marta@demo.mentoria.invalid')).text).toBe(
      'Marta Díaz no es directora: no hay nada que quitar.',
    );
    const changes = await chat.db.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'tenant.role')
      .orderBy('at')
      .execute();
    expect(changes.map((c) => c.data)).toEqual([
      { from: null, to: 'director' },
      { from: 'director', to: null },
    ]);
  });

  it('does not take the role from someone named in ADMIN_EMAILS, who would get it back at once', async () => {
    await chat.as('luis').says('pendientes'); // ADMIN_EMAILS: admin from this message on
    expect(await roleOf('luis@demo.mentoria.invalid')).toBe('admin');
    expect((await chat.as('carmen').says('admin quitar admin luis@demo.mentoria.invalid')).text).toBe(
      'Luis Herrera figura en ADMIN_EMAILS: quítalo de la configuración del bot para que deje de administrar el programa.',
    );
    expect(await roleOf('luis@demo.mentoria.invalid')).toBe('admin');
  });
});
