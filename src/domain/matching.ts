import type { ProgramKind } from './model.ts';

/**
 * Suggested matches: an optimal assignment of mentees to mentors under the program's hard rules.
 *
 * Hard rules: classic, the mentor is at least one level above; reverse, the mentor is younger by
 * the program's minimum gap; each mentor takes at most `capacity` mentees (counting pairs already
 * made in the cycle); a pair made in an earlier cycle is not suggested again.
 *
 * Among the assignments that match the most mentees, the one with the highest total score:
 * two points per shared topic (at most three count) and one for different units, so people meet
 * someone outside their own team.
 *
 * The assignment is a min-cost flow (see `MinCostAssignment`): exact, not greedy. Everyone left
 * out is reported with the reason.
 */

export interface MatchPerson {
  id: string;
  level: number | null;
  birthYear: number | null;
  unit: string | null;
  topics: readonly string[];
}

export interface MatchMentor extends MatchPerson {
  /** Mentees already paired with this mentor in the cycle. */
  load: number;
}

export interface MatchInput {
  kind: ProgramKind;
  minAgeGapYears: number;
  capacity: number;
  mentors: readonly MatchMentor[];
  /** Mentees without a mentor in the cycle. */
  mentees: readonly MatchPerson[];
  /** Pairs made in earlier cycles, as `pairKey(mentorId, menteeId)`. */
  excluded: ReadonlySet<string>;
}

export type MenteeLeftOut = 'level_unknown' | 'age_unknown' | 'no_eligible_mentor' | 'mentors_full';
export type MentorLeftOut = 'level_unknown' | 'age_unknown' | 'full' | 'no_eligible_mentee' | 'mentees_taken';

export interface SuggestedPair {
  mentorId: string;
  menteeId: string;
  score: number;
  sharedTopics: string[];
  differentUnits: boolean;
}

export interface MatchResult {
  pairs: SuggestedPair[];
  /** Every mentee left without a mentor, with the reason. */
  unmatchedMentees: { id: string; reason: MenteeLeftOut }[];
  /** Every mentor left without any mentee (old or new), with the reason. */
  unmatchedMentors: { id: string; reason: MentorLeftOut }[];
  totalScore: number;
}

export const MAX_SHARED_TOPICS = 3;
export const MAX_SCORE = 2 * MAX_SHARED_TOPICS + 1;

export function pairKey(mentorId: string, menteeId: string): string {
  return `${mentorId}|${menteeId}`;
}

/** "Liderazgo Público" and "liderazgo  publico" are the same topic. */
export function normalizeTopic(topic: string): string {
  return topic
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Topics as the person wrote them ("Ética", "Liderazgo público"), spaces tidied, each topic once
 * by its folded form: the written form is what people read, the folded one what pairing compares.
 */
export function distinctTopics(topics: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of topics) {
    const written = raw.replace(/\s+/g, ' ').trim();
    const key = normalizeTopic(written);
    if (key && !seen.has(key)) seen.set(key, written);
  }
  return [...seen.values()];
}

/** Why this person cannot take part in any pair of this kind of program, or null. */
function missingData(kind: ProgramKind, p: MatchPerson): 'level_unknown' | 'age_unknown' | null {
  if (kind === 'classic') return p.level === null ? 'level_unknown' : null;
  return p.birthYear === null ? 'age_unknown' : null;
}

/** The hard rules between one mentor and one mentee (capacity aside). */
export function eligible(
  input: Pick<MatchInput, 'kind' | 'minAgeGapYears' | 'excluded'>,
  mentor: MatchPerson,
  mentee: MatchPerson,
): boolean {
  if (mentor.id === mentee.id) return false;
  if (input.kind === 'classic') {
    if (mentor.level === null || mentee.level === null || mentor.level <= mentee.level) return false;
  } else {
    if (mentor.birthYear === null || mentee.birthYear === null) return false;
    if (mentor.birthYear - mentee.birthYear < Math.max(1, input.minAgeGapYears)) return false;
  }
  return !input.excluded.has(pairKey(mentor.id, mentee.id));
}

