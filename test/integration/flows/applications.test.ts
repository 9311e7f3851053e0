import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { planTick } from '../../../src/scheduler/planner.ts';
import { createPerson, upsertIdentity } from '../../../src/store/person.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { FAST_LIMITS } from '../../support/nudges.ts';

/** The demo program with three people outside it: an applicant, a supervisor and another applicant. */
async function withApplicants(): Promise<ChatDriver> {
  const chat = await ChatDriver.start('2026-11-23T16:00:00Z');
  for (const p of [
    { handle: 'pablo', name: 'Pablo Núñez' },
    { handle: 'jefa', name: 'Julia Fernández' },
    { handle: 'irene', name: 'Irene Campos' },
  ]) {
    const person = await createPerson(chat.db.db, chat.tenant.id, {
      name: p.name,
      email: `${p.handle}@demo.mentoria.invalid`,
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    await upsertIdentity(chat.db.db, {
      tenantId: chat.tenant.id,
      personId: person.id,
      platform: 'console',
      externalId: p.handle,
      conversationRef: { handle: p.handle },
      now: chat.clock.now(),
    });
  }
  // Like the demo's people, they have already seen the privacy notice (it has its own test).
  await chat.db.db.updateTable('people').set({ privacy_notice_at: chat.clock.now() }).execute();
  return chat;
}

describe('applications with the supervisor’s endorsement (Chile’s model)', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await withApplicants();
  });
  afterAll(async () => {
    await chat.close();
  });

  const applications = () =>
    chat.db.db
      .selectFrom('applications as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.name', 'a.role', 'a.endorsement', 'a.state', 'a.topics'])
      .orderBy('p.name')
      .execute();

  it('opens the window only for admins; people apply while it is open', async () => {
    expect((await chat.as('pablo').says('postular')).text).toBe(
      'No hay postulaciones abiertas en este momento.',
    );
    expect((await chat.as('luis').says('admin abrir postulaciones hasta 2026-12-10')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    // The demo cycle is in goal setting: too late to take applications for it.
    expect((await chat.as('carmen').says('admin abrir postulaciones hasta 2026-12-10')).text).toBe(
      'La apertura de postulaciones cerró el 21 de noviembre de 2026.',
    );
    // A cycle still enrolling (goal setting from 14 December) takes them.
    await chat.db.db
      .updateTable('cycles')
      .set({ goal_setting_starts: '2026-12-14', execution_starts: '2027-01-04' })
      .where('tenant_id', '=', chat.tenant.id)
      .execute();
    expect((await chat.as('carmen').says('admin abrir postulaciones hasta 2026-11-01')).text).toContain(
      'Esa fecha ya pasó',
    );
    expect((await chat.as('carmen').says('admin abrir postulaciones hasta 2026-12-10')).text).toContain(
      'hasta el 10 de diciembre de 2026 inclusive',
    );
    expect((await chat.as('ana').says('postular')).text).toContain('Ya participas en el ciclo');
  });

  it('takes an application and asks the named supervisor, refusing bad values in the form', async () => {
    const opened = await chat.as('pablo').says('postular');
    expect(opened.form?.fields.map((f) => f.id)).toEqual(['role', 'motivation', 'topics', 'supervisor']);
    const refused = await chat.as('pablo').fills({
      role: 'mentee',
      motivation: 'Quiero aprender a liderar',
      topics: '',
      supervisor: 'pablo@demo.mentoria.invalid',
    });
    expect(refused.reply.formErrors).toEqual({ supervisor: 'Tu jefatura debe ser otra persona.' });
    expect(await applications()).toEqual([]);
    await chat.as('pablo').says('postular');
    const sent = await chat.as('pablo').fills({
      role: 'mentee',
      motivation: 'Quiero aprender a liderar equipos',
      topics: 'Liderazgo; datos',
      supervisor: '<mailto:jefa@demo.mentoria.invalid|jefa@demo.mentoria.invalid>',
    });
    expect(sent.text).toBe(
      'Postulación enviada. Le pedí el aval a Julia Fernández; te aviso cuando responda.',
    );
    expect(chat.inbox('jefa').at(-1)).toContain('Pablo Núñez postula como persona mentorada al ciclo');
    expect(chat.inbox('jefa').at(-1)).toContain('[Avalar] [No avalar]');
    expect((await chat.as('pablo').says('postular')).text).toContain('Tu postulación al ciclo');
  });

  it('lets only the supervisor endorse, once; an admin selects only endorsed applications, once', async () => {
    expect((await chat.as('luis').clicksButtonOf('jefa', 'Avalar')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    const list = await chat.as('carmen').says('admin postulaciones');
    expect(list.text).toContain(
      'Pablo Núñez* — persona mentorada — jefatura: Julia Fernández (aval pendiente) — en revisión',
    );
    expect((await chat.as('carmen').clicks('Seleccionar')).text).toBe(
      'Para seleccionar a Pablo Núñez falta el aval de su jefatura (aval pendiente).',
    );
    const { button } = chat.findButton('jefa', 'Avalar');
    expect((await chat.as('jefa').clicks('Avalar')).text).toBe(
      'Avalaste la postulación de Pablo Núñez. ¡Gracias!',
    );
    expect((await chat.as('jefa').clicksRaw(button.actionId, button.value)).text).toBe(
      'Ya respondiste la solicitud de aval de Pablo Núñez.',
    );
    expect(chat.inbox('pablo').at(-1)).toBe(
      'Julia Fernández avaló tu postulación. Ahora la revisa la coordinación del programa.',
    );
    const select = chat.findButton('carmen', 'Seleccionar').button;
    expect((await chat.as('carmen').clicks('Seleccionar')).text).toBe(
      'Listo: seleccioné la postulación de Pablo Núñez y le inscribí en el ciclo. Se le avisó.',
    );
    expect((await chat.as('carmen').clicksRaw(select.actionId, select.value)).text).toContain(
      'La postulación de Pablo Núñez ya fue decidida (seleccionada)',
    );
    expect(chat.inbox('pablo').at(-1)).toContain('¡Buenas noticias! Tu postulación al ciclo');
    const enrolled = await chat.db.db
      .selectFrom('enrollments as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select(['e.role', 'p.topics'])
      .where('p.email', '=', 'pablo@demo.mentoria.invalid')
      .execute();
    expect(enrolled).toEqual([{ role: 'mentee', topics: ['Liderazgo', 'datos'] }]);
  });

  it('asks a supervisor who never wrote to the bot by email, and tells a person not selected', async () => {
    await chat.as('irene').says('postular');
    await chat.as('irene').fills({
      role: 'mentor',
      motivation: 'Puedo enseñar herramientas digitales',
      topics: 'datos',
      supervisor: 'director.area@externo.gob',
    });
    await chat.as('carmen').says('admin postulaciones');
    await chat.as('carmen').clicks('No seleccionar');
    expect(chat.inbox('irene').at(-1)).toContain('En esta ocasión tu postulación no fue seleccionada');
    expect(await applications()).toEqual([
      { name: 'Irene Campos', role: 'mentor', endorsement: 'pending', state: 'rejected', topics: ['datos'] },
      {
        name: 'Pablo Núñez',
        role: 'mentee',
        endorsement: 'endorsed',
        state: 'selected',
        topics: ['Liderazgo', 'datos'],
      },
    ]);
    expect((await chat.as('diego').says('admin postulaciones')).buttons).toEqual([]); // directors read only
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'application%')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'applications.open',
      'application.submit',
      'application.endorse',
      'application.select',
      'application.submit',
      'application.reject',
    ]);
  });
});

