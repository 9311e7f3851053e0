import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * A local stand-in for the Slack Web API and response URLs: answers every method with ok and
 * the fields our code reads, at once. Returns its base URL.
 */
export async function startSlackStandIn(): Promise<{ url: string; server: Server; calls: () => number }> {
  let calls = 0;
  let ts = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      calls++;
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const params = new URLSearchParams(body);
      let answer: object = { ok: true };
      if (method === 'auth.test') answer = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      else if (method === 'users.info') {
        const user = params.get('user') ?? 'U0';
        answer = {
          ok: true,
          user: {
            id: user,
            real_name: `Persona ${user}`,
            tz: 'America/Mexico_City',
            locale: 'es-LA',
            profile: { email: `${user.toLowerCase()}@bench.example` },
          },
        };
      } else if (method === 'chat.postMessage')
        answer = { ok: true, channel: params.get('channel'), ts: `${++ts}.0` };
      else if (method === 'users.lookupByEmail') answer = { ok: false, error: 'users_not_found' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, calls: () => calls };
}

// Run on its own (`tsx test/bench/slack-stand-in.ts`): the latency benchmark keeps the platform's
// work out of the load generator's process, where it would slow the clock that measures us.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startSlackStandIn().then(({ url }) => {
    process.stdout.write(`${url}\n`);
  });
}
