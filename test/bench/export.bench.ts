import { type ChildProcess, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * The server's event loop since the last reading, from `loop-probe.ts` preloaded into it: the
 * longest it was blocked by the server's own work (its main thread's CPU in one turn) and the
 * longest it was delayed (that turn on the clock, waiting for a core included).
 */
function loopReader(server: ChildProcess, file: string) {
  let seq = 0;
  return async (): Promise<{ block: number; delay: number }> => {
    server.kill('SIGUSR2');
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 10));
      try {
        const read = JSON.parse(readFileSync(file, 'utf8')) as {
          seq: number;
          blockMs: number;
          delayMs: number;
        };
        if (read.seq <= seq) continue;
        seq = read.seq;
        return { block: Math.round(read.blockMs * 10) / 10, delay: Math.round(read.delayMs * 10) / 10 };
      } catch {
        // Not written yet.
      }
    }
    throw new Error('the loop probe did not answer');
  };
}

/**
 * slack_ack_during_export: the slack_ack load (signed slash commands and clicks, concurrency 32)
 * against the server, first alone, then while an admin downloads the results workbook and the
 * diplomas of a cycle of 20,000 participants one after the other through their signed links.
 * `ratio_p99` is the ack p99 during the exports over the p99 without them. For the exports alone,
 * the chat load alone and both together: the longest the server's event loop was blocked by its
 * own work (its main thread's CPU in one turn of the loop) and the longest it was delayed (that
 * turn on the clock, which also counts waiting for a core the other processes hold), from
 * `loop-probe.ts` preloaded into the server.
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
  const probeDir = mkdtempSync(join(tmpdir(), 'mentoria-loop-'));
  const probeFile = join(probeDir, 'loop.json');
  const server = start(
    ['dist/src/main.js'],
    {
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
      LOOP_PROBE_FILE: probeFile,
    },
    ['--import', './test/bench/loop-probe.ts'],
  );
  const loop = loopReader(server, probeFile);
  try {
    await waitFor(`http://127.0.0.1:${port}/slack/events`);
    const send = slackSender(standIn.url, port);
    // Warm up (first contacts, JIT, and one export of each file), then the load alone.
    await load(2_000, send);
    for (const link of links)
      await (await fetch(link.url, { headers: { cookie: link.cookie } })).arrayBuffer();
    // The exports on their own, no chat traffic: how long building and sending them holds the
    // event loop (with traffic, the figure also counts the loop's own busy stretches).
    await loop();
    let exportsAlone = 0;
    const quiet = performance.now();
    while (performance.now() - quiet < ms / 2)
      for (const link of links) {
        await (await fetch(link.url, { headers: { cookie: link.cookie } })).arrayBuffer();
        exportsAlone++;
      }
    const exportOnly = await loop();
    const alone = await load(ms, send);
    const ackOnly = await loop();
    // The same load while the admin's downloads follow one another until it ends.
    let exporting = true;
    let exports = 0;
    let exportErrors = 0;
    let bytes = 0;
    await loop();
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
    const both = await loop();
    const p99Alone = percentile(alone.latencies, 99);
    const p99During = percentile(during.latencies, 99);
    return {
      participants: pairs * 2,
      p50_alone_ms: percentile(alone.latencies, 50),
      p99_alone_ms: p99Alone,
      p50_during_ms: percentile(during.latencies, 50),
      p99_during_ms: p99During,
      ratio_p99: p99Alone ? Math.round((p99During / p99Alone) * 100) / 100 : 0,
      longest_block_export_only_ms: exportOnly.block,
      longest_delay_export_only_ms: exportOnly.delay,
      exports_alone: exportsAlone,
      longest_block_ack_only_ms: ackOnly.block,
      longest_delay_ack_only_ms: ackOnly.delay,
      longest_block_ms: both.block,
      longest_delay_ms: both.delay,
      exports,
      export_mb: Math.round(bytes / 1e5) / 10,
      export_errors: exportErrors,
      errors: alone.errors + during.errors,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    standIn.process.kill('SIGKILL');
    rmSync(probeDir, { recursive: true, force: true });
    await db.close();
  }
}
