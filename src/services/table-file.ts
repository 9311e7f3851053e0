import { parse } from 'csv-parse/sync';
import type { CsvRow } from './csv.ts';

/**
 * Roster and pairs files as HR offices save them, read from their bytes: Excel's CSV in
 * Windows-1252 with `;` (Spanish-language Excel), UTF-8 with or without a BOM, UTF-16 (Excel's
 * "Unicode text"), `,`, `;` or tab between columns, and `.xlsx` workbooks (the first sheet).
 * Headers in Spanish or English are mapped to the column names the importers know; what was
 * detected is reported, and unknown columns are named, never dropped silently.
 */
export interface TableFile {
  format: 'csv' | 'xlsx';
  /** How the text was decoded (csv only). */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** The column separator found on the header line (csv only). */
  separator?: ',' | ';' | '\t';
  /** Canonical column names, in the file's order (unknown ones as written, lower-cased). */
  columns: string[];
  /** Columns the importers do not know, as the file names them. */
  unknown: string[];
  rows: CsvRow[];
}

export type TableProblem = 'binary' | 'unreadable' | 'empty';

export class TableFileError extends Error {
  constructor(readonly problem: TableProblem) {
    super(`table file: ${problem}`);
  }
}

/** Canonical names of every column a roster or a pairs file may have. */
export const KNOWN_COLUMNS = [
  'email',
  'name',
  'role',
  'gender',
  'level',
  'unit',
  'institution',
  'region',
  'birth_year',
  'locale',
  'timezone',
  'topics',
  'mentor_email',
  'mentee_email',
] as const;

/** Spanish and English headers, folded (lower case, no accents, single spaces), to canonical names. */
const ALIASES: Record<string, (typeof KNOWN_COLUMNS)[number]> = {
  correo: 'email',
  'correo electronico': 'email',
  'e-mail': 'email',
  mail: 'email',
  nombre: 'name',
  'nombre completo': 'name',
  'full name': 'name',
  rol: 'role',
  'rol en el programa': 'role',
  genero: 'gender',
  sexo: 'gender',
  sex: 'gender',
  nivel: 'level',
  grado: 'level',
  unidad: 'unit',
  area: 'unit',
  'unidad administrativa': 'unit',
  institucion: 'institution',
  servicio: 'institution',
  organismo: 'institution',
  region: 'region',
  'ano de nacimiento': 'birth_year',
  'anio de nacimiento': 'birth_year',
  'birth year': 'birth_year',
  idioma: 'locale',
  language: 'locale',
  'zona horaria': 'timezone',
  'time zone': 'timezone',
  temas: 'topics',
  intereses: 'topics',
  'correo mentor': 'mentor_email',
  'correo del mentor': 'mentor_email',
  'correo de la persona mentora': 'mentor_email',
  'mentor email': 'mentor_email',
  'correo mentorado': 'mentee_email',
  'correo del mentorado': 'mentee_email',
  'correo de la persona mentorada': 'mentee_email',
  'mentee email': 'mentee_email',
};

/** A header as people write it, folded for lookup: "Año de nacimiento" → "ano de nacimiento". */
export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

function canonical(header: string): string | undefined {
  const folded = foldHeader(header);
  const underscored = folded.replaceAll(' ', '_');
  if ((KNOWN_COLUMNS as readonly string[]).includes(underscored)) return underscored;
  return ALIASES[folded];
}

/** Reads a roster or pairs file from its bytes; throws TableFileError when it cannot. */
export async function readTableFile(bytes: Buffer, name = ''): Promise<TableFile> {
  if (bytes.length === 0) throw new TableFileError('empty');
  const xlsxName = /\.xlsx$/i.test(name);
  if (isZip(bytes)) {
    if (!xlsxName && name) throw new TableFileError('binary');
    return readXlsx(bytes);
  }
  // Named .xlsx but not a workbook (an .xls renamed, a damaged download).
  if (xlsxName) throw new TableFileError('unreadable');
  const { text, encoding } = decode(bytes);
  if (!text.trim()) throw new TableFileError('empty');
  const separator = separatorOf(text);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let raw: string[] = [];
  try {
    records = parse(text, {
      columns: (header: string[]) => {
        raw = header.map((h) => h.trim());
        return raw.map((h) => canonical(h) ?? h.toLowerCase());
      },
      delimiter: separator,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      info: true,
    }) as typeof records;
  } catch {
    throw new TableFileError('unreadable');
  }
  return {
    format: 'csv',
    encoding,
    separator,
    ...describeColumns(raw),
    rows: records.map((r) => ({ line: r.info.lines, record: r.record })),
  };
}

