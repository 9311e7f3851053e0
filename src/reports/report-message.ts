import type { Formatter, T } from '../i18n/index.ts';
import { message, type OutboundMessage } from '../messages/model.ts';
import type { CycleReport } from './cycle-report.ts';

const pct = (fmt: Formatter, v: number | null) => (v === null ? '—' : `${fmt.number(v * 100)} %`);
const num = (fmt: Formatter, v: number | null, digits = 1) => (v === null ? '—' : fmt.number(v, digits));
const list = (fmt: Formatter, entries: Record<string, number>) =>
  Object.entries(entries)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}: ${fmt.number(v)}`)
    .join(' · ') || '—';

/** The cycle report, compact enough for a phone, in the reader's language. */
export function reportMessage({ t, fmt }: { t: T; fmt: Formatter }, r: CycleReport): OutboundMessage {
  const p = r.participants;
  const who = (roles: string[]) => t(`diplomas.who.${roles.length === 1 ? roles[0] : 'both'}`);
  const states = Object.fromEntries(
    Object.entries(r.goals.by_state).map(([k, v]) => [t(`goal.state.${k}`), v]),
  );
  return message(t('report.title', { cycle: r.cycle.name }))
    .text(t('report.title', { cycle: r.cycle.name, program: r.cycle.program }))
    .fields([
      {
        label: t('report.participants'),
        value: t('report.participants_value', {
          total: p.total,
          mentors: p.by_role.mentor,
          mentees: p.by_role.mentee,
        }),
      },
      ...(p.withdrawn.mentor + p.withdrawn.mentee > 0
        ? [
            {
              label: t('report.withdrawn'),
              value: t('report.withdrawn_value', {
                who: (['mentor', 'mentee'] as const)
                  .filter((role) => p.withdrawn[role] > 0)
                  .map((role) => t(`counted.${role}`, { count: p.withdrawn[role] }))
                  .join(', '),
              }),
            },
          ]
        : []),
      {
        label: t('report.gender'),
        value: t('report.gender_value', {
          f: p.by_gender.f,
          m: p.by_gender.m,
          x: p.by_gender.x,
          n: p.by_gender.n,
          unknown: p.by_gender.unknown,
        }),
      },
      { label: t('report.institutions'), value: list(fmt, p.by_institution) },
      { label: t('report.regions'), value: list(fmt, p.by_region) },
      { label: t('report.goals'), value: list(fmt, states) },
      {
        label: t('report.approval'),
        value: t('report.hours', { hours: num(fmt, r.goals.median_hours_to_approval) }),
      },
      {
        label: t('report.sessions'),
        value: t('report.sessions_value', {
          proposed: r.sessions.proposed,
          held: r.sessions.held,
          below: r.sessions.pairs_below_minimum,
          min: r.sessions.minimum_per_pair,
        }),
      },
      { label: t('report.checkins'), value: pct(fmt, r.checkins.response_rate) },
      {
        label: t('report.issues'),
        value: t('report.issues_value', {
          alerts: r.issues.alerts_open,
          restrictions: r.issues.restrictions_open,
        }),
      },
      // A reverse cycle closes with the mentors' work reports; a classic one with evaluations.
      r.work_reports.expected > 0
        ? {
            label: t('report.work_reports'),
            value: t('report.work_reports_value', {
              validated: r.work_reports.validated,
              count: r.work_reports.expected,
              waiting: r.work_reports.submitted,
              changes: r.work_reports.changes_requested,
            }),
          }
        : {
            label: t('report.outcomes'),
            value: `${t('goal.state.achieved')}: ${r.evaluations.by_outcome.achieved} · ${t('goal.state.partly_achieved')}: ${r.evaluations.by_outcome.partly_achieved} · ${t('goal.state.not_achieved')}: ${r.evaluations.by_outcome.not_achieved}`,
          },
      {
        label: t('report.satisfaction'),
        value: t('report.satisfaction_value', {
          average: num(fmt, r.satisfaction.average),
          nps: r.satisfaction.nps ?? '—',
          responses: r.satisfaction.responses,
        }),
      },
      { label: t('report.unpaired'), value: String(p.unpaired_mentees) },
      {
        label: t('report.plenaries', { who: who(r.plenaries.expected) }),
        value: r.plenaries.count ? pct(fmt, r.plenaries.attendance_rate) : '—',
      },
      {
        label: t('report.diplomas', { who: who(r.diplomas.roles) }),
        value: t('report.diplomas_value', { eligible: r.diplomas.eligible, not: r.diplomas.not_eligible }),
      },
      { label: t('report.admin_reminders'), value: fmt.number(r.reminders.sent_by_admins) },
    ])
    .build();
}
