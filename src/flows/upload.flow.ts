import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import { type FileReader, MAX_UPLOAD_BYTES } from '../messages/inbound.ts';
import { message, textMessage } from '../messages/model.ts';
import { importPairs, importRoster, validateRoster } from '../services/admin.service.ts';
import { parseCsvText } from '../services/csv.ts';
import { getCycle } from '../store/program.store.ts';
import { type Ctx, reply } from './context.ts';
import { errorText } from './errors.ts';
import { done, type Flow, type FlowTurn, flowButton, goTo, stay } from './flow.ts';
import { standingOf } from './standing.ts';
import { capped } from './views.ts';

export const UPLOAD_FLOW = 'upload';
const SHOWN_PROBLEMS = 10;

const uploadData = z.object({
  kind: z.enum(['roster', 'pairs']),
  cycleId: z.string(),
  csv: z.string(),
  valid: z.number(),
  invalid: z.number(),
});
type UploadData = z.infer<typeof uploadData>;

/**
 * An admin shares a CSV with the bot: a roster (`email,name,role…`) or pairs
 * (`mentor_email,mentee_email`) for the current cycle. The bot checks every line and shows what
 * it would do; nothing is written until the admin confirms.
 */
export async function startUpload(ctx: Ctx, name: string, size: number, read: FileReader): Promise<FlowTurn> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const { t } = ctx;
  if (!/\.(csv|txt)$/i.test(name)) return done(reply(textMessage(t('upload.not_csv', { name }))));
  const tooBig = () => done(reply(textMessage(t('upload.too_big', { max: MAX_UPLOAD_BYTES / 1_000_000 }))));
  if (size > MAX_UPLOAD_BYTES) return tooBig();
  // Only now, for an admin and a file name we read, are the bytes fetched.
  const bytes = await read(MAX_UPLOAD_BYTES);
  if (bytes === 'too_large') return tooBig();
  const content = bytes?.toString('utf8') ?? '';
  if (!content.trim()) return done(reply(textMessage(t('upload.unreadable', { name }))));
  const cycle = (await standingOf(ctx)).cycle;
  if (!cycle) return done(reply(textMessage(t('report.no_cycle'))));
  let parsed: ReturnType<typeof parseCsvText>;
  try {
    parsed = parseCsvText(content);
  } catch {
    return done(reply(textMessage(t('upload.unreadable', { name }))));
  }
  const has = (...cols: string[]) => cols.every((c) => parsed.columns.includes(c));
  const kind = has('email', 'name', 'role') ? 'roster' : has('mentor_email', 'mentee_email') ? 'pairs' : null;
  if (!kind)
    return done(reply(textMessage(t('upload.unknown_columns', { columns: parsed.columns.join(', ') }))));
  if (parsed.rows.length === 0) return done(reply(textMessage(t('upload.empty', { name }))));
  const problems =
    kind === 'roster'
      ? validateRoster(parsed.rows, t).invalid
      : parsed.rows
          .filter((r) => !r.record.mentor_email?.includes('@') || !r.record.mentee_email?.includes('@'))
          .map((r) => ({
            line: r.line,
            problems: [`mentor_email, mentee_email: ${t('roster.invalid.missing')}`],
          }));
  const data: UploadData = {
    kind,
    cycleId: cycle.id,
    csv: content,
    valid: parsed.rows.length - problems.length,
    invalid: problems.length,
  };
  const summary = t(`upload.${kind}_summary`, {
    name,
    cycle: cycle.name,
    lines: parsed.rows.length,
    valid: data.valid,
    invalid: data.invalid,
  });
  const lines = capped(
    t,
    problems.map((p) => t('upload.problem', { line: p.line, problems: p.problems.join('; ') })),
    SHOWN_PROBLEMS,
  );
  const builder = message(summary).text([summary, ...lines].join('\n'));
  const buttons =
    kind === 'pairs' && problems.length > 0
      ? [] // pairs are all or nothing
      : [
          flowButton(
            UPLOAD_FLOW,
            'confirm',
            'import',
            t(problems.length ? 'upload.import_valid' : 'upload.import', { count: data.valid }),
            'primary',
          ),
        ];
  if (buttons.length === 0 || data.valid === 0) {
    return done(reply(builder.context(t('upload.fix_and_resend')).build()));
  }
  builder
    .context(t('upload.nothing_yet'))
    .buttons([...buttons, flowButton(UPLOAD_FLOW, 'confirm', 'cancel', t('common.cancel'))]);
  return goTo('confirm', data, reply(builder.build()));
}

export const uploadFlow: Flow = {
  name: UPLOAD_FLOW,
  titleKey: 'flows.upload',

  async onText(ctx, state) {
    return stay(state, reply(textMessage(ctx.t('flow.use_buttons'))));
  },

  async onChoice(ctx, state, choice) {
    authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
    const data = uploadData.parse(state.data);
    if (choice === 'cancel') return done(reply(textMessage(ctx.t('upload.cancelled'))));
    const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, data.cycleId);
    if (!cycle) return done(reply(textMessage(ctx.t('errors.record.not_found'))));
    const rows = parseCsvText(data.csv).rows;
    const run = { tenantId: ctx.tenant.id, actorId: ctx.person.id, via: ctx.acting.via };
    if (data.kind === 'roster') {
      const report = await importRoster(ctx.deps, run, {
        cycle,
        rows,
        skipInvalid: true,
        defaults: { locale: ctx.tenant.defaultLocale, timezone: ctx.tenant.defaultTimezone },
      });
      return done(
        reply(
          textMessage(
            ctx.t('upload.roster_done', {
              cycle: cycle.name,
              created: report.created,
              updated: report.updated,
              skipped: report.invalid.length,
            }),
          ),
        ),
      );
    }
    const report = await importPairs(ctx.deps, run, {
      cycle,
      rows,
      describe: (error) => errorText(ctx.t, error),
      t: ctx.t,
    });
    if (!report.written) {
      const lines = capped(
        ctx.t,
        report.invalid.map((p) => ctx.t('upload.problem', { line: p.line, problems: p.problems.join('; ') })),
        SHOWN_PROBLEMS,
      );
      return done(
        reply(
          textMessage([ctx.t('upload.pairs_refused', { count: report.invalid.length }), ...lines].join('\n')),
        ),
      );
    }
    return done(
      reply(textMessage(ctx.t('upload.pairs_done', { cycle: cycle.name, created: report.created }))),
    );
  },
};
