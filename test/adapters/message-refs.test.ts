import nock from 'nock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../adapters/platforms.ts';
import { SlackChatPort } from '../../adapters/slack/slack.adapter.ts';
import { TeamsAdapter } from '../../adapters/teams/teams.adapter.ts';
import { systemClock } from '../../src/clock.ts';
import type { Identity } from '../../src/domain/model.ts';
import { Bot } from '../../src/flows/bot.ts';
import { createLogger } from '../../src/log.ts';
import { coreOf } from '../support/core.ts';
import { openMigratedPGlite } from '../support/databases.ts';
import { intercepted } from '../support/nock.ts';
import { API, fakeSlack } from '../support/slack.ts';

/**
 * The reference a port returns for a message it sent is the one that finds the same message again:
 * a decided request's buttons are replaced in place, on each platform.
 */
describe('adapter contract: message references round-trip', () => {
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.restore());

  const message = (text: string) => ({ summary: text, blocks: [{ type: 'text' as const, text }] });
  const identity = (
    platform: string,
    externalId: string,
    conversationRef: Record<string, unknown>,
  ): Identity => ({
    tenantId: 't1',
    id: 'i1',
    personId: 'p1',
    platform,
    externalId,
    conversationRef,
    active: true,
    profilePending: false,
  });

  it('slack: the reference of a posted message updates that message, in that DM', async () => {
    const { calls } = fakeSlack({});
    const port = new SlackChatPort(undefined, 'xoxb-refs', {
      slackApiUrl: `${API}/api/`,
      retryConfig: { retries: 0 },
    });
    const to = { person: {} as never, identity: identity('slack', 'U_ANA', { channel: 'D_ANA' }) };
    const ref = await port.send(to, message('¿Apruebas la meta?'));
    expect(calls.find((c) => c.method === 'chat.postMessage')?.args).toMatchObject({ channel: 'D_ANA' });
    expect(ref).toBe('D_ANA:1001');
    await port.update(to, ref, message('Aprobada'));
    const updated = calls.find((c) => c.method === 'chat.update');
    expect(updated?.args).toMatchObject({ channel: 'D_ANA', ts: '1001' });
    expect(JSON.stringify(updated?.args.blocks)).toContain('Aprobada');
    // A reference of another shape finds nothing and changes nothing.
    const before = calls.length;
    await port.update(to, 'not-a-reference', message('x'));
    expect(calls.length).toBe(before);
  });

  it('teams: the reference of a proactive card updates that activity, in that conversation', async () => {
    const db = await openMigratedPGlite();
    // A Bot Connector host (the adapter writes to Microsoft's hosts only).
    const service = 'https://smba.trafficmanager.net';
    const seen: { method: string; path: string; body: string }[] = [];
    nock(service)
      .persist()
      .post(/\/amer\/v3\/conversations\/.+\/activities.*/)
      .reply(async (request: Request) => {
        const { uri, body } = await intercepted(request);
        seen.push({ method: 'POST', path: uri, body: JSON.stringify(body) });
        return [200, { id: '1:activity-7' }];
      })
      .put(/\/amer\/v3\/conversations\/.+\/activities\/.+/)
      .reply(async (request: Request) => {
        const { uri, body } = await intercepted(request);
        seen.push({ method: 'PUT', path: uri, body: JSON.stringify(body) });
        return [200, { id: '1:activity-7' }];
      });
    try {
      const parsed = parseServerConfig({
        TEAMS_ANONYMOUS: 'true',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      });
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      const bot = new Bot({
        db: db.db,
        clock: systemClock,
        chat: { send: async () => null, update: async () => {} },
        defaults: { locale: 'es', timezone: 'UTC' },
      });
      const teams = new TeamsAdapter({
        config: parsed.config,
        core: coreOf(bot),
        clock: systemClock,
        log: createLogger('silent'),
      });
      const reference = {
        serviceUrl: `${service}/amer/`,
        channelId: 'msteams',
        conversation: { id: 'a:1conv-ana', tenantId: 'tenant-1' },
        agent: { id: '28:bot' },
        user: { id: '29:ana' },
      };
      const to = { person: {} as never, identity: identity('teams', '29:ana', reference) };
      const ref = await teams.port.send(to, message('¿Apruebas la meta?'));
      expect(ref).toBe('a:1conv-ana|1:activity-7');
      await teams.port.update(to, ref ?? '', message('Aprobada'));
      const put = seen.find((s) => s.method === 'PUT');
      expect(decodeURIComponent(put?.path ?? '')).toBe(
        '/amer/v3/conversations/a:1conv-ana/activities/1:activity-7',
      );
      expect(put?.body).toContain('Aprobada');
    } finally {
      await db.close();
    }
  });
});
