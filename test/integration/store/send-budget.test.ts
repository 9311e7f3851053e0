import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { type DrawRequest, drawTokens } from '../../../src/store/send-budget.store.ts';
import { openFreshPostgres, testBackends } from '../../support/databases.ts';

const dbNow = async (db: OpenDatabase) =>
  (await sql<{ at: Date }>`select clock_timestamp() as at`.execute(db.db)).rows[0]?.at.getTime() ?? 0;

const one = async (db: OpenDatabase, request: DrawRequest) => {
  const [grant] = await drawTokens(db.db, [request]);
  if (!grant) throw new Error('no grant');
  return grant;
};

describe.each(testBackends())('shared sending budget on $name', (backend) => {
  let db: OpenDatabase;
  afterEach(async () => {
    await db?.close();
  });

  it('starts full, grants what it holds, then says how long until the next token', async () => {
    db = await backend.open();
    const limit = { tenantId: 't1', scope: 'slack', rate: 10, burst: 5 };
    // Full at first: 5 of the 8 asked for; then empty, with a wait of about a token's time (100 ms).
    expect(await one(db, { ...limit, want: 8 })).toMatchObject({ granted: 5, waitMs: 0 });
    const empty = await one(db, { ...limit, want: 8 });
    expect(empty.granted).toBe(0);
    expect(empty.waitMs).toBeGreaterThan(0);
    expect(empty.waitMs).toBeLessThanOrEqual(100);
    // It refills at its rate, never past its burst.
    await new Promise((r) => setTimeout(r, empty.waitMs + 150));
    const refilled = await one(db, { ...limit, want: 100 });
    expect(refilled.granted).toBeGreaterThanOrEqual(1);
    expect(refilled.granted).toBeLessThanOrEqual(5);
  });

  it('takes back what a replica did not spend, for the next one, never above its burst', async () => {
    db = await backend.open();
    // A slow rate, so that refilling adds nothing while the test runs.
    const limit = { tenantId: 't1', scope: 'slack', rate: 0.001, burst: 10 };
    expect(await one(db, { ...limit, want: 10 })).toMatchObject({ granted: 10 });
    expect((await one(db, { ...limit, want: 1 })).granted).toBe(0);
    // Seven of the ten were not spent in time: given back (asking for nothing), they can be drawn.
    expect((await one(db, { ...limit, want: 0, returned: 7 })).granted).toBe(0);
    expect((await one(db, { ...limit, want: 10 })).granted).toBe(7);
    // Giving back more than the bucket holds fills it to its burst, no further.
    await one(db, { ...limit, want: 0, returned: 50 });
    expect((await one(db, { ...limit, want: 50 })).granted).toBe(10);
  });

  it('draws for several tenants in one call, each from its own bucket', async () => {
    db = await backend.open();
    const limit = { tenantId: 't1', scope: 'slack', rate: 10, burst: 5, want: 5 };
    await one(db, limit);
    const grants = await drawTokens(db.db, [
      { ...limit, tenantId: 't3', want: 2 },
      limit,
      { ...limit, scope: 'teams', want: 3 },
      { ...limit, tenantId: 't2', want: 9 },
    ]);
    // t1 on Slack is spent; t1 on Teams, t2 and t3 are buckets of their own, full.
    expect(grants.map((g) => [g.tenantId, g.scope, g.granted])).toEqual([
      ['t1', 'slack', 0],
      ['t1', 'teams', 3],
      ['t2', 'slack', 5],
      ['t3', 'slack', 2],
    ]);
  });
});

// Several connections drawing at once: only a real server runs them concurrently.
describe.runIf(process.env.TEST_DATABASE_URL)('shared sending budget under concurrent draws', () => {
  let db: OpenDatabase;
  afterEach(async () => {
    await db?.close();
  });

  it('three replicas drawing as fast as they can get, together, what the rate allows and no more', async () => {
    db = await openFreshPostgres(undefined, 6);
    const limits = ['t1', 't2'].map((tenantId) => ({
      tenantId,
      scope: 'slack',
      rate: 200,
      burst: 50,
      want: 10,
    }));
    const from = await dbNow(db);
    const granted = [0, 0, 0];
    const replica = async (i: number) => {
      // Each replica asks for both tenants, in the opposite order from the one before it.
      const order = i % 2 ? [...limits].reverse() : limits;
      for (let n = 0; n < 150; n++)
        for (const grant of await drawTokens(db.db, order)) granted[i] = (granted[i] ?? 0) + grant.granted;
    };
    await Promise.all([0, 1, 2].map(replica));
    const seconds = ((await dbNow(db)) - from) / 1000;
    const total = granted.reduce((a, b) => a + b, 0);
    // Never more than the burst plus the rate over the time the draws took, for each tenant…
    expect(total).toBeLessThanOrEqual(2 * (50 + 200 * seconds));
    // …and the budget is there to be used: each replica got a share, together nearly all of it.
    expect(granted.every((g) => g > 0)).toBe(true);
    expect(total).toBeGreaterThanOrEqual(Math.min(2 * 450 * 10, 2 * 200 * seconds) * 0.8);
  });
});
