import type { DomainError } from '../domain/errors.ts';
import type { Formatter, T } from '../i18n/index.ts';

/** Turns a refusal into words for the reader (dates in their zone and language when `fmt` is given). */
export function errorText(t: T, error: DomainError, fmt?: Formatter): string {
  const d = error.details;
  if (error.code === 'phase.not_open' || error.code === 'phase.over') {
    const date = String(d.date ?? '');
    return t(`errors.${error.code}`, {
      what: t(`phase_rule.${String(d.action).replace('.', '_')}`),
      date: fmt && date ? fmt.date(date) : date,
    });
  }
  if (error.code === 'transition.not_allowed') {
    const entity = String(d.entity ?? '');
    const from = String(d.from ?? '');
    if (entity === 'goal') return t('errors.transition.goal', { state: t(`goal.state.${from}`) });
    if (entity === 'session') {
      return from === 'not_started'
        ? t('errors.transition.session_not_started')
        : t('errors.transition.session', { state: t(`session.state.${from}`) });
    }
    if (entity === 'evaluation')
      return t('errors.transition.evaluation', { state: t(`evaluation.state.${from}`) });
    if (entity === 'survey') return t('errors.transition.survey');
    if (entity === 'issue') return t('errors.transition.issue');
    return t('errors.transition.other');
  }
  if (error.code === 'goal.field_invalid') {
    return t(`errors.goal.field_${String(d.problem)}`, {
      field: t(`goal.field.${String(d.field)}`),
      max: d.max ?? '',
    });
  }
  // Calendar dates in the details read as the reader's dates ("15 de marzo de 2027").
  const vars = Object.fromEntries(
    Object.entries(d).map(([k, v]) =>
      fmt && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? [k, fmt.date(v)] : [k, v],
    ),
  );
  return t(`errors.${error.code}`, vars);
}
