import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distinctTopics,
  eligible,
  type MatchInput,
  type MatchMentor,
  type MatchPerson,
  pairKey,
  scorePair,
  suggestMatches,
} from '../../../src/domain/matching.ts';

const TOPICS = ['liderazgo', 'comunicación', 'datos', 'gestión', 'ética', 'equipos'];

/** The best (matched count, total score) over every possible assignment. */
function bruteForce(input: MatchInput): { count: number; score: number } {
  const load = input.mentors.map((m) => m.load);
  let best = { count: 0, score: 0 };
  const walk = (i: number, count: number, score: number) => {
    if (i === input.mentees.length) {
      if (count > best.count || (count === best.count && score > best.score)) best = { count, score };
      return;
    }
    const mentee = input.mentees[i] as MatchPerson;
    walk(i + 1, count, score);
    input.mentors.forEach((mentor, j) => {
      if ((load[j] as number) >= input.capacity || !eligible(input, mentor, mentee)) return;
      load[j] = (load[j] as number) + 1;
      walk(i + 1, count + 1, score + scorePair(mentor, mentee).score);
      load[j] = (load[j] as number) - 1;
    });
  };
  walk(0, 0, 0);
  return best;
}

/** Every hard rule, and everyone accounted for exactly once. */
function expectValid(input: MatchInput, result: ReturnType<typeof suggestMatches>): void {
  const mentors = new Map(input.mentors.map((m) => [m.id, m]));
  const mentees = new Map(input.mentees.map((m) => [m.id, m]));
  const load = new Map(input.mentors.map((m) => [m.id, m.load]));
  const seen = new Set<string>();
  for (const pair of result.pairs) {
    const mentor = mentors.get(pair.mentorId) as MatchMentor;
    const mentee = mentees.get(pair.menteeId) as MatchPerson;
    expect(eligible(input, mentor, mentee)).toBe(true);
    if (input.kind === 'classic') expect(mentor.level as number).toBeGreaterThan(mentee.level as number);
    else
      expect((mentor.birthYear as number) - (mentee.birthYear as number)).toBeGreaterThanOrEqual(
        input.minAgeGapYears,
      );
    expect(input.excluded.has(pairKey(mentor.id, mentee.id))).toBe(false);
    expect(seen.has(mentee.id)).toBe(false);
    seen.add(mentee.id);
    load.set(mentor.id, (load.get(mentor.id) as number) + 1);
  }
  for (const value of load.values()) expect(value).toBeLessThanOrEqual(Math.max(input.capacity, 0));
  for (const left of result.unmatchedMentees) {
    expect(seen.has(left.id)).toBe(false);
    seen.add(left.id);
  }
  // Nobody dropped silently: every mentee is paired or listed with a reason.
  expect(seen.size).toBe(input.mentees.length);
  const idle = input.mentors.filter((m) => load.get(m.id) === 0).map((m) => m.id);
  expect(result.unmatchedMentors.map((m) => m.id).sort()).toEqual(idle.sort());
}

const personArb = (prefix: string) =>
  fc.record({
    id: fc.nat(1_000_000).map((k) => `${prefix}${k}`),
    level: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 8 }),
    birthYear: fc.option(fc.integer({ min: 1960, max: 2004 }), { freq: 8 }),
    unit: fc.option(fc.constantFrom('rrhh', 'finanzas', 'salud', 'Finanzas'), { freq: 4 }),
    topics: fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 4 }),
  });

const inputArb = fc
  .record({
    kind: fc.constantFrom('classic' as const, 'reverse' as const),
    minAgeGapYears: fc.integer({ min: 1, max: 15 }),
    capacity: fc.integer({ min: 1, max: 3 }),
    mentors: fc.uniqueArray(personArb('m'), { maxLength: 4, selector: (p) => p.id }),
    mentees: fc.uniqueArray(personArb('e'), { maxLength: 6, selector: (p) => p.id }),
    loads: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
    excludedPicks: fc.array(fc.tuple(fc.nat(3), fc.nat(5)), { maxLength: 4 }),
  })
  .map(({ mentors, mentees, loads, excludedPicks, ...rest }): MatchInput => {
    const withLoad = mentors.map((m, j) => ({ ...m, load: Math.min(loads[j] as number, rest.capacity) }));
    const excluded = new Set(
      excludedPicks
        .filter(([j, i]) => j < mentors.length && i < mentees.length)
        .map(([j, i]) => pairKey((mentors[j] as MatchPerson).id, (mentees[i] as MatchPerson).id)),
    );
    return { ...rest, mentors: withLoad, mentees, excluded };
  });

describe('topics', () => {
  it('keeps the written form for display and compares folded', () => {
    expect(distinctTopics(['Ética', ' ética ', 'Liderazgo   público', 'liderazgo publico', ''])).toEqual([
      'Ética',
      'Liderazgo público',
    ]);
    const person = (topics: string[]): MatchPerson => ({
      id: 'x',
      level: 1,
      birthYear: null,
      unit: null,
      topics,
    });
    expect(
      scorePair(person(['comunicacion', 'datos']), person(['Comunicación', 'Gestión'])).sharedTopics,
    ).toEqual(['Comunicación']);
  });
});

