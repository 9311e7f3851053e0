import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPerson } from '../../../src/services/privacy.service.ts';
import { ChatDriver } from '../../support/conversation.ts';

describe("a person's data export", () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z');
    await chat.as('ana').says('meta formulario');
    await chat.as('ana').fills({
      title: 'Liderar la mesa de ayuda',
      specific: 'Organizar reuniones semanales de seguimiento con el equipo',
      measurable: 'Realizar 12 reuniones con minuta publicada',
      achievable: 'Tengo el apoyo de mi jefa',
      relevant: 'La coordinación del área depende de ello',
      dueDate: '2027-03-15',
      competencies: [],
      milestones: '',
    });
    await chat.as('luis').clicks('Aprobar');
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
});
