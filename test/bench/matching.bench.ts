import { type MatchInput, type MatchPerson, pairKey, suggestMatches } from '../../src/domain/matching.ts';

const TOPICS = [
  'liderazgo',
  'comunicacion',
  'datos',
  'gestion de proyectos',
  'etica publica',
  'innovacion',
  'negociacion',
  'trabajo en equipo',
  'transformacion digital',
  'finanzas publicas',
  'atencion ciudadana',
  'planificacion',
];

/**
 * `matching`: suggested pairs for 2,000 mentors (capacity 3) and 10,000 mentees on a classic
 * program, levels 1–5, 40 units, 1–3 topics each and 3,000 pairs from earlier cycles. Pure
 * computation (no database): the time of the exact assignment itself.
 */
export async function matching(_serverUrl: string, quick: boolean): Promise<Record<string, number>> {
  let seed = 20261122;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const person = (id: string): MatchPerson => ({
    id,
    level: 1 + Math.floor(random() * 5),
    birthYear: 1960 + Math.floor(random() * 45),
    unit: `unidad ${Math.floor(random() * 40)}`,
    topics: Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => TOPICS[Math.floor(random() * TOPICS.length)] as string,
    ),
  });
  const mentorCount = 2_000;
  const menteeCount = 10_000;
  const input: MatchInput = {
    kind: 'classic',
    minAgeGapYears: 0,
    capacity: 3,
    mentors: Array.from({ length: mentorCount }, (_, j) => ({ ...person(`m${j}`), load: 0 })),
    mentees: Array.from({ length: menteeCount }, (_, i) => person(`e${i}`)),
    excluded: new Set(
      Array.from({ length: 3_000 }, (_, k) => pairKey(`m${k % mentorCount}`, `e${(k * 7) % menteeCount}`)),
    ),
  };
  const runs = quick ? 1 : 3;
  const times: number[] = [];
  let result = suggestMatches(input);
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    result = suggestMatches(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    mentors: mentorCount,
    mentees: menteeCount,
    ms: Math.round(times[Math.floor(times.length / 2)] as number),
    pairs: result.pairs.length,
    unmatched_mentees: result.unmatchedMentees.length,
    unmatched_mentors: result.unmatchedMentors.length,
    total_score: result.totalScore,
  };
}
