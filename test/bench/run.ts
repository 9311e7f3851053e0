import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { slackAckDuringExport } from './export.bench.ts';
import { latency } from './latency.bench.ts';
import { matching } from './matching.bench.ts';
import { nudgeDispatch, nudgeDispatchReplicas } from './nudge-dispatch.bench.ts';
import { plannerTick } from './planner-tick.bench.ts';
import { benchServer } from './postgres.ts';
import { report } from './report.bench.ts';
import { simulation } from './simulation.bench.ts';
import { smartCoach } from './smart-coach.bench.ts';

/**
 * `npm run bench [-- --quick] [-- --only name,name]`: runs every benchmark, prints a table and
 * writes test/bench/results/latest.json as { "<benchmark>": { figures } }.
 */
type Figures = Record<string, number>;
const BENCHMARKS: Record<
  string,
  (serverUrl: string, quick: boolean) => Promise<Figures | Record<string, Figures>>
> = {
  // One run measures three: slack_ack, teams_invoke and memory. First, while this process (the
  // load generator) carries no other benchmark's heap.
  latency,
  slack_ack_during_export: slackAckDuringExport,
  planner_tick: plannerTick,
  nudge_dispatch: nudgeDispatch,
  nudge_dispatch_replicas: nudgeDispatchReplicas,
  matching,
  report,
  smart_coach: smartCoach,
  simulation,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',') : Object.keys(BENCHMARKS);
  const server = await benchServer();
  const results: Record<string, Record<string, number | string>> = {};
  try {
    for (const name of only) {
      const bench = BENCHMARKS[name];
      if (!bench) throw new Error(`unknown benchmark ${name} (${Object.keys(BENCHMARKS).join(', ')})`);
      process.stderr.write(`bench: ${name}${quick ? ' (quick)' : ''}…\n`);
      const figures = await bench(server.url, quick);
      const nested = Object.values(figures).every((v) => typeof v === 'object');
      if (nested) Object.assign(results, figures as Record<string, Figures>);
      else results[name] = figures as Figures;
    }
  } finally {
    server.stop();
  }
  results._machine = {
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    quick: quick ? 1 : 0,
    at: new Date().toISOString(),
  };
  const dir = join(process.cwd(), 'test', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // First run.
  }
  // A partial run (--only) keeps the other benchmarks' last figures.
  writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
  for (const [name, figures] of Object.entries(results)) {
    console.log(`\n${name}`);
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(18)} ${value}`);
  }
  console.log(`\nwritten to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
