import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../../src/domain/program.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { testBackends } from '../../support/databases.ts';

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('program settings from chat: a form filled with what they are, every field checked, audited', () => {
    let chat: ChatDriver;
    const settings = async () =>
      (await chat.db.db.selectFrom('programs').select('settings').executeTakeFirstOrThrow())
        .settings as Record<string, unknown>;
    const initials = (answer: { form?: { fields: { id: string; initial?: unknown }[] } | undefined }) =>
      Object.fromEntries((answer.form?.fields ?? []).map((f) => [f.id, f.initial]));
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend });
    });
    afterAll(async () => {
      await chat.close();
    });

    it('is for admins: a mentee and a director are refused and nothing opens', async () => {
      const mentee = await chat.as('ana').says('admin programa ajustes');
      expect(mentee.text).toBe('No puedes hacer eso: no te corresponde en este programa.');
      expect(mentee.form).toBeUndefined();
      const director = await chat.as('diego').says('admin programa ajustes');
      expect(director.text).toBe('Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.');
      expect(director.form).toBeUndefined();
      expect((await chat.as('carmen').says('admin programa ajustes Otro programa')).text).toBe(
        'No encontré el programa «Otro programa». «admin programas» muestra sus nombres.',
      );
    });

    it('opens the form filled in, refuses wrong values field by field and changes nothing', async () => {
      const before = await settings();
      const now = parseSettings('classic', before);
      const opened = await chat.as('carmen').says('admin programa ajustes');
      expect(opened.text).toBe(
        'Ajustes del programa «Programa de Mentoría»: valen para sus ciclos desde ahora.',
      );
      expect(initials(opened)).toEqual({
        capacity: String(now.mentorCapacity),
        minSessions: String(now.minSessions),
        maxGoals: String(now.maxGoalsPerMentee),
        attendance: '85',
        weekday: '1',
        quietStart: '20:00',
        quietEnd: '08:00',
        reminders: '24, 1',
        retention: '',
      });
      const weekday = opened.form?.fields.find((f) => f.id === 'weekday');
      expect(weekday?.kind === 'single_choice' && weekday.options?.map((o) => o.label)).toEqual([
        'lunes',
        'martes',
        'miércoles',
        'jueves',
        'viernes',
        'sábado',
        'domingo',
      ]);
      const bad = await chat.as('carmen').fills({
        capacity: '0',
        minSessions: '4',
        maxGoals: '3',
        attendance: '157',
        weekday: '3',
        quietStart: '20:00',
        quietEnd: '20:00',
        reminders: 'mañana',
      });
      expect(Object.keys(bad.reply.formErrors ?? {})).toEqual([
        'capacity',
        'attendance',
        'quietEnd',
        'reminders',
      ]);
      expect(bad.text).toContain('Revisa estos datos; no se guardó nada:');
      expect(bad.text).toContain(
        '• Asistencia a plenarias para el diploma (%): Escribe un número entero entre 0 y 100.',
      );
      expect(await settings()).toEqual(before);
    });

    it('saves them, says what they are now, takes effect, and records before and after', async () => {
      await chat.as('carmen').says('admin programa ajustes Programa de mentoría');
      const saved = await chat.as('carmen').fills({
        capacity: '2',
        minSessions: '6',
        maxGoals: '2',
        attendance: '80',
        weekday: '3',
        quietStart: '21:00',
        quietEnd: '07:30',
        reminders: '1, 48',
      });
      expect(saved.text).toContain('Listo: guardé los ajustes del programa «Programa de Mentoría».');
      expect(saved.text).toContain('Día del avance semanal: miércoles');
      expect(saved.text).toContain('Horario sin mensajes: de 21:00 a 07:30');
      expect(saved.text).toContain(
        'Recordatorios antes de cada sesión (horas): 48 horas antes, 1 hora antes',
      );
      expect(await settings()).toMatchObject({
        mentorCapacity: 2,
        minSessions: 6,
        maxGoalsPerMentee: 2,
        attendanceThreshold: 0.8,
        checkinWeekday: 3,
        quietHours: { start: '21:00', end: '07:30' },
        reminderOffsetsHours: [48, 1],
      });
      // What the other commands read: the directory shows the new capacity and minimum.
      expect((await chat.as('carmen').says('admin programas')).text).toMatch(/Programa de Mentoría.*2.*6/);
      const audit = await chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'via', 'data'])
        .where('action', '=', 'program.settings')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.via).toBe('chat');
      expect(audit[0]?.data).toMatchObject({ before: { mentorCapacity: 1 }, after: { mentorCapacity: 2 } });
    });

    it('works in English, and an empty reminders field means no session reminders', async () => {
      await chat.as('carmen').says('language en');
      const opened = await chat.as('carmen').says('admin program settings');
      expect(opened.form?.title).toBe('Program settings');
      expect(initials(opened)).toMatchObject({ capacity: '2', weekday: '3', reminders: '48, 1' });
      const saved = await chat.as('carmen').fills({
        capacity: '2',
        minSessions: '6',
        maxGoals: '2',
        attendance: '80',
        weekday: '5',
        quietStart: '21:00',
        quietEnd: '07:30',
        reminders: '',
      });
      expect(saved.text).toContain('Done: I saved the settings of the program “Programa de Mentoría”.');
      expect(saved.text).toContain('Weekly check-in day: Friday');
      expect(saved.text).toContain('Reminders before each session (hours): none');
      expect(await settings()).toMatchObject({ checkinWeekday: 5, reminderOffsetsHours: [] });
    });
  });
});
