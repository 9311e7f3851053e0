import { localDate } from '../domain/time.ts';
import { type Formatter, genderContext, type T } from '../i18n/index.ts';
import type { HistoryEvent, MenteeHistory } from '../services/history.service.ts';
import { workbookOf } from './xlsx.ts';

export interface HistoryReader {
  t: T;
  fmt: Formatter;
  zone: string;
}

/** One line of a history in the reader's words: what happened and its details. */
export function describeEvent(
  event: HistoryEvent,
  { t, fmt, zone }: HistoryReader,
): { what: string; detail: string } {
  const parts = (...values: (string | null | undefined | false)[]) => values.filter(Boolean).join(' · ');
  switch (event.kind) {
    case 'paired':
    case 'unpaired':
      return { what: t(`history.kind.${event.kind}`), detail: event.mentor };
    case 'withdrawn':
      return { what: t('history.kind.withdrawn'), detail: '' };
    case 'goal_submitted':
      return {
        what: t('history.kind.goal_submitted'),
        detail: parts(
          t('history.goal_revision', { title: event.goal, revision: event.revision }),
          event.onBehalf && t('history.on_behalf'),
        ),
      };
    case 'goal_decided':
      return {
        what: t('history.kind.goal_decided'),
        detail: parts(
          t('history.goal_revision', { title: event.goal, revision: event.revision }),
          t(`goal.state.${event.decision}`),
          event.comment && t('history.comment', { text: event.comment }),
        ),
      };
    case 'session':
      return {
        what: t('history.kind.session'),
        detail: parts(
          t(`session.state.${event.state}`),
          t('history.minutes', { count: event.minutes }),
          event.mentor,
          event.notes && t('history.notes', { text: event.notes }),
          event.agreements && t('history.agreements', { text: event.agreements }),
          event.reason && t('history.reason', { text: event.reason }),
        ),
      };
    case 'progress':
      return {
        what: t(
          `history.kind.${event.status === 'alert' || event.status === 'restriction' ? event.status : 'progress'}`,
        ),
        detail: parts(
          event.milestone
            ? t('history.milestone_of', { goal: event.goal, milestone: event.milestone })
            : `«${event.goal}»`,
          event.progress !== null && t('history.progress', { value: fmt.number(event.progress) }),
          event.status &&
            event.status !== 'alert' &&
            event.status !== 'restriction' &&
            t(`milestone.status.${event.status}`),
          event.note && t('history.note', { text: event.note }),
          event.reply && t('history.reply', { text: event.reply }),
          event.resolvedAt && t('history.resolved', { date: fmt.date(localDate(event.resolvedAt, zone)) }),
        ),
      };
    case 'evaluation':
      return {
        what: t('history.kind.evaluation'),
        detail: parts(
          t(`evaluation.state.${event.state}`),
          event.mentor,
          ...(event.goals ?? []).map((g) =>
            parts(
              `«${g.title}»: ${t(`goal.state.${g.outcome}`)} ${'★'.repeat(g.rating)}${'☆'.repeat(5 - g.rating)}`,
              g.comment,
            ),
          ),
          event.strengths && t('history.strengths', { text: event.strengths }),
          event.improvements && t('history.improvements', { text: event.improvements }),
          event.competencyNotes && t('history.competency_notes', { text: event.competencyNotes }),
        ),
      };
    case 'ai_suggestion':
      return {
        what: t('history.kind.ai_suggestion'),
        detail: parts(`«${event.goal}»`, event.model, t(`my_data.ai_outcome.${event.outcome}`)),
      };
    case 'work_report_sent':
      return {
        what: t('history.kind.work_report_sent'),
        detail: parts(event.mentor, t('history.version', { revision: event.revision }), event.text),
      };
    case 'work_report_decided':
      return {
        what: t('history.kind.work_report_decided'),
        detail: parts(
          t(`history.work_report_state.${event.state === 'validated' ? 'validated' : 'changes_requested'}`),
          event.comment && t('history.comment', { text: event.comment }),
        ),
      };
    case 'survey':
      return {
        what: t('history.kind.survey'),
        detail: parts(
          event.author,
          t('history.survey', { satisfaction: event.satisfaction, recommend: event.recommend }),
          event.comment && t('history.comment', { text: event.comment }),
          event.mentorNote && t('history.mentor_note', { text: event.mentorNote }),
        ),
      };
  }
}

/** When an event happened, as its reader reads it: sessions with their time, the rest by day. */
export function eventWhen(event: HistoryEvent, reader: HistoryReader): string {
  return event.kind === 'session'
    ? reader.fmt.dateTime(event.at)
    : reader.fmt.date(localDate(event.at, reader.zone));
}

/** The history as a workbook: every event in order, and the goals with their milestones. */
export async function historyXlsx(histories: MenteeHistory[], reader: HistoryReader): Promise<Buffer> {
  const { t, fmt } = reader;
  const events = histories.flatMap((h) =>
    h.events.map((e) => {
      const { what, detail } = describeEvent(e, reader);
      return [
        localDate(e.at, reader.zone),
        e.kind === 'session' ? fmt.time(e.at) : '',
        h.menteeName,
        what,
        detail,
      ];
    }),
  );
  const goals = histories.flatMap((h) =>
    h.goals.flatMap((g) => {
      const goal = [h.menteeName, g.title, t(`goal.state.${g.state}`), g.dueDate, g.revisions];
      return g.milestones.length
        ? g.milestones.map((m) => [...goal, m.title, m.dueDate, t(`milestone.status.${m.status}`)])
        : [[...goal, '', '', '']];
    }),
  );
  const mentee = t('history.column.mentee', genderContext(null));
  return workbookOf([
    {
      name: t('history.sheet.events'),
      headers: [
        t('history.column.date'),
        t('history.column.time'),
        mentee,
        t('history.column.what'),
        t('history.column.detail'),
      ],
      rows: events,
    },
    {
      name: t('history.sheet.goals'),
      headers: [
        mentee,
        t('history.column.goal'),
        t('history.column.state'),
        t('history.column.due'),
        t('history.column.revisions'),
        t('history.column.milestone'),
        t('history.column.milestone_due'),
        t('history.column.milestone_state'),
      ],
      rows: goals,
    },
  ]);
}