describe('suggested matches', () => {
  it('reaches the same optimum as brute force on small random cases', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = suggestMatches(input);
        expectValid(input, result);
        const best = bruteForce(input);
        expect({ count: result.pairs.length, score: result.totalScore }).toEqual(best);
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it('is not greedy: it gives up the first mentee’s favourite so that both are matched', () => {
    const input: MatchInput = {
      kind: 'classic',
      minAgeGapYears: 0,
      capacity: 1,
      mentors: [
        { id: 'senior', level: 5, birthYear: null, unit: 'a', topics: ['datos', 'ética'], load: 0 },
        { id: 'middle', level: 3, birthYear: null, unit: 'a', topics: ['datos'], load: 0 },
      ],
      mentees: [
        { id: 'first', level: 1, birthYear: null, unit: 'b', topics: ['datos', 'ética'] },
        { id: 'second', level: 4, birthYear: null, unit: 'b', topics: ['datos'] },
      ],
      excluded: new Set(),
    };
    const result = suggestMatches(input);
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      ['middle', 'first'],
      ['senior', 'second'],
    ]);
    expect(result.pairs.find((p) => p.menteeId === 'first')).toMatchObject({
      sharedTopics: ['datos'],
      differentUnits: true,
      score: 3,
    });
    expect(result.unmatchedMentees).toEqual([]);
  });

  it('names why each person is left out', () => {
    const input: MatchInput = {
      kind: 'classic',
      minAgeGapYears: 0,
      capacity: 1,
      mentors: [
        { id: 'top', level: 5, birthYear: null, unit: null, topics: [], load: 0 },
        { id: 'unknown', level: null, birthYear: null, unit: null, topics: [], load: 0 },
        { id: 'low', level: 1, birthYear: null, unit: null, topics: [], load: 0 },
      ],
      mentees: [
        { id: 'a', level: 2, birthYear: null, unit: null, topics: [] },
        { id: 'b', level: 3, birthYear: null, unit: null, topics: [] },
        { id: 'peer', level: 5, birthYear: null, unit: null, topics: [] },
        { id: 'nolevel', level: null, birthYear: null, unit: null, topics: [] },
      ],
      excluded: new Set(),
    };
    const result = suggestMatches(input);
    expect(result.pairs).toHaveLength(1);
    expect(Object.fromEntries(result.unmatchedMentees.map((u) => [u.id, u.reason]))).toEqual({
      [result.pairs[0]?.menteeId === 'a' ? 'b' : 'a']: 'mentors_full',
      peer: 'no_eligible_mentor',
      nolevel: 'level_unknown',
    });
    expect(Object.fromEntries(result.unmatchedMentors.map((u) => [u.id, u.reason]))).toEqual({
      unknown: 'level_unknown',
      low: 'no_eligible_mentee',
    });
  });

  it('never pairs again people paired in an earlier cycle, and counts pairs already made', () => {
    const input: MatchInput = {
      kind: 'reverse',
      minAgeGapYears: 10,
      capacity: 2,
      mentors: [
        { id: 'young', level: null, birthYear: 1998, unit: null, topics: ['datos'], load: 1 },
        { id: 'younger', level: null, birthYear: 2000, unit: null, topics: [], load: 0 },
      ],
      mentees: [
        { id: 'senior1', level: null, birthYear: 1970, unit: null, topics: ['datos'] },
        { id: 'senior2', level: null, birthYear: 1972, unit: null, topics: ['datos'] },
        { id: 'close', level: null, birthYear: 1992, unit: null, topics: ['datos'] },
      ],
      excluded: new Set([pairKey('young', 'senior1')]),
    };
    const result = suggestMatches(input);
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      ['young', 'senior2'],
      ['younger', 'senior1'],
    ]);
    expect(result.unmatchedMentees).toEqual([{ id: 'close', reason: 'no_eligible_mentor' }]);
  });

  it('keeps every hard rule on 2,000 mentors and 10,000 mentees', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const person = (id: string): MatchPerson => ({
      id,
      level: 1 + Math.floor(random() * 5),
      birthYear: 1960 + Math.floor(random() * 45),
      unit: `unidad ${Math.floor(random() * 40)}`,
      topics: TOPICS.filter(() => random() < 0.3),
    });
    const mentors = Array.from({ length: 2_000 }, (_, j) => ({
      ...person(`m${j}`),
      load: j % 7 === 0 ? 1 : 0,
    }));
    const mentees = Array.from({ length: 10_000 }, (_, i) => person(`e${i}`));
    const excluded = new Set(Array.from({ length: 3_000 }, (_, k) => pairKey(`m${k % 2_000}`, `e${k * 3}`)));
    const input: MatchInput = { kind: 'classic', minAgeGapYears: 0, capacity: 3, mentors, mentees, excluded };
    const result = suggestMatches(input);
    expectValid(input, result);
    // Mentees of level 5 have nobody above them; the others fill the mentors' room.
    const free = mentors.reduce((sum, m) => sum + 3 - m.load, 0);
    expect(result.pairs.length).toBeGreaterThan(free * 0.75);
    expect(result.unmatchedMentees.filter((u) => u.reason === 'no_eligible_mentor').length).toBeGreaterThan(
      1_500,
    );
  }, 60_000);
});
