import {
  type CoachLanguage,
  type DateFinding,
  type GoalVerdict,
  hintLevel,
  judgeGoal,
  judgeMeasurable,
  judgeSpecific,
} from '../domain/smart-coach.ts';
import type { IsoDate } from '../domain/time.ts';
import type { Formatter, T } from '../i18n/index.ts';
import { goalDateRecognizer } from './goal-dates.ts';

/** The competencies the catalog seeds, each with a SMART example in both languages. */
const EXAMPLE_KEYS = new Set([
  'active_listening',
  'assertive_communication',
  'leadership',
  'performance',
  'teamwork',
  'digital_collaboration',
  'data_analysis',
  'digital_security',
  'social_media',
  'office_tools',
]);

/** The person's words, short enough to quote back: "…capacitar al equipo". */
function own(text: string): string {
  const clean = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.;:]+$/, '');
  const cut = clean.length > 70 ? `${clean.slice(0, 70).replace(/\s+\S*$/, '')}…` : clean;
  return cut.charAt(0).toLowerCase() + cut.slice(1);
}

/** The first word of a text, as typed ("Mejorar"); with a short verb, the next one too ("be better"). */
function firstWord(text: string): string {
  const [first = '', second] = text.trim().split(/\s+/);
  return first.length <= 3 && second ? `${first} ${second}` : first;
}

/**
 * What the coach says about one criterion: nothing when it is met; otherwise what is missing,
 * more concrete each time the same gap comes back (`attempt` 1, 2, then 3+): the gap named, then
 * a pattern in the person's own words, then a whole example from the competency chosen.
 */
export function coachHint(
  reader: { t: T; fmt: Formatter },
  criterion: 'specific' | 'measurable' | 'timeBound',
  verdict: GoalVerdict[typeof criterion],
  context: {
    text: string;
    attempt?: number;
    competency?: string | undefined;
    competencyName?: string;
    cycleEnd?: IsoDate | undefined;
  },
): string | undefined {
  const { t, fmt } = reader;
  if (verdict.ok || !verdict.gap) return undefined;
  const level = hintLevel(context.attempt ?? 1);
  const vars = {
    own: own(context.text),
    word: verdict.word ?? firstWord(context.text),
    end: context.cycleEnd ? fmt.date(context.cycleEnd) : t('coach.time.cycle_end'),
    date:
      'date' in verdict && verdict.date
        ? fmt.date(verdict.date)
        : verdict.word || ('dateText' in verdict ? verdict.dateText : '') || context.text,
  };
  if (level === 3 && criterion !== 'timeBound') {
    const key = context.competency && EXAMPLE_KEYS.has(context.competency) ? context.competency : 'general';
    return t('coach.example', {
      about: key === 'general' ? '' : t('coach.example_about', { competency: context.competencyName ?? '' }),
      example: t(`coach.examples.${key}`),
    });
  }
  const group = criterion === 'timeBound' ? 'time' : criterion;
  const suffix = criterion === 'timeBound' ? '' : `_${level}`;
  return t(`coach.${group}.${verdict.gap}${suffix}`, vars);
}

/** The three verdicts of a whole goal as its reviewer reads them: "Específica ✓ · Medible ✗ (…) · Con fecha ✓". */
export function verdictLine(
  t: T,
  goal: { specific: string; measurable: string; dueDate: string },
  language: CoachLanguage | 'any' = 'any',
): string {
  const specific = judgeSpecific(goal.specific, language);
  const measurable = judgeMeasurable(goal.measurable, [], language);
  const mark = (criterion: 'specific' | 'measurable', verdict: { ok: boolean; gap?: string }) =>
    verdict.ok
      ? t(`coach.verdict.${criterion}_ok`)
      : t(`coach.verdict.${criterion}_gap`, { why: t(`coach.gap.${verdict.gap}`) });
  // The due date was checked against the cycle when the goal was sent.
  return t('coach.verdict.line', {
    specific: mark('specific', specific),
    measurable: mark('measurable', measurable),
    timeBound: t('coach.verdict.timeBound_ok'),
  });
}

/**
 * A whole goal written in one message ("Reducir de 10 a 5 días el tiempo de respuesta antes del
 * 30 de junio"): its parts when at least two criteria are recognised, else nothing. The action
 * (the sentence without its date) fills "specific" and the title, the indicator "measurable",
 * and the date the due date.
 */
export function oneSentenceGoal(
  text: string,
  context: { today: IsoDate; cycleEnd?: IsoDate | undefined },
):
  | { title: string; specific?: string; measurable?: string; dueDate?: IsoDate; verdict: GoalVerdict }
  | undefined {
  const words = text.trim().split(/\s+/);
  if (words.length < 6) return undefined;
  const recognizeDates = goalDateRecognizer(context);
  const verdict = judgeGoal(text, { recognizeDates, ...context });
  const met = [verdict.specific.ok, verdict.measurable.ok, verdict.timeBound.ok].filter(Boolean).length;
  if (met < 2 || !verdict.specific.ok) return undefined;
  const action = withoutDates(text, recognizeDates(text));
  const title = action.length > 80 ? `${action.slice(0, 80).replace(/\s+\S*$/, '')}` : action;
  return {
    title,
    specific: action,
    ...(verdict.measurable.ok
      ? {
          measurable:
            (verdict.measurable.indicator ?? '').split(/\s+/).length >= 2
              ? (verdict.measurable.indicator as string)
              : action,
        }
      : {}),
    ...(verdict.timeBound.ok && verdict.timeBound.date ? { dueDate: verdict.timeBound.date } : {}),
    verdict,
  };
}

/** The text without its date phrases and the words that only introduced them ("antes del"). */
function withoutDates(text: string, dates: readonly DateFinding[]): string {
  let out = text;
  for (const d of [...dates].sort((a, b) => b.index - a.index))
    out = `${out.slice(0, d.index)}${out.slice(d.index + d.text.length)}`;
  const trailing =
    /[\s,]+(antes\s+del?|antes\s+de\s+que|para\s+el|para|hasta\s+el|hasta|al|a|en|el|durante|by|before|in|until|on|during|at|within|dentro\s+de)\s*$/i;
  out = out.replace(/\s+/g, ' ').trim();
  while (trailing.test(out)) out = out.replace(trailing, '').trim();
  return out.replace(/[\s,;:.]+$/, '');
}
