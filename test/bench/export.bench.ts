import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { LinkSigner } from '../../src/services/links.ts';
import {
  freePort,
  load,
  percentile,
  SECRET,
  slackSender,
  start,
  startStandIn,
  waitFor,
} from './latency.bench.ts';
import { freshDatabase } from './postgres.ts';
import { seedReportCycle } from './seed.ts';

const LINK_SECRET = 'bench-link-secret-0123456789abcdef0123';

/** The longest the server's event loop was held since the last scrape (prom-client, reset on scrape). */
async function longestBlockMs(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const max = /^mentoria_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
  return Math.round(Number(max ?? 0) * 10_000) / 10;
}

/**
 * slack_ack_during_export: the slack_ack load (signed slash commands and clicks, concurrency 32)
 * against the server, first alone, then while an admin downloads the results workbook and the
 * diplomas of a cycle of 20,000 participants one after the other through their signed links.
 * `ratio_p99` is the ack p99 during the exports over the p99 without them. The longest the server's
 * event loop was held (`/metrics`, Node's event-loop delay) is given for the exports alone, the
 * chat load alone, and both together.
 */
export async function slackAckDuringExport(
  serverUrl: string,
  quick: boolean,
): Promise<Record<string, number>> {
  const pairs = quick ? 2_000 : 10_000;
  const ms = quick ? 8_000 : 20_000;
  const db = await freshDatabase(serverUrl);
  const standIn = await startStandIn();
  const port = await freePort();
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
  await seedReportCycle(db.db, pairs);
  // The admin who downloads: links signed with the server's secret, already confirmed in chat
  // (the download request the "was it you?" button approves).
  await sql`update people set tenant_role = 'admin' where tenant_id = 't' and id = 'p1'`.execute(db.db);
  const signer = new LinkSigner(LINK_SECRET);
  const links = await Promise.all(
    (['results.xlsx', 'diplomas.pdf'] as const).map(async (kind) => {
      const token = signer.sign({
        t: 't',
        p: 'p1',
        k: kind,
        c: 'c',
        e: Math.floor(Date.now() / 1000) + 3_600,
      });
      const nonce = randomBytes(24).toString('base64url');
      await sql`insert into download_requests (tenant_id, id, person_id, token_hash, file, approved_at, expires_at)
        values ('t', ${nonce}, 'p1', ${createHash('sha256').update(token).digest('base64url')}, ${kind}, now(), now() + interval '1 hour')`.execute(
        db.db,
      );
      return {
        url: `http://127.0.0.1:${port}/files/${encodeURIComponent(token)}`,
        cookie: `mentoria_dl=${nonce}`,
      };
    }),
  );
  const server = start(['dist/src/main.js'], {
    DATABASE_URL: db.url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${standIn.url}/api/`,
    LINK_SECRET,
    // BENCH_FILE_WORKERS=0 measures the same with files built on the event loop, as before.
    FILE_WORKERS: process.env.BENCH_FILE_WORKERS ?? '1',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'silent',
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/slack/events`);
    const send = slackSender(standIn.url, port);
    // Warm up (first contacts, JIT, and one export of each file), then the load alone.
    await load(2_000, send);
    for (const link of links)
      await (await fetch(link.url, { headers: { cookie: link.cookie } })).arrayBuffer();
    // The exports on their own, no chat traffic: how long building and sending them holds the
    // event loop (with traffic, the figure also counts the loop's own busy stretches).
    await longestBlockMs(port);
    let exportsAlone = 0;
    const quiet = performance.now();
    while (performance.now() - quiet < ms / 2)
      for (const link of links) {
        await (await fetch(link.url, { headers: { cookie: link.cookie } })).arrayBuffer();
        exportsAlone++;
      }
    const blockExportOnly = await longestBlockMs(port);
    const alone = await load(ms, send);
    const blockAlone = await longestBlockMs(port);
    // The same load while the admin's downloads follow one another until it ends.
    let exporting = true;
    let exports = 0;
    let exportErrors = 0;
    let bytes = 0;
    await longestBlockMs(port);
    const downloads = (async () => {
      for (let i = 0; exporting; i++) {
        const link = links[i % links.length] as { url: string; cookie: string };
        const res = await fetch(link.url, { headers: { cookie: link.cookie } });
        const body = await res.arrayBuffer();
        if (res.status === 200) {
          exports++;
          bytes += body.byteLength;
        } else exportErrors++;
      }
    })();
    const during = await load(ms, send);
    exporting = false;
    await downloads;
    const blockDuring = await longestBlockMs(port);
    const p99Alone = percentile(alone.latencies, 99);
    const p99During = percentile(during.latencies, 99);
    return {
      participants: pairs * 2,
      p50_alone_ms: percentile(alone.latencies, 50),
      p99_alone_ms: p99Alone,
      p50_during_ms: percentile(during.latencies, 50),
      p99_during_ms: p99During,
      ratio_p99: p99Alone ? Math.round((p99During / p99Alone) * 100) / 100 : 0,
      longest_block_export_only_ms: blockExportOnly,
      exports_alone: exportsAlone,
      longest_block_ack_only_ms: blockAlone,
      longest_block_ms: blockDuring,
      exports,
      export_mb: Math.round(bytes / 1e5) / 10,
      export_errors: exportErrors,
      errors: alone.errors + during.errors,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    standIn.process.kill('SIGKILL');
    await db.close();
  }
}
