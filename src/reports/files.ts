import type { Cycle } from '../domain/model.ts';
import type { Formatter, T } from '../i18n/index.ts';
import { diplomaDesign, issueFor } from '../services/certificate.service.ts';
import type { Acting, Deps } from '../services/deps.ts';
import type { LinkKind } from '../services/links.ts';
import { reportChartPng } from './chart.ts';
import { type CycleReport, cycleReport } from './cycle-report.ts';
import { diplomasPdf } from './diplomas.ts';
import { participantResults, type Results, resultsCsv, resultsXlsx } from './participants.ts';

export interface ReportFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

const MIME: Record<LinkKind, string> = {
  'results.csv': 'text/csv; charset=utf-8',
  'results.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'diplomas.pdf': 'application/pdf',
  'chart.png': 'image/png',
};

/** A report file, built fresh for the reader (their language), after checking they may read it. */
export async function buildReportFile(
  deps: Deps,
  acting: Acting,
  cycle: Cycle,
  kind: LinkKind,
  reader: { t: T; fmt: Formatter; locale: string },
  /**
   * Figures the caller already has, so that they are not computed twice; and the public address
   * whose /verify/ page checks a diploma's number.
   */
  known: { results?: Results; report?: CycleReport; verifyBase?: string | undefined } = {},
): Promise<ReportFile> {
  const { t } = reader;
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
      content = (await diplomasPdf(results, t, { design, certificates, verifyBase: known.verifyBase })).pdf;
    }
  }
  return { name, mimeType: MIME[kind], content };
}
