import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataKind, VIEWERS, VISIBILITY, type Viewer } from '../../../src/domain/visibility.ts';
import type { Block } from '../../../src/messages/model.ts';
import type { Answer, ChatDriver as Driver } from '../../support/conversation.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { goalFields } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

const HOUR = 3_600_000;
const ANA = 'ana@demo.mentoria.invalid';

const words = {
  es: {
    language: 'idioma es',
    pending: 'pendientes',
    requestChanges: 'Pedir cambios',
    approve: 'Aprobar',
    edit: 'Editar',
    measurable: 'Medible',
    submit: 'Enviar a revisión',
    newSession: 'sesión nueva',
    tomorrow: 'mañana 10:00',
    send: 'Enviar propuesta',
    accept: 'Aceptar',
    sessions: 'sesiones',
    held: 'Sí, se realizó',
    notHeld: 'No se realizó',
    checkin: 'avance',
    restriction: 'Restricción',
    reply: 'Responder',
    evaluate: 'evaluar',
    achieved: 'Lograda',
    save: 'Guardar evaluación',
    release: 'Conversación final realizada: entregar a Ana Torres',
    acknowledge: 'Acuso recibo',
    history: 'historial',
    adminHistory: `admin historial ${ANA}`,
    audit: 'admin auditoría',
    expect: {
      title: 'Historial de Ana Torres',
      own: 'Tu historial',
      with: 'en pareja con Luis Herrera',
      sessions: '2 sesiones (1 realizada)',
      alerts: '1 alerta o restricción (0 resueltas)',
      adminSees: 'las notas de cada sesión son de la pareja',
      usage: 'Escribe «admin historial <correo>»',
      unknown: 'nadie@x.org',
    },
  },
  en: {
    language: 'language en',
    pending: 'pending',
    requestChanges: 'Request changes',
    approve: 'Approve',
    edit: 'Edit',
    measurable: 'Measurable',
    submit: 'Submit for review',
    newSession: 'new session',
    tomorrow: 'tomorrow 10:00',
    send: 'Send proposal',
    accept: 'Accept',
    sessions: 'sessions',
    held: 'Yes, it happened',
    notHeld: 'It did not happen',
    checkin: 'check-in',
    restriction: 'Restriction',
    reply: 'Reply',
    evaluate: 'evaluate',
    achieved: 'Achieved',
    save: 'Save evaluation',
    release: 'Final conversation held: release to Ana Torres',
    acknowledge: 'Acknowledge',
    history: 'my history',
    adminHistory: `admin history <mailto:${ANA}|${ANA}>`,
    audit: 'admin audit',
    expect: {
      title: 'History of Ana Torres',
      own: 'Your history',
      with: 'paired with Luis Herrera',
      sessions: '2 sessions (1 held)',
      alerts: '1 alert or restriction (0 resolved)',
      adminSees: 'each session’s notes belong to the pair',
      usage: 'Type “admin history <email>”',
      unknown: 'nadie@x.org',
    },
  },
} as const;

/** A distinct word written into each kind of record, to find it (or not) in what a reader gets. */
const MARK: Partial<Record<DataKind, string>> = {
  goals: 'Reducir el tiempo de respuesta MARKGOAL',
  review_comments: 'MARKREVIEW indica cuántas personas',
  session_notes: 'MARKNOTES repasamos el plan',
  session_agreements: 'MARKAGREE enviar la minuta',
  session_reasons: 'MARKREASON licencia médica',
  checkin_notes: 'MARKCHECKIN la sala no estuvo',
  mentor_replies: 'MARKREPLY busquemos otra sala',
  evaluation_comments: 'MARKSTRENGTH escucha activa',
  survey_comments: 'MARKSURVEY muy útil',
  survey_mentor_note: 'MARKMENTORNOTE gran apoyo',
};

/** All the text an answer shows and the cells of the workbook it carries. */
async function seen(answer: Answer): Promise<{ text: string; file: string; name?: string }> {
  const file = answer.reply.messages
    .flatMap((m) => m.blocks)
    .find((b): b is Extract<Block, { type: 'file' }> => b.type === 'file');
  let cells = '';
  if (file) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        cells += `${(row.values as unknown[]).slice(1).join(' | ')}\n`;
      }),
    );
  }
  return { text: answer.text, file: cells, name: file?.name };
}

