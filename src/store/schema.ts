import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types as the database holds them. Only `src/store` sees these; the core sees domain types. */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** `date` columns are read as `YYYY-MM-DD` strings (the parsers are set when connecting). */
type DateCol = string;
type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: string;
  platform: string;
  external_id: string;
  name: string;
  default_locale: string;
  default_timezone: string;
  /** Opted in to the AI coach (migration 2026-12-06T1100). */
  ai_coach: Generated<boolean>;
  /** The platform refuses the bot's token since then, with its code (migration 2026-12-06T1600). */
  paused_since: Date | null;
  paused_code: string | null;
  created_at: CreatedAt;
}

/** A call to the AI coach's model (migration 2026-12-06T1100). */
export interface AiCoachCallsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  goal_id: string | null;
  goal_title: string;
  model: string;
  outcome: string;
  at: Date;
}

export interface PeopleTable {
  tenant_id: string;
  id: string;
  name: string;
  email: string | null;
  gender: string | null;
  level: number | null;
  unit: string | null;
  institution: string | null;
  region: string | null;
  birth_year: number | null;
  locale: string;
  timezone: string;
  tenant_role: string | null;
  snoozed_until: Date | null;
  erased_at: Date | null;
  /** When the privacy notice was shown (migration 2026-12-05T0900); null: not yet. */
  privacy_notice_at: Generated<Date | null>;
  topics: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface IdentitiesTable {
  tenant_id: string;
  id: string;
  person_id: string;
  platform: string;
  external_id: string;
  conversation_ref: Json<Record<string, unknown> | null> | null;
  active: Generated<boolean>;
  deactivated_reason: string | null;
  profile_pending: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProgramsTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  settings: Json<unknown>;
  created_at: CreatedAt;
}

export interface CyclesTable {
  tenant_id: string;
  id: string;
  program_id: string;
  name: string;
  timezone: string;
  enrollment_starts: DateCol;
  goal_setting_starts: DateCol;
  execution_starts: DateCol;
  closing_starts: DateCol;
  ends: DateCol;
  applications_until: Date | null;
  created_at: CreatedAt;
}

export interface ApplicationsTable {
  tenant_id: string;
  id: string;
  cycle_id: string;
  person_id: string;
  role: string;
  motivation: string;
  topics: Generated<string[]>;
  supervisor_id: string;
  endorsement: Generated<string>;
  endorsed_at: Date | null;
  state: Generated<string>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
  supervisor_asked_at: Date | null;
}

export interface DownloadRequestsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  token_hash: string;
  file: string;
  approved_at: Date | null;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface KeptFilesTable {
  tenant_id: string;
  id: string;
  /** The person the file was made for; null for a card's image, shown to whoever sees the card. */
  person_id: string | null;
  name: string;
  mime_type: string;
  content: Buffer;
  /** What the person must still be allowed to do when they download it (admin.manage). */
  permission: string | null;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface EnrollmentsTable {
  tenant_id: string;
  cycle_id: string;
  person_id: string;
  role: string;
  created_at: CreatedAt;
}

/** A person taken out of a cycle (see migration 2026-12-04T2000): their enrollment, kept with why and when. */
export interface WithdrawalsTable {
  tenant_id: string;
  cycle_id: string;
  person_id: string;
  role: string;
  reason: string;
  withdrawn_by: string | null;
  withdrawn_at: Date;
}

/** How a program's diplomas look (migration 2026-12-06T0900). */
export interface CertificateDesignsTable {
  tenant_id: string;
  program_id: string;
  institution: string;
  signatories: Generated<unknown>;
  logo: Buffer | null;
  updated_at: Date;
}

/** A diploma issued, with the number anyone can check (migration 2026-12-06T0900). */
export interface CertificatesTable {
  tenant_id: string;
  cycle_id: string;
  person_id: string;
  number: string;
  issued_at: Date;
}

export interface PairingsTable {
  tenant_id: string;
  id: string;
  cycle_id: string;
  mentor_id: string;
  mentee_id: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  ended_at: Date | null;
  /** Who writes the pair's plan (migration 2026-12-06T1000): 'mentee' (classic) or 'mentor' (reverse). */
  plan_author: Generated<string>;
}

/** A reverse pair's work report (migration 2026-12-06T1000). */
export interface WorkReportsTable {
  tenant_id: string;
  id: string;
  pairing_id: string;
  state: string;
  body: string;
  file_name: string | null;
  file_type: string | null;
  file: Buffer | null;
  revision: Generated<number>;
  submitted_by: string;
  entered_by: string | null;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
  updated_at: Date;
}

export interface CompetenciesTable {
  tenant_id: string;
  key: string;
  name_es: string;
  name_en: string;
  category: string;
  active: Generated<boolean>;
}

export interface GoalsTable {
  tenant_id: string;
  id: string;
  pairing_id: string;
  cycle_id: string;
  mentee_id: string;
  state: string;
  title: string;
  specific: string;
  measurable: string;
  achievable: string;
  relevant: string;
  due_date: DateCol;
  competencies: Json<string[]>;
  revision: Generated<number>;
  version: Generated<number>;
  entered_by: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface GoalRevisionsTable {
  tenant_id: string;
  goal_id: string;
  revision: number;
  fields: Json<unknown>;
  submitted_by: string;
  submitted_at: Date;
  decision: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
}

export interface MilestonesTable {
  tenant_id: string;
  id: string;
  goal_id: string;
  title: string;
  due_date: DateCol;
  status: Generated<string>;
  position: number;
}

export interface CheckinsTable {
  tenant_id: string;
  id: string;
  pairing_id: string;
  week_start: DateCol;
  created_by: string;
  via: string;
  created_at: Date;
}

export interface ProgressUpdatesTable {
  tenant_id: string;
  id: string;
  checkin_id: string;
  goal_id: string;
  milestone_id: string | null;
  progress: number | null;
  status: string | null;
  note: string | null;
  new_due_date: DateCol | null;
  previous_due_date: DateCol | null;
  mentor_reply: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  pairing_id: string;
  state: string;
  starts_at: Date;
  duration_minutes: number;
  place: string | null;
  agenda: string | null;
  proposed_by: string;
  notes: string | null;
  agreements: string | null;
  reason: string | null;
  sequence: Generated<number>;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface SessionHistoryTable {
  tenant_id: string;
  id: string;
  session_id: string;
  event: string;
  starts_at: Date;
  by_person: string;
  created_at: Date;
}

export interface PlenariesTable {
  tenant_id: string;
  id: string;
  cycle_id: string;
  title: string;
  starts_at: Date;
  duration_minutes: number;
}

export interface AttendanceTable {
  tenant_id: string;
  plenary_id: string;
  person_id: string;
  present: boolean;
  marked_by: string;
  via: string;
  marked_at: Date;
}

export interface EvaluationsTable {
  tenant_id: string;
  id: string;
  pairing_id: string;
  state: string;
  goals: Json<unknown>;
  strengths: string | null;
  improvements: string | null;
  competency_notes: string | null;
  entered_by: string | null;
  version: Generated<number>;
  created_at: Date;
  submitted_at: Date | null;
  released_at: Date | null;
  acknowledged_at: Date | null;
}

export interface SurveysTable {
  tenant_id: string;
  id: string;
  cycle_id: string;
  person_id: string;
  satisfaction: number;
  recommend: number;
  comment: string | null;
  mentor_note: string | null;
  created_at: Date;
}

export interface AuditLogTable {
  tenant_id: string;
  id: string;
  at: Date;
  actor_id: string | null;
  on_behalf_of: string | null;
  via: string;
  action: string;
  subject_type: string;
  subject_id: string;
  data: Json<Record<string, unknown>>;
}

/** The cycle a person chose when several ran at once (see `cycleNamed`). */
export interface CycleChoicesTable {
  tenant_id: string;
  person_id: string;
  cycle_id: string;
  expires_at: Date;
}

export interface ConversationsTable {
  tenant_id: string;
  person_id: string;
  flow: string;
  step: string;
  data: Json<Record<string, unknown>>;
  expires_at: Date;
  version: Generated<number>;
  updated_at: Date;
}

export interface ProcessedEventsTable {
  tenant_id: string;
  key: string;
  at: Date;
}

/** A chat request acknowledged and not yet answered (see src/services/inbox.ts). */
export interface InboxTable {
  key: string;
  platform: string;
  /** The tenant, when the adapter knew it on receipt (for the admins' same-day message). */
  tenant_id: ColumnType<string | null, string | null | undefined, string | null>;
  payload: Json<unknown>;
  received_at: Date;
  claimed_by: string | null;
  claimed_until: Date | null;
  attempts: Generated<number>;
}

export interface Database {
  tenants: TenantsTable;
  people: PeopleTable;
  identities: IdentitiesTable;
  programs: ProgramsTable;
  cycles: CyclesTable;
  enrollments: EnrollmentsTable;
  withdrawals: WithdrawalsTable;
  certificate_designs: CertificateDesignsTable;
  certificates: CertificatesTable;
  work_reports: WorkReportsTable;
  ai_coach_calls: AiCoachCallsTable;
  applications: ApplicationsTable;
  download_requests: DownloadRequestsTable;
  kept_files: KeptFilesTable;
  pairings: PairingsTable;
  competencies: CompetenciesTable;
  goals: GoalsTable;
  goal_revisions: GoalRevisionsTable;
  milestones: MilestonesTable;
  checkins: CheckinsTable;
  progress_updates: ProgressUpdatesTable;
  sessions: SessionsTable;
  session_history: SessionHistoryTable;
  plenaries: PlenariesTable;
  attendance: AttendanceTable;
  evaluations: EvaluationsTable;
  surveys: SurveysTable;
  audit_log: AuditLogTable;
  conversations: ConversationsTable;
  cycle_choices: CycleChoicesTable;
  processed_events: ProcessedEventsTable;
  inbox: InboxTable;
  nudges: NudgesTable;
  cron_claims: CronClaimsTable;
  slack_installations: SlackInstallationsTable;
  send_budgets: SendBudgetsTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type GoalRow = Selectable<GoalsTable>;
export type SessionRow = Selectable<SessionsTable>;

export interface NudgesTable {
  tenant_id: string;
  id: string;
  kind: string;
  subject_id: string;
  slot: string;
  recipient_id: string;
  due_at: Date;
  status: Generated<string>;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  /** A notice as written when it happened (kind `notice`), else null. */
  payload: unknown | null;
  created_at: Date;
  updated_at: Date;
}

/** A tenant's sending ceiling on one platform, shared by every replica (a token bucket). */
export interface SendBudgetsTable {
  tenant_id: string;
  scope: string;
  tokens: number;
  granted: number;
  refilled_at: Date;
}

export interface CronClaimsTable {
  name: string;
  slot: string;
  claimed_by: string;
  claimed_at: Date;
}

export interface SlackInstallationsTable {
  install_key: string;
  tenant_id: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: Generated<boolean>;
  installer_user_id: string | null;
  installation: Json<unknown>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