/** The score of a pair, and what makes it. */
export function scorePair(
  mentor: MatchPerson,
  mentee: MatchPerson,
): { score: number; sharedTopics: string[]; differentUnits: boolean } {
  const offered = new Set(mentor.topics.map(normalizeTopic));
  const sharedTopics = distinctTopics(mentee.topics).filter((t) => offered.has(normalizeTopic(t)));
  const differentUnits =
    mentor.unit !== null &&
    mentee.unit !== null &&
    normalizeTopic(mentor.unit) !== normalizeTopic(mentee.unit);
  const score = 2 * Math.min(MAX_SHARED_TOPICS, sharedTopics.length) + (differentUnits ? 1 : 0);
  return { score, sharedTopics, differentUnits };
}

export function suggestMatches(input: MatchInput): MatchResult {
  const capacity = Math.max(0, input.capacity);
  const mentors = input.mentors;
  const mentees = input.mentees;
  const n = mentees.length;
  const m = mentors.length;

  // Topics and units as small integers; topic sets as bit sets for a fast overlap count.
  const topicIds = new Map<string, number>();
  const unitIds = new Map<string, number>();
  const idOf = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) {
      id = map.size;
      map.set(key, id);
    }
    return id;
  };
  const encode = (people: readonly MatchPerson[]) =>
    people.map((p) => ({
      topics: [...new Set(p.topics.map(normalizeTopic))].map((t) => idOf(topicIds, t)),
      unit: p.unit === null ? -1 : idOf(unitIds, normalizeTopic(p.unit)),
      key: input.kind === 'classic' ? p.level : p.birthYear,
    }));
  const mentorCodes = encode(mentors);
  const menteeCodes = encode(mentees);
  const words = Math.max(1, Math.ceil(topicIds.size / 32));
  const bits = (codes: { topics: number[] }[]) => {
    const out = new Uint32Array(codes.length * words);
    codes.forEach((c, i) => {
      for (const t of c.topics)
        out[i * words + (t >>> 5)] = (out[i * words + (t >>> 5)] as number) | (1 << (t & 31));
    });
    return out;
  };
  const mentorBits = bits(mentorCodes);
  const menteeBits = bits(menteeCodes);
  const mentorKey = new Float64Array(m).fill(Number.NaN);
  mentorCodes.forEach((c, j) => {
    if (c.key !== null) mentorKey[j] = c.key;
  });
  const mentorUnit = Int32Array.from(mentorCodes, (c) => c.unit);
  const gap = Math.max(1, input.minAgeGapYears);
  const excludedByMentee = new Map<number, Set<number>>();
  if (input.excluded.size) {
    const mentorIndex = new Map(mentors.map((p, j) => [p.id, j]));
    const menteeIndex = new Map(mentees.map((p, i) => [p.id, i]));
    for (const key of input.excluded) {
      const [mentorId, menteeId] = key.split('|') as [string, string];
      const j = mentorIndex.get(mentorId);
      const i = menteeIndex.get(menteeId);
      if (j === undefined || i === undefined) continue;
      const set = excludedByMentee.get(i) ?? new Set<number>();
      set.add(j);
      excludedByMentee.set(i, set);
    }
  }
  const sameId = new Map<number, number>();
  const mentorIndexById = new Map(mentors.map((p, j) => [p.id, j]));
  mentees.forEach((p, i) => {
    const j = mentorIndexById.get(p.id);
    if (j !== undefined) sameId.set(i, j);
  });

  const isEligible = (i: number, j: number): boolean => {
    const a = mentorKey[j] as number;
    const b = menteeCodes[i]?.key;
    if (Number.isNaN(a) || b === null || b === undefined) return false;
    if (input.kind === 'classic' ? a <= b : a - b < gap) return false;
    if (sameId.get(i) === j) return false;
    return !excludedByMentee.get(i)?.has(j);
  };
  const cost = (i: number, j: number): number => {
    let shared = 0;
    for (let w = 0; w < words; w++)
      shared += popcount((menteeBits[i * words + w] as number) & (mentorBits[j * words + w] as number));
    const mu = menteeCodes[i]?.unit ?? -1;
    const ju = mentorUnit[j] as number;
    const score = 2 * Math.min(MAX_SHARED_TOPICS, shared) + (mu >= 0 && ju >= 0 && mu !== ju ? 1 : 0);
    return MAX_SCORE - score;
  };

  const free = Int32Array.from(mentors, (p) => Math.max(0, capacity - p.load));
  // Every eligible pair whose mentor has room, as compressed rows (mentee → mentors) with costs.
  const offsets = new Int32Array(n + 1);
  let targets = new Int32Array(Math.max(16, n * 4));
  let costs = new Uint8Array(targets.length);
  let edges = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = edges;
    for (let j = 0; j < m; j++) {
      if ((free[j] as number) === 0 || !isEligible(i, j)) continue;
      if (edges === targets.length) {
        const grownTargets = new Int32Array(targets.length * 2);
        grownTargets.set(targets);
        targets = grownTargets;
        const grownCosts = new Uint8Array(costs.length * 2);
        grownCosts.set(costs);
        costs = grownCosts;
      }
      targets[edges] = j;
      costs[edges] = cost(i, j);
      edges++;
    }
  }
  offsets[n] = edges;
  const solver = new MinCostAssignment(n, m, free, offsets, targets, costs);
  solver.solve();

  const pairs: SuggestedPair[] = [];
  const taken = new Int32Array(m);
  const unmatchedMentees: MatchResult['unmatchedMentees'] = [];
  let totalScore = 0;
  for (let i = 0; i < n; i++) {
    const mentee = mentees[i] as MatchPerson;
    const j = solver.mentorOf(i);
    if (j >= 0) {
      const mentor = mentors[j] as MatchMentor;
      const scored = scorePair(mentor, mentee);
      pairs.push({ mentorId: mentor.id, menteeId: mentee.id, ...scored });
      totalScore += scored.score;
      taken[j] = (taken[j] as number) + 1;
      continue;
    }
    const missing = missingData(input.kind, mentee);
    if (missing) unmatchedMentees.push({ id: mentee.id, reason: missing });
    else {
      let anyEligible = false;
      for (let k = 0; k < m && !anyEligible; k++) anyEligible = isEligible(i, k);
      unmatchedMentees.push({ id: mentee.id, reason: anyEligible ? 'mentors_full' : 'no_eligible_mentor' });
    }
  }
  const unmatchedMentors: MatchResult['unmatchedMentors'] = [];
  for (let j = 0; j < m; j++) {
    const mentor = mentors[j] as MatchMentor;
    if (mentor.load + (taken[j] as number) > 0) continue;
    const missing = missingData(input.kind, mentor);
    if (missing) unmatchedMentors.push({ id: mentor.id, reason: missing });
    else if (capacity === 0) unmatchedMentors.push({ id: mentor.id, reason: 'full' });
    else {
      let anyEligible = false;
      for (let i = 0; i < n && !anyEligible; i++) anyEligible = isEligible(i, j);
      unmatchedMentors.push({ id: mentor.id, reason: anyEligible ? 'mentees_taken' : 'no_eligible_mentee' });
    }
  }
  pairs.sort((a, b) => a.mentorId.localeCompare(b.mentorId) || a.menteeId.localeCompare(b.menteeId));
  return { pairs, unmatchedMentees, unmatchedMentors, totalScore };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Min-cost assignment of n mentees to m mentors with room, where every mentee may also go
 * "unmatched" at a cost larger than any set of real pairs could add: the most mentees are matched
 * first, the lowest total cost second.
 *
 * Primal-dual min-cost flow: each phase runs Dijkstra on reduced costs from a source feeding every
 * mentee not yet routed, stopping at the sink, moves the potentials, then sends as many shortest
 * paths as a depth-first search finds among the edges whose reduced cost is zero. Every edge keeps
 * a non-negative reduced cost, so the flow stays optimal for its size.
 *
 * Nodes: mentees 0..n-1, mentors n..n+m-1, the sink n+m. Eligible pairs come as compressed rows.
 */
