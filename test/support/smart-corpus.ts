import { readFileSync } from 'node:fs';
import {
  CRITERIA,
  type Criterion,
  judgeGoal,
  judgeMeasurable,
  judgeSpecific,
  judgeTimeBound,
} from '../../src/domain/smart-coach.ts';
import type { IsoDate } from '../../src/domain/time.ts';
import { goalDateRecognizer } from '../../src/flows/goal-dates.ts';

/** One labelled statement of `test/fixtures/smart/corpus.json`. */
export interface CorpusItem {
  id: string;
  lang: 'es' | 'en';
  split: 'dev' | 'heldout';
  /** A whole goal in one sentence, or one part of it. */
  kind: 'sentence' | 'specific' | 'measurable' | 'time';
  text: string;
  labels: Partial<Record<Criterion, boolean>>;
  hint: string;
  today?: IsoDate;
  cycleEnd?: IsoDate;
}

export function loadCorpus(): { today: IsoDate; cycleEnd: IsoDate; items: CorpusItem[] } {
  return JSON.parse(readFileSync(new URL('../fixtures/smart/corpus.json', import.meta.url), 'utf8'));
}

/** The coach's verdicts on an item, for the criteria it is labelled with. */
export function coachVerdicts(item: CorpusItem, defaults: { today: IsoDate; cycleEnd: IsoDate }) {
  const today = item.today ?? defaults.today;
  const cycleEnd = item.cycleEnd ?? defaults.cycleEnd;
  const recognizeDates = goalDateRecognizer({ today, cycleEnd });
  if (item.kind === 'sentence') {
    const v = judgeGoal(item.text, { recognizeDates, today, cycleEnd, language: item.lang });
    return { specific: v.specific.ok, measurable: v.measurable.ok, timeBound: v.timeBound.ok };
  }
  const dates = recognizeDates(item.text);
  if (item.kind === 'specific') return { specific: judgeSpecific(item.text, item.lang).ok };
  if (item.kind === 'measurable') return { measurable: judgeMeasurable(item.text, dates, item.lang).ok };
  return { timeBound: judgeTimeBound(item.text, dates, { today, cycleEnd }).ok };
}

/** Agreement with the labels per criterion, on one split (or all). */
export function agreement(split?: 'dev' | 'heldout') {
  const corpus = loadCorpus();
  const out = {} as Record<Criterion, { agree: number; total: number; rate: number; misses: string[] }>;
  for (const c of CRITERIA) out[c] = { agree: 0, total: 0, rate: 0, misses: [] };
  for (const item of corpus.items.filter((i) => !split || i.split === split)) {
    const verdicts = coachVerdicts(item, corpus) as Partial<Record<Criterion, boolean>>;
    for (const c of CRITERIA) {
      const label = item.labels[c];
      if (label === undefined) continue;
      out[c].total++;
      if (verdicts[c] === label) out[c].agree++;
      else out[c].misses.push(`${item.id} [${label ? 'yes' : 'no'}] ${item.text}`);
    }
  }
  for (const c of CRITERIA) out[c].rate = out[c].total ? out[c].agree / out[c].total : 1;
  return out;
}