function describeColumns(raw: string[]): { columns: string[]; unknown: string[] } {
  const columns = raw.map((h) => canonical(h) ?? h.toLowerCase());
  const unknown = raw.filter((h) => h && !canonical(h));
  return { columns, unknown };
}

function isZip(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The text of a CSV: a BOM says UTF-8 or UTF-16; else UTF-16 without a BOM shows as every other
 * byte zero; else valid UTF-8 is UTF-8, and anything else is Windows-1252 (what Excel writes
 * for "CSV (delimitado por comas)" on a Spanish Windows). Other control bytes: not a text file.
 */
function decode(bytes: Buffer): { text: string; encoding: NonNullable<TableFile['encoding']> } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: checkedText(new TextDecoder('utf-8').decode(bytes.subarray(3))), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: checkedText(new TextDecoder('utf-16le').decode(bytes.subarray(2))), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: checkedText(new TextDecoder('utf-16be').decode(bytes.subarray(2))), encoding: 'utf-16be' };
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  const zerosAt = (parity: number) => sample.filter((b, i) => i % 2 === parity && b === 0).length;
  const half = sample.length / 2;
  if (zerosAt(1) > half * 0.6)
    return { text: checkedText(new TextDecoder('utf-16le').decode(bytes)), encoding: 'utf-16le' };
  if (zerosAt(0) > half * 0.6)
    return { text: checkedText(new TextDecoder('utf-16be').decode(bytes)), encoding: 'utf-16be' };
  try {
    return { text: checkedText(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    return { text: checkedText(new TextDecoder('windows-1252').decode(bytes)), encoding: 'windows-1252' };
  }
}

/** Text files have no NUL and almost no other control characters (images, PDFs, executables do). */
function checkedText(text: string): string {
  const sample = text.slice(0, 8192);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly those.
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (sample.includes('\u0000') || controls > sample.length * 0.01) throw new TableFileError('binary');
  return text;
}

/** The separator used on the header line, outside quotes: the most frequent of `;`, `,` and tab. */
function separatorOf(text: string): ',' | ';' | '\t' {
  const header = (
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim()) ?? ''
  ).replace(/"[^"]*"/g, '');
  const counts = { ',': 0, ';': 0, '\t': 0 } as Record<',' | ';' | '\t', number>;
  for (const ch of header) if (ch in counts) counts[ch as ',' | ';' | '\t'] += 1;
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

/** The first worksheet of a workbook: its first non-empty row is the header. */
async function readXlsx(bytes: Buffer): Promise<TableFile> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as never);
  } catch {
    throw new TableFileError('unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableFileError('empty');
  const text = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object') {
      const v = value as {
        text?: unknown;
        result?: unknown;
        richText?: { text: string }[];
        hyperlink?: string;
      };
      if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
      if (v.text !== undefined) return text(v.text);
      if (v.result !== undefined) return text(v.result);
      if (v.hyperlink) return String(v.hyperlink).replace(/^mailto:/i, '');
      return '';
    }
    return String(value).trim();
  };
  let raw: string[] | undefined;
  let columns: string[] = [];
  const rows: CsvRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = (row.values as unknown[]).slice(1).map(text);
    if (!raw) {
      raw = cells.map((c) => c.trim());
      columns = raw.map((h) => canonical(h) ?? h.toLowerCase());
      return;
    }
    if (cells.every((c) => !c)) return;
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column) record[column] = cells[i] ?? '';
    });
    rows.push({ line: number, record });
  });
  if (!raw) throw new TableFileError('empty');
  return { format: 'xlsx', ...describeColumns(raw), rows };
}
