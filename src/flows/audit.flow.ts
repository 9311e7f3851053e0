import { localDate, startOfLocalDay } from '../domain/time.ts';
import { message, textMessage } from '../messages/model.ts';
import { auditCsv } from '../reports/audit-csv.ts';
import { AUDIT_EXPORT_MAX, exportAudit } from '../services/audit.service.ts';
import { argAfter } from './commands.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { parseDate } from './parse-date.ts';
import { command, type Feature } from './registry.ts';

/**
 * `admin auditoría [desde <fecha>]` / `admin audit [since <date>]`: the tenant's audit log as a
 * CSV in the reader's convention and zone, for admins (authorized in the service).
 */
export async function auditInChat(ctx: Ctx, arg: string): Promise<Reply> {
  const { t, fmt } = ctx;
  const zone = ctx.person.timezone;
  const written = arg.replace(/^(desde|since|from)\s+/i, '').trim();
  const date = written ? parseDate(written, ctx.now, zone) : undefined;
  if (written && !date) return reply(textMessage(t('audit.bad_date')));
  const since = date ? startOfLocalDay(date, zone) : new Date(0);
  const { lines, more } = await exportAudit(ctx.deps, ctx.acting, since);
  const from = date ? t('audit.from_date', { date: fmt.date(date) }) : t('audit.from_start');
  const title = t('audit.title', { count: lines.length, from });
  const builder = message(title).text(title);
  if (more) builder.text(t('audit.more', { max: fmt.number(AUDIT_EXPORT_MAX) }));
  return reply(
    builder
      .context(t('audit.hint'))
      .file(
        `${t('audit.file', { date: localDate(ctx.now, zone) })}.csv`,
        'text/csv; charset=utf-8',
        auditCsv({ t, locale: ctx.person.locale, zone }, lines),
        undefined,
        { permission: 'admin.manage' },
      )
      .build(),
  );
}

/** The audit log, as a CSV, for the tenant's admins. */
export const auditFeature: Feature = {
  name: 'audit',
  commands: [
    command<{ arg: string }>({
      name: 'audit',
      // `admin auditoría desde 01/11/2026`: the date as written (the parser needs its spelling).
      parse: (words, typed) => {
        const arg = argAfter(words, typed, ['admin auditoria', 'admin audit']);
        return arg === undefined ? undefined : { arg };
      },
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { arg }) => auditInChat(ctx, arg),
    }),
  ],
};
