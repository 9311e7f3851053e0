/**
 * Who may see what (DESIGN §3): one table of role × data, read by every place that shows a
 * pair's records to someone — the pair's history in chat and its file, and the results files.
 * The README prints the same table; a test keeps the two equal and checks every cell against
 * what each role is really shown.
 */

/** The roles a reader can have towards a pair's records. */
export const VIEWERS = ['mentee', 'mentor', 'admin', 'director'] as const;
export type Viewer = (typeof VIEWERS)[number];

/**
 * - `all`: every record of this kind in the pair.
 * - `own`: only what the reader wrote themselves (a survey is its author's).
 * - `released`: only once the mentor released it (the final evaluation, for the mentee).
 * - `none`: never.
 */
export type Access = 'all' | 'own' | 'released' | 'none';

export const DATA_KINDS = [
  'goals',
  'review_comments',
  'sessions',
  'session_notes',
  'session_agreements',
  'session_reasons',
  'checkin_notes',
  'mentor_replies',
  'evaluation_outcomes',
  'evaluation_comments',
  'survey_ratings',
  'survey_comments',
  'survey_mentor_note',
  'work_report_text',
  'coach_records',
  'audit_log',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/**
 * Session notes are the pair's own working space; agreements, check-in notes and the mentor's
 * replies are what a coordinator follows up on. Directors read figures and per-person results
 * (states, counts, outcomes, ratings), never what someone wrote. The mentee sees the
 * evaluation once released; a survey answer is its author's and the coordination's, and the
 * note about the mentor is for the coordination only (the survey says so when it asks).
 */
export const VISIBILITY: Readonly<Record<DataKind, Readonly<Record<Viewer, Access>>>> = {
  goals: { mentee: 'all', mentor: 'all', admin: 'all', director: 'all' },
  review_comments: { mentee: 'all', mentor: 'all', admin: 'all', director: 'none' },
  sessions: { mentee: 'all', mentor: 'all', admin: 'all', director: 'all' },
  session_notes: { mentee: 'all', mentor: 'all', admin: 'none', director: 'none' },
  session_agreements: { mentee: 'all', mentor: 'all', admin: 'all', director: 'none' },
  session_reasons: { mentee: 'all', mentor: 'all', admin: 'all', director: 'none' },
  checkin_notes: { mentee: 'all', mentor: 'all', admin: 'all', director: 'none' },
  mentor_replies: { mentee: 'all', mentor: 'all', admin: 'all', director: 'none' },
  evaluation_outcomes: { mentee: 'released', mentor: 'all', admin: 'all', director: 'all' },
  evaluation_comments: { mentee: 'released', mentor: 'all', admin: 'all', director: 'none' },
  survey_ratings: { mentee: 'own', mentor: 'own', admin: 'all', director: 'all' },
  survey_comments: { mentee: 'own', mentor: 'own', admin: 'all', director: 'none' },
  survey_mentor_note: { mentee: 'own', mentor: 'none', admin: 'all', director: 'none' },
  work_report_text: { mentee: 'all', mentor: 'all', admin: 'all', director: 'none' },
  coach_records: { mentee: 'own', mentor: 'all', admin: 'none', director: 'none' },
  audit_log: { mentee: 'none', mentor: 'none', admin: 'all', director: 'none' },
};

/** What a reader may see of one record: its kind, who wrote it, and (evaluations) whether it was released. */
export function sees(
  viewer: Viewer,
  kind: DataKind,
  record: { authorIsReader?: boolean; released?: boolean } = {},
): boolean {
  switch (VISIBILITY[kind][viewer]) {
    case 'all':
      return true;
    case 'own':
      return record.authorIsReader === true;
    case 'released':
      return record.released === true;
    case 'none':
      return false;
  }
}

/** The reader's role towards a pair: the pair's own side first (an admin who is also its mentor reads as its mentor). */
export function viewerOf(
  reader: { personId: string; staffRole: 'admin' | 'director' | null },
  pair: { mentorIds: readonly string[]; menteeId: string },
): Viewer | null {
  if (reader.personId === pair.menteeId) return 'mentee';
  if (pair.mentorIds.includes(reader.personId)) return 'mentor';
  return reader.staffRole;
}
