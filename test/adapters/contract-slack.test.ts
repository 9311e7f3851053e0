import type { Server } from 'node:http';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../adapters/http/server.ts';
import { parseServerConfig } from '../../adapters/platforms.ts';
import { slackPlatform } from '../../adapters/slack/platform.ts';
import { SlackAdapter } from '../../adapters/slack/slack.adapter.ts';
import { systemClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import { Inbox } from '../../src/services/inbox.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { RecordingCore } from '../support/core.ts';
import { openMigratedPGlite } from '../support/databases.ts';
import {
  API,
  command,
  eventually,
  fakeSlack,
  fixture,
  interaction,
  post,
  SIGNING_SECRET,
  sign,
} from '../support/slack.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * Recorded Slack payloads (test/fixtures/slack, Slack's documented shapes), signed as Slack signs
 * them, through the real adapter into a recording core: the `InboundEvent`s the core receives.
 */
describe('adapter contract: slack inbound', () => {
  let db: OpenDatabase;
  let server: Server;
  let url: string;
  let core: RecordingCore;
  let inbox: Inbox;

  beforeAll(async () => {
    db = await openMigratedPGlite();
    fakeSlack({
      U_ANA: { name: 'Ana Torres', email: 'ana@example.org', tz: 'America/Bogota', locale: 'es-LA' },
      U_LUIS: { name: 'Luis Herrera', email: 'luis@example.org', tz: 'America/Lima', locale: 'en-US' },
    });
    const parsed = parseServerConfig({
      SLACK_BOT_TOKEN: 'xoxb-contract',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${API}/api/`,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    inbox = new Inbox({
      db: db.db,
      clock: systemClock,
      worker: 'contract',
      leaseMs: 30_000,
      pollMs: 50,
      onError: () => {},
    });
    core = new RecordingCore(
      {
        db: db.db,
        clock: systemClock,
        chat: { send: async () => null, update: async () => {} },
        defaults: { locale: 'es', timezone: 'UTC' },
      },
      { inbox },
    );
    inbox.start();
    const slack = new SlackAdapter({
      config: parsed.config,
      core,
      clock: systemClock,
      log: createLogger('silent'),
    });
    const listener = slack.requestListener;
    if (!listener) throw new Error('the HTTP receiver is off');
    server = createHttpServer({
      platforms: [{ routes: slackPlatform.routes, listener }],
      health: async () => true,
    });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await inbox?.stop();
    await db?.close();
    nock.cleanAll();
    nock.restore();
  });

  const next = async (count: number) =>
    eventually(() => (core.events.length > count ? core.events.at(-1) : undefined));

  it('a direct message: the text, unescaped, from the person, in the workspace’s tenant', async () => {
    const before = core.events.length;
    const body = fixture('message-im');
    body.event_id = 'Ev-contract-1';
    body.event.text = 'metas &amp; sesiones &lt;hoy&gt;';
    const res = await post(url, JSON.stringify(body), JSON_TYPE);
    expect(res.status).toBe(200);
    const event = await next(before);
    const tenant = await core.findTenant('slack', 'T:T1');
    expect(event).toMatchObject({
      kind: 'message',
      text: 'metas & sesiones <hoy>',
      eventId: 'Ev-contract-1',
      platform: 'slack',
      tenantId: tenant?.id,
      user: {
        externalId: 'U_ANA',
        name: 'Ana Torres',
        email: 'ana@example.org',
        conversationRef: { channel: 'D_ANA' },
      },
    });
  });

  it('a slash command that reads: acknowledged, kept, then handed to the core from the inbox', async () => {
    const before = core.events.length;
    const res = await post(url, command('ayuda', 'U_ANA'), FORM);
    expect(res.status).toBe(200);
    const event = await next(before);
    expect(event).toMatchObject({
      kind: 'command',
      text: 'ayuda',
      platform: 'slack',
      user: { externalId: 'U_ANA' },
    });
    expect(event?.eventId).toMatch(/^cmd:trig-/);
  });

  it('a slash command that changes something: handed to the core before the acknowledgement', async () => {
    const before = core.events.length;
    const res = await post(url, command('admin ciclo nuevo', 'U_LUIS'), FORM);
    expect(res.status).toBe(200);
    expect(core.events.length).toBe(before + 1);
    expect(core.events.at(-1)).toMatchObject({
      kind: 'command',
      text: 'admin ciclo nuevo',
      user: { externalId: 'U_LUIS', locale: 'en-US' },
    });
  });

  it('a button: its action id without the position suffix, and its value as given', async () => {
    const before = core.events.length;
    const payload = fixture('block-actions');
    payload.actions[0].action_id = 'goal.approve|2';
    payload.actions[0].value = '{"goal":"g-1","rev":3}';
    payload.actions[0].action_ts = '1700000009.0001';
    const res = await post(url, interaction(payload), FORM);
    expect(res.status).toBe(200);
    expect(core.events.length).toBe(before + 1);
    expect(core.events.at(-1)).toMatchObject({
      kind: 'action',
      actionId: 'goal.approve',
      value: '{"goal":"g-1","rev":3}',
      eventId: 'act:U_LUIS:1700000009.0001:goal.approve|2',
      user: { externalId: 'U_LUIS' },
    });
  });

  it('a modal submitted, then corrected and resubmitted with the same view hash: one form each time, fields and submission id kept', async () => {
    const before = core.events.length;
    const payload = fixture('view-submission');
    payload.view.private_metadata = JSON.stringify({
      a: 'goal.form',
      v: '{"cycle":"c-1"}',
      s: 'sub-12345678',
    });
    payload.view.state.values = {
      // Modal inputs come as typed (only message text is HTML-escaped).
      title: { value: { type: 'plain_text_input', value: 'Reducir <tiempos> & costos' } },
      due: { value: { type: 'datepicker', selected_date: '2027-03-31' } },
    };
    core.replies.push({ messages: [], formErrors: { due: 'La fecha debe caer dentro del ciclo.' } });
    const first = await post(url, interaction(payload), FORM);
    expect(JSON.parse(first.text)).toEqual({
      response_action: 'errors',
      errors: { due: 'La fecha debe caer dentro del ciclo.' },
    });
    payload.view.state.values.due.value.selected_date = '2027-02-28';
    const second = await post(url, interaction(payload), FORM);
    expect(second.status).toBe(200);
    const [a, b] = core.events.slice(before);
    for (const event of [a, b])
      expect(event).toMatchObject({
        kind: 'form',
        actionId: 'goal.form',
        value: '{"cycle":"c-1"}',
        submissionId: 'sub-12345678',
      });
    expect(a).toMatchObject({
      fields: { title: 'Reducir <tiempos> & costos', due: '2027-03-31' },
      eventId: 'view:V1:1700000002.abc',
    });
    expect(b).toMatchObject({ fields: { due: '2027-02-28' }, eventId: 'view:V1:1700000002.abc' });
  });

  it('refuses what Slack did not sign, and the core hears nothing of it', async () => {
    const before = core.events.length;
    const body = JSON.stringify({ ...fixture('message-im'), event_id: 'Ev-forged' });
    const forged = await post(
      url,
      body,
      JSON_TYPE,
      sign(body, Math.floor(Date.now() / 1000), 'another-secret-0123456789abcdef'),
    );
    expect(forged.status).toBe(401);
    const stale = await post(url, body, JSON_TYPE, sign(body, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(core.events.length).toBe(before);
  });
});
