import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/flows/bot.ts';
import type { InboundEvent } from '../../src/messages/inbound.ts';
import { submitNewGoal } from '../../src/services/goal.service.ts';
import { proposeSession } from '../../src/services/session.service.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { createPerson, upsertIdentity } from '../../src/store/person.store.ts';
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
    for (const p of [a.ana, a.luis, a.carmen]) {
      await upsertIdentity(db.db, {
        tenantId: a.tenant.id,
        personId: p.id,
        platform: 'slack',
        externalId: `UA-${p.name}`,
        conversationRef: null,
        now: a.clock.now(),
      });
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
  const as = (name: string, body: Pick<InboundEvent, 'kind'> & Record<string, unknown>) =>
    bot.handle({
      eventId: `x${++n}`,
      tenantId: a.tenant.id,
      platform: 'slack',
      user: { externalId: `UA-${name}` },
      ...body,
    } as InboundEvent);
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
});
