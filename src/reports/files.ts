import { translator } from '../i18n/index.ts';
import { diplomaDesign, issueFor } from '../services/certificate.service.ts';
import type { Deps } from '../services/deps.ts';
import type { LinkKind } from '../services/links.ts';
import { reportChartPng } from './chart.ts';
import { type CycleReport, cycleReport } from './cycle-report.ts';
import { diplomasPdf } from './diplomas.ts';
import type { FileRequest, ReportFile } from './file-pool.ts';
import { participantResults, type Results, resultsCsv, resultsXlsx } from './participants.ts';

export type { FileBuilder, FileRequest, ReportFile } from './file-pool.ts';

const MIME: Record<LinkKind, string> = {
  'results.csv': 'text/csv; charset=utf-8',
  'results.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'diplomas.pdf': 'application/pdf',
  'chart.png': 'image/png',
};

/**
 * A report file, built fresh for the reader (their language), after checking they may read it:
 * by the server's file workers when it has them (`deps.files`), else here.
 */
export async function buildReportFile(
  deps: Deps,
  request: FileRequest,
  /** Figures the caller already has, used when the file is built here (not sent to a worker). */
  known: Known = {},
): Promise<ReportFile> {
  return deps.files ? deps.files.build(request) : buildReportFileHere(deps, request, known);
}

export interface Known {
  results?: Results;
  report?: CycleReport;
}

/** Builds the file in this thread: the figures from the database, then the bytes. */
export async function buildReportFileHere(
  deps: Deps,
  request: FileRequest,
  known: Known = {},
): Promise<ReportFile> {
  const { acting, cycle, kind, reader } = request;
  const t = translator(reader.locale, reader.gender);
  const base = `${t(`files.${kind.split('.')[0]}`)}-${cycle.name}`.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  const name = `${base}.${kind.split('.')[1]}`;
  let content: Buffer;
  if (kind === 'chart.png')
    content = await reportChartPng(known.report ?? (await cycleReport(deps, acting, cycle)), t);
  else {
    const results = known.results ?? (await participantResults(deps, acting, cycle));
    if (kind === 'results.csv') content = Buffer.from(resultsCsv(results, t, reader.locale), 'utf8');
    else if (kind === 'results.xlsx') content = await resultsXlsx(results, t);
    else {
      // Each qualifying person's certificate is issued (once) as their page is drawn.
      const [design, certificates] = await Promise.all([
        diplomaDesign(deps.db, cycle.tenantId, results.program.id),
        issueFor(deps, results),
      ]);
      content = (await diplomasPdf(results, t, { design, certificates, verifyBase: request.verifyBase })).pdf;
    }
  }
  return { name, mimeType: MIME[kind], content };
}
