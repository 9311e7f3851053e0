import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, upsertIdentity } from '../../../src/store/person.store.ts';
import { createPairing, enroll } from '../../../src/store/program.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { createReverseCohort } from '../../support/cycles.ts';
import { testBackends } from '../../support/databases.ts';

const DAY = 86_400_000;
/** A plan goal as the goal form takes it, inside 2026-inversa's execution (13 Dec – 19 Apr). */
const planGoal = {
  title: 'Adopción de firma electrónica',
  specific: 'Enseñar a Jorge a firmar oficios con firma electrónica avanzada',
  measurable: 'Firmar 20 oficios con firma electrónica en el mes',
  achievable: 'La institución ya tiene la plataforma',
  relevant: 'Reduce el tiempo de tramitación de oficios',
  dueDate: '2027-03-15',
  competencies: [] as string[],
  milestones: '',
};
const REPORT =
  'Realizamos cuatro sesiones de una hora: instalamos el certificado, practicamos con oficios de prueba y Jorge firmó 23 oficios reales en marzo.';

const words = {
  es: {
    language: 'idioma es',
    goalForm: 'meta formulario',
    goals: 'metas',
    approve: 'Aprobar',
    requestChanges: 'Pedir cambios',
    edit: 'Editar',
    measurable: 'Medible',
    submit: 'Enviar a revisión',
    report: 'informe',
    validate: 'Validar informe',
    evaluate: 'evaluar',
    pending: 'pendientes',
    onBehalf: 'admin en nombre de vale@reverse.invalid informe',
    expect: {
      colleagueRefused: 'En este programa el plan de mentoría lo escribe Valentina Rojas',
      comment: 'Indica cuántos oficios y en qué plazo',
      secondVersion: 'nueva versión (revisión 2) de una meta de su plan de mentoría con Jorge Pérez',
      reportComment: 'Agrega qué dificultades encontraron',
      editReport: 'Editar el informe',
      reportV2: 'nueva versión (versión 2) de su informe de trabajo',
      paperTold: 'Carmen Vega ingresó tu informe de trabajo desde el formulario en papel',
      reportFigure: 'Informes de trabajo (planes cumplidos): 1 de 1 validado',
      sent: 'ya está con la coordinación del programa para su revisión',
      card: 'Valentina Rojas envió una meta de su plan de mentoría con Jorge Pérez',
      approved: 'Carmen Vega aprobó tu meta «Adopción de firma electrónica»',
      plan: 'Tu plan de mentoría con Jorge Pérez (1 de 3 metas permitidas)',
      colleaguePlan: 'Plan de mentoría que Valentina Rojas lleva a cabo contigo',
      notYet: 'El informe de trabajo se abre el 20 de abril de 2027',
      reportSent: 'envié tu informe de trabajo a la coordinación del programa',
      reportCard: 'Valentina Rojas entregó su informe de trabajo del plan de mentoría con Jorge Pérez',
      validated: 'Carmen Vega validó tu informe de trabajo',
      colleagueTold: 'La coordinación validó el informe de trabajo de Valentina Rojas',
      noEvaluation: 'cierra con el informe de trabajo de su persona mentora',
      missingReport: 'sin informe de trabajo validado',
      tooShort: 'escribe al menos 40 caracteres',
    },
  },
  en: {
    language: 'language en',
    goalForm: 'goal form',
    goals: 'goals',
    approve: 'Approve',
    requestChanges: 'Request changes',
    edit: 'Edit',
    measurable: 'Measurable',
    submit: 'Submit for review',
    report: 'work report',
    validate: 'Validate report',
    evaluate: 'evaluate',
    pending: 'pending',
    onBehalf: 'admin on behalf of vale@reverse.invalid work report',
    expect: {
      colleagueRefused: 'In this program Valentina Rojas writes the mentoring plan',
      comment: 'Say how many letters and by when',
      secondVersion: 'new version (revision 2) of a goal of their mentoring plan with Jorge Pérez',
      reportComment: 'Add what difficulties you found',
      editReport: 'Edit the report',
      reportV2: 'new version (version 2) of their work report',
      paperTold: 'Carmen Vega entered your work report from the paper form',
      reportFigure: 'Work reports (plans carried out): 1 of 1 validated',
      sent: 'is now with the program coordination for review',
      card: 'Valentina Rojas submitted a goal of their mentoring plan with Jorge Pérez',
      approved: 'Carmen Vega approved your goal “Adopción de firma electrónica”',
      plan: 'Your mentoring plan with Jorge Pérez (1 of 3 goals allowed)',
      colleaguePlan: 'The mentoring plan Valentina Rojas carries out with you',
      notYet: 'The work report opens on April 20, 2027',
      reportSent: 'I sent your work report to the program’s coordination',
      reportCard: 'Valentina Rojas delivered their work report on the mentoring plan with Jorge Pérez',
      validated: 'Carmen Vega validated your work report',
      colleagueTold: 'The coordination validated Valentina Rojas’s work report',
      noEvaluation: 'closes with its mentor’s work report',
      missingReport: 'no validated work report',
      tooShort: 'write at least 40 characters',
    },
  },
} as const;

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe.each(['es', 'en'] as const)('a reverse program’s plan and work report, in %s', (lang) => {
    const w = words[lang];
    let chat: ChatDriver;
    let pairingId = '';
    let cycleId = '';
    const ids: Record<string, string> = {};
    const idOf = async (handle: string) => ids[handle] ?? chat.idOf(handle);
    const db = () => chat.db.db;

    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
      const { cycle } = await createReverseCohort(db(), chat.tenant.id);
      cycleId = cycle.id;
      const now = chat.clock.now();
      const person = async (handle: string, name: string, gender: 'f' | 'm', birthYear: number) => {
        const p = await createPerson(db(), chat.tenant.id, {
          name,
          email: `${handle}@reverse.invalid`,
          gender,
          birthYear,
          locale: 'es',
          timezone: 'America/Mexico_City',
        });
        await upsertIdentity(db(), {
          tenantId: chat.tenant.id,
          personId: p.id,
          platform: 'console',
          externalId: handle,
          conversationRef: null,
          now,
        });
        await db().updateTable('people').set({ privacy_notice_at: now }).where('id', '=', p.id).execute();
        return p;
      };
      const vale = await person('vale', 'Valentina Rojas', 'f', 1998);
      const jorge = await person('jorge', 'Jorge Pérez', 'm', 1966);
      ids.vale = vale.id;
      ids.jorge = jorge.id;
      await enroll(db(), { tenantId: chat.tenant.id, cycleId, personId: vale.id, role: 'mentor' });
      await enroll(db(), { tenantId: chat.tenant.id, cycleId, personId: jorge.id, role: 'mentee' });
      pairingId = (
        await createPairing(db(), chat.tenant.id, {
          cycleId,
          mentorId: vale.id,
          menteeId: jorge.id,
          createdAt: now,
        })
      ).id;
      for (const h of ['vale', 'jorge', 'carmen', 'diego']) await chat.as(h).says(w.language);
    });
    afterAll(async () => {
      await chat?.close();
    });

    it('has the mentor write the plan, not the colleague; the program’s admins validate it, not the mentor', async () => {
      expect(
        (
          await db()
            .selectFrom('pairings')
            .select('plan_author')
            .where('id', '=', pairingId)
            .executeTakeFirst()
        )?.plan_author,
      ).toBe('mentor');
      expect((await chat.as('jorge').says(w.goalForm)).text).toContain(w.expect.colleagueRefused);
      await chat.as('vale').says(w.goalForm);
      const sent = await chat.as('vale').fills(planGoal);
      expect(sent.text).toContain(w.expect.sent);
      // The card goes to the program's admins (Carmen), not to the mentor herself nor to the colleague.
      expect(chat.inbox('carmen').join('\n')).toContain(w.expect.card);
      expect(chat.inbox('jorge').join('\n')).not.toContain(w.expect.card);
      // Its author cannot validate her own plan; a director cannot either; an admin can.
      const refused = await chat.as('vale').clicksButtonOf('carmen', w.approve);
      expect(refused.text).not.toContain(w.expect.approved);
      const goal = await db()
        .selectFrom('goals')
        .select(['state', 'mentee_id'])
        .where('pairing_id', '=', pairingId)
        .executeTakeFirstOrThrow();
      expect(goal.state).toBe('submitted');
      await chat.as('diego').clicksButtonOf('carmen', w.approve);
      expect(
        (
          await db()
            .selectFrom('goals')
            .select('state')
            .where('pairing_id', '=', pairingId)
            .executeTakeFirstOrThrow()
        ).state,
      ).toBe('submitted');
      // Sent back with a comment: the mentor is told, with a button to edit; the new version comes back.
      await chat.as('carmen').clicks(w.requestChanges);
      await chat.as('carmen').fills({ comment: w.expect.comment });
      expect(chat.inbox('vale').join('\n')).toContain(w.expect.comment);
      await chat.as('vale').clicks(w.edit);
      await chat.as('vale').clicks(w.edit);
      await chat.as('vale').clicks(w.measurable);
      await chat.as('vale').says('Firmar 30 oficios con firma electrónica en el mes');
      await chat.as('vale').clicks(w.submit);
      expect(chat.inbox('carmen').join('\n')).toContain(w.expect.secondVersion);
      await chat.as('carmen').clicks(w.approve);
      expect(chat.inbox('vale').join('\n')).toContain(w.expect.approved);
      expect((await chat.as('vale').says(w.goals)).text).toContain(w.expect.plan);
      expect((await chat.as('jorge').says(w.goals)).text).toContain(w.expect.colleaguePlan);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'via'])
        .where('action', 'in', ['goal.submit', 'goal.approve', 'goal.request_changes'])
        .orderBy('at')
        .execute();
      expect(audit.map((a) => [a.action, a.actor_id, a.via])).toEqual([
        ['goal.submit', await idOf('vale'), 'chat'],
        ['goal.request_changes', await idOf('carmen'), 'chat'],
        ['goal.submit', await idOf('vale'), 'chat'],
        ['goal.approve', await idOf('carmen'), 'chat'],
      ]);
    });

    it('closes with the mentor’s work report: sent at closing, validated by an admin; no evaluation', async () => {
      // Before closing, the report is refused with the date it opens.
      await chat.as('vale').says(w.report);
      const early = await chat.as('vale').fills({ work_report: REPORT });
      expect(early.text).toContain(w.expect.notYet);
      chat.clock.set('2027-04-21T15:00:00Z');
      expect((await chat.as('vale').says(w.evaluate)).text).toContain(w.expect.noEvaluation);
      const opened = await chat.as('vale').says(w.report);
      const form = opened.form;
      expect(form?.fields[0]?.id).toBe('work_report');
      // Too short: named, nothing kept; the same form corrected goes through.
      const submit = (text: string) =>
        chat.send('vale', {
          kind: 'form',
          actionId: form?.actionId ?? '',
          value: form?.value ?? '',
          fields: { work_report: text },
          submissionId: form?.submissionId,
        });
      expect((await submit('Listo.')).reply.formErrors?.work_report).toContain(w.expect.tooShort);
      expect(await db().selectFrom('work_reports').selectAll().execute()).toEqual([]);
      expect((await submit(REPORT)).text).toContain(w.expect.reportSent);
      // A PDF shared afterwards joins the report; the admins can download it.
      const pdf = Buffer.from('%PDF-1.4\n% informe\n');
      await chat.send('vale', { kind: 'file', name: 'informe.pdf', size: pdf.length, read: async () => pdf });
      const carmen = chat.inbox('carmen').join('\n');
      expect(carmen).toContain(w.expect.reportCard);
      expect(carmen).toContain(REPORT);
      // The colleague may not validate; the director may not; the mentor may not.
      for (const h of ['jorge', 'diego', 'vale']) await chat.as(h).clicksButtonOf('carmen', w.validate);
      expect((await db().selectFrom('work_reports').select('state').executeTakeFirstOrThrow()).state).toBe(
        'submitted',
      );
      await chat.as('carmen').clicks(w.requestChanges);
      await chat.as('carmen').fills({ comment: w.expect.reportComment });
      expect((await db().selectFrom('work_reports').select('state').executeTakeFirstOrThrow()).state).toBe(
        'changes_requested',
      );
      expect(chat.inbox('vale').join('\n')).toContain(w.expect.reportComment);
      const reopened = await chat.as('vale').clicks(w.expect.editReport);
      expect(reopened.text).toContain(w.expect.reportComment);
      expect(reopened.form?.fields[0]?.initial).toBe(REPORT);
      await chat.as('vale').fills({ work_report: `${REPORT} Dificultad: la VPN de la institución.` });
      expect(chat.inbox('carmen').join('\n')).toContain(w.expect.reportV2);
      const card = chat.findButton('carmen', w.validate).button;
      await chat.as('carmen').clicks(w.validate);
      expect((await db().selectFrom('work_reports').select('state').executeTakeFirstOrThrow()).state).toBe(
        'validated',
      );
      expect(chat.inbox('vale').join('\n')).toContain(w.expect.validated);
      expect(chat.inbox('jorge').join('\n')).toContain(w.expect.colleagueTold);
      // A second click (another device, a double click) changes nothing and says so.
      const again = await chat.as('carmen').clicksRaw(card.actionId, card.value);
      expect(again.text).toContain(lang === 'es' ? 'ya fue validado' : 'already validated');
      expect(
        await db()
          .selectFrom('audit_log')
          .select('action')
          .where('action', '=', 'work_report.validate')
          .execute(),
      ).toHaveLength(1);
      expect((await chat.as('carmen').says('admin reporte 2026-inversa')).text).toContain(
        w.expect.reportFigure,
      );
      const file = await db()
        .selectFrom('work_reports')
        .select(['file_name', 'file'])
        .executeTakeFirstOrThrow();
      expect(file.file_name).toBe('informe.pdf');
      expect(Buffer.from(file.file ?? []).equals(pdf)).toBe(true);
    });

    it('lets an admin enter a mentor’s report from paper, on their behalf, after the window', async () => {
      await db().updateTable('work_reports').set({ state: 'changes_requested' }).execute();
      chat.clock.set('2027-05-20T15:00:00Z'); // the cycle ended on 10 May
      expect((await chat.as('jorge').says(w.onBehalf)).text).not.toContain('Valentina');
      const opened = await chat.as('carmen').says(w.onBehalf);
      expect(opened.form?.actionId).toBe('work_report.form');
      await chat.as('carmen').fills({ work_report: `${REPORT} (formulario en papel)` });
      expect(
        await db().selectFrom('work_reports').select(['state', 'entered_by']).executeTakeFirstOrThrow(),
      ).toEqual({
        state: 'submitted',
        entered_by: await idOf('carmen'),
      });
      expect(chat.inbox('vale').join('\n')).toContain(w.expect.paperTold);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['via', 'on_behalf_of'])
        .where('action', '=', 'work_report.submit')
        .orderBy('at', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({ via: 'on_behalf', on_behalf_of: await idOf('vale') });
    });

    it('keeps the report in the pair’s history: its words for the pair and the admins, its state for directors', async () => {
      const history = lang === 'es' ? 'historial' : 'my history';
      const adminHistory = `${lang === 'es' ? 'admin historial' : 'admin history'} jorge@reverse.invalid 2026-inversa`;
      const sent = lang === 'es' ? 'Informe de trabajo enviado' : 'Work report sent';
      for (const [handle, command] of [
        ['vale', history],
        ['jorge', history],
        ['carmen', adminHistory],
      ] as const) {
        const text = (await chat.as(handle).says(command)).text;
        expect(text).toContain(sent);
        expect(text).toContain('Realizamos cuatro sesiones');
      }
      const director = (await chat.as('diego').says(adminHistory)).text;
      expect(director).toContain(sent);
      expect(director).not.toContain('Realizamos cuatro sesiones');
    });

    it('reads the validated report, not an evaluation, for the reverse program’s diploma', async () => {
      // Four sessions held (the program's minimum) and no plenaries: the report is all it takes.
      const results = async () => (await chat.as('carmen').says(`admin diplomas 2026-inversa`)).text;
      await db().updateTable('work_reports').set({ state: 'submitted' }).execute();
      expect(await results()).toContain(w.expect.missingReport);
      await db().updateTable('work_reports').set({ state: 'validated' }).execute();
      for (let i = 0; i < 4; i++)
        await db()
          .insertInto('sessions')
          .values({
            tenant_id: chat.tenant.id,
            id: `s-${i}`,
            pairing_id: pairingId,
            starts_at: new Date(Date.parse('2027-01-10T15:00:00Z') + i * 7 * DAY),
            duration_minutes: 60,
            place: null,
            agenda: null,
            notes: null,
            agreements: null,
            reason: null,
            state: 'held',
            proposed_by: await idOf('vale'),
            created_at: chat.clock.now(),
            updated_at: chat.clock.now(),
          })
          .execute();
      const text = await results();
      expect(text).not.toContain(w.expect.missingReport);
      expect(text).toContain('Valentina Rojas');
    });
  });
});
