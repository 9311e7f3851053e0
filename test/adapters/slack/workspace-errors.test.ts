import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import {
  classifySlackError,
  SlackChatPort,
  WORKSPACE_PAUSE_MS,
} from '../../../adapters/slack/slack.adapter.ts';
import type { Installations } from '../../../src/flows/ports.ts';
import { intercepted } from '../../support/nock.ts';

/** A Web API failure as @slack/web-api raises it for `{ ok: false, error }`. */
const platformError = (error: string) => ({
  code: 'slack_webapi_platform_error',
  data: { ok: false, error },
});

describe('Slack errors about a person and about the whole workspace', () => {
  afterAll(() => {
    nock.cleanAll();
  });

  it('deactivates a person who is gone, but only pauses a workspace whose token is revoked', () => {
    for (const code of ['user_not_found', 'account_inactive', 'cannot_dm_bot', 'channel_not_found'])
      expect(classifySlackError(platformError(code)).kind, code).toBe('permanent');
    for (const code of [
      'invalid_auth',
      'token_revoked',
      'missing_scope',
      'no_installation',
      'team_access_not_granted',
    ]) {
      const failure = classifySlackError(platformError(code));
      // Re-queued for later (as a rate limit is), never "this person left".
      expect(failure.kind, code).toBe('rate_limited');
      expect(failure.retryAfterMs).toBe(WORKSPACE_PAUSE_MS);
      // The token refused: the whole workspace waits. A missing permission stops some calls only.
      expect(failure.scope, code).toBe(code === 'missing_scope' ? undefined : 'workspace');
    }
    // A rate limit is one conversation's, however long.
    expect(classifySlackError(platformError('ratelimited')).scope).toBeUndefined();
    expect(
      classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 900 }).scope,
    ).toBeUndefined();
  });

  it('builds a new client after a workspace-level error, so a reinstall’s token is used', async () => {
    const tokens: string[] = [];
    let revoked = true;
    nock('https://slack-ws.test')
      .persist()
      .post('/api/chat.postMessage')
      .reply(async (request: Request) => {
        const { headers } = await intercepted(request);
        tokens.push(String(headers.get('authorization')));
        return [
          200,
          revoked ? { ok: false, error: 'token_revoked' } : { ok: true, channel: 'D1', ts: '1.0' },
        ];
      });
    let token = 'xoxb-old';
    // The installation's current token, as the core's installations read it after a reinstall.
    let reads = 0;
    const installations: Installations = {
      forTenant: async () => {
        reads++;
        return { bot: { token } };
      },
      save: async () => ({ tenantId: 't1', first: false }),
      find: async () => undefined,
      delete: async () => {},
      sealExisting: async () => 0,
    };
    const port = new SlackChatPort(installations, undefined, {
      slackApiUrl: 'https://slack-ws.test/api/',
      retryConfig: { retries: 0 },
    });
    const to = {
      person: {} as never,
      identity: {
        tenantId: 't1',
        id: 'i1',
        personId: 'p1',
        platform: 'slack' as const,
        externalId: 'U1',
        conversationRef: { channel: 'D1' },
        active: true,
        profilePending: false,
      },
    };
    const message = { summary: 'hola', blocks: [{ type: 'text' as const, text: 'hola' }] };
    await expect(port.send(to, message)).rejects.toMatchObject({
      kind: 'rate_limited',
      code: 'token_revoked',
      scope: 'workspace',
    });
    // The app is reinstalled with a new token.
    token = 'xoxb-new';
    revoked = false;
    expect(await port.send(to, message)).toBe('D1:1.0');
    // Read once, then again after the error dropped the client.
    expect(reads).toBe(2);
    expect(tokens).toEqual(['Bearer xoxb-old', 'Bearer xoxb-new']);
  });
});
