import { describe, expect, it } from 'vitest';
import { PHASES, type Phase, phaseAt } from '../../../src/domain/cycle.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Cycle } from '../../../src/domain/model.ts';
import {
  allowedIn,
  misplacedFacts,
  PHASE_RULES,
  PHASED_ACTIONS,
  requirePhase,
} from '../../../src/domain/phase-rules.ts';
import { errorText } from '../../../src/flows/errors.ts';
import { formatter, translator } from '../../../src/i18n/index.ts';
import { SANTIAGO_2027 } from '../../support/cycles.ts';

const cycle: Cycle = {
  tenantId: 't',
  id: 'c',
  programId: 'p',
  name: '2027-1',
  ...SANTIAGO_2027,
};
/** Noon in Santiago on a day of each phase. */
const IN: Record<Phase, Date> = {
  upcoming: new Date('2027-01-01T15:00:00Z'),
  enrollment: new Date('2027-01-10T15:00:00Z'),
  goal_setting: new Date('2027-02-01T15:00:00Z'),
  execution: new Date('2027-04-01T15:00:00Z'),
  closing: new Date('2027-06-20T15:00:00Z'),
  closed: new Date('2027-08-01T15:00:00Z'),
};

const outcome = (action: (typeof PHASED_ACTIONS)[number], phase: Phase, onBehalf = false) => {
  try {
    requirePhase(action, cycle, IN[phase], { onBehalf });
    return 'allowed';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error;
  }
};

describe('the program’s rules in time', () => {
  it('the sample instants are in the phases they name', () => {
    for (const phase of PHASES) expect(phaseAt(cycle, IN[phase])).toBe(phase);
  });

  it('walks every action × every phase: allowed in its window, refused before and after with the date', () => {
    const es = translator('es');
    const fmt = formatter('es', 'America/Santiago');
    for (const action of PHASED_ACTIONS) {
      const allowed = PHASE_RULES[action].phases as readonly Phase[];
      const first = PHASES.indexOf(allowed[0] as Phase);
      for (const phase of PHASES) {
        const result = outcome(action, phase);
        if (allowedIn(action, phase)) {
          expect(result, `${action} in ${phase}`).toBe('allowed');
          continue;
        }
        expect(result, `${action} in ${phase}`).toBeInstanceOf(DomainError);
        const error = result as DomainError;
        const before = PHASES.indexOf(phase) < first;
        expect(error.code).toBe(before ? 'phase.not_open' : 'phase.over');
        const text = errorText(es, error, fmt);
        expect(text).toMatch(
          before ? / se abre el \d+ de \w+ de 2027\.$/ : / cerró el \d+ de \w+ de 2027\.$/,
        );
        expect(text).not.toContain('{{');
        // Paper forms: an admin may enter it later, never earlier.
        expect(outcome(action, phase, true) === 'allowed', `${action} in ${phase} on paper`).toBe(!before);
      }
    }
  });

  it('names the day it opens and the day it closed, in both languages', () => {
    const en = translator('en');
    const fmtEn = formatter('en', 'America/Santiago');
    const es = translator('es');
    const fmtEs = formatter('es', 'America/Santiago');
    const early = outcome('evaluation.write', 'goal_setting') as DomainError;
    expect(errorText(es, early, fmtEs)).toBe('La evaluación final se abre el 10 de junio de 2027.');
    expect(errorText(en, early, fmtEn)).toBe('The final evaluation opens on June 10, 2027.');
    const late = outcome('goal.draft', 'closing') as DomainError;
    expect(errorText(es, late, fmtEs)).toBe('La redacción de metas cerró el 9 de junio de 2027.');
    const checkin = outcome('checkin.report', 'closed') as DomainError;
    expect(errorText(en, checkin, fmtEn)).toBe('The weekly check-in closed on June 9, 2027.');
  });
});

describe('facts a change of dates would leave outside their phase', () => {
  it('names the first fact before its window and the last own one after it; fitting facts pass', () => {
    const spans = [
      { action: 'goal.draft' as const, first: '2027-01-26', lastOwn: '2027-03-01' },
      { action: 'checkin.report' as const, first: '2027-02-22', lastOwn: '2027-06-07' },
    ];
    expect(misplacedFacts(cycle, spans)).toEqual([]);
    // Goal setting moved after the first goal; closing moved before the last check-in.
    expect(
      misplacedFacts({ ...cycle, goalSettingStarts: '2027-02-01', closingStarts: '2027-06-01' }, spans),
    ).toEqual([
      { action: 'goal.draft', date: '2027-01-26', side: 'before', limit: '2027-02-01' },
      { action: 'checkin.report', date: '2027-06-07', side: 'after', limit: '2027-05-31' },
    ]);
  });

  it('lets a paper form sit after its window, and applications come before the cycle opens', () => {
    const late = { ...cycle, closingStarts: '2027-06-01' };
    // The last check-in the pair entered themselves is in May; a later one was entered on their behalf.
    expect(
      misplacedFacts(late, [{ action: 'checkin.report', first: '2027-02-22', lastOwn: '2027-05-20' }]),
    ).toEqual([]);
    expect(misplacedFacts(late, [{ action: 'checkin.report', first: '2027-02-22', lastOwn: null }])).toEqual(
      [],
    );
    expect(
      misplacedFacts(cycle, [{ action: 'applications.apply', first: '2026-12-01', lastOwn: '2027-01-20' }]),
    ).toEqual([]);
    expect(
      misplacedFacts(cycle, [{ action: 'applications.apply', first: '2026-12-01', lastOwn: '2027-01-26' }]),
    ).toEqual([{ action: 'applications.apply', date: '2027-01-26', side: 'after', limit: '2027-01-24' }]);
  });
});
