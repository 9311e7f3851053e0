/** One sheet of a workbook: a bold, frozen header row with filters, then the rows. */
export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | number | null | undefined)[][];
}

/**
 * A workbook as HR opens it: each sheet with its header frozen and filterable and columns as
 * wide as their content (up to 50 characters). Cells are written as values, never as formulas.
 */
export async function workbookOf(sheets: Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mentoría';
  for (const { name, headers, rows } of sheets) {
    // Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ].
    const sheet = workbook.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow(headers).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(
        String(headers[i] ?? '').length,
        ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length),
      );
      column.width = Math.min(50, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
