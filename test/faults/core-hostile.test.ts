import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/flows/bot.ts';
import type { InboundEvent } from '../../src/messages/inbound.ts';
import { submitNewGoal } from '../../src/services/goal.service.ts';
import { proposeSession } from '../../src/services/session.service.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { createDownloadRequest, getDownloadRequest } from '../../src/store/download.store.ts';
import { createPerson, upsertIdentity } from '../../src/store/person.store.ts';
import { cliOn } from '../support/cli.ts';
import { ChatDriver } from '../support/conversation.ts';
import { openMigratedPGlite } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';

/** How many rows each table holds: a refused request must leave every count as it was. */
async function counts(db: OpenDatabase): Promise<Record<string, number>> {
  const tables = [
    'goals',
    'goal_revisions',
    'milestones',
    'sessions',
    'checkins',
    'evaluations',
    'audit_log',
    'pairings',
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe('hostile values reaching the core', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
  });
  afterAll(async () => {
    await chat.close();
  });

  const field = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      '-',
      '\u0000',
      '2027-02-30',
      '31/02/2027',
      'mañana',
      'x'.repeat(5000),
      '<script>',
      "'; drop table goals; --",
    ),
  );

  it('goal forms with any values: refused whole with the reasons, or saved whole; never half', async () => {
    const valid = {
      title: 'Dominar hojas de cálculo',
      specific: 'Aprender a usar tablas dinámicas en los informes del área',
      measurable: 'Publicar 3 informes con tablas dinámicas',
      achievable: 'Tengo acceso a un curso en línea',
      relevant: 'Los informes mensuales dependen de ello',
      dueDate: '2027-02-15',
      competencies: [] as string[],
      milestones: 'Curso terminado; 15/12/2026',
    };
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(valid) },
          {
            weight: 6,
            arbitrary: fc.record({
              title: field,
              specific: field,
              measurable: field,
              achievable: field,
              relevant: field,
              dueDate: field,
              competencies: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constant('leadership')), {
                maxLength: 3,
              }),
              milestones: fc.oneof(field, fc.constant('Curso terminado; 15/12/2026\nx; y')),
            }),
          },
        ),
        async (values) => {
          const before = await counts(chat.db);
          const opened = await chat.as('sofia').says('meta formulario');
          if (!opened.form) {
            // The program's maximum of goals is reached: the form is not even offered.
            expect(await counts(chat.db)).toEqual(before);
            return;
          }
          const answer = await chat.as('sofia').fills(values);
          const after = await counts(chat.db);
          if (after.goals === before.goals) {
            // Refused: the person is told why, and nothing at all was written.
            expect(answer.text.length).toBeGreaterThan(0);
            expect(after).toEqual(before);
          } else {
            saved++;
            expect(after.goals).toBe((before.goals ?? 0) + 1);
            expect(after.goal_revisions).toBeGreaterThan(before.goal_revisions ?? 0);
            expect(after.audit_log).toBeGreaterThan(before.audit_log ?? 0);
          }
        },
      ),
      { numRuns: 80, seed: 21 },
    );
    // Both branches ran: some forms were saved whole (up to the program's three goals).
    expect(saved).toBeGreaterThan(0);
  });

  it('buttons with any value, from anyone, change nothing unless they are valid and theirs', async () => {
    const actions = fc.constantFrom(
      'goal.approve',
      'goal.request_changes',
      'goal.withdraw_confirm',
      'session.accept',
      'session.cancel',
      'checkin.resolve',
      'evaluation.release',
      'pairs.apply',
      'plenary.attend',
      'application.endorse',
      'application.select',
      'menu',
      'flow.choice',
      'nonexistent',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('ana', 'luis', 'diego', 'marta'),
        actions,
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (who, actionId, value) => {
          const before = await counts(chat.db);
          const answer = await chat.as(who).clicksRaw(actionId, value);
          expect(answer.text.length).toBeGreaterThan(0);
          expect(await counts(chat.db)).toEqual(before);
        },
      ),
      { numRuns: 120, seed: 22 },
    );
  });
});

