import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { testBackends } from '../../support/databases.ts';

describe.each(testBackends().map((b) => [b.name, b] as const))('on %s', (_name, backend) => {
  describe('changing or cancelling a plenary: everyone who heard of it is told, a weekend is confirmed first', () => {
    let chat: ChatDriver;
    let dispatcher: Dispatcher;
    const plenaries = () =>
      chat.db.db
        .selectFrom('plenaries')
        .select(['title', 'starts_at', 'duration_minutes'])
        .orderBy('starts_at')
        .execute();
    const startReminders = () =>
      chat.db.db
        .selectFrom('nudges')
        .select(['due_at', 'status'])
        .where('kind', '=', 'plenary')
        .where('slot', '=', 'start')
        .execute();
    const audit = () =>
      chat.db.db
        .selectFrom('audit_log')
        .select(['action', 'data'])
        .where('action', 'like', 'plenary.%')
        .orderBy('at')
        .execute();
    beforeAll(async () => {
      chat = await ChatDriver.start('2026-11-23T16:00:00Z', { backend }); // Monday 10:00 in Mexico City
      dispatcher = chat.dispatcher();
      await chat.as('luis').says('language en');
      await chat.as('carmen').says('admin plenaria nueva');
      await chat.as('carmen').fills({ title: 'Apertura', date: '2026-11-25', time: '10:00', minutes: '90' });
      await dispatcher.drain();
    });
    afterAll(async () => {
      await chat.close();
    });

    it('opens the form filled with the plenary as it is, for admins only', async () => {
      expect((await chat.as('ana').says('admin plenaria editar 1')).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      expect((await chat.as('diego').says('admin plenaria editar 1')).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      expect((await chat.as('carmen').says('admin plenaria editar 7')).text).toContain(
        'No hay una plenaria número 7',
      );
      const opened = await chat.as('carmen').says('admin plenaria editar 1');
      expect(opened.text).toBe(
        'Cambios a la plenaria «Apertura»: todas las personas participantes recibirán el aviso.',
      );
      expect(opened.form?.title).toBe('Cambiar plenaria');
      expect(
        Object.fromEntries((opened.form?.fields ?? []).map((f) => [f.id, 'initial' in f ? f.initial : ''])),
      ).toEqual({ title: 'Apertura', date: '2026-11-25', time: '10:00', minutes: '90' });
      // Saved as it was: nothing to tell anyone.
      expect(
        (
          await chat
            .as('carmen')
            .fills({ title: 'Apertura', date: '2026-11-25', time: '10:00', minutes: '90' })
        ).text,
      ).toBe('Nada cambió en esa plenaria: no avisé a nadie.');
    });

    it('moves the plenary and its attendance button, and tells each participant in their language', async () => {
      const before = chat.inbox('ana').length;
      await chat.as('carmen').says('admin plenaria editar 1');
      const done = await chat
        .as('carmen')
        .fills({ title: 'Apertura del ciclo', date: '2026-11-26', time: '11:30', minutes: '60' });
      expect(done.text).toMatch(/^Listo: la plenaria «Apertura del ciclo» queda para el .*26.*11:30/);
      expect(await plenaries()).toEqual([
        { title: 'Apertura del ciclo', starts_at: new Date('2026-11-26T17:30:00Z'), duration_minutes: 60 },
      ]);
      expect((await startReminders()).map((r) => r.due_at)).toEqual(
        Array(4).fill(new Date('2026-11-26T17:30:00Z')),
      );
      await dispatcher.drain();
      expect(chat.inbox('ana').slice(before)).toEqual([
        expect.stringMatching(
          /^Cambió la plenaria «Apertura»: ahora es «Apertura del ciclo», el .*11:30.* \(60 min\)/,
        ),
      ]);
      expect(chat.inbox('luis').at(-1)).toMatch(
        /^Plenary “Apertura” changed: it is now “Apertura del ciclo”, on .*11:30/,
      );
      expect(chat.inbox('carmen').filter((m) => m.includes('Apertura del ciclo'))).toEqual([]);
      // The old time passes without an attendance button; the new one brings it.
      chat.clock.set('2026-11-25T16:05:00Z');
      await dispatcher.drain();
      expect(chat.inbox('ana').join('\n')).not.toContain('Comienza la plenaria');
      const data = (await audit()).at(-1);
      expect(data?.action).toBe('plenary.update');
      expect(data?.data).toMatchObject({
        title: 'Apertura',
        newTitle: 'Apertura del ciclo',
        startsAt: '2026-11-25T16:00:00.000Z',
        newStartsAt: '2026-11-26T17:30:00.000Z',
        told: 4,
      });
    });

    it('asks before scheduling on a weekend, schedules once the admin confirms, and a second click does nothing', async () => {
      await chat.as('carmen').says('admin plenaria nueva');
      const asked = await chat
        .as('carmen')
        .fills({ title: 'Cierre', date: '2026-11-28', time: '09:00', minutes: '120' });
      expect(asked.text).toMatch(
        /^La plenaria «Cierre» quedaría el sábado, 28 de noviembre, 09:00 .*: es fin de semana/,
      );
      expect(asked.text).toContain('es fin de semana. ¿La dejo así?');
      expect(asked.buttons).toEqual(['Sí, programarla en fin de semana']);
      expect((await plenaries()).map((p) => p.title)).toEqual(['Apertura del ciclo']); // nothing yet
      const { button } = chat.findButton('carmen', 'Sí, programarla en fin de semana');
      expect((await chat.as('diego').clicksRaw(button.actionId, button.value)).text).toBe(
        'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
      );
      const yes = await chat.as('carmen').clicks('Sí, programarla en fin de semana');
      expect(yes.reply.replaceOriginal && yes.text).toContain('Listo: plenaria «Cierre» programada para el');
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'Esa plenaria ya quedó programada: no la programé dos veces.',
      );
      expect((await plenaries()).map((p) => p.title)).toEqual(['Apertura del ciclo', 'Cierre']);
      await dispatcher.drain();
      expect(chat.inbox('sofia').filter((m) => m.startsWith('Plenaria «Cierre»'))).toHaveLength(1);
    });

    it('asks before moving a plenary to a weekend, in English too', async () => {
      await chat.as('carmen').says('language en');
      await chat.as('carmen').says('admin edit plenary 1');
      const asked = await chat
        .as('carmen')
        .fills({ title: 'Apertura del ciclo', date: '2026-11-29', time: '11:30', minutes: '60' });
      expect(asked.text).toMatch(
        /^Plenary “Apertura del ciclo” would be on Sunday, November 29, 11:30 .*: that is a weekend/,
      );
      expect(asked.buttons).toEqual(['Yes, move it to the weekend']);
      expect((await plenaries())[0]?.starts_at).toEqual(new Date('2026-11-26T17:30:00Z'));
      const { button } = chat.findButton('carmen', 'Yes, move it to the weekend');
      const yes = await chat.as('carmen').clicks('Yes, move it to the weekend');
      expect(yes.text).toMatch(/^Done: plenary “Apertura del ciclo” is now on .*29/);
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'Nothing changed in that plenary: no one was told.',
      );
      await dispatcher.drain();
      expect(
        chat
          .inbox('luis')
          .filter((m) => m.startsWith('Plenary “Apertura del ciclo” moved: it is now on Sunday')),
      ).toHaveLength(1);
    });

    it('cancels after asking, deletes its reminders, and tells everyone; a started one cannot change', async () => {
      await chat.as('carmen').says('idioma es');
      // Numbered as `admin plenarias` lists them, by date: «Cierre» (Saturday) is now the first.
      const asked = await chat.as('carmen').says('admin plenaria cancelar 1');
      expect(asked.text).toMatch(/^¿Cancelar la plenaria «Cierre» del .*28.*\? Avisaré a todas las personas/);
      expect((await plenaries()).length).toBe(2); // asking changes nothing
      const { button } = chat.findButton('carmen', 'Sí, cancelar la plenaria');
      expect((await chat.as('ana').clicksRaw(button.actionId, button.value)).text).toBe(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      const done = await chat.as('carmen').clicks('Sí, cancelar la plenaria');
      expect(done.text).toMatch(/^Listo: cancelé la plenaria «Cierre» del /);
      expect((await plenaries()).map((p) => p.title)).toEqual(['Apertura del ciclo']);
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toContain(
        'No encontré',
      );
      await dispatcher.drain();
      expect(chat.inbox('ana').at(-1)).toMatch(
        /^Se canceló la plenaria «Cierre» del .*No cuenta para la asistencia/,
      );
      expect(chat.inbox('luis').at(-1)).toMatch(/^Plenary “Cierre” on .* was cancelled\./);
      // Its attendance button never comes.
      chat.clock.set('2026-11-28T15:05:00Z');
      await dispatcher.drain();
      expect(chat.inbox('ana').join('\n')).not.toContain('Comienza la plenaria «Cierre»');
      expect((await audit()).map((a) => a.action)).toEqual([
        'plenary.create',
        'plenary.update',
        'plenary.create',
        'plenary.update',
        'plenary.cancel',
      ]);
      // Once it began, the remaining plenary is kept as it was.
      chat.clock.set('2026-11-29T17:31:00Z');
      expect((await chat.as('carmen').says('admin plenaria editar 1')).text).toBe(
        'Esa plenaria ya comenzó: ya no se puede cambiar ni cancelar.',
      );
      expect((await chat.as('carmen').says('admin plenaria cancelar 1')).text).toBe(
        'Esa plenaria ya comenzó: ya no se puede cambiar ni cancelar.',
      );
    });

    it('does not cancel a plenary that began, whose attendance is being marked', async () => {
      await chat.as('carmen').says('admin plenaria nueva');
      await chat.as('carmen').fills({ title: 'Taller', date: '2026-12-02', time: '10:00', minutes: '60' });
      const { button } = await (async () => {
        await chat.as('carmen').says('admin plenaria cancelar 2');
        return chat.findButton('carmen', 'Sí, cancelar la plenaria');
      })();
      chat.clock.set('2026-12-02T16:10:00Z');
      await dispatcher.drain();
      await chat.as('ana').clicks('Estoy presente');
      expect((await chat.as('carmen').clicksRaw(button.actionId, button.value)).text).toBe(
        'Esa plenaria ya comenzó: ya no se puede cambiar ni cancelar.',
      );
      expect((await plenaries()).map((p) => p.title)).toEqual(['Apertura del ciclo', 'Taller']);
    });
  });
});
