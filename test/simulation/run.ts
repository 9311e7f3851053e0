import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchServer, freshDatabase } from '../bench/postgres.ts';
import { simulationPage } from './page.ts';
import { simulate } from './simulate.ts';

/**
 * `npm run simulate -- --people 700 --months 6 [--seed 1] [--out FILE]`: a whole cycle on a
 * virtual clock on PostgreSQL (TEST_DATABASE_URL, or a throwaway local cluster), checked against
 * its own record; prints a summary and writes an HTML page with charts. Exits 1 if a check fails.
 */
const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '700' },
    months: { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: join('test', 'simulation', 'results', 'simulation.html') },
  },
});
const server = await benchServer();
const database = await freshDatabase(server.url, 4);
try {
  const result = await simulate({
    database,
    people: Number(values.people),
    months: Number(values.months),
    seed: Number(values.seed),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(
    `\n${result.people} people in ${result.tenants} tenants, ${result.from} to ${result.to}, simulated in ${result.seconds} s\n`,
  );
  console.log('Reminders by kind (final state of each row):');
  for (const [kind, states] of Object.entries(result.byKind).sort())
    console.log(
      `  ${kind.padEnd(20)} ${Object.entries(states)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')}`,
    );
  console.log('\nWhat the simulated people did:');
  for (const [what, n] of Object.entries(result.actions).sort()) console.log(`  ${what.padEnd(24)} ${n}`);
  console.log('\nTimeline (reminders sent per week):');
  const weeks = new Map<string, number>();
  for (const d of result.days) {
    const monday = new Date(`${d.day}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const key = monday.toISOString().slice(0, 10);
    weeks.set(key, (weeks.get(key) ?? 0) + d.reminders);
  }
  const most = Math.max(1, ...weeks.values());
  for (const [week, n] of weeks)
    console.log(`  ${week} ${'█'.repeat(Math.round((n / most) * 40)).padEnd(40)} ${n}`);
  console.log('\nChecks:');
  for (const c of result.checks)
    console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}${c.ok ? '' : ` — ${c.detail}`}`);
  mkdirSync(join(values.out, '..'), { recursive: true });
  writeFileSync(values.out, simulationPage(result));
  console.log(`\nwritten to ${values.out}`);
  process.exitCode = result.checks.every((c) => c.ok) ? 0 : 1;
} finally {
  await database.close();
  server.stop();
}