describe('tenants are isolated', () => {
  let db: OpenDatabase;
  let a: World;
  let b: World;
  let bot: Bot;
  let goalOfB: { id: string; revision: number };
  let sessionOfB: string;
  beforeAll(async () => {
    db = await openMigratedPGlite();
    a = await buildWorld(db.db, 'T:A', 'slack');
    b = await buildWorld(db.db, 'T:B', 'slack');
    for (const [w, prefix] of [
      [a, 'UA'],
      [b, 'UB'],
    ] as const) {
      for (const p of [w.ana, w.luis, w.carmen, w.diego]) {
        await upsertIdentity(db.db, {
          tenantId: w.tenant.id,
          personId: p.id,
          platform: 'slack',
          externalId: `${prefix}-${p.name}`,
          conversationRef: null,
          now: w.clock.now(),
        });
      }
    }
    await createPerson(db.db, b.tenant.id, {
      name: 'Solo en B',
      email: 'solo-b@example.org',
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    const actingB = {
      actor: { tenantId: b.tenant.id, personId: b.ana.id, staffRole: null },
      via: 'chat' as const,
    };
    const deps = { db: db.db, clock: b.clock };
    const submitted = await submitNewGoal(deps, actingB, b.anaPairing.id, {
      title: 'Meta del otro organismo',
      specific: 'Organizar reuniones semanales con el equipo del área',
      measurable: 'Realizar 12 reuniones',
      achievable: 'Tengo apoyo',
      relevant: 'Es importante',
      dueDate: '2026-06-01',
      competencies: [],
      milestones: [],
    });
    goalOfB = { id: submitted.goal.id, revision: submitted.goal.revision };
    const session = await proposeSession(deps, actingB, {
      pairingId: b.anaPairing.id,
      startsAt: new Date('2026-03-20T16:00:00Z'),
      durationMinutes: 60,
    });
    sessionOfB = session.session.id;
    bot = new Bot({
      db: db.db,
      clock: a.clock,
      chat: { send: async () => 'x', update: async () => {} },
      defaults: { locale: 'es', timezone: 'America/Mexico_City' },
    });
  });
  afterAll(async () => {
    await db.close();
  });

  let n = 0;
  const in_ =
    (w: World, prefix: string) =>
    (name: string, body: Pick<InboundEvent, 'kind'> & Record<string, unknown>) =>
      bot.handle({
        eventId: `x${++n}`,
        tenantId: w.tenant.id,
        platform: 'slack',
        user: { externalId: `${prefix}-${name}` },
        ...body,
      } as InboundEvent);
  const as = (name: string, body: Pick<InboundEvent, 'kind'> & Record<string, unknown>) =>
    in_(a, 'UA')(name, body);
  const asB = (name: string, body: Pick<InboundEvent, 'kind'> & Record<string, unknown>) =>
    in_(b, 'UB')(name, body);
  const text = async (reply: Promise<{ messages: { blocks: unknown[] }[] }>) =>
    JSON.stringify((await reply).messages);

  it('a person of tenant A naming a goal, a session or a person of tenant B is refused, and nothing changes', async () => {
    const before = await counts({ db: db.db } as OpenDatabase);
    const approve = await text(
      as(a.luis.name, {
        kind: 'action',
        actionId: 'goal.approve',
        value: JSON.stringify({ g: goalOfB.id, r: goalOfB.revision }),
      }),
    );
    expect(approve).toContain('No encontré ese registro.');
    const cancel = await text(
      as(a.ana.name, {
        kind: 'action',
        actionId: 'session.cancel',
        value: JSON.stringify({ s: sessionOfB }),
      }),
    );
    expect(cancel).toContain('No encontré ese registro.');
    expect(
      await text(as(a.carmen.name, { kind: 'command', text: 'admin agregar director solo-b@example.org' })),
    ).toContain('No encontré a nadie con el correo solo-b@example.org');
    expect(
      await text(as(a.carmen.name, { kind: 'command', text: 'admin en nombre de solo-b@example.org meta' })),
    ).toContain('No encontré a nadie con el correo solo-b@example.org');
    const goal = await db.db
      .selectFrom('goals')
      .select('state')
      .where('id', '=', goalOfB.id)
      .executeTakeFirstOrThrow();
    expect(goal.state).toBe('submitted');
    const session = await db.db
      .selectFrom('sessions')
      .select('state')
      .where('id', '=', sessionOfB)
      .executeTakeFirstOrThrow();
    expect(session.state).toBe('proposed');
    const role = await db.db
      .selectFrom('people')
      .select('tenant_role')
      .where('email', '=', 'solo-b@example.org')
      .executeTakeFirstOrThrow();
    expect(role.tenant_role).toBeNull();
    expect(await counts({ db: db.db } as OpenDatabase)).toEqual(before);
  });

  it("a download request of tenant B confirmed from tenant A stays unconfirmed; B's own person confirms it", async () => {
    const id = 'request-of-tenant-b-0123456789';
    await createDownloadRequest(db.db, {
      tenantId: b.tenant.id,
      id,
      personId: b.diego.id,
      tokenHash: 'hash',
      file: 'results.xlsx',
      expiresAt: new Date(b.clock.now().getTime() + 600_000),
    });
    const value = JSON.stringify({ n: id });
    const fromA = await text(as(a.diego.name, { kind: 'action', actionId: 'download.approve', value }));
    expect(fromA).not.toContain('Confirmado');
    expect((await getDownloadRequest(db.db, b.tenant.id, id))?.approvedAt).toBeNull();
    // The twin: the same button value, clicked by the person it was sent to.
    const fromB = await asB(b.diego.name, { kind: 'action', actionId: 'download.approve', value });
    expect(JSON.stringify(fromB.replaceOriginal)).toContain('Confirmado');
    expect((await getDownloadRequest(db.db, b.tenant.id, id))?.approvedAt).not.toBeNull();
  });

  it('the CLI with --tenant of A finds nothing of B by id; with --tenant of B it does', async () => {
    const cli = cliOn(() => db);
    const before = await counts(db);
    const fromA = await cli('report', '--cycle', b.cycle.id, '--tenant', 'slack:A', '--format', 'json');
    expect(fromA.code).not.toBe(0);
    expect(fromA.out).toBe('');
    const exportFromA = await cli('person', 'export', '--email', 'solo-b@example.org', '--tenant', 'slack:A');
    expect(exportFromA.code).not.toBe(0);
    expect(exportFromA.out).not.toContain('Solo en B');
    // The twins: the same names from B's own tenant work.
    const fromB = await cli('report', '--cycle', b.cycle.id, '--tenant', 'slack:B', '--format', 'json');
    expect(fromB.code).toBe(0);
    expect(JSON.parse(fromB.out)).toBeTruthy();
    const exportFromB = await cli('person', 'export', '--email', 'solo-b@example.org', '--tenant', 'slack:B');
    expect(exportFromB.code).toBe(0);
    expect(exportFromB.out).toContain('Solo en B');
    // Exports are audited; nothing else changed.
    const after = await counts(db);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
  });

  it("tenant B's own mentor approves the goal that tenant A could not", async () => {
    const reply = await asB(b.luis.name, {
      kind: 'action',
      actionId: 'goal.approve',
      value: JSON.stringify({ g: goalOfB.id, r: goalOfB.revision }),
    });
    expect(JSON.stringify(reply)).not.toContain('No encontré ese registro.');
    const goal = await db.db
      .selectFrom('goals')
      .select('state')
      .where('id', '=', goalOfB.id)
      .executeTakeFirstOrThrow();
    expect(goal.state).toBe('approved');
  });
});
