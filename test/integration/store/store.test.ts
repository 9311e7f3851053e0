import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/authz.ts';
import type { Acting } from '../../../src/services/deps.ts';
import { decideGoal, draftGoal, submitGoal, withdrawGoal } from '../../../src/services/goal.service.ts';
import { listAudit } from '../../../src/store/audit.store.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { getGoal, listRevisions } from '../../../src/store/goal.store.ts';
import {
  activeIdentities,
  deactivateIdentity,
  findIdentity,
  findPersonByEmail,
  upsertIdentity,
} from '../../../src/store/person.store.ts';
import { createPairing } from '../../../src/store/program.store.ts';
import { ensureTenant, listCompetencies } from '../../../src/store/tenant.store.ts';
import { testBackends } from '../../support/databases.ts';
import { buildWorld, SAMPLE_GOAL, type World } from '../../support/world.ts';

const chat = (actor: Actor): Acting => ({ actor, via: 'chat' });

describe.each(testBackends())('store on $name', (backend) => {
  let opened: OpenDatabase;
  let w: World;
  let other: World;
  const actor = (
    personId: string,
    staffRole: Actor['staffRole'] = null,
    tenant = () => w.tenant.id,
  ): Actor => ({
    tenantId: tenant(),
    personId,
    staffRole,
  });

  beforeAll(async () => {
    opened = await backend.open();
    w = await buildWorld(opened.db, 'tenant-a');
    other = await buildWorld(opened.db, 'tenant-b');
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('creates a tenant once, with the competency catalog in both languages', async () => {
    const again = await ensureTenant(opened.db, {
      platform: 'console',
      externalId: 'tenant-a',
      name: 'otro nombre',
      defaultLocale: 'en',
      defaultTimezone: 'UTC',
    });
    expect(again.id).toBe(w.tenant.id);
    const catalog = await listCompetencies(opened.db, w.tenant.id);
    expect(catalog.map((c) => c.nameEs)).toEqual(
      expect.arrayContaining(['Escucha activa', 'Comunicación asertiva', 'Liderazgo', 'Desempeño']),
    );
    expect(catalog.find((c) => c.key === 'active_listening')?.nameEn).toBe('Active listening');
    expect(catalog.some((c) => c.category === 'digital')).toBe(true);
  });

  it('keeps tenants apart: the same email in two tenants is two people', async () => {
    const a = await findPersonByEmail(opened.db, w.tenant.id, 'ANA@example.org');
    const b = await findPersonByEmail(opened.db, other.tenant.id, 'ana@example.org');
    expect(a?.id).toBe(w.ana.id);
    expect(b?.id).toBe(other.ana.id);
    expect(a?.id).not.toBe(b?.id);
  });

  it('refuses a second active mentor for a mentee in the same cycle', async () => {
    await expect(
      createPairing(opened.db, w.tenant.id, {
        cycleId: w.cycle.id,
        mentorId: w.marta.id,
        menteeId: w.ana.id,
      }),
    ).rejects.toThrow();
  });

  it('upserts identities, keeps the conversation reference and deactivates them', async () => {
    const now = w.clock.now();
    const first = await upsertIdentity(opened.db, {
      tenantId: w.tenant.id,
      personId: w.ana.id,
      platform: 'slack',
      externalId: 'U1',
      conversationRef: { channel: 'D1' },
      now,
    });
    const again = await upsertIdentity(opened.db, {
      tenantId: w.tenant.id,
      personId: w.ana.id,
      platform: 'slack',
      externalId: 'U1',
      conversationRef: null,
      now,
    });
    expect(again.id).toBe(first.id);
    expect(again.conversationRef).toEqual({ channel: 'D1' });
    await deactivateIdentity(opened.db, w.tenant.id, first.id, 'user_not_found', now);
    expect(await activeIdentities(opened.db, w.tenant.id, w.ana.id)).toEqual([]);
    expect((await findIdentity(opened.db, w.tenant.id, 'slack', 'U1'))?.active).toBe(false);
    expect(await findIdentity(opened.db, other.tenant.id, 'slack', 'U1')).toBeUndefined();
  });

  it('runs the goal loop: draft, submit, changes requested, resubmit, approve — every revision kept and audited', async () => {
    const deps = { db: opened.db, clock: w.clock };
    const goal = await draftGoal(deps, chat(actor(w.ana.id)), w.anaPairing.id, SAMPLE_GOAL);
    expect(goal.state).toBe('draft');
    expect(goal.milestones).toEqual(SAMPLE_GOAL.milestones);
    await submitGoal(deps, chat(actor(w.ana.id)), goal.id);
    await expect(
      decideGoal(deps, chat(actor(w.luis.id)), { goalId: goal.id, decision: 'request_changes', comment: '' }),
    ).rejects.toMatchObject({ code: 'goal.comment_required' });
    await decideGoal(deps, chat(actor(w.luis.id)), {
      goalId: goal.id,
      decision: 'request_changes',
      comment: 'Indica cuántas personas',
    });
    await submitGoal(deps, chat(actor(w.ana.id)), goal.id, {
      ...SAMPLE_GOAL,
      measurable: '12 reuniones con 8 personas',
    });
    const { goal: approved } = await decideGoal(deps, chat(actor(w.luis.id)), {
      goalId: goal.id,
      decision: 'approve',
    });
    expect(approved.state).toBe('approved');
    expect(approved.measurable).toBe('12 reuniones con 8 personas');

    const revisions = await listRevisions(opened.db, w.tenant.id, goal.id);
    expect(revisions.map((r) => [r.revision, r.decision, r.comment])).toEqual([
      [1, 'changes_requested', 'Indica cuántas personas'],
      [2, 'approved', null],
    ]);
    expect(revisions[0]?.fields.measurable).toBe(SAMPLE_GOAL.measurable);
    const audit = await listAudit(opened.db, w.tenant.id, 'goal', goal.id);
    expect(audit.map((a) => a.action)).toEqual([
      'goal.draft',
      'goal.submit',
      'goal.request_changes',
      'goal.submit',
      'goal.approve',
    ]);
    expect(audit.every((a) => a.via === 'chat')).toBe(true);
  });

  it('refuses the wrong people and second clicks, changing nothing', async () => {
    const deps = { db: opened.db, clock: w.clock };
    const goal = await draftGoal(deps, chat(actor(w.ana.id)), w.anaPairing.id, {
      ...SAMPLE_GOAL,
      title: 'Segunda meta',
    });
    await submitGoal(deps, chat(actor(w.ana.id)), goal.id);
    // Ana cannot approve her own goal; Marta is not her mentor; the admin cannot decide for Luis.
    for (const who of [actor(w.ana.id), actor(w.marta.id), actor(w.carmen.id, 'admin')]) {
      await expect(
        decideGoal(deps, chat(who), { goalId: goal.id, decision: 'approve' }),
      ).rejects.toMatchObject({
        code: 'auth.forbidden',
      });
    }
    await expect(
      decideGoal(deps, chat(actor(w.diego.id, 'director')), { goalId: goal.id, decision: 'approve' }),
    ).rejects.toMatchObject({
      code: 'auth.read_only',
    });
    // A person of another tenant naming this goal finds nothing.
    await expect(
      decideGoal(deps, chat(actor(other.luis.id, null, () => other.tenant.id)), {
        goalId: goal.id,
        decision: 'approve',
      }),
    ).rejects.toMatchObject({ code: 'record.not_found' });
    await decideGoal(deps, chat(actor(w.luis.id)), { goalId: goal.id, decision: 'approve' });
    await expect(
      decideGoal(deps, chat(actor(w.luis.id)), { goalId: goal.id, decision: 'approve' }),
    ).rejects.toMatchObject({
      code: 'transition.not_allowed',
      details: { from: 'approved' },
    });
    const audit = await listAudit(opened.db, w.tenant.id, 'goal', goal.id);
    expect(audit.filter((a) => a.action === 'goal.approve')).toHaveLength(1);
  });

  it('holds the program maximum of goals; withdrawn goals do not count; admins enter paper goals on behalf', async () => {
    const deps = { db: opened.db, clock: w.clock };
    const third = await draftGoal(deps, chat(actor(w.carmen.id, 'admin')), w.anaPairing.id, {
      ...SAMPLE_GOAL,
      title: 'Tercera (papel)',
    });
    const audit = await listAudit(opened.db, w.tenant.id, 'goal', third.id);
    expect(audit[0]).toMatchObject({ via: 'on_behalf', actor_id: w.carmen.id, on_behalf_of: w.ana.id });
    await expect(
      draftGoal(deps, chat(actor(w.ana.id)), w.anaPairing.id, { ...SAMPLE_GOAL, title: 'Cuarta' }),
    ).rejects.toMatchObject({ code: 'goal.limit', details: { max: 3 } });
    await withdrawGoal(deps, chat(actor(w.ana.id)), third.id);
    const fourth = await draftGoal(deps, chat(actor(w.ana.id)), w.anaPairing.id, {
      ...SAMPLE_GOAL,
      title: 'Cuarta',
    });
    expect((await getGoal(opened.db, w.tenant.id, fourth.id))?.state).toBe('draft');
  });

  it('refuses a due date outside the execution window, writing nothing', async () => {
    const deps = { db: opened.db, clock: w.clock };
    await expect(
      draftGoal(deps, chat(actor(w.sofia.id)), w.sofiaPairing.id, { ...SAMPLE_GOAL, dueDate: '2026-12-01' }),
    ).rejects.toMatchObject({ code: 'goal.date_outside_execution' });
    const count = await opened.db
      .selectFrom('goals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', w.tenant.id)
      .where('pairing_id', '=', w.sofiaPairing.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