class MinCostAssignment {
  private readonly unmatchedCost: number;
  private readonly sink: number;
  /** A mentee's mentor, -1 while not routed, -2 when left unmatched. */
  private readonly match: Int32Array;
  private readonly matchCost: Int32Array;
  private readonly members: number[][];
  private readonly room: Int32Array;
  private readonly pot: Float64Array;
  private readonly dist: Float64Array;
  private readonly settled: Uint8Array;
  private readonly visited: Uint8Array;
  private readonly heap: Heap;

  constructor(
    private readonly n: number,
    m: number,
    capacity: Int32Array,
    private readonly offsets: Int32Array,
    private readonly targets: Int32Array,
    private readonly costs: Uint8Array,
  ) {
    this.unmatchedCost = MAX_SCORE * (n + 1) + 1;
    this.sink = n + m;
    this.match = new Int32Array(n).fill(-1);
    this.matchCost = new Int32Array(n);
    this.members = Array.from({ length: m }, () => []);
    this.room = Int32Array.from(capacity);
    const nodes = n + m + 1;
    this.pot = new Float64Array(nodes);
    this.dist = new Float64Array(nodes);
    this.settled = new Uint8Array(nodes);
    this.visited = new Uint8Array(nodes);
    this.heap = new Heap(nodes * 4);
  }

