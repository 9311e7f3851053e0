import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  judgeGoal,
  judgeMeasurable,
  judgeSpecific,
  judgeTimeBound,
} from '../../../src/domain/smart-coach.ts';
import { goalDateRecognizer } from '../../../src/flows/goal-dates.ts';
import { agreement } from '../../support/smart-corpus.ts';

const bounds = { today: '2027-01-15', cycleEnd: '2027-06-30' } as const;
const dates = goalDateRecognizer(bounds);

describe('the SMART coach on the cases mentees really write', () => {
  it('refuses what the old coach let through, with the gap named', () => {
    // Any word ending in -ar/-er/-ir used to pass as a verb.
    expect(judgeSpecific('lugar')).toEqual({ ok: false, gap: 'no_action' });
    expect(judgeSpecific('mujer')).toEqual({ ok: false, gap: 'no_action' });
    // "Mejorar" alone, "mejorar las cosas", "be better at things": wishes, not actions.
    expect(judgeSpecific('Mejorar')).toEqual({ ok: false, gap: 'vague_verb' });
    expect(judgeSpecific('mejorar las cosas')).toEqual({ ok: false, gap: 'vague_verb' });
    expect(judgeSpecific('be better at things')).toEqual({ ok: false, gap: 'vague_verb' });
    // A date or a bare number is not an indicator.
    expect(judgeMeasurable('31/02', dates('31/02'))).toMatchObject({ ok: false, gap: 'only_date' });
    expect(judgeMeasurable('Mejorar 100%', dates('Mejorar 100%'))).toMatchObject({
      ok: false,
      gap: 'bare_number',
    });
    // A date that does not exist is not a deadline.
    expect(judgeTimeBound('30/02/2020', dates('30/02/2020'), bounds)).toMatchObject({
      ok: false,
      gap: 'impossible_date',
    });
  });

  it('accepts the goals a mentor would approve, and says what it recognised', () => {
    const goal = judgeGoal(
      'Reducir de 10 a 5 días hábiles el tiempo de respuesta a solicitudes ciudadanas antes del 30 de junio',
      { recognizeDates: dates, ...bounds },
    );
    expect(goal).toEqual({
      specific: {
        ok: true,
        action: 'Reducir de 10 a 5 días hábiles el tiempo de respuesta a solicitudes ciudadanas',
      },
      measurable: { ok: true, indicator: 'de 10 a 5 días hábiles el tiempo de respuesta' },
      timeBound: { ok: true, date: '2027-06-30', dateText: '30 de junio' },
    });
    expect(judgeSpecific('Elaboraré un manual de inducción para el personal nuevo')).toMatchObject({
      ok: true,
    });
    expect(judgeSpecific('Mejorar el tiempo de respuesta reduciéndolo de 10 a 5 días')).toMatchObject({
      ok: true,
    });
    expect(judgeMeasurable('un manual publicado en la intranet')).toMatchObject({ ok: true });
  });

  it('reads periods as their last day, bounded by today and the end of the cycle', () => {
    const when = (text: string) => judgeTimeBound(text, dates(text), bounds);
    expect(when('a fin de junio')).toMatchObject({ ok: true, date: '2027-06-30' });
    expect(when('el próximo trimestre')).toMatchObject({ ok: true, date: '2027-06-30' });
    expect(when('antes de abril')).toMatchObject({ ok: true, date: '2027-03-31' });
    expect(when('within 8 weeks')).toMatchObject({ ok: true, date: '2027-03-12' });
    expect(when('Q3')).toMatchObject({ ok: false, gap: 'after_cycle', date: '2027-09-30' });
    expect(when('en 2026')).toMatchObject({ ok: false, gap: 'past' });
    expect(when('pronto')).toMatchObject({ ok: false, gap: 'vague_time' });
    expect(when('sin fecha')).toMatchObject({ ok: false, gap: 'no_date' });
  });

  it('never crashes and always answers each criterion, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const v = judgeGoal(text, { recognizeDates: dates, ...bounds });
        for (const c of [v.specific, v.measurable, v.timeBound])
          expect(c.ok || typeof c.gap === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the labelled corpus on the held-out part it was never tuned on (≥ 90 % per criterion)', () => {
    for (const [criterion, result] of Object.entries(agreement('heldout')))
      expect({ criterion, rate: result.rate >= 0.9 }).toEqual({ criterion, rate: true });
  });
});
