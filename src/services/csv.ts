export interface CsvRow {
  /** The line in the file, for reports ("line 3: …"). */
  line: number;
  record: Record<string, string>;
}

/**
 * One CSV cell: quoted when it holds a comma, a quote, a semicolon or a line break. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first: a
 * name from a chat profile, a motivation letter) is prefixed with `'`, as OWASP recommends;
 * numbers written as numbers stay numbers.
 */
export function csvCell(value: string | number): string {
  const raw = String(value);
  const s = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows to CSV text, one line each, ending in a line break. */
export function csvText(rows: (string | number)[][], eol = '\n'): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join(eol)}${eol}`;
}