  mentorOf(i: number): number {
    const j = this.match[i] as number;
    return j >= 0 ? j : -1;
  }

  solve(): void {
    let unrouted: number[] = [];
    for (let i = 0; i < this.n; i++) unrouted.push(i);
    while (unrouted.length > 0) {
      this.shortestPaths(unrouted);
      this.visited.fill(0);
      for (const i of unrouted) {
        if ((this.pot[i] as number) === 0) this.sendFrom(i);
      }
      unrouted = unrouted.filter((i) => this.match[i] === -1);
    }
  }

  /** Dijkstra from the source to the sink on reduced costs; then potentials += min(dist, dist(sink)). */
  private shortestPaths(unrouted: number[]): void {
    const { n, sink, pot, dist, settled, heap, targets, costs, offsets } = this;
    dist.fill(Number.POSITIVE_INFINITY);
    settled.fill(0);
    heap.clear();
    const visit = (v: number, d: number) => {
      if (d < (dist[v] as number)) {
        dist[v] = d;
        heap.push(d, v);
      }
    };
    // The source sits at potential 0 and distance 0 for ever.
    for (const i of unrouted) visit(i, -(pot[i] as number));
    let sinkDist = Number.POSITIVE_INFINITY;
    while (heap.size > 0) {
      const u = heap.pop();
      if (settled[u]) continue;
      settled[u] = 1;
      const du = dist[u] as number;
      if (u === sink) {
        sinkDist = du;
        break;
      }
      const pu = pot[u] as number;
      if (u < n) {
        const current = this.match[u] as number;
        for (let e = offsets[u] as number, end = offsets[u + 1] as number; e < end; e++) {
          const j = targets[e] as number;
          if (j === current) continue;
          const v = n + j;
          if (!settled[v]) visit(v, du + (costs[e] as number) + pu - (pot[v] as number));
        }
        if (current !== -2) visit(sink, du + this.unmatchedCost + pu - (pot[sink] as number));
      } else {
        const j = u - n;
        if ((this.room[j] as number) > 0) visit(sink, du + pu - (pot[sink] as number));
        for (const i of this.members[j] as number[]) {
          if (!settled[i]) visit(i, du - (this.matchCost[i] as number) + pu - (pot[i] as number));
        }
      }
    }
    for (let v = 0; v <= sink; v++) {
      const d = dist[v] as number;
      pot[v] = (pot[v] as number) + Math.min(d, sinkDist);
    }
  }

