import { DomainError } from './errors.ts';

/**
 * A reverse pair's work report (Chile's "reporte de trabajo"): the mentor sends it at closing,
 * the program's admins validate it or send it back with a comment; validated, it closes the
 * pair's plan and counts for the diploma. Sent again while it waits, it replaces the text.
 */
export const WORK_REPORT_STATES = ['submitted', 'changes_requested', 'validated'] as const;
export type WorkReportState = (typeof WORK_REPORT_STATES)[number];
export type WorkReportEvent = 'submit' | 'validate' | 'request_changes';

/** Long enough to say what was done; short enough for a chat form (a file carries the rest). */
export const WORK_REPORT_MIN = 40;
export const WORK_REPORT_MAX = 6000;

export function nextWorkReportState(from: WorkReportState | null, event: WorkReportEvent): WorkReportState {
  if (event === 'submit' && from !== 'validated') return 'submitted';
  if (event === 'validate' && from === 'submitted') return 'validated';
  if (event === 'request_changes' && from === 'submitted') return 'changes_requested';
  throw new DomainError('transition.not_allowed', { entity: 'work_report', from: from ?? 'none', event });
}

/** The report's text, trimmed, or the refusal naming what is wrong with it. */
export function checkWorkReportBody(body: string): string {
  const text = body.trim();
  if (text.length < WORK_REPORT_MIN)
    throw new DomainError('input.too_short', { field: 'work_report', min: WORK_REPORT_MIN });
  if (text.length > WORK_REPORT_MAX)
    throw new DomainError('input.too_long', { field: 'work_report', max: WORK_REPORT_MAX });
  return text;
}

/** Files a work report may carry: documents, as institutions keep them. */
export const WORK_REPORT_FILES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
export const WORK_REPORT_FILE_MAX = 5 * 1024 * 1024;
