import { sql } from 'kysely';
import { PLATFORMS, parseServerConfig } from '../../adapters/platforms.ts';
import { ManualClock } from '../../src/clock.ts';
import type { SendLimit } from '../../src/platforms.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { freshDatabase } from './postgres.ts';
import { seedCohort } from './seed.ts';
import { StandInPlatform } from './stand-in-platform.ts';

/** Each platform's default limits, as its module gives them to the server's dispatcher. */
const defaults = parseServerConfig({});
if (!defaults.ok) throw new Error(defaults.problems.join('\n'));
const config = defaults.config;
const limitsOf = (name: string): SendLimit => {
  const platform = PLATFORMS.find((p) => p.name === name);
  if (!platform) throw new Error(`no platform ${name}`);
  return platform.limits(config);
};
export const LIMITS = { slack: limitsOf('slack'), teams: limitsOf('teams') };

/**
 * 100,000 due nudges (two session reminders per person) to 50,000 people over Slack-like and
 * Teams-like tenants, through a stand-in platform that answers 429 past its limits. Each
 * tenant's share is proportional to its ceiling, so the limits allow the whole workload in
 * about a minute; `allowed_per_s` is that bound and `ratio` how close the dispatcher gets.
 */
export async function nudgeDispatch(serverUrl: string, quick: boolean): Promise<Record<string, number>> {
  const people = quick ? 5_000 : 50_000;
  const slackTenants = 20;
  const teamsTenants = 20;
  const weight = slackTenants * LIMITS.slack.perTenant + teamsTenants * LIMITS.teams.perTenant;
  const pairsFor = (ceiling: number) => Math.round(((people / 2) * ceiling) / weight);
  const tenants = [
    ...Array.from({ length: slackTenants }, (_, i) => ({
      id: `s${i}`,
      platform: 'slack' as const,
      pairs: pairsFor(LIMITS.slack.perTenant),
    })),
    ...Array.from({ length: teamsTenants }, (_, i) => ({
      id: `m${i}`,
      platform: 'teams' as const,
      pairs: pairsFor(LIMITS.teams.perTenant),
    })),
  ];
  const db = await freshDatabase(serverUrl, 12);
  try {
    const now = new Date('2026-03-10T16:00:00Z');
    await seedCohort(db.db, {
      tenants,
      cycle: {
        enrollment: '2026-01-05',
        goalSetting: '2026-02-02',
        execution: '2026-03-02',
        closing: '2026-06-15',
        ends: '2026-06-30',
      },
    });
    const starts = new Date(now.getTime() + 7 * 24 * 3_600_000);
    await sql`insert into sessions (tenant_id, id, pairing_id, state, starts_at, duration_minutes, proposed_by, sequence, version, created_at, updated_at)
      select tenant_id, 's' || id, id, 'confirmed', ${starts}, 60, mentor_id, 1, 2, ${now}, ${now} from pairings`.execute(
      db.db,
    );
    // Two reminders per person: slots "1h@…" and "2h@…" for mentor and mentee of every session.
    await sql`insert into nudges (tenant_id, id, kind, subject_id, slot, recipient_id, due_at, created_at, updated_at)
      select p.tenant_id, 'n' || p.id || '-' || who || '-' || h, 'session_reminder', 's' || p.id, h || 'h@' || ${starts.toISOString()},
             case when who = 0 then p.mentor_id else p.mentee_id end, ${new Date(now.getTime() - 60_000)}, ${now}, ${now}
      from pairings p, generate_series(0, 1) who, generate_series(1, 2) h`.execute(db.db);
    await sql`analyze`.execute(db.db);
    const total = Number(
      (
        (await sql<{ n: number }>`select count(*)::int as n from nudges`.execute(db.db)).rows[0] as {
          n: number;
        }
      ).n,
    );
    // The bound the limits allow: the slowest tenant (its nudges over its ceiling) decides.
    const perTenant = await sql<{ tenant_id: string; platform: string; n: number }>`
      select n.tenant_id, t.platform, count(*)::int as n from nudges n join tenants t on t.id = n.tenant_id group by 1, 2`.execute(
      db.db,
    );
    const makespan = Math.max(
      ...perTenant.rows.map(
        (r) => r.n / (r.platform === 'teams' ? LIMITS.teams.perTenant : LIMITS.slack.perTenant),
      ),
    );
    const allowed = total / makespan;

    const platform = new StandInPlatform(LIMITS);
    const clock = new ManualClock(now);
    const dispatcher = new Dispatcher({
      db: db.db,
      clock,
      chat: platform,
      worker: 'bench',
      limits: LIMITS,
      concurrency: 256,
      maxInlineWaitMs: 2_000,
      leaseMs: 10 * 60_000,
    });
    const started = performance.now();
    // The dispatcher's own clock moves with real time, so requeued rows come due again.
    const ticker = setInterval(() => clock.set(new Date(now.getTime() + (performance.now() - started))), 50);
    let remaining = total;
    while (remaining > 0) {
      await dispatcher.drain();
      remaining = Number(
        (
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from nudges where status in ('pending','claimed')`.execute(db.db)
          ).rows[0] as { n: number }
        ).n,
      );
      if (remaining > 0) await new Promise((r) => setTimeout(r, 100));
      if (performance.now() - started > 10 * 60_000) break;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(ticker);
    const sentRows = Number(
      (
        (await sql<{ n: number }>`select count(*)::int as n from nudges where status = 'sent'`.execute(db.db))
          .rows[0] as { n: number }
      ).n,
    );
    if (process.env.BENCH_TIMELINE)
      console.error(platform.timeline.map((t, i) => `${i}:${t.slack}/${t.teams}`).join(' '));
    const delivered = [...platform.deliveries.values()];
    const duplicates = delivered.reduce((sum, n) => sum + (n - 1), 0);
    return {
      nudges: total,
      people,
      sent: sentRows,
      duplicates,
      lost: total - platform.deliveries.size,
      rate_limited: platform.rateLimited,
      seconds: Math.round(seconds * 10) / 10,
      achieved_per_s: Math.round(total / seconds),
      allowed_per_s: Math.round(allowed),
      ratio: Math.round((total / seconds / allowed) * 1000) / 1000,
    };
  } finally {
    await db.close();
  }
}
