import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../adapters/http/server.ts';
import type { Block } from '../../../src/messages/model.ts';
import { downloadHandler } from '../../../src/services/downloads.ts';
import { LinkSigner } from '../../../src/services/links.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { anaQualifies } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

type FileBlock = Extract<Block, { type: 'file' }>;
const filesOf = (blocks: Block[]) => blocks.filter((b): b is FileBlock => b.type === 'file');

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('results, diplomas, charts and links for admins and directors', () => {
    let chat: ChatDriver;
    let server: Server;
    let base = '';
    const signer = new LinkSigner('a-test-secret-of-at-least-32-characters!');
    const idOf = (handle: string) => chat.idOf(handle);

    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', {
        backend,
        links: { signer, baseUrl: 'https://mentoria.test', ttlHours: 24 },
      });
      server = createHttpServer({
        files: downloadHandler({ db: chat.db.db, clock: chat.clock, chat: chat.memory }, signer),
        health: async () => true,
      });
      base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
      // Ana: one approved goal and its final evaluation delivered; Sofía: nothing yet.
      await anaQualifies(chat);
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
      await chat.close();
    });

    let xlsxLink = '';
    it('gives a director each participant’s results as Excel and CSV, with personal links', async () => {
      expect((await chat.as('ana').says('admin resultados')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      const answer = await chat.as('diego').says('admin resultados');
      // A classic program's diploma is the mentees': Ana meets the requirements, Sofía not yet;
      // the mentors take part without one (the same figure as the report's).
      expect(answer.text).toContain(
        '4 participantes. Diploma (personas mentoradas): cumplen los requisitos 1 de 2.',
      );
      const files = filesOf(answer.reply.messages[0]?.blocks ?? []);
      expect(files.map((f) => f.name)).toEqual([
        expect.stringMatching(/^resultados-.*\.xlsx$/),
        expect.stringMatching(/\.csv$/),
      ]);
      const csv = Buffer.from(files[1]?.content ?? '', files[1]?.encoding ?? 'utf8').toString('utf8');
      // For a Spanish reader, as Excel in es-MX opens it: `;` between cells.
      expect(csv.startsWith('\uFEFFNombre;Correo;Rol;Género')).toBe(true);
      expect(csv).toContain(
        'Ana Torres;ana@demo.mentoria.invalid;persona mentorada;mujer;;;Luis Herrera;1;1;0;0;0;0;;Entregada;4;9;sí;',
      );
      expect(csv).toContain(
        'Sofía Rivas;sofia@demo.mentoria.invalid;persona mentorada;mujer;;;Marta Díaz;0;0;0;0;0;0;;;;;no;sin evaluación final entregada',
      );
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(files[0]?.content ?? '', 'base64') as never);
      const sheet = workbook.getWorksheet('Resultados');
      expect(sheet?.rowCount).toBe(5);
      expect(sheet?.getRow(1).getCell(1).value).toBe('Nombre');
      // The details HR asks for: each goal with its outcome and rating, and the survey answers.
      const header = ((sheet?.getRow(1).values ?? []) as string[]).slice(1);
      expect(header).toEqual(
        expect.arrayContaining(['Satisfacción (1–5)', 'Recomendaría el programa (0–10)']),
      );
      const goals = workbook.getWorksheet('Metas');
      expect(((goals?.getRow(1).values ?? []) as string[]).slice(1)).toEqual([
        'Persona mentorada',
        'Correo',
        'Persona mentora',
        'Meta',
        'Estado',
        'Fecha límite',
        'Hitos cumplidos',
        'Resultado en la evaluación final',
        'Calificación (1–5)',
      ]);
      expect(((goals?.getRow(2).values ?? []) as unknown[]).slice(1)).toEqual([
        'Ana Torres',
        'ana@demo.mentoria.invalid',
        'Luis Herrera',
        'Liderar la mesa de ayuda',
        'Aprobada',
        '2027-03-15',
        '',
        'Lograda',
        5,
      ]);
      expect(goals?.rowCount).toBe(2); // Sofía has no goal yet
      xlsxLink = files[0]?.link ?? '';
      expect(xlsxLink).toMatch(/^https:\/\/mentoria\.test\/files\/[\w-]+\.[\w-]+$/);
      expect(answer.text).toContain('enlace personal, vence el');
    });

    // Recorded User-Agent headers: Edge on Windows 11, Safari on an iPhone.
    const EDGE_WINDOWS =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
    const SAFARI_IPHONE =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    const fetchLink = (link: string, cookie?: string, userAgent = EDGE_WINDOWS) =>
      fetch(link.replace('https://mentoria.test', base), {
        headers: { 'user-agent': userAgent, ...(cookie ? { cookie } : {}) },
      });

    it('serves the link only to its person, once they confirm in chat; refuses tampering and expiry', async () => {
      chat.inbox('diego');
      // A browser opens Diego's link: nothing yet; Diego is asked in chat whether it was him.
      const first = await fetchLink(xlsxLink);
      expect(first.status).toBe(202);
      expect(await first.text()).toContain('confirma en Slack o Teams que eres tú');
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
      expect(cookie).toMatch(/^mentoria_dl=[\w-]{20,}$/);
      expect(chat.inbox('diego').at(-1)).toContain('Alguien abrió tu enlace personal de descarga');
      expect(chat.inbox('diego').at(-1)).toContain('desde Microsoft Edge en Windows.');
      expect((await fetchLink(xlsxLink, cookie)).status).toBe(202);
      // Opened again and again by browsers without the cookie: one question every few minutes.
      const asked = chat.inbox('diego').length;
      for (let i = 0; i < 5; i++) {
        const again = await fetchLink(xlsxLink, undefined, SAFARI_IPHONE);
        expect(again.status).toBe(429);
        expect(again.headers.get('set-cookie')).toBeNull();
        expect(await again.text()).toContain('Hace un momento ya pedí confirmar esta descarga');
      }
      expect(chat.inbox('diego')).toHaveLength(asked);
      // Someone else opening the forwarded link later only makes Diego be asked again, naming
      // their browser; they cannot confirm it.
      chat.clock.advance(6 * 60_000);
      const other = await fetchLink(xlsxLink, undefined, SAFARI_IPHONE);
      expect(other.status).toBe(202);
      expect(chat.inbox('diego')).toHaveLength(asked + 1);
      expect(chat.inbox('diego').at(-1)).toContain('desde Safari en iOS.');
      expect((await chat.as('carmen').clicksButtonOf('diego', 'Sí, fui yo: descargar')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      // Diego confirms the first request: that browser, and only it, gets the file.
      const buttons = chat
        .notifications('diego')
        .flatMap((m) => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])));
      const firstButton = buttons.find((b) => b.actionId === 'download.approve') as {
        actionId: string;
        value: string;
      };
      expect((await chat.as('diego').clicksRaw(firstButton.actionId, firstButton.value)).text).toBe(
        'Confirmado: la descarga continúa en tu navegador.',
      );
      const ok = await fetchLink(xlsxLink, cookie);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('spreadsheetml');
      expect(ok.headers.get('content-disposition')).toContain('resultados-');
      expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      const otherCookie = (other.headers.get('set-cookie') ?? '').split(';')[0] as string;
      expect((await fetchLink(xlsxLink, otherCookie)).status).toBe(202);
      // The same link re-addressed to someone else, or altered in any way: the signature fails.
      const [body, mac] = xlsxLink.split('/files/')[1]?.split('.') ?? [];
      const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify({ ...claims, p: await idOf('carmen') })).toString(
        'base64url',
      );
      expect((await fetchLink(`https://mentoria.test/files/${forged}.${mac}`)).status).toBe(403);
      expect((await fetchLink(`${xlsxLink.slice(0, -2)}xx`)).status).toBe(403);
      expect((await fetch(`${base}/files/%E0%A4%A`)).status).toBe(403);
      expect((await fetch(`${base}/files/${'a'.repeat(5000)}`)).status).toBe(403);
      // A link for someone who cannot read reports opens nothing, even when correctly signed.
      const forAna = signer.sign({ ...claims, p: await idOf('ana') });
      expect((await fetchLink(`https://mentoria.test/files/${forAna}`)).status).toBe(403);
      const downloads = await chat.db.db
        .selectFrom('audit_log')
        .select('actor_id')
        .where('action', '=', 'report.download')
        .execute();
      expect(downloads).toEqual([{ actor_id: await idOf('diego') }]);
      chat.clock.advance(25 * 3_600_000);
      expect((await fetchLink(xlsxLink, cookie)).status).toBe(410);
      chat.clock.advance(-25 * 3_600_000);
    });

    it('lists who qualifies for a diploma and why not, with the certificates as a PDF', async () => {
      const answer = await chat.as('carmen').says('admin diplomas');
      expect(answer.text).toContain('(personas mentoradas): cumplen los requisitos 1 de 2');
      expect(answer.text).toContain('• Ana Torres');
      expect(answer.text).not.toContain('Luis Herrera');
      expect(answer.text).toContain('• Sofía Rivas: sin evaluación final entregada');
      const [pdf] = filesOf(answer.reply.messages[0]?.blocks ?? []);
      expect(pdf?.mimeType).toBe('application/pdf');
      expect(
        Buffer.from(pdf?.content ?? '', 'base64')
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    it('attaches a chart of the main figures to the chat report', async () => {
      const answer = await chat.as('diego').says('admin reporte');
      const [chart] = filesOf(answer.reply.messages[0]?.blocks ?? []);
      expect(chart?.mimeType).toBe('image/png');
      const png = Buffer.from(chart?.content ?? '', 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5_000);
    });

    it('exports a person’s data and erases a person only for admins, after confirmation, once', async () => {
      expect((await chat.as('diego').says('admin borrar sofia@demo.mentoria.invalid')).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      const exported = await chat.as('carmen').says('admin exportar ana@demo.mentoria.invalid');
      const [json] = filesOf(exported.reply.messages[0]?.blocks ?? []);
      expect(JSON.parse(json?.content ?? '{}').person.name).toBe('Ana Torres');
      const ask = await chat.as('carmen').says('admin borrar sofia@demo.mentoria.invalid');
      expect(ask.text).toContain('¿Anonimizar a Sofía Rivas');
      const { button } = chat.findButton('carmen', 'Anonimizar');
      expect((await chat.as('carmen').clicks('Anonimizar')).text).toContain(
        'Listo: Sofía Rivas fue anonimizada',
      );
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'Esa persona ya fue anonimizada.',
      );
      const sofia = await chat.db.db
        .selectFrom('people')
        .select(['name', 'email'])
        .where('id', '=', JSON.parse(button.value).person)
        .executeTakeFirstOrThrow();
      expect(sofia).toEqual({ name: '—', email: null });
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'person.%')
        .orderBy('at')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['person.export', 'person.erase']);
    });
  });
});
