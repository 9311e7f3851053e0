import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { inboxSize } from '../../src/store/inbox.store.ts';
import { freshDatabase } from './postgres.ts';

export const SECRET = 'bench-signing-secret-0123456789abcdef';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** The Node flags `npm start` gives the server (package.json), so that the figures are its figures. */
const SERVER_FLAGS = [
  '--max-semi-space-size=16',
  '--max-old-space-size=1024',
  '--enable-source-maps',
  ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/sprof'] : []),
];

export function start(args: string[], env: Record<string, string>, flags: string[] = []): ChildProcess {
  // The server runs as `npm start` runs it: compiled JavaScript (dist/), no TypeScript loader.
  const compiled = args[0]?.startsWith('dist/');
  return spawn(
    process.execPath,
    compiled ? [...SERVER_FLAGS, ...flags, ...args] : ['--import', 'tsx', ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

export async function waitFor(url: string, ms = 30_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    try {
      const res = await fetch(url, { method: 'POST', body: '' });
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not start`);
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export function signed(body: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
}

let n = 0;
export function slackRequest(standIn: string): { body: string; type: string } {
  const user = `U${n % 64}`;
  n++;
  if (n % 2) {
    const body = new URLSearchParams({
      team_id: 'T1',
      channel_id: `D${user}`,
      user_id: user,
      command: '/mentoria',
      text: 'ayuda',
      response_url: `${standIn}/respond/${n}`,
      trigger_id: `t-${n}-${Math.random()}`,
    }).toString();
    return { body, type: 'application/x-www-form-urlencoded' };
  }
  const payload = {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: user, team_id: 'T1' },
    trigger_id: `t-${n}-${Math.random()}`,
    response_url: `${standIn}/respond/${n}`,
    container: { type: 'message', channel_id: `D${user}`, message_ts: '1.0', is_ephemeral: false },
    actions: [
      {
        type: 'button',
        action_id: 'menu|0',
        block_id: 'b',
        value: '{"c":"pending"}',
        action_ts: `${Date.now()}.${n}`,
      },
    ],
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    type: 'application/x-www-form-urlencoded',
  };
}

function teamsInvoke(standIn: string): string {
  n++;
  const user = `29:u${n % 64}`;
  return JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `inv-${n}-${Math.random()}`,
    serviceUrl: `${standIn}/teams/`,
    channelId: 'msteams',
    from: { id: user, name: `Persona ${user}` },
    conversation: { id: `a:${user}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    recipient: { id: '28:bot' },
    locale: 'es-MX',
    value: { action: { type: 'Action.Execute', verb: 'menu', data: { value: '{"c":"pending"}' } } },
  });
}

/**
 * The stand-in Slack and Bot Connector in a process of their own: our server calls them, and in the
 * load generator's process they would slow the very clock that times the server.
 */
export async function startStandIn(): Promise<{ process: ChildProcess; url: string }> {
  const child = start(['test/bench/slack-stand-in.ts'], {});
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', () => reject(new Error('stand-in did not start')));
  });
  return { process: child, url };
}

/** One signed Slack request (a slash command or a click, in turn) to the server on `port`; its status. */
export const slackSender = (standInUrl: string, port: number) => async (): Promise<number> => {
  const { body, type } = slackRequest(standInUrl);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, ...signed(body) },
    body,
  });
  await res.arrayBuffer();
  return res.status;
};

/** Concurrency 32 for `ms`: latencies of every answered request, and the errors. */
export async function load(
  ms: number,
  send: () => Promise<number>,
): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const status = await send();
          if (status === 200) latencies.push(performance.now() - started);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors };
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? Math.round(
        (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) * 10,
      ) / 10
    : 0;
};

/**
 * slack_ack, teams_invoke and memory: signed slash commands and button clicks at concurrency 32
 * against our server (PostgreSQL, its own process) and, in the same run, against a bare Bolt app
 * that only acks; then Action.Execute invokes; resident memory idle and under load.
 */
export async function latency(
  serverUrl: string,
  quick: boolean,
): Promise<Record<string, Record<string, number>>> {
  const seconds = quick ? 8_000 : 20_000;
  const db = await freshDatabase(serverUrl);
  // The stand-in platform runs in its own process: our server calls it (response_url, Web API,
  // Bot Connector) and bare Bolt does not, so in the generator's process it would slow the very
  // clock that times our server.
  const { process: standInProcess, url: standInUrl } = await startStandIn();
  const standIn = { url: standInUrl };
  const ourPort = await freePort();
  const barePort = await freePort();
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
  const ours = start(['dist/src/main.js'], {
    DATABASE_URL: db.url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${standIn.url}/api/`,
    TEAMS_ANONYMOUS: 'true',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(ourPort),
    LOG_LEVEL: 'silent',
  });
  const bare = start(['test/bench/bare-bolt.ts'], { SLACK_SIGNING_SECRET: SECRET, PORT: String(barePort) });
  try {
    await waitFor(`http://127.0.0.1:${ourPort}/slack/events`);
    await waitFor(`http://127.0.0.1:${barePort}/slack/events`);
    const slackSend = (port: number) => slackSender(standIn.url, port);
    // Warm both up (first contacts, JIT), then measure each under the same load.
    await load(2_000, slackSend(ourPort));
    await load(2_000, slackSend(barePort));
    const rssIdle = rssMb(ours.pid);
    let rssPeak = rssIdle;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(ours.pid));
    }, 250);
    const ourRun = await load(seconds, slackSend(ourPort));
    clearInterval(sampler);
    // Reads are acknowledged before they are answered: what the load left in the inbox, and how
    // long answering it takes, before anything else is measured on this machine.
    const drainStarted = performance.now();
    const backlog = await inboxSize(db.db);
    while ((await inboxSize(db.db)) > 0) await new Promise((r) => setTimeout(r, 100));
    const drainS = Math.round((performance.now() - drainStarted) / 100) / 10;
    const bareRun = await load(seconds, slackSend(barePort));
    const teamsSend = async () => {
      const res = await fetch(`http://127.0.0.1:${ourPort}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: teamsInvoke(standIn.url),
      });
      await res.arrayBuffer();
      return res.status;
    };
    await load(1_000, teamsSend);
    const teamsRun = await load(seconds, teamsSend);
    const p50 = percentile(ourRun.latencies, 50);
    const bareP50 = percentile(bareRun.latencies, 50);
    return {
      slack_ack: {
        requests: ourRun.latencies.length,
        p50_ms: p50,
        p99_ms: percentile(ourRun.latencies, 99),
        bare_p50_ms: bareP50,
        bare_p99_ms: percentile(bareRun.latencies, 99),
        ratio_p50: bareP50 ? Math.round((p50 / bareP50) * 100) / 100 : 0,
        errors: ourRun.errors,
        bare_errors: bareRun.errors,
        backlog_at_end: backlog,
        drain_s: drainS,
      },
      teams_invoke: {
        requests: teamsRun.latencies.length,
        p50_ms: percentile(teamsRun.latencies, 50),
        p99_ms: percentile(teamsRun.latencies, 99),
        errors: teamsRun.errors,
      },
      memory: { rss_idle_mb: rssIdle, rss_load_mb: rssPeak },
    };
  } finally {
    ours.kill('SIGTERM');
    // Under tsx a SIGTERM leaves these two running; they keep nothing, so they are killed outright.
    bare.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    standInProcess.kill('SIGKILL');
    await db.close();
  }
}
