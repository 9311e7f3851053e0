import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.
// tenant_id leads every primary key and index, so tables can be distributed by tenant.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull().check(sql`platform in ('slack','teams','console')`))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull().defaultTo('es'))
    .addColumn('default_timezone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('tenants_platform_external_uq', ['platform', 'external_id'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('f','m','x','n')`))
    .addColumn('level', 'integer')
    .addColumn('unit', 'text')
    .addColumn('institution', 'text')
    .addColumn('region', 'text')
    .addColumn('birth_year', 'integer', (c) => c.check(sql`birth_year between 1900 and 2100`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('es','en')`))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('tenant_role', 'text', (c) => c.check(sql`tenant_role in ('admin','director')`))
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('erased_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('people_pk', ['tenant_id', 'id'])
    .execute();
  await sql`create unique index people_email_uq on people (tenant_id, lower(email)) where email is not null`.execute(
    db,
  );

  await db.schema
    .createTable('identities')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull().check(sql`platform in ('slack','teams','console')`))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('conversation_ref', 'jsonb')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('deactivated_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('identities_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('identities_external_uq', ['tenant_id', 'platform', 'external_id'])
    .addForeignKeyConstraint(
      'identities_person_fk',
      ['tenant_id', 'person_id'],
      'people',
      ['tenant_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('identities_person_ix')
    .on('identities')
    .columns(['tenant_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('programs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('classic','reverse')`))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('programs_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('programs_name_uq', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('cycles')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('enrollment_starts', 'date', (c) => c.notNull())
    .addColumn('goal_setting_starts', 'date', (c) => c.notNull())
    .addColumn('execution_starts', 'date', (c) => c.notNull())
    .addColumn('closing_starts', 'date', (c) => c.notNull())
    .addColumn('ends', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cycles_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('cycles_name_uq', ['tenant_id', 'program_id', 'name'])
    .addForeignKeyConstraint('cycles_program_fk', ['tenant_id', 'program_id'], 'programs', [
      'tenant_id',
      'id',
    ])
    .addCheckConstraint(
      'cycles_dates_ck',
      sql`enrollment_starts < goal_setting_starts and goal_setting_starts < execution_starts
          and execution_starts < closing_starts and closing_starts <= ends`,
    )
    .execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mentor','mentee','admin','director')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('enrollments_pk', ['tenant_id', 'cycle_id', 'person_id', 'role'])
    .addForeignKeyConstraint('enrollments_cycle_fk', ['tenant_id', 'cycle_id'], 'cycles', ['tenant_id', 'id'])
    .addForeignKeyConstraint('enrollments_person_fk', ['tenant_id', 'person_id'], 'people', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('pairings')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .addPrimaryKeyConstraint('pairings_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('pairings_cycle_fk', ['tenant_id', 'cycle_id'], 'cycles', ['tenant_id', 'id'])
    .addForeignKeyConstraint('pairings_mentor_fk', ['tenant_id', 'mentor_id'], 'people', ['tenant_id', 'id'])
    .addForeignKeyConstraint('pairings_mentee_fk', ['tenant_id', 'mentee_id'], 'people', ['tenant_id', 'id'])
    .addCheckConstraint('pairings_not_self_ck', sql`mentor_id <> mentee_id`)
    .execute();
  await sql`create unique index pairings_one_mentor_uq on pairings (tenant_id, cycle_id, mentee_id) where active`.execute(
    db,
  );
  await db.schema
    .createIndex('pairings_mentor_ix')
    .on('pairings')
    .columns(['tenant_id', 'mentor_id'])
    .execute();

  await db.schema
    .createTable('competencies')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('general','digital')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('competencies_pk', ['tenant_id', 'key'])
    .execute();

  await db.schema
    .createTable('goals')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('specific', 'text', (c) => c.notNull())
    .addColumn('measurable', 'text', (c) => c.notNull())
    .addColumn('achievable', 'text', (c) => c.notNull())
    .addColumn('relevant', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('competencies', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entered_by', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('goals_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('goals_pairing_fk', ['tenant_id', 'pairing_id'], 'pairings', ['tenant_id', 'id'])
    .addCheckConstraint(
      'goals_state_ck',
      sql`state in ('draft','submitted','changes_requested','approved','achieved','partly_achieved','not_achieved','withdrawn')`,
    )
    .execute();
  await db.schema.createIndex('goals_pairing_ix').on('goals').columns(['tenant_id', 'pairing_id']).execute();
  await db.schema
    .createIndex('goals_cycle_state_ix')
    .on('goals')
    .columns(['tenant_id', 'cycle_id', 'state'])
    .execute();

  // Every submission is a revision; the mentor's decision is recorded on it.
  await db.schema
    .createTable('goal_revisions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('approved','changes_requested')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('goal_revisions_pk', ['tenant_id', 'goal_id', 'revision'])
    .addForeignKeyConstraint('goal_revisions_goal_fk', ['tenant_id', 'goal_id'], 'goals', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('milestones')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('on_track').check(sql`status in ('on_track','alert','restriction','done')`),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('milestones_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('milestones_goal_fk', ['tenant_id', 'goal_id'], 'goals', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('milestones_goal_ix')
    .on('milestones')
    .columns(['tenant_id', 'goal_id'])
    .execute();

  await db.schema
    .createTable('checkins')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'date', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkins_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('checkins_week_uq', ['tenant_id', 'pairing_id', 'week_start'])
    .addForeignKeyConstraint('checkins_pairing_fk', ['tenant_id', 'pairing_id'], 'pairings', [
      'tenant_id',
      'id',
    ])
    .execute();

  // One row per goal or milestone reported in a check-in; the history of milestone statuses.
  await db.schema
    .createTable('progress_updates')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('checkin_id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('milestone_id', 'text')
    .addColumn('progress', 'integer', (c) => c.check(sql`progress between 0 and 100`))
    .addColumn('status', 'text', (c) => c.check(sql`status in ('on_track','alert','restriction','done')`))
    .addColumn('note', 'text')
    .addColumn('new_due_date', 'date')
    .addColumn('previous_due_date', 'date')
    .addColumn('mentor_reply', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('progress_updates_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('progress_checkin_fk', ['tenant_id', 'checkin_id'], 'checkins', [
      'tenant_id',
      'id',
    ])
    .addCheckConstraint(
      'progress_restriction_ck',
      sql`status is distinct from 'restriction' or new_due_date is not null`,
    )
    .execute();
  await db.schema
    .createIndex('progress_goal_ix')
    .on('progress_updates')
    .columns(['tenant_id', 'goal_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('proposed','confirmed','declined','held','not_held','cancelled')`),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('agenda', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('agreements', 'text')
    .addColumn('reason', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sessions_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('sessions_pairing_fk', ['tenant_id', 'pairing_id'], 'pairings', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('sessions_pairing_ix')
    .on('sessions')
    .columns(['tenant_id', 'pairing_id'])
    .execute();
  await db.schema
    .createIndex('sessions_start_ix')
    .on('sessions')
    .columns(['tenant_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('session_history')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_history_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('session_history_fk', ['tenant_id', 'session_id'], 'sessions', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('plenaries')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('plenaries_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('plenaries_cycle_fk', ['tenant_id', 'cycle_id'], 'cycles', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('attendance')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('plenary_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('present', 'boolean', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['tenant_id', 'plenary_id', 'person_id'])
    .addForeignKeyConstraint('attendance_plenary_fk', ['tenant_id', 'plenary_id'], 'plenaries', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft','submitted','released','acknowledged')`),
    )
    .addColumn('goals', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('strengths', 'text')
    .addColumn('improvements', 'text')
    .addColumn('competency_notes', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('released_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addPrimaryKeyConstraint('evaluations_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('evaluations_pairing_uq', ['tenant_id', 'pairing_id'])
    .addForeignKeyConstraint('evaluations_pairing_fk', ['tenant_id', 'pairing_id'], 'pairings', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.notNull().check(sql`satisfaction between 1 and 5`))
    .addColumn('recommend', 'integer', (c) => c.notNull().check(sql`recommend between 0 and 10`))
    .addColumn('comment', 'text')
    .addColumn('mentor_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('surveys_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('surveys_person_uq', ['tenant_id', 'cycle_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('on_behalf_of', 'text')
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('chat','on_behalf','cli','system')`))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_subject_ix')
    .on('audit_log')
    .columns(['tenant_id', 'subject_type', 'subject_id'])
    .execute();

  // Multi-turn conversations: any process can take the next message; a restart loses nothing.
  await db.schema
    .createTable('conversations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversations_pk', ['tenant_id', 'person_id'])
    .execute();

  // Inbound events seen (Slack retries, Teams re-sent invokes, double clicks).
  await db.schema
    .createTable('processed_events')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_events_pk', ['tenant_id', 'key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'processed_events',
    'conversations',
    'audit_log',
    'surveys',
    'evaluations',
    'attendance',
    'plenaries',
    'session_history',
    'sessions',
    'progress_updates',
    'checkins',
    'milestones',
    'goal_revisions',
    'goals',
    'competencies',
    'pairings',
    'enrollments',
    'cycles',
    'programs',
    'identities',
    'people',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
