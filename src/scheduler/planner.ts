import { phaseAt } from '../domain/cycle.ts';
import type { Cycle } from '../domain/model.ts';
import { localTimeOn, type QuietHours, scheduleNudge, weekday, weekOf } from '../domain/nudge-timing.ts';
import { parseSettings } from '../domain/program.ts';
import { addDays, localDate } from '../domain/time.ts';
import type { Db } from '../store/db.ts';
import { insertNudges, type NudgeKind, type PlannedNudge } from '../store/nudge.store.ts';
import {
  type DigestCandidate,
  digestCandidates,
  type EndorsementCandidate,
  endorsementCandidates,
  type NudgePerson,
  type PairingCandidate,
  pairingCandidates,
  type SessionCandidate,
  type SubmittedGoalCandidate,
  sessionCandidates,
  submittedGoalCandidates,
} from '../store/planner.store.ts';

/** Nudges are planned up to an hour ahead; the dispatcher sends each when it is due. */
export const LOOKAHEAD_MS = 60 * 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Local time of day for daily and weekly nudges. */
const MORNING = '09:00';

export interface Candidates {
  sessions: SessionCandidate[];
  goals: SubmittedGoalCandidate[];
  pairings: PairingCandidate[];
  digests: DigestCandidate[];
  /** Applications whose supervisor has not answered (absent: none). */
  endorsements?: EndorsementCandidate[];
}

/**
 * Which nudges are due, from domain state and the clock. Pure: the same candidates and instant
 * give the same nudges, with keys that do not depend on when planning ran.
 */
