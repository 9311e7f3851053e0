import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/domain/errors.ts';
import { decideGoal, draftGoal, submitGoal } from '../../../src/services/goal.service.ts';
import { listAudit } from '../../../src/store/audit.store.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { getGoal } from '../../../src/store/goal.store.ts';
import { openFreshPostgres } from '../../support/databases.ts';
import { buildWorld, SAMPLE_GOAL, type World } from '../../support/world.ts';

// Row locks only mean something on a real server; PGlite has one connection.
describe.runIf(process.env.TEST_DATABASE_URL)('concurrent transitions on postgres', () => {
  let opened: OpenDatabase;
  let w: World;
  beforeAll(async () => {
    opened = await openFreshPostgres();
    w = await buildWorld(opened.db);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('two approvals of the same goal at once: one transition, one audit row, one clear refusal', async () => {
    const deps = { db: opened.db, clock: w.clock };
    const luis = {
      actor: { tenantId: w.tenant.id, personId: w.luis.id, staffRole: null },
      via: 'chat' as const,
    };
    const ana = {
      actor: { tenantId: w.tenant.id, personId: w.ana.id, staffRole: null },
      via: 'chat' as const,
    };
    for (let round = 0; round < 3; round++) {
      const goal = await draftGoal(deps, ana, w.anaPairing.id, { ...SAMPLE_GOAL, title: `Meta ${round}` });
      await submitGoal(deps, ana, goal.id);
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => decideGoal(deps, luis, { goalId: goal.id, decision: 'approve' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect(isDomainError((r as PromiseRejectedResult).reason, 'transition.not_allowed')).toBe(true);
      }
      const stored = await getGoal(opened.db, w.tenant.id, goal.id);
      expect(stored?.state).toBe('approved');
      expect(stored?.version).toBe(3); // draft 1 → submitted 2 → approved 3
      const audit = await listAudit(opened.db, w.tenant.id, 'goal', goal.id);
      expect(audit.filter((a) => a.action === 'goal.approve')).toHaveLength(1);
      // Retire it so the next round stays inside the goal limit.
      await opened.db.updateTable('goals').set({ state: 'withdrawn' }).where('id', '=', goal.id).execute();
    }
  });
});
