import type { Goal, GoalFields, MentoringSession } from '../domain/model.ts';
import type { Formatter, T } from '../i18n/index.ts';
import { message, type OutboundMessage } from '../messages/model.ts';
import type { Competency } from '../store/tenant.store.ts';
import { verdictLine } from './coach.ts';
import { reviewButtons } from './goal-review.ts';

export interface Reader {
  t: T;
  fmt: Formatter;
}

export function competencyName(t: T, catalog: Competency[], key: string): string {
  const found = catalog.find((c) => c.key === key);
  if (!found) return key;
  return t('lang') === 'en' ? found.nameEn : found.nameEs;
}

/** The SMART parts of a goal as label/value pairs. */
export function goalFieldList(
  { t, fmt }: Reader,
  fields: Partial<GoalFields>,
  catalog: Competency[],
): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value) rows.push({ label: t(`goal.field.${key}`), value });
  };
  add('title', fields.title);
  add('specific', fields.specific);
  add('measurable', fields.measurable);
  add('achievable', fields.achievable);
  add('relevant', fields.relevant);
  add('dueDate', fields.dueDate ? fmt.date(fields.dueDate) : undefined);
  if (fields.competencies) {
    add(
      'competencies',
      fields.competencies.length
        ? fields.competencies.map((k) => competencyName(t, catalog, k)).join(', ')
        : t('common.none_f'),
    );
  }
  if (fields.milestones) {
    add(
      'milestones',
      fields.milestones.length
        ? fields.milestones.map((m) => `• ${m.title} (${fmt.date(m.dueDate)})`).join('\n')
        : // "Ninguno" agrees with "hitos", not with the reader.
          t('common.none', { context: '' }),
    );
  }
  return rows;
}

export function goalStateLabel(t: T, state: Goal['state']): string {
  return t(`goal.state.${state}`);
}

/** What the mentor receives when a goal is submitted: the goal and the two decisions. */
export function reviewRequest(
  reader: Reader,
  goal: Goal,
  menteeName: string,
  catalog: Competency[],
  lastComment: string | null,
  /** A reverse program's plan, sent to the program's admins: the colleague it is carried out with. */
  colleague?: string,
): OutboundMessage {
  const { t } = reader;
  const value = { goal: goal.id, rev: goal.revision };
  const plan = colleague !== undefined;
  const builder = message(
    t(plan ? 'review.request.plan_summary' : 'review.request.summary', {
      name: menteeName,
      title: goal.title,
    }),
  )
    .text(
      t(
        plan
          ? goal.revision > 1
            ? 'review.request.plan_again'
            : 'review.request.plan_first'
          : goal.revision > 1
            ? 'review.request.again'
            : 'review.request.first',
        { name: menteeName, revision: goal.revision, colleague },
      ),
    )
    .fields(goalFieldList(reader, goal, catalog));
  if (goal.revision > 1 && lastComment)
    builder.context(
      t(plan ? 'review.request.plan_previous_comment' : 'review.request.previous_comment', {
        comment: lastComment,
      }),
    );
  // What the SMART coach found, per criterion: the reviewer sees a vague part the author kept.
  builder.context(verdictLine(t, goal));
  return builder.buttons(reviewButtons(t, value)).context(t('review.request.hint')).build();
}

/** The review message after a decision: the outcome instead of live buttons. */
export function reviewOutcome(
  reader: Reader,
  goal: Goal,
  menteeName: string,
  catalog: Competency[],
  outcome: { state: Goal['state']; at: Date; comment?: string | null },
): OutboundMessage {
  const { t, fmt } = reader;
  const builder = message(
    t('review.outcome.summary', { title: goal.title, state: goalStateLabel(t, outcome.state) }),
  )
    .text(t('review.outcome.text', { name: menteeName, title: goal.title }))
    .fields(goalFieldList(reader, goal, catalog))
    .context(
      t('review.outcome.decided', {
        state: goalStateLabel(t, outcome.state),
        when: fmt.dateTime(outcome.at),
      }),
    );
  if (outcome.comment) builder.context(t('review.outcome.comment', { comment: outcome.comment }));
  return builder.build();
}

export function sessionFields(
  { t, fmt }: Reader,
  session: MentoringSession,
  withName: string,
): { label: string; value: string }[] {
  const end = new Date(session.startsAt.getTime() + session.durationMinutes * 60_000);
  const rows = [
    { label: t('session.field.with'), value: withName },
    { label: t('session.field.when'), value: fmt.dateTimeRange(session.startsAt, end) },
    { label: t('session.field.duration'), value: t('session.minutes', { count: session.durationMinutes }) },
  ];
  if (session.place) rows.push({ label: t('session.field.place'), value: session.place });
  if (session.agenda) rows.push({ label: t('session.field.agenda'), value: session.agenda });
  return rows;
}

/** At most `max` lines for a chat message, then "… and N more" (the attached file has them all). */
export function capped(t: T, lines: string[], max: number): string[] {
  return lines.length > max
    ? [...lines.slice(0, max), t('common.more', { count: lines.length - max })]
    : lines;
}