  /**
   * Depth-first search from mentee `start` over zero-reduced-cost edges to the sink, each node
   * entered at most once per phase; sends one unit along the path found.
   */
  private sendFrom(start: number): boolean {
    const { n, sink, pot, visited, targets, costs, offsets } = this;
    if (visited[start]) return false;
    const path: number[] = [start];
    const arc: number[] = [offsets[start] as number];
    visited[start] = 1;
    while (path.length > 0) {
      const top = path.length - 1;
      const u = path[top] as number;
      const pu = pot[u] as number;
      let next = -1;
      if (u < n) {
        // Arcs: each eligible mentor, then "unmatched" (index `end`).
        const current = this.match[u] as number;
        const end = offsets[u + 1] as number;
        let e = arc[top] as number;
        for (; e <= end && next < 0; e++) {
          if (e === end) {
            if (current !== -2 && this.unmatchedCost + pu - (pot[sink] as number) === 0) {
              this.augment(path, -1);
              return true;
            }
            continue;
          }
          const j = targets[e] as number;
          const v = n + j;
          if (j === current || (costs[e] as number) + pu - (pot[v] as number) !== 0) continue;
          // A mentor with room ends the path at once, even when already entered in this phase.
          if ((this.room[j] as number) > 0 && (pot[v] as number) - (pot[sink] as number) === 0) {
            path.push(v);
            this.augment(path, j);
            return true;
          }
          if (!visited[v]) next = v;
        }
        arc[top] = e;
      } else {
        const list = this.members[u - n] as number[];
        let k = arc[top] as number;
        for (; k < list.length && next < 0; k++) {
          const i = list[k] as number;
          if (!visited[i] && pu - (this.matchCost[i] as number) - (pot[i] as number) === 0) next = i;
        }
        arc[top] = k;
      }
      if (next < 0) {
        path.pop();
        arc.pop();
        continue;
      }
      visited[next] = 1;
      path.push(next);
      arc.push(next < n ? (offsets[next] as number) : 0);
    }
    return false;
  }

  /** Applies a path: mentees move along it; it ends at a mentor with room (`j`) or unmatched (-1). */
  private augment(path: number[], j: number): void {
    const { n } = this;
    for (let k = 0; k < path.length; k++) {
      const u = path[k] as number;
      if (u >= n) continue;
      const v = path[k + 1];
      this.leave(u);
      if (v === undefined) {
        this.match[u] = -2;
        continue;
      }
      const mentor = v - n;
      this.match[u] = mentor;
      this.matchCost[u] = this.edgeCost(u, mentor);
      (this.members[mentor] as number[]).push(u);
    }
    if (j >= 0) this.room[j] = (this.room[j] as number) - 1;
  }

  private edgeCost(i: number, j: number): number {
    for (let e = this.offsets[i] as number, end = this.offsets[i + 1] as number; e < end; e++) {
      if (this.targets[e] === j) return this.costs[e] as number;
    }
    throw new Error('not an edge');
  }

  private leave(i: number): void {
    const from = this.match[i] as number;
    if (from >= 0) {
      const list = this.members[from] as number[];
      const at = list.indexOf(i);
      if (at >= 0) {
        list[at] = list[list.length - 1] as number;
        list.pop();
      }
    }
    this.match[i] = -1;
  }
}

/** A binary min-heap of (key, node) with lazy deletion. */
class Heap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;

  constructor(initial: number) {
    this.keys = new Float64Array(Math.max(16, initial));
    this.nodes = new Int32Array(Math.max(16, initial));
  }

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      const nodes = new Int32Array(this.nodes.length * 2);
      nodes.set(this.nodes);
      this.keys = keys;
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.keys[i] = this.keys[parent] as number;
      this.nodes[i] = this.nodes[parent] as number;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  pop(): number {
    const top = this.nodes[0] as number;
    const lastKey = this.keys[--this.size] as number;
    const lastNode = this.nodes[this.size] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && (this.keys[child + 1] as number) < (this.keys[child] as number)) child++;
      if ((this.keys[child] as number) >= lastKey) break;
      this.keys[i] = this.keys[child] as number;
      this.nodes[i] = this.nodes[child] as number;
      i = child;
    }
    this.keys[i] = lastKey;
    this.nodes[i] = lastNode;
    return top;
  }
}
