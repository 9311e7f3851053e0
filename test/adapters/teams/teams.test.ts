import { Readable } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../../adapters/platforms.ts';
import { systemClock } from '../../../src/clock.ts';
import { PlatformRouter } from '../../../src/flows/background-port.ts';
import { Bot } from '../../../src/flows/bot.ts';
import { createLogger } from '../../../src/log.ts';
import { Inbox } from '../../../src/services/inbox.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { createPerson, getPerson } from '../../../src/store/person.store.ts';
import { findTenant } from '../../../src/store/tenant.store.ts';
import { coreOf } from '../../support/core.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { eventually } from '../../support/eventually.ts';
import {
  activity,
  interceptConnector,
  type Posted,
  SERVICE,
  send,
  startTeams,
  TENANT,
} from '../../support/teams.ts';
import { buildWorld } from '../../support/world.ts';

const members: Record<string, { name: string; email: string }> = {
  '29:ana': { name: 'Ana Torres', email: 'ana@example.org' },
  '29:luis': { name: 'Luis Herrera', email: 'luis@example.org' },
  '29:carmen': { name: 'Carmen Ruiz', email: 'carmen@example.org' },
};

const cardText = (a: Posted) => JSON.stringify(a.activity.attachments ?? []);

describe('Teams adapter over /api/messages', () => {
  let db: OpenDatabase;
  let teams: Awaited<ReturnType<typeof startTeams>>;
  const posted: Posted[] = [];

  beforeAll(async () => {
    db = await openMigratedPGlite();
    await buildWorld(db.db, TENANT, 'teams');
    interceptConnector(posted, members);
    teams = await startTeams(db, { TEAMS_ANONYMOUS: 'true', NODE_ENV: 'test', HOST: '127.0.0.1' });
  });
  afterAll(async () => {
    await new Promise((r) => teams?.server.close(r));
    await db?.close();
    nock.cleanAll();
    nock.restore();
  });

  it('answers "ayuda" by posting a card to the activity’s serviceUrl, linking the member by email', async () => {
    const res = await send(teams.url, activity('29:ana', { text: 'ayuda' }));
    expect(res.status).toBe(200);
    const help = await eventually(() =>
      posted.find(
        (p) => p.conversation === 'a:conv-29:ana' && cardText(p).includes('¿Qué puedo hacer por ti?'),
      ),
    );
    expect(help.activity.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(help.activity.attachments[0].content.version).toBe('1.5');
    const identity = await db.db
      .selectFrom('identities')
      .innerJoin('people', 'people.id', 'identities.person_id')
      .select(['people.name', 'identities.conversation_ref'])
      .where('identities.external_id', '=', '29:ana')
      .executeTakeFirstOrThrow();
    expect(identity.name).toBe('Ana');
    expect((identity.conversation_ref as { serviceUrl: string }).serviceUrl).toBe(`${SERVICE}/amer/`);
  });

  it('looks a member up again when the lookup failed on first contact, and links them to the roster', async () => {
    const tenant = await findTenant(db.db, 'teams', TENANT);
    if (!tenant) throw new Error('no tenant');
    const rosa = await createPerson(db.db, tenant.id, {
      name: 'Rosa Ruiz',
      email: 'rosa@example.org',
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    const owner = () =>
      db.db
        .selectFrom('identities')
        .select(['person_id', 'profile_pending'])
        .where('external_id', '=', '29:rosa')
        .executeTakeFirst();
    const answered = async (text: string) => {
      const n = posted.length;
      expect((await send(teams.url, activity('29:rosa', { text }))).status).toBe(200);
      await eventually(() => posted.slice(n).find((p) => p.conversation === 'a:conv-29:rosa'));
    };
    // The connector's member lookup fails (404): Rosa is answered, on a person of her own.
    await answered('hola');
    const first = await owner();
    expect(first?.profile_pending).toBe(true);
    expect(first?.person_id).not.toBe(rosa.id);
    // It works the next time: her account moves to the roster person with her email.
    members['29:rosa'] = { name: 'Rosa Ruiz', email: 'rosa@example.org' };
    await answered('ayuda');
    expect(await owner()).toEqual({ person_id: rosa.id, profile_pending: false });
    expect(await getPerson(db.db, tenant.id, first?.person_id ?? '')).toBeUndefined();
  });

  let goalId = '';
  it('takes a goal from a form card (Action.Execute), and notifies the mentor proactively with Approve', async () => {
    await send(teams.url, activity('29:luis', { text: 'hola' }));
    const form = await send(teams.url, activity('29:ana', { text: 'meta formulario' }));
    expect(form.status).toBe(200);
    const formCard = await eventually(() => posted.find((p) => cardText(p).includes('form:goal.form')));
    expect(
      formCard.activity.attachments[0].content.body.some((e: { type: string }) => e.type === 'Input.Date'),
    ).toBe(true);
    const n = posted.length;
    // What Teams sends: the card's own Action.Execute data, with the inputs merged in.
    const cardAction = formCard.activity.attachments[0].content.body
      .flatMap((e: { actions?: unknown[] }) => e.actions ?? [])
      .find((a: { verb?: string }) => a.verb === 'form:goal.form');
    const submission = () =>
      activity('29:ana', {
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: {
          action: {
            type: 'Action.Execute',
            verb: cardAction.verb,
            data: {
              ...cardAction.data,
              title: 'Mejorar la comunicación',
              specific: 'Organizar reuniones semanales de seguimiento con mi equipo',
              measurable: 'Realizar 12 reuniones con minuta publicada',
              achievable: 'Tengo el apoyo de mi jefa',
              relevant: 'La coordinación del área depende de ello',
              dueDate: '2026-06-30',
              competencies: 'leadership,active_listening',
              milestones: '',
            },
          },
        },
      });
    // A double click: two invokes (two activity ids) for the same form.
    const [submit, again] = await Promise.all([send(teams.url, submission()), send(teams.url, submission())]);
    expect(again.status).toBe(200);
    expect(JSON.stringify([submit.body, again.body])).toContain('Ya recibí este formulario');
    expect(submit.status).toBe(200);
    expect(submit.body.statusCode).toBe(200);
    // Luis wrote "hola" once: his conversation reference is stored, so he is reached proactively.
    const toMentor = await eventually(() =>
      posted
        .slice(n)
        .find((p) => p.conversation === 'a:conv-29:luis' && cardText(p).includes('goal.approve')),
    );
    expect(cardText(toMentor)).toContain('Ana envió una meta para tu revisión');
    const goals = await db.db.selectFrom('goals').select(['id', 'state', 'competencies']).execute();
    expect(goals).toHaveLength(1);
    const goal = goals[0] as (typeof goals)[number];
    expect(goal).toMatchObject({ state: 'submitted', competencies: ['leadership', 'active_listening'] });
    goalId = goal.id;
  });

  const approve = (from: string) =>
    activity(from, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'goal.approve',
          data: { value: JSON.stringify({ g: goalId, r: 1 }) },
        },
      },
    });

  it('refreshes the mentor’s card with the outcome in the invoke answer and tells the mentee', async () => {
    const refused = await send(teams.url, approve('29:ana'));
    expect(refused.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'No puedes hacer eso: no te corresponde en este programa.',
    });
    const n = posted.length;
    const res = await send(teams.url, approve('29:luis'));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const refreshed = JSON.stringify(res.body.value);
    expect(refreshed).toContain('Aprobada');
    expect(refreshed).not.toContain('Action.Execute');
    const told = await eventually(() =>
      posted
        .slice(n)
        .find((p) => p.conversation === 'a:conv-29:ana' && cardText(p).includes('aprobó tu meta')),
    );
    expect(told).toBeDefined();
    const again = await send(teams.url, approve('29:luis'));
    expect(JSON.stringify(again.body)).toContain('Aprobada');
    expect(
      await db.db.selectFrom('audit_log').select('action').where('action', '=', 'goal.approve').execute(),
    ).toHaveLength(1);
  });

  it('answers a known person’s read at once and posts its card after, from the inbox', async () => {
    const n = posted.length;
    const res = await send(
      teams.url,
      activity('29:ana', {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'menu', data: { value: '{"c":"pending"}' } } },
      }),
    );
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Un momento: enseguida te respondo.',
    });
    const card = await eventually(() =>
      posted.slice(n).find((p) => p.conversation === 'a:conv-29:ana' && /pendiente/i.test(cardText(p))),
    );
    expect(card.activity.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    await teams.inbox.idle();
    expect(await db.db.selectFrom('inbox').selectAll().execute()).toEqual([]);
  });

  it('carries multi-turn conversations by text, like any chat', async () => {
    const n = posted.length;
    await send(teams.url, activity('29:ana', { text: 'meta nueva' }));
    await eventually(() => posted.slice(n).find((p) => cardText(p).includes('¿Cómo se llama tu meta?')));
    await send(teams.url, activity('29:ana', { text: 'x' }));
    await eventually(() => posted.slice(n).find((p) => cardText(p).includes('El título es muy corto')));
    await send(teams.url, activity('29:ana', { text: 'cancelar' }));
    await eventually(() =>
      posted.slice(n).find((p) => cardText(p).includes('cancelé la redacción de tu meta')),
    );
  });

  const shared = (from: string, downloadUrl: string) =>
    activity(from, {
      text: '',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'nomina.csv',
          content: { downloadUrl, fileType: 'csv' },
        },
      ],
    });

  it('never fetches a file shared by someone who may not import one', async () => {
    const download = nock('https://contoso-my.sharepoint.com')
      .get('/personal/ana/nomina.csv')
      .reply(200, 'email,name,role\nnuevo@example.org,Nuevo,mentee\n');
    const n = posted.length;
    await send(teams.url, shared('29:ana', 'https://contoso-my.sharepoint.com/personal/ana/nomina.csv'));
    await eventually(() =>
      posted
        .slice(n)
        .find((p) => cardText(p).includes('No puedes hacer eso: no te corresponde en este programa.')),
    );
    expect(download.isDone()).toBe(false);
    nock.abortPendingRequests();
  });

  it('reads an admin’s CSV from its SharePoint download URL', async () => {
    const download = nock('https://contoso-my.sharepoint.com')
      .get('/personal/carmen/nomina.csv')
      .reply(200, 'email,name,role\nnuevo@example.org,Nuevo,mentee\n');
    const n = posted.length;
    await send(
      teams.url,
      shared('29:carmen', 'https://contoso-my.sharepoint.com/personal/carmen/nomina.csv'),
    );
    await eventually(() => posted.slice(n).find((p) => cardText(p).includes('nomina.csv')));
    expect(download.isDone()).toBe(true);
  });

  it('an admin’s file on any other host, behind a redirect, or past 2 MB is not read whole', async () => {
    const loopback = nock('http://127.0.0.1:9').get('/secret').reply(200, 'email,name,role\n');
    const redirect = nock('https://contoso-my.sharepoint.com')
      .get('/personal/carmen/moved.csv')
      .reply(302, '', { location: 'http://127.0.0.1:9/secret' });
    const huge = nock('https://contoso-my.sharepoint.com')
      .get('/personal/carmen/huge.csv')
      .reply(200, () => Readable.from([Buffer.alloc(3_000_000, 0x61)]));
    for (const url of [
      'https://evil.example/nomina.csv',
      'http://127.0.0.1:9/secret',
      'https://contoso-my.sharepoint.com.evil.example/x.csv',
      'https://contoso-my.sharepoint.com/personal/carmen/moved.csv',
    ]) {
      const n = posted.length;
      await send(teams.url, shared('29:carmen', url));
      await eventually(() => posted.slice(n).find((p) => cardText(p).includes('No pude leer')));
    }
    expect(loopback.isDone()).toBe(false);
    expect(redirect.isDone()).toBe(true);
    const n = posted.length;
    await send(teams.url, shared('29:carmen', 'https://contoso-my.sharepoint.com/personal/carmen/huge.csv'));
    await eventually(() => posted.slice(n).find((p) => cardText(p).includes('2 MB')));
    expect(huge.isDone()).toBe(true);
    nock.abortPendingRequests();
  });

  it('streams a download and abandons it at the cap, whatever the server would still send', async () => {
    const { readCapped } = await import('../../../adapters/http/read-capped.ts');
    let served = 0;
    // A chunked answer with no length header that never ends (300 MB and more).
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        served += 65_536;
        controller.enqueue(new Uint8Array(65_536));
      },
    });
    expect(await readCapped(new Response(endless), 2_000_000)).toBe('too_large');
    expect(served).toBeLessThan(2_000_000 + 4 * 65_536);
    const declared = new Response('x'.repeat(10), { headers: { 'content-length': '300000000' } });
    expect(await readCapped(declared, 2_000_000)).toBe('too_large');
    expect(((await readCapped(new Response('a,b\n'), 2_000_000)) as Buffer).toString()).toBe('a,b\n');
  });

  it('retries a proactive message the connector answers 502, with backoff, and delivers it once', async () => {
    let attempts = 0;
    nock(SERVICE)
      .post(/\/emea\/v3\/conversations\/.+\/activities.*/)
      .times(2)
      .reply(() => {
        attempts++;
        return attempts === 1 ? [502, { error: { code: 'BadGateway' } }] : [200, { id: 'ok-1' }];
      });
    const { TeamsAdapter } = await import('../../../adapters/teams/teams.adapter.ts');
    const parsed = parseServerConfig({
      TEAMS_ANONYMOUS: 'true',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    if (!parsed.ok) throw new Error('config');
    const bot = new Bot({
      db: db.db,
      clock: systemClock,
      chat: new PlatformRouter({}),
      defaults: { locale: 'es', timezone: 'America/Mexico_City' },
    });
    const adapter = new TeamsAdapter({
      config: parsed.config,
      core: coreOf(bot, {
        inbox: new Inbox({
          db: db.db,
          clock: systemClock,
          worker: 'test',
          leaseMs: 30_000,
          onError: () => {},
        }),
      }),
      clock: systemClock,
      log: createLogger('silent'),
    });
    const reference = {
      serviceUrl: `${SERVICE}/emea/`,
      channelId: 'msteams',
      conversation: { id: 'a:conv-29:flaky' },
      agent: { id: '28:bot' },
      user: { id: '29:flaky' },
    };
    const ref = await adapter.port.send(
      {
        person: {} as never,
        identity: {
          tenantId: 't',
          id: 'i',
          personId: 'p',
          platform: 'teams',
          externalId: '29:flaky',
          conversationRef: reference,
          active: true,
          profilePending: false,
        },
      },
      { summary: 'hola', blocks: [{ type: 'text', text: 'hola' }] },
    );
    expect(attempts).toBe(2);
    expect(ref).toBe('a:conv-29:flaky|ok-1');
  });

  // biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
  const walk = (node: any): any[] =>
    node && typeof node === 'object'
      ? [node, ...Object.values(node).flatMap((v) => (Array.isArray(v) ? v.flatMap(walk) : walk(v)))]
      : [];
  // biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
  const submitOf = (card: any) =>
    walk(card).find((e) => e.type === 'Action.Execute' && e.verb === 'form:goal.form');
  const invoke = (
    from: string,
    verb: string,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) =>
    activity(from, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb, data } },
      ...extra,
    });
  /** The cards posted to a conversation from `n` on, once a later "ayuda" has been answered (so nothing is still on its way). */
  const settled = async (from: string, n: number) => {
    await send(teams.url, activity(from, { text: 'ayuda' }));
    const help = await eventually(() =>
      posted
        .slice(n)
        .find((p) => p.conversation === `a:conv-${from}` && cardText(p).includes('¿Qué puedo hacer por ti?')),
    );
    return posted.slice(n, posted.indexOf(help)).filter((p) => p.conversation === `a:conv-${from}`);
  };

  it('gives a goal form back filled in, each problem in red under its field, in one answer; sent, the card becomes its outcome', async () => {
    const n0 = posted.length;
    await send(teams.url, activity('29:ana', { text: 'meta formulario' }));
    const formCard = await eventually(() =>
      posted
        .slice(n0)
        .find((p) => p.conversation === 'a:conv-29:ana' && cardText(p).includes('form:goal.form')),
    );
    const content = formCard.activity.attachments[0].content;
    // The client's own check of an empty required field says so in words, not with the field's label.
    const title = walk(content).find((e) => e.id === 'title');
    expect(title.errorMessage).toBe('Este dato es obligatorio.');
    const fields = {
      title: 'Tablero de indicadores',
      specific: 'Publicar un tablero con los indicadores del área',
      measurable: 'El tablero muestra 10 indicadores actualizados cada semana',
      achievable: 'Cuento con los datos y el apoyo de TI',
      relevant: 'La dirección decide con estos indicadores',
      competencies: '',
      milestones: '',
    };
    const action = submitOf(content);
    const n = posted.length;
    const wrong = await send(
      teams.url,
      invoke('29:ana', action.verb, { ...action.data, ...fields, dueDate: '2020-01-15' }),
    );
    expect(wrong.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const back = wrong.body.value;
    const body = back.body as { id?: string; type: string; color?: string; text?: string; value?: string }[];
    // What was typed is still there, and the problem is right under the date.
    expect(body.find((e) => e.id === 'title')?.value).toBe('Tablero de indicadores');
    expect(body.find((e) => e.id === 'measurable')?.value).toBe(fields.measurable);
    const date = body.findIndex((e) => e.id === 'dueDate');
    expect(body[date]?.value).toBe('2020-01-15');
    expect(body[date + 1]).toMatchObject({ type: 'TextBlock', color: 'attention' });
    expect(body[date + 1]?.text).toMatch(/fecha|pas/i);
    expect(body.filter((e) => e.color === 'attention')).toHaveLength(1);
    // No second message with the same problems.
    expect((await settled('29:ana', n)).map(cardText).join()).not.toMatch(/problema|revisa/i);
    // Corrected and sent from the card given back: the card becomes the outcome.
    const again = submitOf(back);
    const n2 = posted.length;
    const sent = await send(
      teams.url,
      invoke('29:ana', again.verb, { ...again.data, ...fields, dueDate: '2026-06-30' }),
    );
    expect(sent.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(sent.body.value)).toContain('Tablero de indicadores');
    expect(submitOf(sent.body.value)).toBeUndefined();
    expect((await settled('29:ana', n2)).map(cardText).join()).not.toContain('Tablero de indicadores');
    // A later click on the old form (another client still showing it) creates nothing.
    const late = await send(
      teams.url,
      invoke('29:ana', again.verb, { ...again.data, ...fields, dueDate: '2026-06-30' }),
    );
    expect(JSON.stringify(late.body)).toContain('Ya recibí este formulario');
    expect(
      await db.db.selectFrom('goals').select('id').where('title', '=', 'Tablero de indicadores').execute(),
    ).toHaveLength(1);
  });

  it('answers a click once: a short answer in the card’s banner and no card after it', async () => {
    const n = posted.length;
    const refused = await send(teams.url, approve('29:ana'));
    expect(refused.body.value).toBe('No puedes hacer eso: no te corresponde en este programa.');
    expect((await settled('29:ana', n)).map(cardText).join()).not.toContain('No puedes hacer eso');
    // A fuller answer comes as cards, and the banner does not repeat it.
    const n2 = posted.length;
    const menu = await send(teams.url, invoke('29:carmen', 'menu', { value: '{"c":"help"}' }));
    expect(menu.body.value).not.toContain('¿Qué puedo hacer por ti?');
    await eventually(() =>
      posted
        .slice(n2)
        .find(
          (p) => p.conversation === 'a:conv-29:carmen' && cardText(p).includes('¿Qué puedo hacer por ti?'),
        ),
    );
  });

  it('writes its own words in the person’s chosen language, not the client’s', async () => {
    const res = await send(
      teams.url,
      invoke('29:ana', 'menu', { value: '{"c":"pending"}' }, { locale: 'en-US' }),
    );
    expect(res.body.value).toBe('Un momento: enseguida te respondo.');
    await send(teams.url, activity('29:luis', { text: 'idioma en' }));
    await eventually(async () =>
      (await db.db.selectFrom('people').select('locale').where('name', '=', 'Luis').executeTakeFirst())
        ?.locale === 'en'
        ? true
        : undefined,
    );
    const english = await send(teams.url, invoke('29:luis', 'menu', { value: '{"c":"pending"}' }));
    expect(english.body.value).toBe('One moment: my answer is on its way.');
    await teams.inbox.idle();
  });

  it('keeps each line of a list and each paragraph in a block of its own', async () => {
    const n = posted.length;
    await send(teams.url, activity('29:carmen', { text: 'ayuda' }));
    const help = await eventually(() =>
      posted
        .slice(n)
        .find(
          (p) => p.conversation === 'a:conv-29:carmen' && cardText(p).includes('¿Qué puedo hacer por ti?'),
        ),
    );
    const blocks = walk(help.activity.attachments[0].content).filter((e) => e.type === 'TextBlock');
    expect(blocks.filter((b) => String(b.text).startsWith('•')).length).toBeGreaterThan(5);
    expect(blocks.filter((b) => String(b.text).includes('\n'))).toEqual([]);
  });

  it('refuses malformed activities with 400 and never crashes', async () => {
    const res = await fetch(`${teams.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect((await send(teams.url, { hello: 'world' })).status).toBe(400);
  });

  it('refuses requests without a valid token when credentials are configured', async () => {
    const secured = await startTeams(db, {
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'secret',
    });
    try {
      expect((await send(secured.url, activity('29:ana', { text: 'ayuda' }))).status).toBe(401);
      expect(
        (
          await send(secured.url, activity('29:ana', { text: 'ayuda' }), {
            authorization: 'Bearer not-a-jwt',
          })
        ).status,
      ).toBe(401);
    } finally {
      await new Promise((r) => secured.server.close(r));
    }
  });
});

describe('Teams delivery errors', () => {
  it('classifies the Bot Connector’s answers', async () => {
    const { classifyTeamsError } = await import('../../../adapters/teams/teams.adapter.ts');
    expect(
      classifyTeamsError({
        statusCode: 403,
        response: { status: 403, data: { error: { code: 'BotNotInConversationRoster' } } },
      }),
    ).toMatchObject({ kind: 'permanent', code: 'BotNotInConversationRoster' });
    expect(
      classifyTeamsError({ response: { status: 404, data: { error: { code: 'ConversationNotFound' } } } }),
    ).toMatchObject({ kind: 'permanent' });
    expect(classifyTeamsError({ response: { status: 429, headers: { 'retry-after': '7' } } })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
    expect(classifyTeamsError({ response: { status: 502 } })).toMatchObject({ kind: 'transient' });
  });
});
