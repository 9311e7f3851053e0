import type { Via } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import type { T } from '../i18n/index.ts';
import { csvFor } from '../services/csv.ts';
import type { AuditLine } from '../store/audit.store.ts';

/**
 * The audit log as a CSV the reader's Excel opens: date and time in their zone, the action's code
 * (stable, searchable), who acted (or the command line, or the bot itself), through what, for whom,
 * on what, and the details as JSON. Cells that a spreadsheet would run as formulas are defused.
 */
export function auditCsv(reader: { t: T; locale: string; zone: string }, lines: AuditLine[]): string {
  const { t, zone } = reader;
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const rows = lines.map((l) => [
    localDate(l.at, zone),
    clock.format(l.at),
    l.action,
    l.actorName ?? t(l.via === 'system' ? 'audit.by_bot' : 'audit.by_cli'),
    l.actorEmail ?? '',
    t(`audit.via.${l.via as Via}`),
    l.onBehalfOfName ?? '',
    l.subjectType,
    l.subjectId,
    JSON.stringify(l.data),
  ]);
  return csvFor(reader.locale, [t('audit.columns', { zone }).split(','), ...rows]);
}
