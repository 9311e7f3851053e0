import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import type { Cycle } from '../domain/model.ts';
import { type FileReader, MAX_UPLOAD_BYTES } from '../messages/inbound.ts';
import { message, textMessage } from '../messages/model.ts';
import { importPairs, importRoster, roleConflicts, validateRoster } from '../services/admin.service.ts';
import { readTableFile, type TableFile, TableFileError } from '../services/table-file.ts';
import { getCycle } from '../store/program.store.ts';
import { type Ctx, reply } from './context.ts';
import { errorText } from './errors.ts';
import { done, type Flow, type FlowTurn, flowButton, goTo, stay } from './flow.ts';
import type { Feature } from './registry.ts';
import { CycleChoiceNeeded, cycleNamed, keepCycleChoice, noCycleText } from './standing.ts';
import { capped } from './views.ts';

export const UPLOAD_FLOW = 'upload';
const SHOWN_PROBLEMS = 10;

const uploadData = z.object({
  kind: z.enum(['roster', 'pairs']),
  // Empty while the admin is asked which of several running cycles the file is for.
  cycleId: z.string(),
  name: z.string().optional(),
  detected: z.string().optional(),
  // The rows as read (decoded, headers mapped): confirming imports exactly what was checked.
  rows: z.array(z.object({ line: z.number(), record: z.record(z.string(), z.string()) })).optional(),
  // Confirmations asked before the rows were kept (the file's text, read as UTF-8 CSV).
  csv: z.string().optional(),
  genderCodes: z.enum(['hm', 'fm']).optional(),
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
  if (!/\.(csv|txt|xlsx)$/i.test(name)) return done(reply(textMessage(t('upload.not_csv', { name }))));
  const tooBig = () => done(reply(textMessage(t('upload.too_big', { max: MAX_UPLOAD_BYTES / 1_000_000 }))));
  if (size > MAX_UPLOAD_BYTES) return tooBig();
  // Only now, for an admin and a file name we read, are the bytes fetched.
  const bytes = await read(MAX_UPLOAD_BYTES);
  if (bytes === 'too_large') return tooBig();
  // The platform would not hand the file over (another host, a redirect, a failed download).
  if (!bytes) return done(reply(textMessage(t('upload.unreadable', { name }))));
  let parsed: TableFile;
  try {
    parsed = await readTableFile(bytes ?? Buffer.alloc(0), name);
  } catch (error) {
    const problem = error instanceof TableFileError ? error.problem : 'unreadable';
    const key =
      problem === 'binary' ? 'upload.binary' : problem === 'empty' ? 'upload.empty' : 'upload.unreadable';
    return done(reply(textMessage(t(key, { name }))));
  }
  const has = (...cols: string[]) => cols.every((c) => parsed.columns.includes(c));
  const kind = has('email', 'name', 'role') ? 'roster' : has('mentor_email', 'mentee_email') ? 'pairs' : null;
  if (!kind)
    return done(reply(textMessage(t('upload.unknown_columns', { columns: parsed.columns.join(', ') }))));
  if (parsed.rows.length === 0) return done(reply(textMessage(t('upload.empty', { name }))));
  const genderCodes = kind === 'roster' ? validateRoster(parsed.rows, t).genderCodes : undefined;
  // What was read, so that a wrong guess (an encoding, a separator, a gender code) shows.
  const detected = [
    parsed.format === 'xlsx'
      ? t('upload.detected_xlsx')
      : t('upload.detected_csv', {
          encoding:
            parsed.encoding === 'windows-1252' ? 'Windows-1252' : (parsed.encoding ?? 'UTF-8').toUpperCase(),
          separator: parsed.separator === '\t' ? 'Tab' : parsed.separator,
        }),
    ...(parsed.unknown.length ? [t('upload.unknown_ignored', { columns: parsed.unknown.join(', ') })] : []),
    ...(genderCodes
      ? [t('upload.gender_codes', { codes: genderCodes === 'hm' ? 'H/M (Hombre/Mujer)' : 'F/M' })]
      : []),
  ].join(' ');
  const data: UploadData = {
    kind,
    cycleId: '',
    name,
    detected,
    rows: parsed.rows,
    ...(genderCodes ? { genderCodes } : {}),
    valid: 0,
    invalid: 0,
  };
  try {
    const cycle = await cycleNamed(ctx, '');
    if (!cycle) return done(reply(textMessage(noCycleText(ctx, ''))));
    return await summarize(ctx, data, cycle);
  } catch (error) {
    if (!(error instanceof CycleChoiceNeeded)) throw error;
    // Several cycles run: the file waits, read, until the admin says which one it is for.
    const text = t('upload.which_cycle', { name });
    return goTo(
      'cycle',
      data,
      reply(
        message(text)
          .text(text)
          .buttons([
            ...error.cycles.map((c) =>
              flowButton(
                UPLOAD_FLOW,
                'cycle',
                c.id,
                `${c.name} (${ctx.fmt.date(c.enrollmentStarts)} – ${ctx.fmt.date(c.ends)})`.slice(0, 75),
              ),
            ),
            flowButton(UPLOAD_FLOW, 'cycle', 'cancel', t('common.cancel')),
          ])
          .build(),
      ),
    );
  }
}

/** What importing the file into `cycle` would do, line by line, with the button that does it. */
async function summarize(ctx: Ctx, read: UploadData, cycle: Cycle): Promise<FlowTurn> {
  const { t } = ctx;
  const { kind, name = '' } = read;
  const rows = read.rows ?? [];
  const roster = kind === 'roster' ? validateRoster(rows, t) : undefined;
  const conflicts = roster ? await roleConflicts(ctx.deps.db, ctx.tenant.id, cycle.id, roster.valid, t) : [];
  const problems = roster
    ? [...roster.invalid, ...conflicts].sort((a, b) => a.line - b.line)
    : rows
        .filter((r) => !r.record.mentor_email?.includes('@') || !r.record.mentee_email?.includes('@'))
        .map((r) => ({
          line: r.line,
          problems: [`mentor_email, mentee_email: ${t('roster.invalid.missing')}`],
        }));
  const data: UploadData = {
    ...read,
    cycleId: cycle.id,
    valid: rows.length - problems.length,
    invalid: problems.length,
  };
  const summary = t(`upload.${kind}_summary`, {
    name,
    cycle: cycle.name,
    lines: rows.length,
    valid: data.valid,
    invalid: data.invalid,
  });
  const lines = capped(
    t,
    problems.map((p) => t('upload.problem', { line: p.line, problems: p.problems.join('; ') })),
    SHOWN_PROBLEMS,
  );
  const builder = message(summary)
    .text([summary, ...lines].join('\n'))
    .context(read.detected ?? '');
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
    if (state.step === 'cycle') {
      const chosen = await getCycle(ctx.deps.db, ctx.tenant.id, choice);
      if (!chosen) return stay(state, reply(textMessage(ctx.t('flow.use_buttons'))));
      await keepCycleChoice(ctx, chosen.id);
      return summarize(ctx, data, chosen);
    }
    const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, data.cycleId);
    if (!cycle) return done(reply(textMessage(ctx.t('errors.record.not_found'))));
    const rows = data.rows ?? (await readTableFile(Buffer.from(data.csv ?? '', 'utf8'), 'file.csv')).rows;
    const run = { tenantId: ctx.tenant.id, actorId: ctx.person.id, via: ctx.acting.via };
    if (data.kind === 'roster') {
      const report = await importRoster(ctx.deps, run, {
        cycle,
        rows,
        skipInvalid: true,
        genderCodes: data.genderCodes,
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
      describe: (error) => errorText(ctx.t, error, ctx.fmt),
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

/** Roster and pairs files shared by an admin: any file no other feature takes. */
export const uploadFeature: Feature = {
  name: 'upload',
  flows: [uploadFlow],
  files: [
    {
      takes: () => true,
      run: async (ctx, file, dispatch) =>
        dispatch.start(ctx, UPLOAD_FLOW, await startUpload(ctx, file.name, file.size, file.read)),
    },
  ],
};