export function planNudges(c: Candidates, now: Date): PlannedNudge[] {
  const out: PlannedNudge[] = [];
  const horizon = now.getTime() + LOOKAHEAD_MS;
  // Thousands of rows share a program, a cycle, a zone and a base time: compute each once.
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const settingsOf = (kind: string, settings: unknown) =>
    memo(`s:${kind}:${JSON.stringify(settings)}`, () => parseSettings(kind as 'classic', settings));
  const add = (
    tenantId: string,
    kind: NudgeKind,
    subjectId: string,
    slot: string,
    to: NudgePerson,
    base: Date,
    quiet: QuietHours,
    options: { urgent?: boolean; deadline?: Date; graceMs: number },
  ) => {
    if (base.getTime() < now.getTime() - options.graceMs) return;
    const urgent = options.urgent ?? false;
    // Planned after its moment (a phase that began in the night, a server that was down): from
    // now, so that it still waits for the recipient's next allowed moment instead of going out at once.
    const from = base.getTime() < now.getTime() ? now : base;
    const dueAt = memo(
      `d:${from.getTime()}:${to.timezone}:${quiet.start}-${quiet.end}:${urgent}:${options.deadline?.getTime()}:${to.snoozedUntil?.getTime()}`,
      () =>
        scheduleNudge({
          due: from,
          zone: to.timezone,
          quiet,
          urgent,
          deadline: options.deadline,
          snoozedUntil: to.snoozedUntil,
        }),
    );
    if (dueAt.getTime() > horizon) return;
    out.push({ tenantId, kind, subjectId, slot, recipientId: to.id, dueAt });
  };

  for (const s of c.sessions) {
    const settings = settingsOf(s.kind, s.settings);
    const start = s.startsAt.getTime();
    for (const hours of settings.reminderOffsetsHours) {
      if (start <= now.getTime()) break;
      const base = new Date(start - hours * HOUR);
      for (const to of [s.mentor, s.mentee]) {
        add(
          s.tenantId,
          'session_reminder',
          s.sessionId,
          `${hours}h@${s.startsAt.toISOString()}`,
          to,
          base,
          settings.quietHours,
          {
            urgent: true,
            deadline: s.startsAt,
            graceMs: 30 * MINUTE,
          },
        );
      }
    }
    const end = new Date(start + s.durationMinutes * MINUTE + 15 * MINUTE);
    for (const to of [s.mentor, s.mentee]) {
      add(
        s.tenantId,
        'session_outcome',
        s.sessionId,
        s.startsAt.toISOString(),
        to,
        end,
        settings.quietHours,
        { graceMs: 7 * DAY },
      );
    }
  }

  for (const g of c.goals) {
    const settings = settingsOf(g.kind, g.settings);
    const base = new Date(g.submittedAt.getTime() + 48 * HOUR);
    for (const reviewer of g.reviewers)
      add(g.tenantId, 'approval_pending', g.goalId, `r${g.revision}`, reviewer, base, settings.quietHours, {
        graceMs: 30 * DAY,
      });
  }

  // A supervisor who has not answered in three days is reminded, once a day at most.
  for (const e of c.endorsements ?? []) {
    const settings = settingsOf(e.kind, e.settings);
    const base = new Date(e.askedAt.getTime() + 3 * DAY);
    add(
      e.tenantId,
      'endorsement_pending',
      e.applicationId,
      `s:${e.supervisor.id}`,
      e.supervisor,
      base,
      settings.quietHours,
      {
        graceMs: 30 * DAY,
      },
    );
  }

  for (const p of c.pairings) {
    const settings = settingsOf(p.kind, p.settings);
    const quiet = settings.quietHours;
    const cycle: Pick<
      Cycle,
      'timezone' | 'enrollmentStarts' | 'goalSettingStarts' | 'executionStarts' | 'closingStarts' | 'ends'
    > = {
      timezone: p.cycleZone,
      enrollmentStarts: p.enrollmentStarts,
      goalSettingStarts: p.goalSettingStarts,
      executionStarts: p.executionStarts,
      closingStarts: p.closingStarts,
      ends: p.ends,
    };
    const phase = memo(`p:${p.tenantId}:${p.cycleId}`, () => phaseAt(cycle, now));
    // The plan's author drafts it and reports on it: the mentee, or a reverse pair's mentor.
    const author = p.planAuthor === 'mentor' ? p.mentor : p.mentee;
    if (phase === 'goal_setting' && p.submittedGoals === 0) {
      const moments: [string, string][] = [
        ['start', p.goalSettingStarts],
        ['d7', addDays(p.executionStarts, -7)],
        ['d2', addDays(p.executionStarts, -2)],
      ];
      for (const [slot, date] of moments) {
        add(
          p.tenantId,
          'goal_drafting',
          p.pairingId,
          slot,
          author,
          localTimeOn(date, MORNING, author.timezone),
          quiet,
          { graceMs: 2 * DAY },
        );
      }
    }
    if (phase === 'execution' && p.approvedGoals > 0) {
      const week = memo(`w:${author.timezone}`, () => weekOf(now, author.timezone));
      if (p.lastCheckinWeek !== week) {
        const day = memo(`wd:${week}:${settings.checkinWeekday}`, () =>
          weekday(week, settings.checkinWeekday),
        );
        const base = memo(`l:${day}:${author.timezone}`, () => localTimeOn(day, MORNING, author.timezone));
        add(p.tenantId, 'checkin', p.pairingId, week, author, base, quiet, { graceMs: 3 * DAY });
      }
    }
    if (p.planAuthor === 'mentor') {
      // A reverse pair closes with the mentor's work report (weekly in closing until it is sent or
      // while it is sent back), then the mentor's survey once it is validated.
      if (phase === 'closing' && (p.workReportState === null || p.workReportState === 'changes_requested')) {
        const week = weekOf(now, p.mentor.timezone);
        const base = localTimeOn(weekday(week, settings.checkinWeekday), MORNING, p.mentor.timezone);
        add(p.tenantId, 'work_report_due', p.pairingId, week, p.mentor, base, quiet, { graceMs: 3 * DAY });
      }
      if (p.workReportValidatedAt && !p.mentorSurveyed)
        for (const [slot, delay] of [
          ['d2', 2 * DAY],
          ['d7', 7 * DAY],
        ] as const)
          add(
            p.tenantId,
            'survey',
            p.pairingId,
            slot,
            p.mentor,
            new Date(p.workReportValidatedAt.getTime() + delay),
            quiet,
            { graceMs: 3 * DAY },
          );
      continue;
    }
    if ((phase === 'closing' || phase === 'closed') && p.approvedGoals > 0 && p.evaluationState === null) {
      const week = weekOf(now, p.mentor.timezone);
      const base = localTimeOn(weekday(week, settings.checkinWeekday), MORNING, p.mentor.timezone);
      add(p.tenantId, 'evaluation_due', p.pairingId, week, p.mentor, base, quiet, { graceMs: 3 * DAY });
    }
    if (p.evaluationState === 'acknowledged' && p.acknowledgedAt && !p.menteeSurveyed) {
      for (const [slot, delay] of [
        ['d2', 2 * DAY],
        ['d7', 7 * DAY],
      ] as const) {
        add(
          p.tenantId,
          'survey',
          p.pairingId,
          slot,
          p.mentee,
          new Date(p.acknowledgedAt.getTime() + delay),
          quiet,
          { graceMs: 3 * DAY },
        );
      }
    }
  }

  for (const d of c.digests) {
    const settings = settingsOf(d.kind, d.settings);
    // SIGOB's weekly cycle: day 1 the mentee reports, day 2 the mentor, day 3 the admin digest.
    const digestDay = Math.min(7, settings.checkinWeekday + 2);
    for (const admin of d.admins) {
      const week = weekOf(now, admin.timezone);
      const base = localTimeOn(weekday(week, digestDay), MORNING, admin.timezone);
      add(d.tenantId, 'admin_digest', d.cycleId, week, admin, base, settings.quietHours, {
        graceMs: 3 * DAY,
      });
      // What cannot wait for the weekly digest is said that day, in one message with everything:
      // mentees without a pair the morning goal setting starts (once), a reminder that failed for
      // good (once a day, not on the digest's own day).
      const start = d.goalSettingStarts
        ? localTimeOn(d.goalSettingStarts, MORNING, admin.timezone)
        : undefined;
      const starting = start !== undefined && Math.abs(now.getTime() - start.getTime()) <= 2 * DAY;
      const day = localDate(now, admin.timezone);
      if (d.unpaired && start && starting) {
        add(d.tenantId, 'admin_digest', d.cycleId, 'goal-setting', admin, start, settings.quietHours, {
          graceMs: 2 * DAY,
        });
      } else if (d.failedToday && day !== weekday(week, digestDay)) {
        add(d.tenantId, 'admin_digest', d.cycleId, `day:${day}`, admin, now, settings.quietHours, {
          graceMs: DAY,
        });
      }
      // The bot itself running behind (its people's requests waiting for minutes): said at once,
      // once a day, whatever else was said.
      if (d.waiting) {
        add(d.tenantId, 'admin_digest', d.cycleId, `waiting:${day}`, admin, now, settings.quietHours, {
          graceMs: DAY,
        });
      }
    }
  }
  return out;
}

/** One planner tick: read the candidates, plan, insert (duplicates are skipped by the unique key). */
export async function planTick(db: Db, now: Date): Promise<{ planned: number; inserted: number }> {
  const today = localDate(now, 'UTC');
  const [sessions, goals, pairings, digests, endorsements] = await Promise.all([
    sessionCandidates(db, new Date(now.getTime() - 8 * DAY), new Date(now.getTime() + 49 * HOUR)),
    submittedGoalCandidates(db, new Date(now.getTime() - 47 * HOUR)),
    pairingCandidates(db, today),
    digestCandidates(db, today, now),
    endorsementCandidates(db, new Date(now.getTime() - 3 * DAY + LOOKAHEAD_MS), now),
  ]);
  const planned = planNudges({ sessions, goals, pairings, digests, endorsements }, now);
  const inserted = await insertNudges(db, planned, now);
  return { planned: planned.length, inserted };
}
