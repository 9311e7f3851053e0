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
export function csvText(rows: (string | number)[][], eol = '\n', separator: ',' | ';' = ','): string {
  return `${rows.map((row) => row.map(csvCell).join(separator)).join(eol)}${eol}`;
}

/**
 * A CSV file for a reader, as their Excel opens it with a double click: `;` between cells for
 * Spanish readers (Excel in es-MX, es-CL and es-ES lists with `;`), `,` for English ones; a BOM so
 * that Excel reads UTF-8, and Windows line ends.
 */
export function csvFor(locale: string, rows: (string | number)[][]): string {
  return `\uFEFF${csvText(rows, '\r\n', locale.startsWith('es') ? ';' : ',')}`;
}
