import { z } from 'zod';
import type { ProgramKind, ProgramSettings } from './model.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Program settings as stored (JSON); missing keys take the defaults of the program's kind. */
export const programSettingsSchema = z.object({
  maxGoalsPerMentee: z.number().int().min(1).max(20),
  minSessions: z.number().int().min(0).max(100),
  attendanceThreshold: z.number().min(0).max(1),
  plenaryRoles: z.array(z.enum(['mentor', 'mentee'])).max(2),
  diplomaRoles: z.array(z.enum(['mentor', 'mentee'])).max(2),
  reminderOffsetsHours: z
    .array(
      z
        .number()
        .positive()
        .max(24 * 14),
    )
    .max(5),
  checkinWeekday: z.number().int().min(1).max(7),
  quietHours: z.object({ start: time, end: time }),
  minAgeGapYears: z.number().int().min(0).max(60),
  mentorCapacity: z.number().int().min(1).max(50),
  enrollmentWeeks: z.number().int().min(0).max(26),
  goalSettingWeeks: z.number().int().min(1).max(26),
  closingWeeks: z.number().int().min(1).max(26),
  /** Participants are anonymised this many months after their last cycle ends; null: never. */
  retentionMonths: z.number().int().min(1).max(120).nullable(),
});

const COMMON: ProgramSettings = {
  maxGoalsPerMentee: 3,
  minSessions: 4,
  attendanceThreshold: 0.85,
  plenaryRoles: ['mentee'],
  diplomaRoles: ['mentee'],
  reminderOffsetsHours: [24, 1],
  checkinWeekday: 1,
  quietHours: { start: '20:00', end: '08:00' },
  minAgeGapYears: 0,
  mentorCapacity: 1,
  enrollmentWeeks: 3,
  goalSettingWeeks: 3,
  closingWeeks: 3,
  retentionMonths: null,
};

/**
 * Defaults from the programs this serves: Mexico's classic program (one mentor per mentee,
 * goals approved by the mentor) and Chile's reverse mentoring (at least 4 one-hour sessions,
 * 85% plenary attendance for the diploma, a younger mentor).
 */
export function defaultSettings(kind: ProgramKind): ProgramSettings {
  // In reverse mentoring (Chile's "Mentoría Digital") the participants are the mentors: they
  // apply, attend the plenaries and are accredited; in a classic program, the mentees.
  return kind === 'reverse'
    ? { ...COMMON, minAgeGapYears: 1, plenaryRoles: ['mentor'], diplomaRoles: ['mentor'] }
    : { ...COMMON, minSessions: 0 };
}

export function parseSettings(kind: ProgramKind, stored: unknown): ProgramSettings {
  const merged = { ...defaultSettings(kind), ...(typeof stored === 'object' && stored ? stored : {}) };
  return programSettingsSchema.parse(merged);
}
