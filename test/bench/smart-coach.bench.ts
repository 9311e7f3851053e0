import { performance } from 'node:perf_hooks';
import { agreement, loadCorpus } from '../support/smart-corpus.ts';

/**
 * `smart_coach`: how often the SMART coach agrees with the labelled corpus
 * (test/fixtures/smart/corpus.json), per criterion, on the part it was tuned on (dev) and on the
 * held-out part it never was; and how long one verdict takes. Targets: ≥ 95 % per criterion,
 * none below 90 %. No database.
 */
export async function smartCoach(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const split of ['dev', 'heldout'] as const)
    for (const [criterion, result] of Object.entries(agreement(split))) {
      out[`${split}_${criterion}_pct`] = Math.round(result.rate * 1000) / 10;
      out[`${split}_${criterion}_n`] = result.total;
    }
  const items = loadCorpus().items.length;
  const start = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) agreement();
  out.items = items;
  out.ms_per_verdict = Math.round(((performance.now() - start) / (rounds * items)) * 1000) / 1000;
  return out;
}
