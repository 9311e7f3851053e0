import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_KINDS, sees, VIEWERS, VISIBILITY, viewerOf } from '../../../src/domain/visibility.ts';

const WORD = { all: 'yes', own: 'own', released: 'released', none: '—' } as const;

describe('who sees what (src/domain/visibility.ts)', () => {
  it('is the table the README prints, cell by cell', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Who sees what'));
    const rows = new Map(
      section
        .split('\n')
        .filter((line) => /^\| `[a-z_]+` +\|/.test(line))
        .map((line) => {
          const cells = line.split('|').map((c) => c.trim());
          return [cells[1]?.replaceAll('`', ''), cells.slice(2, 2 + VIEWERS.length)] as const;
        }),
    );
    expect([...rows.keys()]).toEqual([...DATA_KINDS]);
    for (const kind of DATA_KINDS)
      expect({ kind, cells: rows.get(kind) }).toEqual({
        kind,
        cells: VIEWERS.map((v) => WORD[VISIBILITY[kind][v]]),
      });
  });

  it('lets through only what each kind of access allows', () => {
    expect(sees('admin', 'session_notes')).toBe(false);
    expect(sees('mentor', 'session_notes')).toBe(true);
    expect(sees('mentee', 'evaluation_comments', { released: false })).toBe(false);
    expect(sees('mentee', 'evaluation_comments', { released: true })).toBe(true);
    expect(sees('mentor', 'survey_comments', { authorIsReader: false })).toBe(false);
    expect(sees('mentor', 'survey_comments', { authorIsReader: true })).toBe(true);
  });

  it('reads a pair as its own side first: an admin who mentors the pair reads it as its mentor', () => {
    const pair = { mentorIds: ['m1', 'm2'], menteeId: 'e1' };
    expect(viewerOf({ personId: 'm2', staffRole: 'admin' }, pair)).toBe('mentor');
    expect(viewerOf({ personId: 'e1', staffRole: null }, pair)).toBe('mentee');
    expect(viewerOf({ personId: 'x', staffRole: 'director' }, pair)).toBe('director');
    expect(viewerOf({ personId: 'x', staffRole: null }, pair)).toBeNull();
  });
});
