import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../adapters/http/server.ts';
import { slackPlatform } from '../../../adapters/slack/platform.ts';

describe('public pages are limited per client', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  const start = async (proxyHops = 0) => {
    let now = 0;
    const served = { files: 0, slack: 0 };
    const server = createHttpServer(
      {
        files: async (_req, res) => {
          served.files++;
          res.writeHead(202).end('waiting');
        },
        platforms: [
          {
            routes: slackPlatform.routes,
            listener: (_req, res) => {
              served.slack++;
              res.writeHead(302, { location: 'https://slack.com/oauth/v2/authorize' }).end();
            },
          },
        ],
        health: async () => true,
      },
      { proxyHops, now: () => now },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return {
      served,
      get: (path: string, forwardedFor?: string) =>
        fetch(`${base}${path}`, {
          redirect: 'manual',
          headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
        }),
      advance: (ms: number) => {
        now += ms;
      },
    };
  };

  it('serves a browser waiting on a download link, and refuses a client hammering it with 429', async () => {
    const s = await start();
    // A waiting page refreshes every 3 s: ten minutes of waiting is 200 requests, 20 a minute.
    for (let i = 0; i < 200; i++) {
      expect((await s.get('/files/token')).status).toBe(202);
      s.advance(3_000);
    }
    expect(s.served.files).toBe(200);
    // A burst past the limit: refused before the handler runs, with Retry-After.
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await s.get(`/files/guess-${i}`)).status);
    expect(statuses.filter((c) => c === 202).length).toBe(30);
    const refused = await s.get('/files/another');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(s.served.files).toBe(230);
    // Health checks and other paths are not limited.
    expect((await s.get('/healthz')).status).toBe(200);
    s.advance(30_000);
    expect((await s.get('/files/token')).status).toBe(202);
  });

  it('limits the Slack install pages to a handful per client', async () => {
    const s = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await s.get('/slack/install')).status);
    expect(statuses.filter((c) => c === 302).length).toBe(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
    expect((await s.get('/slack/oauth_redirect?code=x&state=y')).status).toBe(429);
    expect(s.served.slack).toBe(10);
    // Slack's own endpoint is not a public page: its requests are verified by signature.
    expect((await s.get('/slack/events')).status).toBe(302);
  });

  it('tells clients apart behind a trusted proxy, and ignores X-Forwarded-For without one', async () => {
    const direct = await start(0);
    for (let i = 0; i < 10; i++) await direct.get('/slack/install', `10.0.0.${i}`);
    // A forged header does not make a new client when no proxy is trusted.
    expect((await direct.get('/slack/install', '10.9.9.9')).status).toBe(429);
    await close?.();
    const proxied = await start(1);
    for (let i = 0; i < 10; i++)
      expect((await proxied.get('/slack/install', '203.0.113.7')).status).toBe(302);
    expect((await proxied.get('/slack/install', '203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy is served; the address the proxy appended counts,
    // not what the client wrote before it.
    expect((await proxied.get('/slack/install', '198.51.100.2')).status).toBe(302);
    expect((await proxied.get('/slack/install', '1.2.3.4, 203.0.113.7')).status).toBe(429);
  });
});
