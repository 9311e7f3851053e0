import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../../src/services/privacy.service.ts';
import { createCycle, enroll } from '../../../src/store/program.store.ts';
import { cycleFigures } from '../../../src/store/report.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { testBackends } from '../../support/databases.ts';

const NOTICE = { es: 'Tus datos en Mentoría', en: 'Your data in Mentoría' };
const DAY = 86_400_000;

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('the privacy notice at a person’s first contact', () => {
    let chat: ChatDriver;
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { privacyNotice: 'pending', backend });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('comes once per person, with their first answer, in their language', async () => {
      const first = await chat.as('ana').says('ayuda');
      expect(first.text).toContain(NOTICE.es);
      expect(first.text).toContain('las notas de cada sesión solo las ve la pareja');
      expect(first.text).toContain('hasta que pidas borrarlo');
      expect((await chat.as('ana').says('ayuda')).text).not.toContain(NOTICE.es);
      // Another process answering later does not show it again.
      chat.restart();
      expect((await chat.as('ana').says('metas')).text).not.toContain(NOTICE.es);
      const luis = await chat.as('luis').says('language en');
      expect(luis.text).toContain(NOTICE.en);
      expect(luis.text).toContain('each session’s notes are the pair’s only');
      expect((await chat.as('luis').says('help')).text).not.toContain(NOTICE.en);
    });

    it('tells staff what is kept about them (the audit) and what they see of others, not a participant’s notice', async () => {
      const carmen = await chat.as('carmen').says('ayuda');
      expect(carmen.text).toContain(NOTICE.es);
      expect(carmen.text).toContain('en la auditoría, cada cambio que haces');
      expect(carmen.text).not.toContain('Lo ven tu pareja de mentoría');
      const diego = await chat.as('diego').says('language en');
      expect(diego.text).toContain('in the audit log, every change you make');
      expect((await chat.as('diego').says('help')).text).not.toContain(NOTICE.en);
      const marta = await chat.as('marta').says('ayuda');
      expect(marta.text).toContain('Lo ven tu pareja de mentoría');
      expect(marta.text).not.toContain('en la auditoría');
    });

    it('names the retention when the program sets one', async () => {
      await chat.as('carmen').says('admin programa ajustes');
      const refused = await chat.as('carmen').fills({
        capacity: '1',
        minSessions: '0',
        maxGoals: '3',
        attendance: '85',
        weekday: '1',
        quietStart: '20:00',
        quietEnd: '08:00',
        reminders: '24, 1',
        retention: '0',
      });
      expect(refused.reply.formErrors).toEqual({ retention: 'Escribe un número entero entre 1 y 120.' });
      await chat.as('carmen').says('admin programa ajustes');
      const saved = await chat.as('carmen').fills({
        capacity: '1',
        minSessions: '0',
        maxGoals: '3',
        attendance: '85',
        weekday: '1',
        quietStart: '20:00',
        quietEnd: '08:00',
        reminders: '24, 1',
        retention: '6',
      });
      expect(saved.text).toContain(
        'Anonimizar a participantes (meses tras el cierre): 6 meses después del cierre',
      );
      const sofia = await chat.as('sofia').says('hola');
      expect(sofia.text).toContain('Se anonimiza 6 meses después del cierre de tu último ciclo');
    });
  });

  describe('the retention setting, applied by the scheduler', () => {
    let chat: ChatDriver;
    const db = () => chat.db.db;
    const erased = async () =>
      (
        await db()
          .selectFrom('people')
          .select('email')
          .where('erased_at', 'is not', null)
          .orderBy('id')
          .execute()
      ).length;
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('does nothing while it is off, however long ago the cycle ended', async () => {
      const cycle = await db().selectFrom('cycles').select('ends').executeTakeFirstOrThrow();
      chat.clock.set(new Date(Date.parse(`${cycle.ends}T12:00:00Z`) + 5 * 365 * DAY).toISOString());
      expect(await applyRetention({ db: db(), clock: chat.clock })).toBe(0);
      expect(await erased()).toBe(0);
    });

    it('anonymises the participants once their last cycle ended that many months ago; not staff, not before', async () => {
      const program = await db().selectFrom('programs').select(['id', 'settings']).executeTakeFirstOrThrow();
      await db()
        .updateTable('programs')
        .set({ settings: JSON.stringify({ ...(program.settings as object), retentionMonths: 6 }) })
        .execute();
      const cycle = await db().selectFrom('cycles').selectAll().executeTakeFirstOrThrow();
      // Marta also mentors in a later cycle, still within its retention: she is kept.
      const later = await createCycle(db(), chat.tenant.id, {
        programId: program.id,
        name: '2027-2',
        timezone: cycle.timezone,
        enrollmentStarts: '2027-06-01',
        goalSettingStarts: '2027-06-22',
        executionStarts: '2027-07-13',
        closingStarts: '2027-11-01',
        ends: '2027-11-30',
      });
      await enroll(db(), {
        tenantId: chat.tenant.id,
        cycleId: later.id,
        personId: await chat.idOf('marta'),
        role: 'mentor',
      });
      const figures = await cycleFigures(db(), chat.tenant.id, cycle.id);
      const ends = Date.parse(`${cycle.ends}T12:00:00Z`);
      // The day before six months have passed: nobody.
      const sixMonths = new Date(ends);
      sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
      chat.clock.set(new Date(sixMonths.getTime() - DAY).toISOString());
      expect(await applyRetention({ db: db(), clock: chat.clock })).toBe(0);
      chat.clock.set(sixMonths.toISOString());
      const done = await applyRetention({ db: db(), clock: chat.clock });
      const people = await db()
        .selectFrom('people')
        .select(['name', 'email', 'erased_at', 'tenant_role'])
        .execute();
      const left = people.filter((p) => p.erased_at === null).map((p) => p.email);
      // Ana, Luis and Sofía are anonymised; Marta (later cycle), Carmen and Diego (staff) are not.
      expect(left.sort()).toEqual(
        ['carmen@demo.mentoria.invalid', 'diego@demo.mentoria.invalid', 'marta@demo.mentoria.invalid'].sort(),
      );
      expect(done).toBe(people.length - left.length);
      expect(done).toBeGreaterThanOrEqual(3);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'via', 'data'])
        .where('action', '=', 'person.retention_erase')
        .execute();
      expect(audit).toHaveLength(done);
      expect(audit[0]).toMatchObject({ actor_id: null, via: 'system', data: { months: 6 } });
      // The cycle's figures keep counting them.
      expect(await cycleFigures(db(), chat.tenant.id, cycle.id)).toEqual(figures);
      // Run again: nothing more to do.
      expect(await applyRetention({ db: db(), clock: chat.clock })).toBe(0);
    });
  });
});
