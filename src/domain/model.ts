import type { Locale } from '../config.ts';
import type { IsoDate } from './time.ts';

/** Domain records as the core sees them. Stores map rows to these; nothing here does I/O. */

/**
 * A chat platform's name: 'console' (built in), or a registered platform module's
 * (`adapters/platforms.ts`: 'slack', 'teams').
 */
export type Platform = string;
export type Gender = 'f' | 'm' | 'x' | 'n';
export type TenantRole = 'admin' | 'director';
export type EnrollmentRole = 'mentor' | 'mentee' | 'admin' | 'director';
export type ProgramKind = 'classic' | 'reverse';

export interface Tenant {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
  defaultLocale: Locale;
  defaultTimezone: string;
}

export interface Person {
  tenantId: string;
  id: string;
  name: string;
  email: string | null;
  gender: Gender | null;
  /** Hierarchy level; a larger number is more senior. */
  level: number | null;
  unit: string | null;
  institution: string | null;
  region: string | null;
  birthYear: number | null;
  /** What a mentor offers or a mentee wants to work on: normalised competency keys or topics. */
  topics: string[];
  locale: Locale;
  timezone: string;
  /** Tenant-wide staff role, if any (admins from ADMIN_EMAILS or the installer; directors). */
  tenantRole: TenantRole | null;
  snoozedUntil: Date | null;
  /** When they were shown the privacy notice; null until their first answer from the bot. */
  privacyNoticeAt?: Date | null;
}

export interface Identity {
  tenantId: string;
  id: string;
  personId: string;
  platform: Platform;
  externalId: string;
  /** What the adapter needs to reach the person on its own (DM channel, Teams conversation reference). */
  conversationRef: Record<string, unknown> | null;
  active: boolean;
  /** The platform's profile lookup failed on first contact: name and email are placeholders. */
  profilePending: boolean;
}

/** The two sides of a pair. */
export type ParticipantRole = 'mentor' | 'mentee';

export interface ProgramSettings {
  maxGoalsPerMentee: number;
  minSessions: number;
  /** Plenary attendance needed for a diploma, 0–1. */
  attendanceThreshold: number;
  /** Who is expected at the plenaries (their attendance is the figure, and a diploma condition). */
  plenaryRoles: ParticipantRole[];
  /** Who can earn the program's diploma (the others take part without one). */
  diplomaRoles: ParticipantRole[];
  /** Session reminders, in hours before the start. */
  reminderOffsetsHours: number[];
  /** ISO weekday of the weekly check-in, 1 = Monday. */
  checkinWeekday: number;
  quietHours: { start: string; end: string };
  /** Reverse programs: how many years younger the mentor must be at least. */
  minAgeGapYears: number;
  /** How many mentees one mentor takes at most. */
  mentorCapacity: number;
  /** Default phase lengths for new cycles, in weeks. */
  enrollmentWeeks: number;
  goalSettingWeeks: number;
  closingWeeks: number;
  /** Months after a cycle ends before its participants are anonymised (the scheduler does it); null: never. */
  retentionMonths: number | null;
}

export interface Program {
  tenantId: string;
  id: string;
  name: string;
  kind: ProgramKind;
  settings: ProgramSettings;
}

export interface Cycle {
  tenantId: string;
  id: string;
  programId: string;
  name: string;
  /** The zone that decides when each phase starts (the program's home). */
  timezone: string;
  enrollmentStarts: IsoDate;
  goalSettingStarts: IsoDate;
  executionStarts: IsoDate;
  closingStarts: IsoDate;
  /** Last day of the cycle (inclusive). */
  ends: IsoDate;
  /** While set and in the future, people apply to the cycle through the bot. */
  applicationsUntil?: Date | null;
}

export interface Enrollment {
  tenantId: string;
  cycleId: string;
  personId: string;
  role: EnrollmentRole;
}

export interface Pairing {
  tenantId: string;
  id: string;
  cycleId: string;
  mentorId: string;
  menteeId: string;
  active: boolean;
  /**
   * Who writes the pair's plan (goals and milestones) and reports its weekly progress: the mentee
   * in a classic program, the mentor in a reverse one, where the program's admins validate it.
   */
  planAuthor: 'mentee' | 'mentor';
}

export const GOAL_STATES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'achieved',
  'partly_achieved',
  'not_achieved',
  'withdrawn',
] as const;
export type GoalState = (typeof GOAL_STATES)[number];

/** The SMART parts of a goal, as the mentee wrote them. */
export interface GoalFields {
  title: string;
  specific: string;
  measurable: string;
  achievable: string;
  relevant: string;
  dueDate: IsoDate;
  competencies: string[];
  milestones: { title: string; dueDate: IsoDate }[];
}

export interface Goal extends GoalFields {
  tenantId: string;
  id: string;
  pairingId: string;
  cycleId: string;
  menteeId: string;
  state: GoalState;
  revision: number;
  version: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
}

export const MILESTONE_STATUSES = ['on_track', 'alert', 'restriction', 'done'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export interface Milestone {
  tenantId: string;
  id: string;
  goalId: string;
  title: string;
  dueDate: IsoDate;
  status: MilestoneStatus;
  position: number;
}

export const SESSION_STATES = ['proposed', 'confirmed', 'declined', 'held', 'not_held', 'cancelled'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface MentoringSession {
  tenantId: string;
  id: string;
  pairingId: string;
  state: SessionState;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  agenda: string | null;
  proposedBy: string;
  notes: string | null;
  agreements: string | null;
  reason: string | null;
  /** iCalendar SEQUENCE: bumped on every change sent to calendars. */
  sequence: number;
  version: number;
}

export const EVALUATION_STATES = ['draft', 'submitted', 'released', 'acknowledged'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];
export const GOAL_OUTCOMES = ['achieved', 'partly_achieved', 'not_achieved'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

export interface Evaluation {
  tenantId: string;
  id: string;
  pairingId: string;
  state: EvaluationState;
  goals: { goalId: string; outcome: GoalOutcome; rating: number; comment: string }[];
  strengths: string | null;
  improvements: string | null;
  competencyNotes: string | null;
  version: number;
}

/** How a change reached us, for the audit log. */
export type Via = 'chat' | 'on_behalf' | 'cli' | 'system';
