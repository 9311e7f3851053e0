import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { cliOn } from '../support/cli.ts';
import { openMigratedPGlite } from '../support/databases.ts';

/**
 * The 76-person cohort (31 men, 45 women, levels 1–5), 30 mentors and 46 mentees, with units
 * and topics; suggested pairs from the command line, reviewed, then applied.
 */
describe('mentoria pairs suggest', () => {
  let database: OpenDatabase;
  let dir: string;
  const cli = cliOn(() => database, ['--tenant', 'teams:contoso']);
  const TOPICS = ['liderazgo', 'comunicación efectiva', 'datos', 'gestión de proyectos', 'ética pública'];
  const level = (i: number) => (i % 5) + 1;

  beforeAll(async () => {
    database = await openMigratedPGlite();
    dir = mkdtempSync(join(tmpdir(), 'mentoria-match-'));
    const lines = ['email,name,role,gender,level,unit,topics'];
    for (let i = 0; i < 76; i++) {
      const topics = [TOPICS[i % 5], TOPICS[(i * 3) % 5]].join(';');
      lines.push(
        `p${i}@example.gob,Persona ${String(i).padStart(2, '0')},${i < 30 ? 'mentor' : 'mentee'},${i % 76 < 31 ? 'm' : 'f'},${level(i)},Unidad ${i % 4},${topics}`,
      );
    }
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, lines.join('\n'));
    expect((await cli('program', 'create', '--name', 'Mentoría', '--kind', 'classic')).code).toBe(0);
    for (const [name, starts] of [
      ['2026-1', '2026-01-05'],
      ['2027-1', '2027-01-04'],
    ] as const) {
      const ends = `${starts.slice(0, 4)}-06-30`;
      expect(
        (
          await cli(
            'cycle',
            'create',
            '--program',
            'Mentoría',
            '--name',
            name,
            '--starts',
            starts,
            '--ends',
            ends,
          )
        ).code,
      ).toBe(0);
      expect((await cli('roster', 'import', roster, '--cycle', name)).code).toBe(0);
    }
    // Last year p4 (level 5) mentored p30 (level 1): they are not suggested again.
    const earlier = join(dir, 'earlier.csv');
    writeFileSync(earlier, 'mentor_email,mentee_email\np4@example.gob,p30@example.gob\n');
    expect((await cli('pairs', 'import', earlier, '--cycle', '2026-1')).code).toBe(0);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('proposes pairs that keep every rule, lists everyone left out and writes nothing', async () => {
    const result = await cli('pairs', 'suggest', '--cycle', '2027-1', '--json');
    expect(result.code).toBe(0);
    const suggestion = JSON.parse(result.out);
    const levelOf = (email: string) => level(Number(email.slice(1, email.indexOf('@'))));
    // Capacity 1: 30 mentors, of which the 6 of level 1 can mentor nobody.
    expect(suggestion.pairs).toHaveLength(24);
    const mentees = new Set<string>();
    const mentors = new Set<string>();
    for (const pair of suggestion.pairs) {
      expect(levelOf(pair.mentor)).toBeGreaterThan(levelOf(pair.mentee));
      expect([pair.mentor, pair.mentee]).not.toEqual(['p4@example.gob', 'p30@example.gob']);
      expect(mentees.has(pair.mentee) || mentors.has(pair.mentor)).toBe(false);
      mentees.add(pair.mentee);
      mentors.add(pair.mentor);
    }
    // Every mentee is paired or listed with a reason; level-5 mentees have nobody above them.
    expect(suggestion.unmatchedMentees).toHaveLength(46 - 24);
    for (const left of suggestion.unmatchedMentees) {
      expect(mentees.has(left.email)).toBe(false);
      expect(left.reason).toBe(levelOf(left.email) === 5 ? 'no_eligible_mentor' : 'mentors_full');
    }
    expect(suggestion.unmatchedMentors.map((m: { reason: string }) => m.reason)).toEqual(
      Array(6).fill('no_eligible_mentee'),
    );
    const text = await cli('pairs', 'suggest', '--cycle', '2027-1');
    expect(text.out).toContain('24 pairs for cycle "2027-1"');
    expect(text.out).toContain(
      'Persona 00 <p0@example.gob>: no mentee without a mentor fits the rules with them',
    );
    expect(text.out).toContain('Nothing was written. Run again with --apply');
    const pairings = await database.db.selectFrom('pairings').selectAll().execute();
    expect(pairings).toHaveLength(1);
  });

  it('applies the proposal: pairs made, both people introduced, audited; a second run adds nothing', async () => {
    const applied = await cli('pairs', 'suggest', '--cycle', '2027-1', '--apply', '--json');
    expect(JSON.parse(applied.out)).toMatchObject({ applied: 24 });
    const cycle = await database.db
      .selectFrom('cycles')
      .select('id')
      .where('name', '=', '2027-1')
      .executeTakeFirstOrThrow();
    const pairings = await database.db
      .selectFrom('pairings')
      .selectAll()
      .where('cycle_id', '=', cycle.id)
      .execute();
    expect(pairings).toHaveLength(24);
    const introductions = await database.db
      .selectFrom('nudges')
      .select(['recipient_id', 'subject_id', 'status'])
      .where('kind', '=', 'introduction')
      .execute();
    expect(introductions).toHaveLength(48);
    expect(new Set(introductions.map((n) => n.recipient_id))).toEqual(
      new Set(pairings.flatMap((p) => [p.mentor_id, p.mentee_id])),
    );
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'via', 'data'])
      .where('action', '=', 'pairs.suggest_apply')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ via: 'cli', data: expect.objectContaining({ created: 24 }) }),
    ]);
    const again = JSON.parse((await cli('pairs', 'suggest', '--cycle', '2027-1', '--apply', '--json')).out);
    expect(again).toMatchObject({ applied: 0, pairs: [] });
    expect(again.unmatchedMentees).toHaveLength(22);
    expect(
      await database.db.selectFrom('pairings').selectAll().where('cycle_id', '=', cycle.id).execute(),
    ).toHaveLength(24);
  });
});
