import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePerson, exportPerson } from '../../../src/services/privacy.service.ts';
import { cycleFigures } from '../../../src/store/report.store.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { anaGoalApproved } from '../../support/cycles.ts';

describe("a person's data: export and erase", () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
    await anaGoalApproved(chat);
  });
  afterAll(async () => {
    await chat.close();
  });

  const exportOf = async (handle: string) => {
    const person = await chat.db.db
      .selectFrom('people')
      .select('email')
      .where('email', 'like', `${handle}@%`)
      .executeTakeFirstOrThrow();
    return exportPerson(
      { db: chat.db.db, clock: chat.clock },
      { tenantId: chat.tenant.id, actorId: null, via: 'cli' },
      person.email as string,
    );
  };

  it("holds the mentee's goal with its revision, her pairing and what she did", async () => {
    const data = (await exportOf('ana')) as Record<string, Record<string, unknown>[]>;
    expect(data.goals?.map((g) => [g.title, g.state])).toEqual([['Liderar la mesa de ayuda', 'approved']]);
    expect(data.goal_revisions?.length).toBeGreaterThanOrEqual(1);
    expect(data.pairings).toHaveLength(1);
    expect(data.identities).toEqual([expect.objectContaining({ platform: 'console', external_id: 'ana' })]);
    expect(data.audit?.map((a) => a.action)).toContain('goal.submit');
  });

  it("holds the mentor's decision but not the mentee's goals as his own", async () => {
    const data = (await exportOf('luis')) as Record<string, Record<string, unknown>[]>;
    expect(data.goals).toEqual([]);
    expect(data.pairings).toHaveLength(1);
    expect(data.audit?.map((a) => a.action)).toContain('goal.approve');
    const exports = await chat.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'person.export')
      .execute();
    expect(exports).toHaveLength(2);
  });

  it('erases the mentee: no trace of her name, email, handle or texts anywhere, the figures unchanged', async () => {
    const luis = chat.as('luis');
    await luis.says('sesión nueva');
    await luis.says('mañana 10:00');
    await luis.says('60');
    await luis.says('Oficina 12B');
    await luis.says('Revisar el tablero de seguimiento');
    await luis.clicks('Enviar propuesta');
    await chat.as('ana').says('sesión nueva'); // an open conversation
    const cycle = await chat.db.db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
    const before = await cycleFigures(chat.db.db, chat.tenant.id, cycle.id);
    const run = { tenantId: chat.tenant.id, actorId: null, via: 'cli' } as const;
    const erased = await erasePerson({ db: chat.db.db, clock: chat.clock }, run, 'ana@demo.mentoria.invalid');
    expect(erased).toMatchObject({ goals: 1, sessions: 1 });
    // Every row of every table, as text: nothing that names or identifies her is left.
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
      chat.db.db,
    );
    const dump: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<{
        row: unknown;
      }>`select row_to_json(t) as row from ${sql.table(table_name)} t`.execute(chat.db.db);
      dump.push(JSON.stringify(rows.rows));
    }
    const all = dump.join('\n');
    expect(all).toContain('Luis Herrera'); // the dump is real
    for (const trace of [
      'Ana Torres',
      'ana@demo.mentoria.invalid',
      '"ana"',
      'Liderar la mesa',
      'Oficina 12B',
      'tablero de seguimiento',
      'reuniones semanales',
    ]) {
      expect(all).not.toContain(trace);
    }
    const after = await cycleFigures(chat.db.db, chat.tenant.id, cycle.id);
    expect(after).toEqual(before);
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'person.erase')
      .execute();
    expect(audit).toHaveLength(1);
    // Nobody by that email any more: a second erase changes nothing and says so.
    await expect(
      erasePerson({ db: chat.db.db, clock: chat.clock }, run, 'ana@demo.mentoria.invalid'),
    ).rejects.toThrow('nobody with the email ana@demo.mentoria.invalid in this tenant');
  });
});
