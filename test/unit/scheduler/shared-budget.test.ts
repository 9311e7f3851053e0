import { describe, expect, it } from 'vitest';
import { SharedBudget } from '../../../src/scheduler/shared-budget.ts';
import type { DrawRequest, Grant } from '../../../src/store/send-budget.store.ts';

/** A bucket stand-in that grants what is asked, and records every request. */
function recorder() {
  const requests: DrawRequest[][] = [];
  const draw = async (batch: DrawRequest[]): Promise<Grant[]> => {
    requests.push(batch.map((r) => ({ ...r })));
    return batch.map((r) => ({ tenantId: r.tenantId, scope: r.scope, granted: r.want, waitMs: 0 }));
  };
  return { requests, draw };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('a replica’s share of a tenant’s sending budget', () => {
  const limit = { tenantId: 't1', scope: 'slack', rate: 40, burst: 20 };

  it('gives back with its next draw the tokens it did not spend in time, instead of dropping them', async () => {
    let now = 0;
    const { requests, draw } = recorder();
    const budget = new SharedBudget(draw, () => now);
    // Asks (a quarter second's worth: 10), gets them, spends 3.
    expect(budget.wait(limit)).toBeGreaterThan(0);
    await settle();
    await settle();
    for (let i = 0; i < 3; i++) {
      expect(budget.wait(limit)).toBe(0);
      budget.take(limit);
    }
    expect(requests).toEqual([[{ ...limit, want: 10, returned: 0 }]]);
    // Half a second later the 7 left are too old to spend here: they go back as it asks again.
    now = 600;
    expect(budget.wait(limit)).toBeGreaterThan(0);
    await settle();
    await settle();
    expect(requests[1]).toEqual([{ ...limit, want: 10, returned: 7 }]);
    expect(budget.wait(limit)).toBe(0);
  });

  it('gives back what another tenant left, even when only one tenant is asking', async () => {
    let now = 0;
    const { requests, draw } = recorder();
    const budget = new SharedBudget(draw, () => now);
    const other = { ...limit, tenantId: 't2' };
    budget.wait(other);
    await settle();
    await settle();
    budget.take(other);
    now = 600;
    // Only t1 asks now; t2's 9 unspent tokens ride along, asking for nothing.
    budget.wait(limit);
    await settle();
    await settle();
    expect(requests[1]).toEqual([
      { ...limit, want: 10, returned: 0 },
      { ...other, want: 0, returned: 9 },
    ]);
    // Given back once: the next round carries nothing for t2.
    now = 1_300;
    budget.wait(limit);
    await settle();
    await settle();
    expect(requests[2]).toEqual([{ ...limit, want: 10, returned: 10 }]);
  });
});
