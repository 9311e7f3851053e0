import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { openFreshPostgres } from '../support/databases.ts';
import { type ServerProcess, startServer, stopServer } from './support.ts';

/** The server keeps serving when Slack refuses its token or cannot be reached at start. */
describe.skipIf(!inject('pgUrl'))('a server whose Slack token is refused or whose Slack is down', () => {
  let db: OpenDatabase & { url: string };
  let refusing: Server;
  let refusingUrl = '';
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    // Slack's answer to auth.test with a revoked or mistyped token.
    refusing = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_auth"}'),
    );
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const address = refusing.address();
    refusingUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/`;
  });
  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    refusing?.close();
    await db?.close();
  });

  const started = async (slackApiUrl: string) => {
    const server = await startServer({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: 'xoxb-mistyped-token-value',
      SLACK_API_URL: slackApiUrl,
      LOG_LEVEL: 'info',
    });
    servers.push(server);
    await new Promise((r) => setTimeout(r, 1_500));
    return server;
  };

  it('a refused token is one log line naming the variable; the server stays up', async () => {
    const server = await started(refusingUrl);
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).toContain('Slack refused SLACK_BOT_TOKEN');
    expect(server.output()).not.toContain('xoxb-mistyped-token-value');
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('an unreachable Slack is retried in the background; the server stays up', async () => {
    const server = await started('http://127.0.0.1:1/api/');
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).toContain('Slack is unreachable: trying again in the background');
  });
});
