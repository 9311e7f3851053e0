import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '../../../src/services/deps.ts';
import { decideGoal, draftGoal, saveAndSubmitGoal, submitGoal } from '../../../src/services/goal.service.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { getGoal } from '../../../src/store/goal.store.ts';
import { testBackends } from '../../support/databases.ts';
import { buildWorld, SAMPLE_GOAL, type World } from '../../support/world.ts';

describe.each(testBackends())('resubmitting a goal on $name', (backend) => {
  let opened: OpenDatabase;
  let w: World;
  const as = (personId: string): Acting => ({
    actor: { tenantId: w.tenant.id, personId, staffRole: null },
    via: 'chat',
  });

  beforeAll(async () => {
    opened = await backend.open();
    w = await buildWorld(opened.db, 'tenant-resubmit');
    // A revision whose title says so cannot be written: the submission fails after the edit.
    await sql`
      create function refuse_revision() returns trigger language plpgsql as $$
      begin
        if new.fields->>'title' like 'Rechazada%' then raise exception 'revision refused by the test'; end if;
        return new;
      end $$`.execute(opened.db);
    await sql`create trigger refuse_revision before insert on goal_revisions
      for each row execute function refuse_revision()`.execute(opened.db);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('edits and resubmits a goal sent back in one transaction: a failed submission keeps it as it was', async () => {
    const deps = { db: opened.db, clock: w.clock };
    const goal = await draftGoal(deps, as(w.ana.id), w.anaPairing.id, SAMPLE_GOAL);
    await submitGoal(deps, as(w.ana.id), goal.id);
    await decideGoal(deps, as(w.luis.id), {
      goalId: goal.id,
      decision: 'request_changes',
      comment: 'Más concreta',
    });
    await expect(
      saveAndSubmitGoal(
        deps,
        as(w.ana.id),
        { goalId: goal.id },
        { ...SAMPLE_GOAL, title: 'Rechazada por la base' },
      ),
    ).rejects.toThrow();
    // Nothing of the attempt was kept: not the edit, not the state.
    const after = await getGoal(opened.db, w.tenant.id, goal.id);
    expect(after).toMatchObject({ state: 'changes_requested', title: SAMPLE_GOAL.title, revision: 1 });
    // Its twin: the same resubmission with a title the database takes goes through, edited.
    const { goal: sent } = await saveAndSubmitGoal(
      deps,
      as(w.ana.id),
      { goalId: goal.id },
      { ...SAMPLE_GOAL, title: 'Informe trimestral corregido' },
    );
    expect(sent).toMatchObject({ state: 'submitted', title: 'Informe trimestral corregido', revision: 2 });
  });
});
