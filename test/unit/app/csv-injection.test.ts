import { describe, expect, it } from 'vitest';
import { csvText } from '../../../src/services/csv.ts';
import { readTableFile } from '../../../src/services/table-file.ts';

describe('CSV files are safe to open in Excel', () => {
  it('neutralises text a spreadsheet would run as a formula, in every cell, and keeps numbers', async () => {
    const hostile = [
      '=HYPERLINK("https://phish.example/x","Ver resultados")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      '\r=1+1',
    ];
    const csv = csvText([['name', 'score'], ...hostile.map((name) => [name, -3])]);
    const back = (await readTableFile(Buffer.from(csv), 'back.csv')).rows.map((r) => r.record);
    expect(back.map((r) => r.name)).toEqual(hostile.map((h) => `'${h}`));
    // Real numbers written as numbers are left alone; text that looks like one is not.
    expect(back.map((r) => r.score)).toEqual(hostile.map(() => '-3'));
    expect(csvText([['-3', -3]])).toBe("'-3,-3\n");
  });

  it('leaves ordinary text as it is (names, accents, e-mails, dates)', () => {
    expect(csvText([['Ana Pérez Núñez', 'ana@example.gob', '2026-06-30', 'Sala 3; piso 2']])).toBe(
      'Ana Pérez Núñez,ana@example.gob,2026-06-30,"Sala 3; piso 2"\n',
    );
  });
});