describe('applications do not get stuck on a supervisor who never answers', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await withApplicants();
    await chat.db.db
      .updateTable('cycles')
      .set({ goal_setting_starts: '2026-12-14', execution_starts: '2027-01-04' })
      .where('tenant_id', '=', chat.tenant.id)
      .execute();
    await chat.as('carmen').says('admin abrir postulaciones hasta 2026-12-10');
  });
  afterAll(async () => {
    await chat.close();
  });

  const apply = async (handle: string, supervisor: string) => {
    await chat.as(handle).says('postular');
    return chat
      .as(handle)
      .fills({ role: 'mentee', motivation: 'Quiero aprender a liderar', topics: '', supervisor });
  };
  const applicationOf = (name: string) =>
    chat.db.db
      .selectFrom('applications as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .innerJoin('people as s', 's.id', 'a.supervisor_id')
      .select(['a.id', 's.email as supervisor', 'a.endorsement', 'a.state'])
      .where('p.name', '=', name)
      .executeTakeFirst();

  it('lets the applicant name another supervisor when the email was mistyped; nobody else can', async () => {
    await apply('pablo', 'julia.fernandez@demo.mentoria.invalid');
    const status = await chat.as('pablo').says('postular');
    expect(status.buttons).toEqual(['Cambiar jefatura', 'Retirar postulación']);
    expect((await chat.as('luis').clicksButtonOf('pablo', 'Cambiar jefatura')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    const form = await chat.as('pablo').clicks('Cambiar jefatura');
    expect(form.form?.fields.map((f) => f.id)).toEqual(['supervisor']);
    const bad = await chat.as('pablo').fills({ supervisor: 'no es un correo' });
    expect(bad.reply.formErrors?.supervisor).toBeDefined();
    expect((await applicationOf('Pablo Núñez'))?.supervisor).toBe('julia.fernandez@demo.mentoria.invalid');
    await chat.as('pablo').clicks('Cambiar jefatura');
    const changed = await chat.as('pablo').fills({ supervisor: 'jefa@demo.mentoria.invalid' });
    expect(changed.text).toBe('Listo: le pedí el aval a Julia Fernández.');
    expect((await applicationOf('Pablo Núñez'))?.supervisor).toBe('jefa@demo.mentoria.invalid');
    expect(chat.inbox('jefa').at(-1)).toContain('[Avalar] [No avalar]');
  });

  it('lists the requests waiting for a supervisor in their «pendientes», with the buttons', async () => {
    const waiting = await chat.as('jefa').says('pendientes');
    expect(waiting.text).not.toContain('¡Todo al día!');
    expect(waiting.text).toContain('Pablo Núñez postula como persona mentorada');
    expect(waiting.buttons).toContain('Avalar');
    await chat.as('jefa').clicks('Avalar');
    expect((await chat.as('jefa').says('pendientes')).text).toContain('¡Todo al día!');
  });

  it('lets an admin enter a paper endorsement, audited as on behalf; a participant cannot', async () => {
    await apply('irene', 'nadie.responde@externo.gob');
    const irene = await applicationOf('Irene Campos');
    const value = JSON.stringify({ a: irene?.id });
    expect((await chat.as('ana').clicksRaw('application.paper_endorse', value)).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect((await applicationOf('Irene Campos'))?.endorsement).toBe('pending');
    const list = await chat.as('carmen').says('admin postulaciones');
    expect(list.buttons).toContain('Aval en papel');
    expect((await chat.as('carmen').clicksRaw('application.paper_endorse', value)).text).toBe(
      'Listo: registré el aval en papel de la postulación de Irene Campos. Quedó en la bitácora.',
    );
    expect(chat.inbox('irene').at(-1)).toBe(
      'Carmen Vega registró el aval de tu jefatura desde un formulario en papel.',
    );
    expect((await chat.as('carmen').clicksRaw('application.paper_endorse', value)).text).toBe(
      'Esa postulación ya no está pendiente: no hay nada que cambiar.',
    );
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select(['action', 'via'])
      .where('subject_id', '=', irene?.id as string)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'application.submit', via: 'chat' },
      { action: 'application.endorse', via: 'on_behalf' },
    ]);
  });

  it('lets the applicant withdraw while undecided, once, and apply again', async () => {
    await chat.as('pablo').says('postular');
    expect((await chat.as('irene').clicksButtonOf('pablo', 'Retirar postulación')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    const { button } = chat.findButton('pablo', 'Retirar postulación');
    expect((await chat.as('pablo').clicks('Retirar postulación')).text).toContain('Retiraste tu postulación');
    expect(await applicationOf('Pablo Núñez')).toBeUndefined();
    expect((await chat.as('pablo').clicksRaw(button.actionId, button.value)).text).toBe(
      'Esa postulación ya no está pendiente: no hay nada que cambiar.',
    );
    expect((await apply('pablo', 'jefa@demo.mentoria.invalid')).text).toContain('Postulación enviada');
  });

  it('reminds a supervisor who has not answered in three days, and not before', async () => {
    const dispatcher = new Dispatcher({
      db: chat.db.db,
      clock: chat.clock,
      chat: chat.memory,
      worker: 'w',
      limits: FAST_LIMITS,
    });
    const tick = async () => {
      await planTick(chat.db.db, chat.clock.now());
      await dispatcher.drain();
    };
    const reminded = (handle: string) =>
      chat.inbox(handle).filter((m) => m.includes('espera tu aval para postular'));
    chat.clock.advance(2 * 24 * 3_600_000);
    await tick();
    expect(reminded('jefa')).toEqual([]);
    chat.clock.advance(26 * 3_600_000);
    await tick();
    expect(reminded('jefa')).toHaveLength(1);
    expect(reminded('jefa')[0]).toContain('Pablo Núñez espera tu aval para postular al ciclo');
    expect(reminded('jefa')[0]).toContain('[Avalar] [No avalar]');
    // The admin names another supervisor: asked at once, reminded three days after that, not before.
    const { button } = chat.findButton('jefa', 'Avalar');
    expect(
      (await chat.as('carmen').clicksRaw('application.supervisor', button.value)).form?.fields[0]?.initial,
    ).toBe('jefa@demo.mentoria.invalid');
    const changed = await chat.as('carmen').fills({ supervisor: 'irene@demo.mentoria.invalid' });
    expect(changed.text).toBe('Listo: le pedí el aval a Irene Campos.');
    expect(chat.inbox('pablo').at(-1)).toBe(
      'Carmen Vega cambió la jefatura de tu postulación: ahora le pedimos el aval a Irene Campos.',
    );
    expect(chat.inbox('irene').at(-1)).toContain('[Avalar] [No avalar]');
    await tick();
    expect(reminded('irene')).toEqual([]);
    chat.clock.advance(2 * 24 * 3_600_000);
    await tick();
    expect(reminded('irene')).toEqual([]);
    // Three days after she was asked is a Sunday: reminders wait for Monday morning.
    chat.clock.advance(50 * 3_600_000);
    await tick();
    expect(reminded('irene')).toHaveLength(1);
    // The former supervisor's button no longer counts; the new one's answer ends the reminders.
    expect((await chat.as('jefa').clicks('Avalar')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    await chat.as('irene').clicks('Avalar');
    chat.clock.advance(2 * 24 * 3_600_000);
    await tick();
    expect(reminded('irene')).toHaveLength(1);
    expect(reminded('jefa')).toHaveLength(1);
  });
});
