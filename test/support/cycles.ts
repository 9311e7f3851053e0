import type { Cycle, Program } from '../../src/domain/model.ts';
import type { Db } from '../../src/store/db.ts';
import { createCycle, createProgram } from '../../src/store/program.store.ts';
import type { ChatDriver } from './conversation.ts';

/** A six-month cycle in Santiago (Chile's 2027 calendar): the dates several suites build on. */
export const SANTIAGO_2027 = {
  timezone: 'America/Santiago',
  enrollmentStarts: '2027-01-04',
  goalSettingStarts: '2027-01-25',
  executionStarts: '2027-02-15',
  closingStarts: '2027-06-10',
  ends: '2027-06-30',
} as const;

/**
 * A reverse-mentoring cohort running beside the demo's classic one (2026-inversa, in goal
 * setting from 22 November 2026): the second cycle of the suites about several cycles at once.
 */
export async function createReverseCohort(
  db: Db,
  tenantId: string,
): Promise<{ program: Program; cycle: Cycle }> {
  const program = await createProgram(db, tenantId, { name: 'Mentoría Inversa', kind: 'reverse' });
  const cycle = await createCycle(db, tenantId, {
    programId: program.id,
    name: '2026-inversa',
    timezone: 'America/Mexico_City',
    enrollmentStarts: '2026-11-01',
    goalSettingStarts: '2026-11-22',
    executionStarts: '2026-12-13',
    closingStarts: '2027-04-20',
    ends: '2027-05-10',
  });
  return { program, cycle };
}

/** A complete SMART goal as the goal form takes it. */
export const goalFields = (title: string, dueDate = '2027-03-15') => ({
  title,
  specific: 'Organizar reuniones semanales de seguimiento con el equipo',
  measurable: 'Realizar 12 reuniones con minuta publicada',
  achievable: 'Tengo el apoyo de mi jefa',
  relevant: 'La coordinación del área depende de ello',
  dueDate,
  competencies: [] as string[],
  milestones: '',
});

/** The demo's goal form for Ana, filled in: the goal several suites start from. */
export const ANA_GOAL_FORM = {
  title: 'Liderar la mesa de ayuda',
  specific: 'Organizar reuniones semanales de seguimiento con el equipo',
  measurable: 'Realizar 12 reuniones con minuta publicada',
  achievable: 'Tengo el apoyo de mi jefa',
  relevant: 'La coordinación del área depende de ello',
  dueDate: '2027-03-15',
  competencies: [] as string[],
  milestones: '',
};

/** Ana sends that goal through the form and Luis approves it from his card. */
export async function anaGoalApproved(chat: ChatDriver): Promise<void> {
  await chat.as('ana').says('meta formulario');
  await chat.as('ana').fills(ANA_GOAL_FORM);
  await chat.as('luis').clicks('Aprobar');
}

/**
 * The demo's Ana meets the classic program's diploma rule: one goal approved by Luis through the
 * chat, and her final evaluation delivered and released; a survey answered. Sofía has nothing.
 */
export async function anaQualifies(chat: ChatDriver): Promise<void> {
  await anaGoalApproved(chat);
  const db = chat.db.db;
  const pairing = await db
    .selectFrom('pairings')
    .select('id')
    .where('mentee_id', '=', await chat.idOf('ana'))
    .executeTakeFirstOrThrow();
  const goal = await db.selectFrom('goals').select('id').executeTakeFirstOrThrow();
  await db
    .insertInto('evaluations')
    .values({
      tenant_id: chat.tenant.id,
      id: 'ev-ana',
      pairing_id: pairing.id,
      state: 'released',
      goals: JSON.stringify([{ goalId: goal.id, outcome: 'achieved', rating: 5, comment: null }]),
      strengths: null,
      improvements: null,
      competency_notes: null,
      entered_by: null,
      created_at: chat.clock.now(),
      submitted_at: chat.clock.now(),
      released_at: chat.clock.now(),
      acknowledged_at: null,
    })
    .execute();
  await db
    .insertInto('surveys')
    .values({
      tenant_id: chat.tenant.id,
      id: 'sv-ana',
      cycle_id: (await db.selectFrom('cycles').select('id').executeTakeFirstOrThrow()).id,
      person_id: await chat.idOf('ana'),
      satisfaction: 4,
      recommend: 9,
      comment: null,
      mentor_note: null,
      created_at: chat.clock.now(),
    })
    .execute();
}
