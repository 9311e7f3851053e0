import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { FilePool, type FileRequest } from '../../../src/reports/file-pool.ts';
import { buildReportFile, buildReportFileHere } from '../../../src/reports/files.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { REPORT_CYCLE, seedReportCycle } from '../../bench/seed.ts';
import { openFreshPostgres } from '../../support/databases.ts';

const admin = { actor: { tenantId: 't', personId: 'p1', staffRole: 'admin' as const }, via: 'chat' as const };
const request = (kind: FileRequest['kind'], over: Partial<FileRequest> = {}): FileRequest => ({
  acting: admin,
  cycle: REPORT_CYCLE,
  kind,
  reader: { locale: 'es', gender: 'f', timezone: 'America/Santiago' },
  now: new Date('2027-07-01T15:00:00Z'),
  ...over,
});

const sheetValues = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : row)),
  }));
};

// Workers read the database through connections of their own: only a server has them.
describe.runIf(process.env.TEST_DATABASE_URL)('report files built by worker threads', () => {
  let db: OpenDatabase & { url: string };
  let pool: FilePool | undefined;
  afterEach(async () => {
    await pool?.close();
    await db?.close();
  });

  const open = async () => {
    db = await openFreshPostgres();
    await seedReportCycle(db.db, 60);
    pool = new FilePool({ size: 1, database: { url: db.url, prepared: true } });
    return { here: { db: db.db, clock: { now: () => new Date('2027-07-01T15:00:00Z') } }, pool };
  };

  it('builds the same files as the process would, for the reader, through deps.files', async () => {
    const { here, pool } = await open();
    const deps = { ...here, files: pool };
    const csv = await buildReportFile(deps, request('results.csv'));
    expect(csv.name).toBe('resultados-2027-1.csv');
    expect(csv.content.equals((await buildReportFileHere(here, request('results.csv'))).content)).toBe(true);
    // An English reader gets English words and commas.
    const en = await buildReportFile(
      deps,
      request('results.csv', { reader: { locale: 'en', gender: null, timezone: 'UTC' } }),
    );
    expect(en.content.toString('utf8')).toContain('Name,');
    const xlsx = await buildReportFile(deps, request('results.xlsx'));
    expect(await sheetValues(xlsx.content)).toEqual(
      await sheetValues((await buildReportFileHere(here, request('results.xlsx'))).content),
    );
    const pdf = await buildReportFile(deps, request('diplomas.pdf'));
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    // The worker issued each qualifying person's certificate, in the database the server reads.
    const issued = await db.db
      .selectFrom('certificates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(issued?.n)).toBeGreaterThan(0);
    const png = await buildReportFile(deps, request('chart.png'));
    expect(png.content.subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses a reader without report rights, as the process would, and serves the admin after', async () => {
    const { pool } = await open();
    const mentee = { actor: { tenantId: 't', personId: 'p99', staffRole: null }, via: 'chat' as const };
    const refused = await pool.build(request('results.csv', { acting: mentee })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('auth.forbidden');
    expect((await pool.build(request('results.csv'))).content.length).toBeGreaterThan(100);
  });

  it('a worker that dies fails only the file it was building; the next one is built', async () => {
    const { pool } = await open();
    const building = pool.build(request('diplomas.pdf'));
    // The worker is ended while it builds (as an out-of-memory kill would).
    const workers = (pool as unknown as { workers: Set<{ terminate(): Promise<number> }> }).workers;
    await Promise.all([...workers].map((w) => w.terminate()));
    await expect(building).rejects.toThrow('the file worker stopped');
    expect((await pool.build(request('results.csv'))).name).toBe('resultados-2027-1.csv');
  });
});
