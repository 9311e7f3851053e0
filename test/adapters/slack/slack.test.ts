import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { createPerson, getPerson } from '../../../src/store/person.store.ts';
import { findTenant } from '../../../src/store/tenant.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import {
  command,
  eventually,
  fakeSlack,
  fixture,
  interaction,
  post,
  type SlackCall,
  sign,
  startSlackServer,
} from '../../support/slack.ts';
import { buildWorld } from '../../support/world.ts';

const FORM = 'application/x-www-form-urlencoded';
const profiles: Record<string, { name: string; email: string; tz: string; locale: string }> = {
  U_ANA: { name: 'Ana Torres', email: 'ana@example.org', tz: 'America/Mexico_City', locale: 'es-LA' },
  U_LUIS: { name: 'Luis Herrera', email: 'luis@example.org', tz: 'America/Mexico_City', locale: 'es-LA' },
  U_MARTA: { name: 'Marta Díaz', email: 'marta@example.org', tz: 'America/Bogota', locale: 'es-LA' },
  U_CARMEN: { name: 'Carmen Vega', email: 'carmen@example.org', tz: 'America/Mexico_City', locale: 'es-LA' },
};
// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON.
const texts = (blocks: any[] = []): string => JSON.stringify(blocks);

describe('Slack adapter over signed HTTP requests', () => {
  let db: OpenDatabase;
  let slack: Awaited<ReturnType<typeof startSlackServer>>;
  let calls: SlackCall[];
  let responses: object[];
  let rateLimitNext: (method: string, seconds: number) => void;
  let failNext: ReturnType<typeof fakeSlack>['failNext'];
  const since = (n: number) => calls.slice(n);

  beforeAll(async () => {
    db = await openMigratedPGlite();
    await buildWorld(db.db, 'T:T1', 'slack');
    ({ calls, responses, rateLimitNext, failNext } = fakeSlack(profiles));
    slack = await startSlackServer(db);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
    nock.cleanAll();
    nock.restore();
  });

  it('answers /mentoria ayuda within 3 s, ephemeral where it was typed, after a first welcome', async () => {
    const res = await post(slack.url, command('ayuda', 'U_ANA'), FORM);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const reply = await eventually(() => (responses.length >= 2 ? responses : undefined));
    expect(JSON.stringify(reply)).toContain('Bienvenida a Mentoría');
    expect(JSON.stringify(reply)).toContain('¿Qué puedo hacer por ti?');
    expect(reply.every((r) => (r as { response_type?: string }).response_type === 'ephemeral')).toBe(true);
    // The Slack user was linked to the roster person by the email users.info gave.
    const identity = await db.db
      .selectFrom('identities')
      .innerJoin('people', 'people.id', 'identities.person_id')
      .select(['people.name', 'identities.external_id'])
      .where('identities.platform', '=', 'slack')
      .executeTakeFirstOrThrow();
    expect(identity).toEqual({ name: 'Ana', external_id: 'U_ANA' });
  });

  it('answers a read another replica acknowledged and never answered (it died), once its lease ends', async () => {
    const before = responses.length;
    const url = 'https://hooks.slack.test/commands/U_ANA/left-by-a-dead-replica';
    await db.db
      .insertInto('inbox')
      .values({
        key: 'slack:cmd:trig-dead',
        platform: 'slack',
        // What the adapter stores for `/mentoria pendientes` typed in a channel.
        payload: JSON.stringify({
          kind: 'command',
          team: { teamId: 'T1', isEnterpriseInstall: false },
          userId: 'U_ANA',
          eventId: 'cmd:trig-dead',
          channel: 'C1',
          text: 'pendientes',
          responseUrl: url,
        }),
        received_at: new Date(slack.clock.now().getTime() - 60_000),
        claimed_by: 'replica-that-died',
        claimed_until: new Date(slack.clock.now().getTime() - 1_000),
        attempts: 1,
      })
      .execute();
    // The to-do list: its title and Ana's one item (drafting her first goal), each a message.
    const reply = await eventually(() =>
      responses.length >= before + 2 ? responses.slice(before) : undefined,
    );
    expect(reply).toHaveLength(2);
    expect(reply.every((r) => (r as { response_type?: string }).response_type === 'ephemeral')).toBe(true);
    expect(JSON.stringify(reply)).toMatch(/tienes .*pendiente/i);
    await slack.inbox.idle();
    expect(await db.db.selectFrom('inbox').selectAll().execute()).toEqual([]);
  });

  it('drops a malformed read found in the inbox, answering nothing', async () => {
    const before = responses.length;
    await db.db
      .insertInto('inbox')
      .values({
        key: 'slack:cmd:trig-bad',
        platform: 'slack',
        payload: JSON.stringify({ kind: 'command', userId: 42, responseUrl: 'javascript:alert(1)' }),
        received_at: new Date(),
        claimed_by: null,
        claimed_until: null,
        attempts: 0,
      })
      .execute();
    await eventually(async () =>
      (await db.db.selectFrom('inbox').selectAll().execute()).length === 0 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(responses.length).toBe(before);
  });

  it('answers 404 to Slack paths and methods it does not serve, and keeps serving', async () => {
    for (const [method, path] of [
      ['GET', '/slack/events'],
      ['GET', '/slack/install'],
      ['GET', '/slack/oauth_redirect?code=x&state=y'],
      ['POST', '/slack/anything'],
    ]) {
      const res = await fetch(`${slack.url}${path}`, { method, redirect: 'manual' });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await fetch(`${slack.url}/healthz`)).status).toBe(200);
  });

  it('refuses a body over 4 MB with 413 and keeps serving', async () => {
    const huge = command(`ayuda ${'x'.repeat(4 * 1024 * 1024)}`, 'U_ANA');
    expect((await post(slack.url, huge, FORM)).status).toBe(413);
    expect((await post(slack.url, command('ayuda', 'U_ANA'), FORM)).status).toBe(200);
  });

  it('refuses forged and stale requests with 401', async () => {
    const body = command('ayuda', 'U_ANA');
    expect(
      (await post(slack.url, body, FORM, sign(body, undefined, 'not-the-secret-000000000000000'))).status,
    ).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(slack.url, body, FORM, sign(body, stale))).status).toBe(401);
    expect((await post(slack.url, body, FORM, {})).status).toBe(401);
  });

  it('verifies the signature before reading the body: an unsigned malformed body is 401, a signed one 400', async () => {
    for (const [body, type] of [
      ['payload=null', FORM],
      ['payload=%7Bnot-json', FORM],
      ['[1,2,3]', 'application/json'],
      ['{"type":', 'application/json'],
    ] as const) {
      expect((await post(slack.url, body, type, {})).status, body).toBe(401);
      expect(
        (await post(slack.url, body, type, sign(body, undefined, 'not-the-secret-000000000000000'))).status,
      ).toBe(401);
      expect((await post(slack.url, body, type)).status, body).toBe(400);
    }
  });

  let approveValue = '';
  it('opens the goal form as a modal and keeps validation errors inside it', async () => {
    const n = calls.length;
    const res = await post(slack.url, command('meta formulario', 'U_ANA'), FORM);
    expect(res.status).toBe(200);
    const opened = await eventually(() => since(n).find((c) => c.method === 'views.open'));
    const view = opened.args.view;
    expect(view.callback_id).toBe('mentoria_form');
    expect(view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual([
      'title',
      'specific',
      'measurable',
      'achievable',
      'relevant',
      'dueDate',
      'competencies',
      'milestones',
    ]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const submit = (values: Record<string, string>) =>
      interaction({
        ...fixture('view-submission'),
        view: {
          ...fixture('view-submission').view,
          // Slack resends a corrected modal with the same view id and hash.
          hash: fixture('view-submission').view.hash,
          private_metadata: view.private_metadata,
          state: {
            values: Object.fromEntries(
              Object.entries(values).map(([k, v]) => [
                k,
                {
                  value:
                    k === 'dueDate'
                      ? { type: 'datepicker', selected_date: v }
                      : { type: 'plain_text_input', value: v },
                },
              ]),
            ),
          },
        },
      });
    const bad = await post(
      slack.url,
      submit({
        title: 'Me',
        specific: 'x',
        measurable: 'bien',
        achievable: 'Sí',
        relevant: 'Sí',
        dueDate: '2030-01-01',
      }),
      FORM,
    );
    expect(bad.status).toBe(200);
    const errors = JSON.parse(bad.text);
    expect(errors.response_action).toBe('errors');
    // What cannot be kept is refused inside the modal; vague parts are the coach's advice, not errors.
    expect(Object.keys(errors.errors).sort()).toEqual(['dueDate', 'title']);
    expect(errors.errors.dueDate).toContain('fuera del periodo de ejecución');
    expect(await db.db.selectFrom('goals').selectAll().execute()).toEqual([]);

    const m = calls.length;
    const good = await post(
      slack.url,
      submit({
        title: 'Mejorar la comunicación',
        specific: 'Organizar reuniones semanales de seguimiento con mi equipo',
        measurable: 'Realizar 12 reuniones con minuta publicada',
        achievable: 'Tengo el apoyo de mi jefa y una sala',
        relevant: 'La coordinación del área depende de ello',
        dueDate: '2026-06-30',
      }),
      FORM,
    );
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
    // Luis never wrote to the bot: he is found by email (users.lookupByEmail) and reached.
    const toMentor = await eventually(() =>
      since(m).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'U_LUIS'),
    );
    expect(
      since(m).some((c) => c.method === 'users.lookupByEmail' && c.args.email === 'luis@example.org'),
    ).toBe(true);
    expect(texts(toMentor.args.blocks)).toContain('Ana envió una meta para tu revisión');
    type Element = { action_id: string; value: string };
    const button = (toMentor.args.blocks as { elements?: Element[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith('goal.approve')) as Element;
    expect(button.action_id).toBe('goal.approve|0');
    approveValue = button.value;
    await eventually(() =>
      since(m).find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === 'U_ANA' &&
          texts(c.args.blocks).includes('ya está con Luis'),
      ),
    );
  });

  const click = (user: string, actionTs: string, value: string) =>
    interaction({
      ...fixture('block-actions'),
      user: { ...fixture('block-actions').user, id: user },
      trigger_id: `trig-${actionTs}`,
      response_url: `https://hooks.slack.test/actions/${actionTs}`,
      container: { ...fixture('block-actions').container, channel_id: `D_${user}` },
      channel: { id: `D_${user}` },
      actions: [{ ...fixture('block-actions').actions[0], value, action_ts: actionTs }],
    });

  it('lets only the mentor approve; the decided message is updated without buttons and the mentee told', async () => {
    const n = calls.length;
    const wrong = await post(slack.url, click('U_MARTA', '1.1', approveValue), FORM);
    expect(wrong.status).toBe(200);
    // Marta's first contact: a welcome, then the refusal; nothing changed.
    await eventually(() =>
      since(n).find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === 'D_U_MARTA' &&
          texts(c.args.blocks).includes('No puedes hacer eso'),
      ),
    );
    expect(await db.db.selectFrom('goals').select('state').executeTakeFirstOrThrow()).toEqual({
      state: 'submitted',
    });

    const m = calls.length;
    const res = await post(slack.url, click('U_LUIS', '2.2', approveValue), FORM);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const updated = await eventually(() => since(m).find((c) => c.method === 'chat.update'));
    expect(updated.args).toMatchObject({ channel: 'D_U_LUIS', ts: '1700000000.0001' });
    expect(texts(updated.args.blocks)).toContain('Aprobada');
    expect(updated.args.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
    const told = await eventually(() =>
      since(m).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'U_ANA'),
    );
    expect(texts(told.args.blocks)).toContain('Luis aprobó tu meta');

    const k = calls.length;
    await post(slack.url, click('U_LUIS', '3.3', approveValue), FORM);
    const again = await eventually(() => since(k).find((c) => c.method === 'chat.postMessage'));
    expect(texts(again.args.blocks)).toContain('ya no espera tu decisión');
    const approvals = await db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'goal.approve')
      .execute();
    expect(approvals).toHaveLength(1);
  });

  const dm = (eventId: string, text: string) => {
    const base = fixture('message-im');
    return JSON.stringify({
      ...base,
      event_id: eventId,
      event: { ...base.event, text, ts: `${Date.now() / 1000}` },
    });
  };

  it('takes direct messages into the conversation, once per event even when Slack retries', async () => {
    const n = calls.length;
    const body = dm('Ev1', 'metas');
    expect((await post(slack.url, body, 'application/json')).status).toBe(200);
    await eventually(() =>
      since(n).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ANA'),
    );
    const retry = await post(slack.url, body, 'application/json', {
      ...sign(body),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(
      since(n).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ANA'),
    ).toHaveLength(1);
    // The DM channel is remembered for messages the bot sends on its own.
    const ref = await db.db
      .selectFrom('identities')
      .select('conversation_ref')
      .where('external_id', '=', 'U_ANA')
      .executeTakeFirstOrThrow();
    expect(ref.conversation_ref).toEqual({ channel: 'D_ANA' });
  });

  it('links a roster person whose users.info failed on first contact, once the lookup works', async () => {
    const tenant = await findTenant(db.db, 'slack', 'T:T1');
    if (!tenant) throw new Error('no tenant');
    // Rosa is on the roster (imported by email); her first messages reach Slack's API while
    // users.info fails for her, and Pablo (not on the roster) is in the same situation.
    const rosa = await createPerson(db.db, tenant.id, {
      name: 'Rosa Ruiz',
      email: 'rosa@example.org',
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    const from = (user: string, eventId: string) => {
      const base = fixture('message-im');
      return JSON.stringify({
        ...base,
        event_id: eventId,
        event: { ...base.event, user, channel: `D_${user}`, text: 'hola', ts: `${Date.now() / 1000}` },
      });
    };
    const owner = (user: string) =>
      db.db
        .selectFrom('identities')
        .innerJoin('people', (j) =>
          j
            .onRef('people.tenant_id', '=', 'identities.tenant_id')
            .onRef('people.id', '=', 'identities.person_id'),
        )
        .select(['people.id', 'people.name', 'people.email', 'people.timezone', 'identities.profile_pending'])
        .where('identities.external_id', '=', user)
        .executeTakeFirst();
    const answered = async (user: string, eventId: string) => {
      const n = calls.length;
      expect((await post(slack.url, from(user, eventId), 'application/json')).status).toBe(200);
      await eventually(() =>
        since(n).find((c) => c.method === 'chat.postMessage' && c.args.channel === `D_${user}`),
      );
    };
    await answered('U_ROSA', 'EvRosa1');
    await answered('U_PABLO', 'EvPablo1');
    const placeholder = await owner('U_ROSA');
    expect(placeholder).toMatchObject({ name: 'U_ROSA', email: null, profile_pending: true });
    expect(placeholder?.id).not.toBe(rosa.id);
    // Slack answers users.info again: the next message links Rosa to her roster person, and the
    // placeholder person made for her is gone; Pablo's own person gets his real name and email.
    Object.assign(profiles, {
      U_ROSA: { name: 'Rosa Ruiz', email: 'Rosa@Example.org', tz: 'America/Bogota', locale: 'es-LA' },
      U_PABLO: { name: 'Pablo Soto', email: 'pablo@example.org', tz: 'America/Lima', locale: 'en-US' },
    });
    await answered('U_ROSA', 'EvRosa2');
    await answered('U_PABLO', 'EvPablo2');
    expect(await owner('U_ROSA')).toMatchObject({ id: rosa.id, name: 'Rosa Ruiz', profile_pending: false });
    expect(await getPerson(db.db, tenant.id, placeholder?.id ?? '')).toBeUndefined();
    expect(await owner('U_PABLO')).toEqual({
      id: expect.any(String),
      name: 'Pablo Soto',
      email: 'pablo@example.org',
      timezone: 'America/Lima',
      profile_pending: false,
    });
    // Settled accounts are not looked up again on every message.
    const n = calls.length;
    await answered('U_ROSA', 'EvRosa3');
    expect(since(n).filter((c) => c.method === 'users.info' && c.args.user === 'U_ROSA').length).toBeLessThan(
      2,
    );
  });

  it('takes the buttons off a question once it is answered by a click, showing the choice', async () => {
    // Each answer waits for the next question (its "n/8" counter), so none overtakes another.
    const say = async (eventId: string, text: string, marker?: string) => {
      const n = calls.length;
      await post(slack.url, dm(eventId, text), 'application/json');
      return eventually(() =>
        since(n).find(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.args.channel === 'D_ANA' &&
            (!marker || texts(c.args.blocks).includes(marker)),
        ),
      );
    };
    await say('EvAns1', 'meta nueva', '1/8');
    for (const [i, text] of [
      'Presentar el informe trimestral',
      'Preparar y presentar el informe del trimestre al comité',
      'Informe entregado y presentado en la sesión del comité',
      'Tengo los datos y el apoyo de mi jefatura',
      'El comité decide el presupuesto con este informe',
    ].entries())
      await say(`EvAns${i + 2}`, text, `${i + 2}/8`);
    const question = await say('EvAns9', '30/06/2026', 'flow.choice');
    // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON.
    const buttons = question.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    const done = buttons.find((e: { value: string }) => JSON.parse(e.value).choice === 'done');
    const ts = '1700000009.0001';
    const n = calls.length;
    const click = interaction({
      ...fixture('block-actions'),
      user: { ...fixture('block-actions').user, id: 'U_ANA' },
      trigger_id: 'trig-answered',
      response_url: 'https://hooks.slack.test/actions/answered',
      container: { type: 'message', message_ts: ts, channel_id: 'D_ANA', is_ephemeral: false },
      channel: { id: 'D_ANA' },
      message: { type: 'message', user: 'UBOT', ts, text: question.args.text, blocks: question.args.blocks },
      actions: [{ ...done, block_id: 'b1', type: 'button', action_ts: '1700000010.0001' }],
    });
    expect((await post(slack.url, click, FORM)).status).toBe(200);
    const updated = await eventually(() => since(n).find((c) => c.method === 'chat.update'));
    expect(updated.args).toMatchObject({ channel: 'D_ANA', ts });
    const blocks = JSON.stringify(updated.args.blocks);
    expect(blocks).not.toContain('"actions"');
    expect(blocks).toContain(`✓ ${done.text.text}`);
    // The conversation went on: the next question was asked.
    await eventually(() =>
      since(n).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ANA'),
    );
    await say('EvAns10', 'cancelar');
  });

  it('stores what the person typed, not Slack’s escaping: entities and link forms resolved once', async () => {
    const n = calls.length;
    await post(slack.url, dm('EvEsc1', 'meta nueva'), 'application/json');
    await eventually(() =>
      since(n).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ANA'),
    );
    // "Tablero & informes <2026>, ver intranet" as Slack delivers it.
    const m = calls.length;
    await post(
      slack.url,
      dm('EvEsc2', 'Tablero &amp; informes &lt;2026&gt;, ver <https://intranet.example/t|intranet>'),
      'application/json',
    );
    await eventually(() =>
      since(m).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ANA'),
    );
    const state = await db.db
      .selectFrom('conversations')
      .innerJoin('identities', 'identities.person_id', 'conversations.person_id')
      .select('conversations.data')
      .where('identities.external_id', '=', 'U_ANA')
      .executeTakeFirstOrThrow();
    expect((state.data as { f?: { title?: string } }).f?.title).toBe(
      'Tablero & informes <2026>, ver intranet (https://intranet.example/t)',
    );
    await post(slack.url, dm('EvEsc3', 'cancelar'), 'application/json');
  });

  it('answers after Slack’s Retry-After when the answer is rate-limited, instead of losing it', async () => {
    // Earlier answers still on their way to D_ANA settle first.
    await new Promise((r) => setTimeout(r, 500));
    const n = calls.length;
    rateLimitNext('chat.postMessage', 1);
    await post(slack.url, dm('EvLimited', 'metas'), 'application/json');
    const posts = () => since(n).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ANA');
    await eventually(() => (posts().length >= 2 ? true : undefined), 6_000);
    // The refused call, then the same answer once Retry-After had passed.
    const [refused, ...later] = posts();
    expect(later.map((p) => JSON.stringify(p.args.blocks))).toContain(JSON.stringify(refused?.args.blocks));
  });

  it('acknowledges views it does not handle at once: an unknown callback, a closed modal', async () => {
    const unknown = interaction({
      ...fixture('view-submission'),
      view: { ...fixture('view-submission').view, callback_id: 'old_callback_of_a_past_version' },
    });
    const closed = interaction({ ...fixture('view-submission'), type: 'view_closed', is_cleared: false });
    for (const body of [unknown, closed]) {
      const started = Date.now();
      const res = await post(slack.url, body, FORM);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  const shared = (eventId: string, url: string) => {
    const base = fixture('message-im');
    return JSON.stringify({
      ...base,
      event_id: eventId,
      event: {
        ...base.event,
        user: 'U_CARMEN',
        channel: 'D_CARMEN',
        subtype: 'file_share',
        text: '',
        ts: `${Date.now() / 1000}`,
        files: [{ id: 'F1', name: 'nomina.csv', size: 120, url_private_download: url }],
      },
    });
  };

  it('reads a CSV an admin shares in the DM with the bot token, and answers with the check', async () => {
    const download = nock('https://files.slack.com', {
      reqheaders: { authorization: 'Bearer xoxb-test-token' },
    })
      .get('/files-pri/T1-F1/download/nomina.csv')
      .reply(200, 'email,name,role\nnuevo@example.org,Nuevo,mentee\n');
    const n = calls.length;
    const body = shared('EvF1', 'https://files.slack.com/files-pri/T1-F1/download/nomina.csv');
    expect((await post(slack.url, body, 'application/json')).status).toBe(200);
    const answer = await eventually(() =>
      since(n).find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === 'D_CARMEN' &&
          texts(c.args.blocks).includes('Nómina'),
      ),
    );
    expect(texts(answer.args.blocks)).toContain('1 línea, 1 válida, 0 con problemas.');
    expect(texts(answer.args.blocks)).toContain('Importar (1)');
    expect(download.isDone()).toBe(true);
  });

  it('never fetches a shared file from anywhere but Slack’s file host', async () => {
    const elsewhere = nock('https://attacker.example').get(/.*/).reply(200, 'email,name,role\n');
    const n = calls.length;
    const body = shared('EvF2', 'https://attacker.example/nomina.csv');
    expect((await post(slack.url, body, 'application/json')).status).toBe(200);
    const answer = await eventually(() =>
      since(n).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_CARMEN'),
    );
    expect(texts(answer.args.blocks)).toContain('No pude leer');
    expect(elsewhere.isDone()).toBe(false);
    nock.abortPendingRequests();
  });

  it('offers a button to open a form asked for by a typed message (modals need a click)', async () => {
    const n = calls.length;
    expect((await post(slack.url, dm('Ev9', 'meta formulario'), 'application/json')).status).toBe(200);
    await eventually(() =>
      since(n).find(
        (c) => c.method === 'chat.postMessage' && texts(c.args.blocks).includes('Abrir el formulario'),
      ),
    );
    expect(since(n).some((c) => c.method === 'views.open')).toBe(false);
  });

  it('offers the form that was asked for, with its labels in the person’s language, not Slack’s', async () => {
    // Sofía chose English; her Slack is in Spanish (es-LA), as her profile says.
    profiles.U_SOFIA = {
      name: 'Sofía Paz',
      email: 'sofia@example.org',
      tz: 'America/Santiago',
      locale: 'es-LA',
    };
    const from = (user: string, eventId: string, text: string) => {
      const base = fixture('message-im');
      return JSON.stringify({
        ...base,
        event_id: eventId,
        event: { ...base.event, user, channel: `D_${user}`, text, ts: `${Date.now() / 1000}` },
      });
    };
    const offer = async (user: string, eventId: string, text: string) => {
      const n = calls.length;
      expect((await post(slack.url, from(user, eventId, text), 'application/json')).status).toBe(200);
      const posted = await eventually(() =>
        since(n).find(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.args.channel === `D_${user}` &&
            texts(c.args.blocks).includes('form.reopen'),
        ),
      );
      const button = (posted.args.blocks as { elements?: { type: string }[] }[])
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.type === 'button');
      return button as unknown as { action_id: string; value: string; text: { text: string } };
    };
    const open = async (user: string, button: { action_id: string; value: string }, ts: string) => {
      const n = calls.length;
      const body = interaction({
        ...fixture('block-actions'),
        user: { ...fixture('block-actions').user, id: user },
        trigger_id: `trig-${ts}`,
        response_url: `https://hooks.slack.test/actions/${ts}`,
        container: { ...fixture('block-actions').container, channel_id: `D_${user}` },
        channel: { id: `D_${user}` },
        actions: [{ ...fixture('block-actions').actions[0], ...button, action_ts: ts }],
      });
      expect((await post(slack.url, body, FORM)).status).toBe(200);
      const opened = await eventually(() => since(n).find((c) => c.method === 'views.open'));
      return opened.args.view as {
        title: { text: string };
        close: { text: string };
        private_metadata: string;
      };
    };
    // An admin typing "admin ciclo nuevo" is offered the new-cycle form, not the goal form.
    const cycleButton = await offer('U_CARMEN', 'EvCycle', 'admin ciclo nuevo');
    expect(cycleButton.text.text).toBe('Abrir el formulario');
    expect(JSON.parse(cycleButton.value)).toEqual({ text: 'admin ciclo nuevo' });
    const cycleForm = await open('U_CARMEN', cycleButton, '7.1');
    expect(JSON.parse(cycleForm.private_metadata).a).not.toBe('goal.form');
    expect(cycleForm.close.text).toBe('Cancelar');
    // Sofía's offer and modal are in English.
    const goalButton = await offer('U_SOFIA', 'EvSofia', 'meta formulario');
    expect(goalButton.text.text).toBe('Open the form');
    const goalForm = await open('U_SOFIA', goalButton, '7.2');
    expect(JSON.parse(goalForm.private_metadata).a).toBe('goal.form');
    expect(goalForm.close.text).toBe('Cancel');
  });

  it('tells the workspace’s admins, once, when a missing permission pauses it; nobody when the token is gone', async () => {
    const tenant = await findTenant(db.db, 'slack', 'T:T1');
    const ana = await db.db
      .selectFrom('identities')
      .selectAll()
      .where('external_id', '=', 'U_ANA')
      .executeTakeFirstOrThrow();
    const person = await getPerson(db.db, tenant?.id ?? '', ana.person_id);
    const to = {
      person: person as never,
      identity: {
        tenantId: ana.tenant_id,
        id: ana.id,
        personId: ana.person_id,
        platform: 'slack' as const,
        externalId: 'U_ANA',
        conversationRef: { channel: 'D_ANA' },
        active: true,
        profilePending: false,
      },
    };
    const message = { summary: 'Recordatorio', blocks: [{ type: 'text' as const, text: 'Recordatorio' }] };
    const toCarmen = () =>
      calls.filter(
        (c) =>
          c.method === 'chat.postMessage' && c.args.channel === 'D_U_CARMEN' && /permiso/.test(c.args.text),
      );
    // Slack's answer when a method needs a scope the app was not granted.
    for (let i = 0; i < 2; i++) {
      failNext('chat.postMessage', {
        error: 'missing_scope',
        needed: 'chat:write.customize',
        provided: 'chat:write,im:history',
      });
      await expect(slack.port.send(to, message)).rejects.toMatchObject({
        kind: 'rate_limited',
        code: 'missing_scope',
      });
    }
    const told = await eventually(() => (toCarmen().length ? toCarmen() : undefined));
    expect(told[0]?.args.text).toContain('«chat:write.customize»');
    await new Promise((r) => setTimeout(r, 200));
    expect(toCarmen()).toHaveLength(1);
    // Ana, the recipient, is neither told nor deactivated.
    expect(calls.filter((c) => c.args.channel === 'D_ANA' && /permiso/.test(String(c.args.text)))).toEqual(
      [],
    );
    expect(
      (await db.db.selectFrom('identities').select('active').where('id', '=', ana.id).executeTakeFirst())
        ?.active,
    ).toBe(true);
    // A revoked token cannot write to anyone: nobody is messaged about it.
    const before = calls.filter((c) => c.method === 'chat.postMessage').length;
    failNext('chat.postMessage', { error: 'token_revoked' });
    await expect(slack.port.send(to, message)).rejects.toMatchObject({ code: 'token_revoked' });
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.filter((c) => c.method === 'chat.postMessage').length).toBe(before + 1);
  });

  it('publishes the App Home with what is pending and the main actions', async () => {
    const n = calls.length;
    const body = JSON.stringify(fixture('app-home-opened'));
    expect((await post(slack.url, body, 'application/json')).status).toBe(200);
    const published = await eventually(() => since(n).find((c) => c.method === 'views.publish'));
    expect(published.args.user_id).toBe('U_ANA');
    expect(published.args.view.type).toBe('home');
    expect(published.args.view.blocks.length).toBeLessThanOrEqual(100);
    expect(texts(published.args.view.blocks)).toContain('Mejorar la comunicación');
    // Each action once, though the to-do list, the goal list and help all offer some of them.
    const buttons = published.args.view.blocks
      // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON.
      .flatMap((b: any) => (b.type === 'actions' ? b.elements : []))
      .map((e: { action_id: string; value: string }) => `${e.action_id.split('|')[0]} ${e.value}`);
    expect(buttons.length).toBeGreaterThan(0);
    expect(new Set(buttons).size).toBe(buttons.length);
  });

  it('answers a click on the App Home (no response_url) in the person’s DM', async () => {
    const n = calls.length;
    const { response_url: _none, channel: _channel, message: _message, ...base } = fixture('block-actions');
    const body = interaction({
      ...base,
      user: { id: 'U_ANA', username: 'ana', name: 'ana', team_id: 'T1' },
      container: { type: 'view', view_id: 'V_HOME' },
      actions: [
        {
          action_id: 'menu|0',
          block_id: 'home',
          type: 'button',
          value: '{"c":"pending"}',
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    });
    expect((await post(slack.url, body, FORM)).status).toBe(200);
    const answer = await eventually(() =>
      since(n).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'U_ANA'),
    );
    expect(`${answer.args.text} ${texts(answer.args.blocks)}`).toMatch(/pendiente/i);
  });

  it('answers /healthz while the database answers', async () => {
    const res = await fetch(`${slack.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('stops writing to a workspace that uninstalled the app', async () => {
    const body = JSON.stringify(fixture('app-uninstalled'));
    expect((await post(slack.url, body, 'application/json')).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const open = await db.db
        .selectFrom('identities')
        .select('id')
        .where('platform', '=', 'slack')
        .where('active', '=', true)
        .execute();
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const identities = await db.db
      .selectFrom('identities')
      .select(['active', 'deactivated_reason'])
      .where('platform', '=', 'slack')
      .execute();
    expect(identities.length).toBeGreaterThan(0);
    expect(identities.every((r) => !r.active && r.deactivated_reason === 'app_uninstalled')).toBe(true);
  });
});
