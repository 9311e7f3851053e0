import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../adapters/http/server.ts';
import { normaliseCertificateNumber } from '../../../src/domain/certificate.ts';
import type { Block, Form } from '../../../src/messages/model.ts';
import { verifyHandler } from '../../../src/services/certificate.service.ts';
import { cliOn } from '../../support/cli.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { anaQualifies } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';
import { logoPng } from '../../support/images.ts';

type FileBlock = Extract<Block, { type: 'file' }>;
const filesOf = (blocks: Block[]) => blocks.filter((b): b is FileBlock => b.type === 'file');
const SETTINGS = {
  institution: 'Servicio Civil de Chile',
  signer1Name: 'María José Pérez',
  signer1Position: 'Directora Nacional',
  signer2Name: 'Juan Soto',
  signer2Position: 'Jefe de Desarrollo de Personas',
  signer3Name: '',
  signer3Position: '',
};

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('certificates an institution can sign', () => {
    let chat: ChatDriver;
    let server: Server;
    let base = '';
    const db = () => chat.db.db;
    const cli = cliOn(() => chat.db);
    const design = () => db().selectFrom('certificate_designs').selectAll().executeTakeFirst();
    const certificates = () => db().selectFrom('certificates').selectAll().orderBy('person_id').execute();
    const share = (handle: string, name: string, bytes: Buffer) =>
      chat.send(handle, { kind: 'file', name, size: bytes.length, read: async () => bytes });
    const page = (path: string, language = 'es-CL,es;q=0.9') =>
      fetch(`${base}${path}`, { headers: { 'accept-language': language } });

    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', {
        backend,
        links: {
          signer: new (await import('../../../src/services/links.ts')).LinkSigner(
            'a-test-secret-of-at-least-32-characters!',
          ),
          baseUrl: 'https://mentoria.test',
          ttlHours: 24,
        },
      });
      server = createHttpServer({ verify: verifyHandler({ db: db() }), health: async () => true });
      base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
      await anaQualifies(chat);
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
      await chat.close();
    });

    it('lets only admins set the institution and signatories; a corrected form is saved, audited', async () => {
      expect((await chat.as('diego').says('admin diploma ajustes')).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect((await chat.as('ana').says('admin diploma ajustes')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      // A PNG before the institution is named: refused with what to do first.
      const early = await share('carmen', 'logo.png', logoPng());
      expect(early.text).toContain('Primero escribe «admin diploma ajustes»');
      const opened = await chat.as('carmen').says('admin diploma ajustes');
      const form = opened.form as Form;
      expect(form.fields.map((f) => f.id)).toEqual(Object.keys(SETTINGS));
      // A signature with a name and no position is named and nothing is saved.
      const submit = (fields: Record<string, string>) =>
        chat.send('carmen', {
          kind: 'form',
          actionId: form.actionId,
          value: form.value,
          fields,
          submissionId: form.submissionId,
        });
      const refused = await submit({ ...SETTINGS, signer2Position: '' });
      expect(refused.reply.formErrors).toEqual({
        signer2Position: 'Falta el cargo de quien firma (o deja vacío también el nombre).',
      });
      expect(await design()).toBeUndefined();
      // The same form instance, corrected (Slack resends it with the same view hash): saved.
      const saved = await submit(SETTINGS);
      expect(saved.text).toContain('Listo: guardé cómo se ven los diplomas de «Programa de Mentoría»');
      expect(saved.text).toContain('Juan Soto — Jefe de Desarrollo de Personas');
      expect(await design()).toMatchObject({
        institution: 'Servicio Civil de Chile',
        signatories: [
          { name: 'María José Pérez', position: 'Directora Nacional' },
          { name: 'Juan Soto', position: 'Jefe de Desarrollo de Personas' },
        ],
        logo: null,
      });
      // The same submission once more (a double click) does nothing.
      expect((await submit(SETTINGS)).text).toContain('Ya recibí este formulario');
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'certificate.design')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('takes a PNG shared in chat as the logo, after asking for which program; refuses what is not one', async () => {
      const fake = Buffer.from('GIF89a not really an image at all, but named .png');
      expect((await share('carmen', 'logo.png', fake)).text).toContain('«logo.png» no es una imagen PNG');
      // A PNG header on damaged data: refused before it could break every diploma.
      const damaged = Buffer.concat([logoPng().subarray(0, 40), Buffer.alloc(200, 7)]);
      const asked = await share('carmen', 'roto.png', damaged);
      expect(asked.text).toContain('¿En los diplomas de qué programa lo uso?');
      expect((await chat.as('carmen').clicks('Usar en «Programa de Mentoría»')).text).toContain(
        'No pude leer «roto.png» como imagen',
      );
      expect((await design())?.logo).toBeNull();
      // A participant sharing a PNG is refused; nothing is asked.
      expect((await share('ana', 'logo.png', logoPng())).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      const good = await share('carmen', 'logo.png', logoPng());
      expect(good.text).toContain('Recibí «logo.png» (240 × 80 px)');
      const set = await chat.as('carmen').clicks('Usar en «Programa de Mentoría»');
      expect(set.text).toContain('llevan ahora este logo');
      expect(Buffer.from((await design())?.logo ?? []).equals(logoPng())).toBe(true);
      const sample = await chat.as('carmen').clicks('Ver un diploma de ejemplo');
      const [pdf] = filesOf(sample.reply.messages.flatMap((m) => m.blocks));
      expect(pdf?.name).toBe('diploma-muestra.pdf');
      expect(
        Buffer.from(pdf?.content ?? '', 'base64')
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      // A sample issues nothing.
      expect(await certificates()).toEqual([]);
    });

    let number = '';
    it('issues a numbered certificate to each person who qualifies, once, whoever downloads the diplomas', async () => {
      const first = await chat.as('carmen').says('admin diplomas');
      expect(filesOf(first.reply.messages[0]?.blocks ?? [])[0]?.mimeType).toBe('application/pdf');
      const issued = await certificates();
      expect(issued.map((c) => c.person_id)).toEqual([await chat.idOf('ana')]);
      number = issued[0]?.number ?? '';
      expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      chat.clock.advance(3 * 24 * 3_600_000);
      await chat.as('diego').says('admin diplomas');
      expect(await certificates()).toEqual(issued);
    });

    it('shows whose certificate a number is on the public page, and nothing more; unknown numbers say so', async () => {
      const valid = await page(`/verify/${number}`);
      expect(valid.status).toBe(200);
      expect(valid.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      const html = await valid.text();
      expect(html).toContain('Certificado válido');
      expect(html).toContain(
        'Ana Torres recibió este diploma en el ciclo «2026-demo» del programa «Programa de Mentoría», otorgado por Servicio Civil de Chile el 23 de noviembre de 2026.',
      );
      expect(html).not.toContain('ana@demo.mentoria.invalid');
      expect(html).not.toContain('Luis');
      // As copied by hand: lower case, no dashes, O for 0.
      const typed = number.toLowerCase().replaceAll('-', '').replaceAll('0', 'o');
      expect(normaliseCertificateNumber(typed)).toBe(number);
      expect((await page(`/verify/${typed}`)).status).toBe(200);
      const english = await (await page(`/verify/${number}`, 'en-US,en;q=0.9')).text();
      expect(english).toContain('Valid certificate');
      expect(english).toContain('granted by Servicio Civil de Chile on November 23, 2026');
      const other = number.endsWith('0') ? `${number.slice(0, -1)}1` : `${number.slice(0, -1)}0`;
      const unknown = await page(`/verify/${other}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('No existe un certificado con ese número');
      const malformed = await page(`/verify/${encodeURIComponent('<script>alert(1)</script>')}`);
      expect(malformed.status).toBe(404);
      expect(await malformed.text()).not.toContain('<script>');
    });

    it('answers one address only so fast: past the burst, 429 with Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await page(`/verify/${number}`)).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
      const limited = await page(`/verify/${number}`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('checks a number on the command line and in chat (admins), and forgets it once its holder is erased', async () => {
      const valid = await cli('certificate', 'verify', number.toLowerCase());
      expect(valid.code).toBe(0);
      expect(valid.out).toContain(`Valid: certificate ${number}, issued on 2026-11-23 to Ana Torres`);
      expect((await cli('certificate', 'verify', 'AAAA-BBBB-CCCC')).code).toBe(1);
      expect((await cli('certificate', 'verify', 'nonsense')).err).toContain('is not a certificate number');
      expect((await chat.as('carmen').says(`admin verificar ${number}`)).text).toContain(
        'Certificado válido: Ana Torres recibió este diploma',
      );
      expect((await chat.as('sofia').says(`admin verificar ${number}`)).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      await chat.as('carmen').says('admin borrar ana@demo.mentoria.invalid');
      await chat.as('carmen').clicks('Anonimizar');
      expect((await cli('certificate', 'verify', number)).code).toBe(1);
    });

    it('speaks English to an English-speaking admin', async () => {
      await chat.as('carmen').says('language en');
      const opened = await chat.as('carmen').says('admin certificate settings');
      expect(opened.form?.title).toBe('The program’s diplomas');
      expect(opened.form?.fields[1]?.label).toBe('Signature 1: name');
      const refused = await chat.as('carmen').fills({ ...SETTINGS, institution: 'X' });
      expect(refused.reply.formErrors).toEqual({
        institution: 'Write the institution’s name (at least 2 characters).',
      });
      const sample = await chat.as('carmen').says('admin certificate sample');
      expect(sample.text).toContain(
        'This is how a diploma of “Programa de Mentoría” looks (a sample: no certificate was issued).',
      );
      expect(filesOf(sample.reply.messages[0]?.blocks ?? [])[0]?.name).toBe('sample-diploma.pdf');
      expect((await chat.as('carmen').says('admin verify 1234')).text).toBe(
        'That is not a certificate number: it has 12 letters and digits in three groups, like 7K3Q-9XPD-2HRM.',
      );
      expect((await share('carmen', 'photo.gif', Buffer.from('GIF89a'))).text).toContain(
        'a PNG image as the diplomas’ logo',
      );
      await chat.as('carmen').says('idioma es');
    });

    it('sets the design on the command line too, every value checked, and removes the logo', async () => {
      const bad = await cli(
        'certificate',
        'settings',
        '--program',
        'Programa de Mentoría',
        '--signatory',
        'Solo nombre',
      );
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('Nothing was changed');
      const good = await cli(
        'certificate',
        'settings',
        '--program',
        'Programa de Mentoría',
        '--institution',
        'Secretaría de la Función Pública',
        '--signatory',
        'Ana Lucía Gómez|Titular de la Unidad de Política de Recursos Humanos',
        '--no-logo',
      );
      expect(good.code).toBe(0);
      expect(good.out).toBe(
        'Diplomas of "Programa de Mentoría": granted by Secretaría de la Función Pública; signed by Ana Lucía Gómez (Titular de la Unidad de Política de Recursos Humanos); no logo.',
      );
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'via'])
        .where('action', 'like', 'certificate.%')
        .orderBy('at')
        .execute();
      expect(audit.map((a) => `${a.action}/${a.via}`)).toEqual([
        'certificate.design/chat',
        'certificate.logo/chat',
        'certificate.design/cli',
        'certificate.logo_removed/cli',
      ]);
    });
  });
});