/** Whether a record of this kind, written by the mentee, shows to a reader of this role. */
function expected(kind: DataKind, viewer: Viewer, released: boolean): boolean {
  const access = VISIBILITY[kind][viewer];
  if (access === 'all') return true;
  if (access === 'released') return released;
  // Survey answers are the mentee's own; the rest was written by the pair.
  if (access === 'own') return viewer === 'mentee';
  return false;
}

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe.each(['es', 'en'] as const)('a pair’s history in %s', (lang) => {
    const w = words[lang];
    let chat: Driver;
    const readers: Record<Viewer, { handle: string; command: string }> = {
      mentee: { handle: 'ana', command: w.history },
      mentor: { handle: 'luis', command: w.history },
      admin: { handle: 'carmen', command: w.adminHistory },
      director: { handle: 'diego', command: w.adminHistory },
    };
    const read = async (viewer: Viewer) =>
      seen(await chat.as(readers[viewer].handle).says(readers[viewer].command));

    beforeAll(async () => {
      chat = await ChatDriver.start(undefined, { backend });
      const ana = chat.as('ana');
      const luis = chat.as('luis');
      for (const h of ['ana', 'luis', 'carmen', 'diego', 'sofia']) await chat.as(h).says(w.language);
      // A goal, sent back with a comment, revised and approved.
      await ana.says('meta formulario');
      await ana.fills({
        ...goalFields(MARK.goals as string),
        milestones: 'Primeras cuatro reuniones; 15/01/2027',
      });
      await luis.says(w.pending);
      await luis.clicks(w.requestChanges);
      await luis.fills({ comment: MARK.review_comments as string });
      await ana.clicks(w.edit);
      await ana.clicks(w.edit);
      await ana.clicks(w.measurable);
      await ana.says('Responder 95 % de las solicitudes en 5 días');
      await ana.clicks(w.submit);
      await luis.says(w.pending);
      await luis.clicks(w.approve);
      // One session held with notes and agreements, one that did not happen, with its reason.
      for (const outcome of ['held', 'not_held'] as const) {
        await luis.says(w.newSession);
        await luis.says(w.tomorrow);
        await luis.says('60');
        await luis.says('Sala 3');
        await luis.says('-');
        await luis.clicks(w.send);
        await ana.clicks(w.accept);
        chat.clock.advance(26 * HOUR);
        await ana.says(w.sessions);
        if (outcome === 'held') {
          await ana.clicks(w.held);
          await ana.fills({
            notes: MARK.session_notes as string,
            agreements: MARK.session_agreements as string,
          });
        } else {
          await ana.clicks(w.notHeld);
          await ana.fills({ reason: MARK.session_reasons as string });
        }
      }
      // A check-in with a restriction the mentor answers.
      chat.clock.advance(20 * 24 * HOUR);
      await ana.says(w.checkin);
      await ana.says('40');
      await ana.clicks(w.restriction);
      await ana.says(MARK.checkin_notes as string);
      await ana.says('30/01/2027');
      await luis.clicks(w.reply);
      await luis.fills({ reply: MARK.mentor_replies as string });
      // The final evaluation, saved but not yet released.
      chat.clock.advance(130 * 24 * HOUR);
      await luis.says(w.evaluate);
      await luis.clicks(w.achieved);
      await luis.clicks('5');
      await luis.says('Excelente trabajo');
      await luis.says(MARK.evaluation_comments as string);
      await luis.says('Delegar tareas');
      await luis.says('-');
      await luis.clicks(w.save);
    });
    afterAll(async () => {
      await chat?.close();
    });

    it('keeps the evaluation from the mentee until it is released, and shows it to the mentor', async () => {
      const mentee = await read('mentee');
      expect(mentee.text + mentee.file).not.toContain('MARKSTRENGTH');
      expect(mentee.text + mentee.file).not.toContain('★');
      const mentor = await read('mentor');
      expect(mentor.file).toContain('MARKSTRENGTH');
      expect(mentor.file).toContain('★★★★★');
    });

    it('shows each reader what the table of who sees what lets them see, cell by cell', async () => {
      await chat.as('luis').clicks(w.release);
      await chat.as('ana').clicks(w.acknowledge);
      await chat.as('ana').clicks('4');
      await chat.as('ana').clicks('9');
      await chat.as('ana').says(MARK.survey_comments as string);
      await chat.as('ana').says(MARK.survey_mentor_note as string);
      for (const viewer of VIEWERS) {
        const { file } = await read(viewer);
        for (const [kind, mark] of Object.entries(MARK) as [DataKind, string][]) {
          const word = mark.split(' ')[0] as string;
          expect({ viewer, kind, shown: file.includes(word) }).toEqual({
            viewer,
            kind,
            shown: expected(kind, viewer, true),
          });
        }
        // Outcomes and ratings (stars), survey ratings and sessions, by the same table.
        expect({ viewer, stars: file.includes('★★★★★') }).toEqual({
          viewer,
          stars: expected('evaluation_outcomes', viewer, true),
        });
        const rating = lang === 'es' ? 'satisfacción 4 de 5' : 'satisfaction 4 of 5';
        expect({ viewer, rating: file.includes(rating) }).toEqual({
          viewer,
          rating: expected('survey_ratings', viewer, true),
        });
        expect(file).toContain(lang === 'es' ? 'Realizada' : 'Held');
      }
      // The audit log is the admins' only.
      for (const viewer of VIEWERS) {
        const answer = await chat.as(readers[viewer].handle).says(w.audit);
        const hasFile = answer.reply.messages.some((m) => m.blocks.some((b) => b.type === 'file'));
        expect({ viewer, hasFile }).toEqual({ viewer, hasFile: VISIBILITY.audit_log[viewer] === 'all' });
      }
    });

    it('tells the coordinator the history in one message with the file, and records that it was read', async () => {
      const admin = await read('admin');
      expect(admin.text).toContain(w.expect.title);
      expect(admin.text).toContain(w.expect.with);
      expect(admin.text).toContain(w.expect.sessions);
      expect(admin.text).toContain(w.expect.alerts);
      expect(admin.text).toContain(w.expect.adminSees);
      expect(admin.name).toMatch(/\.xlsx$/);
      // Every revision and decision is in the file, in order.
      const lines = admin.file.split('\n');
      const at = (word: string) => lines.findIndex((l) => l.includes(word));
      expect(at('MARKREVIEW')).toBeGreaterThan(0);
      expect(at('MARKAGREE')).toBeGreaterThan(at('MARKREVIEW'));
      expect(at('MARKCHECKIN')).toBeGreaterThan(at('MARKAGREE'));
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('action', '=', 'history.view')
        .execute();
      expect(audit.length).toBeGreaterThan(0);
      expect(audit[0]?.subject_id).toBe(await chat.idOf('ana'));
    });

    it('gives the mentee and the mentor their own history', async () => {
      const mentee = await read('mentee');
      expect(mentee.text).toContain(w.expect.own);
      expect(mentee.text).toContain(w.expect.with);
      const mentor = await read('mentor');
      expect(mentor.text).toContain(w.expect.own);
      expect(mentor.text).toContain('Ana Torres');
    });

    it('refuses someone else’s history to a participant, and answers unknown addresses and a missing one', async () => {
      const refused = await chat.as('sofia').says(w.adminHistory);
      expect(refused.text).not.toContain('MARK');
      expect(refused.reply.messages.some((m) => m.blocks.some((b) => b.type === 'file'))).toBe(false);
      // Her own history, on the other hand, is hers (she has a pair).
      expect((await chat.as('sofia').says(w.history)).text).toContain(w.expect.own);
      expect((await chat.as('carmen').says(w.adminHistory.split(' ').slice(0, 2).join(' '))).text).toContain(
        w.expect.usage,
      );
      expect(
        (await chat.as('carmen').says(`${w.adminHistory.split(' ').slice(0, 2).join(' ')} nadie@x.org`)).text,
      ).toContain(w.expect.unknown);
    });
  });
});
