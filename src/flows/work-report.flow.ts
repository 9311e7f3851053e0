import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Pairing } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { WORK_REPORT_FILE_MAX, WORK_REPORT_FILES, WORK_REPORT_MAX } from '../domain/work-report.ts';
import type { T } from '../i18n/index.ts';
import type { FileReader } from '../messages/inbound.ts';
import { type Button, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import {
  attachWorkReportFile,
  decideWorkReportAs,
  submitWorkReport,
  type WorkReport,
} from '../services/work-report.service.ts';
import { findPersonByEmail, getPerson } from '../store/person.store.ts';
import { getPairing, pairingsOf } from '../store/program.store.ts';
import { getWorkReport, workReportFile, workReportOfPairing } from '../store/work-report.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { actionKind, command, type Feature, menuKind, onClick, onSubmit } from './registry.ts';
import {
  authoredPairs,
  nameOf,
  PairChoiceNeeded,
  planReviewers,
  refuseWithoutPair,
  standingOf,
} from './standing.ts';
import type { Reader } from './views.ts';

/** The form's value: the pair, and `b` when an admin enters it from paper. */
const workReportFormKind = actionKind(
  'work_report.form',
  z.object({ pairing: z.string().max(64), paper: z.literal(1).optional() }),
  { p: 'pairing', b: 'paper' },
);
/** A decision button: the report and the revision the admin was shown. */
const workReportValue = z.object({ report: z.string().max(64), rev: z.number().int().min(1).max(10_000) });
type ReportDecision = z.infer<typeof workReportValue>;
/** An admin validates the report revision shown. */
export const validateReportKind = actionKind('work_report.validate', workReportValue, {
  w: 'report',
  r: 'rev',
});
/** An admin sends it back: a button that opens the comment form, and the form. */
export const requestReportChangesKind = actionKind('work_report.request_changes', workReportValue, {
  w: 'report',
  r: 'rev',
});
/** The report's attached file. */
const reportFileKind = actionKind('work_report.file', z.object({ report: z.string().max(64) }), {
  w: 'report',
});

/** Validate and Request changes for a report revision waiting for the program. */
export function reportReviewButtons(t: T, value: ReportDecision): Button[] {
  return [
    validateReportKind.button(t('work_report.review.validate'), value, 'primary'),
    requestReportChangesKind.button(t('work_report.review.request_changes'), value),
  ];
}

/** The reverse pair whose report this person writes: the one named, the only one, or a question. */
async function reportPair(ctx: Ctx, pairingId?: string): Promise<Pairing> {
  const standing = await standingOf(ctx);
  const pairs = authoredPairs(standing).filter((p) => p.planAuthor === 'mentor');
  const named = pairingId ? pairs.find((p) => p.id === pairingId) : undefined;
  if (named) return named;
  if (pairingId) throw new DomainError('auth.forbidden', { action: 'work_report.submit' });
  if (pairs.length === 1) return pairs[0] as Pairing;
  if (pairs.length > 1) throw new PairChoiceNeeded(pairs);
  if (standing.asMentee || standing.asMentor.length) {
    // A classic pair closes with the evaluation; a reverse colleague's report is their mentor's.
    if (standing.asMentee?.planAuthor === 'mentor')
      throw new DomainError('goal.plan_by_mentor', { mentor: nameOf(standing, standing.asMentee.mentorId) });
    throw new DomainError('work_report.not_reverse');
  }
  return refuseWithoutPair(standing, 'work_report');
}

/**
 * `informe` / `work report`: the mentor's work report for the pair, as a form (filled with what
 * was sent before, and the comment when changes were asked); a validated one is only shown.
 */
export async function workReportForm(ctx: Ctx, pairingId?: string): Promise<Reply> {
  const pairing = await reportPair(ctx, pairingId);
  const report = await workReportOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
  if (report?.state === 'validated')
    return reply(
      textMessage(
        ctx.t('work_report.already_validated', {
          date: ctx.fmt.date(localDate(report.decidedAt ?? ctx.now, ctx.person.timezone)),
        }),
      ),
    );
  return openReportForm(ctx, pairing, report, false);
}

/** `admin en nombre de <correo> informe`: the report of that mentor, entered from paper. */
export async function workReportOnBehalf(ctx: Ctx, email: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  const pairing = (await pairingsOf(ctx.deps.db, ctx.tenant.id, person.id))
    .filter((p) => p.mentorId === person.id && p.planAuthor === 'mentor')
    .at(-1);
  if (!pairing) return reply(textMessage(ctx.t('work_report.paper_none', { name: person.name })));
  const report = await workReportOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
  const opened = await openReportForm(ctx, pairing, report, true);
  return { ...opened, messages: [textMessage(ctx.t('work_report.paper_intro', { name: person.name }))] };
}

async function openReportForm(
  ctx: Ctx,
  pairing: Pairing,
  report: WorkReport | undefined,
  paper: boolean,
): Promise<Reply> {
  const { t } = ctx;
  const colleague = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.menteeId);
  const form = workReportFormKind.form(
    {
      title: t('work_report.form.title'),
      submitLabel: t('work_report.form.submit'),
      fields: [
        {
          id: 'work_report',
          kind: 'long_text',
          label: t('work_report.form.body', { name: colleague?.name ?? '' }),
          hint: t('work_report.form.hint'),
          required: true,
          maxLength: WORK_REPORT_MAX,
          ...(report ? { initial: report.body } : {}),
        },
      ],
    },
    { pairing: pairing.id, ...(paper ? { paper: 1 as const } : {}) },
  );
  const notes =
    report?.state === 'changes_requested' && report.comment
      ? [textMessage(t('work_report.changes_asked', { comment: report.comment }))]
      : [];
  return { messages: notes, openForm: form };
}

/** The form sent: the report goes to the program's admins, who validate it or send it back. */
export async function submitWorkReportForm(
  ctx: Ctx,
  value: { pairing: string; paper?: 1 | undefined },
  fields: Record<string, string | string[]>,
): Promise<Reply> {
  const body = typeof fields.work_report === 'string' ? fields.work_report : '';
  const { report, pairing, previous } = await submitWorkReport(ctx.deps, ctx.acting, value.pairing, body);
  const mentor = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.mentorId);
  const colleague = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.menteeId);
  for (const adminId of await planReviewers(ctx, pairing))
    await notify(ctx, adminId, (reader) =>
      reviewCard(reader, report, mentor?.name ?? '', colleague?.name ?? '', previous?.comment ?? null),
    );
  if (value.paper === 1) {
    await notify(ctx, pairing.mentorId, ({ t }) =>
      textMessage(t('work_report.paper_told', { admin: ctx.person.name })),
    );
    return reply(textMessage(ctx.t('work_report.paper_sent', { name: mentor?.name ?? '' })));
  }
  return reply(
    textMessage(
      ctx.t(previous ? 'work_report.sent_again' : 'work_report.sent', { revision: report.revision }),
    ),
  );
}

/** What an admin sees of a report to decide: who, with whom, the text, the file, the buttons. */
function reviewCard(
  { t }: Reader,
  report: WorkReport,
  mentor: string,
  colleague: string,
  previousComment: string | null,
): OutboundMessage {
  const value = { report: report.id, rev: report.revision };
  const title = t(report.revision > 1 ? 'work_report.review.again' : 'work_report.review.first', {
    name: mentor,
    colleague,
    revision: report.revision,
  });
  const builder = message(title).text(title).text(report.body);
  if (previousComment)
    builder.context(t('work_report.review.previous_comment', { comment: previousComment }));
  if (report.fileName) builder.context(t('work_report.review.file', { name: report.fileName }));
  return builder
    .buttons([
      ...reportReviewButtons(t, value),
      ...(report.fileName
        ? [reportFileKind.button(t('work_report.review.download'), { report: report.id })]
        : []),
    ])
    .build();
}

/** "Validar": the pair's plan is carried out; the mentor and their colleague are told. */
export async function validateWorkReport(ctx: Ctx, value: ReportDecision): Promise<Reply> {
  return decide(ctx, value, 'validate', null);
}

/** "Pedir cambios": the comment form, for an admin, on a report still waiting. */
export async function openWorkReportChanges(ctx: Ctx, value: ReportDecision): Promise<Reply> {
  const report = await getWorkReport(ctx.deps.db, ctx.tenant.id, value.report);
  const pairing = report ? await getPairing(ctx.deps.db, ctx.tenant.id, report.pairingId) : undefined;
  if (!report || !pairing) throw new DomainError('record.not_found', { entity: 'work_report' });
  authorize(ctx.actor, 'work_report.decide', { kind: 'pairing', pairing });
  if (report.state !== 'submitted' || report.revision !== value.rev)
    return alreadyDecided(ctx, report, value);
  return {
    messages: [],
    openForm: requestReportChangesKind.form(
      {
        title: ctx.t('work_report.review.request_changes'),
        submitLabel: ctx.t('review.form.submit'),
        fields: [
          {
            id: 'comment',
            kind: 'long_text',
            label: ctx.t('work_report.review.comment'),
            required: true,
            maxLength: 1000,
          },
        ],
      },
      value,
    ),
  };
}

export async function requestWorkReportChanges(
  ctx: Ctx,
  value: ReportDecision,
  comment: string | null,
): Promise<Reply> {
  if (!comment?.trim())
    return {
      messages: [textMessage(ctx.t('errors.goal.comment_required'))],
      formErrors: { comment: ctx.t('errors.goal.comment_required') },
    };
  return decide(ctx, value, 'request_changes', comment);
}

async function decide(
  ctx: Ctx,
  value: ReportDecision,
  decision: 'validate' | 'request_changes',
  comment: string | null,
): Promise<Reply> {
  try {
    const { report, pairing } = await decideWorkReportAs(ctx.deps, ctx.acting, {
      reportId: value.report,
      revision: value.rev,
      decision,
      comment,
    });
    const mentor = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.mentorId);
    const colleague = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.menteeId);
    await notify(ctx, pairing.mentorId, ({ t }) => {
      const builder = message(t(`work_report.told.${decision}`, { admin: ctx.person.name })).text(
        t(`work_report.told.${decision}`, { admin: ctx.person.name }),
      );
      if (comment) builder.context(t('review.outcome.comment', { comment }));
      if (decision === 'request_changes')
        builder.buttons([menuKind.button(t('work_report.edit'), { cmd: 'work_report' }, 'primary')]);
      return builder.build();
    });
    if (decision === 'validate')
      await notify(ctx, pairing.menteeId, ({ t }) =>
        textMessage(t('work_report.told.colleague', { name: mentor?.name ?? '' })),
      );
    return {
      messages: [],
      replaceOriginal: textMessage(
        ctx.t(`work_report.decided.${decision}`, {
          name: mentor?.name ?? '',
          colleague: colleague?.name ?? '',
          revision: report.revision,
        }),
      ),
    };
  } catch (error) {
    if (isDomainError(error, 'transition.not_allowed') || isDomainError(error, 'record.changed')) {
      const report = await getWorkReport(ctx.deps.db, ctx.tenant.id, value.report);
      if (report && ctx.actor.staffRole === 'admin') return alreadyDecided(ctx, report, value);
    }
    throw error;
  }
}

/** A click on a report decided already, or replaced by a newer sending. */
function alreadyDecided(ctx: Ctx, report: WorkReport, value: ReportDecision): Reply {
  const key =
    report.revision !== value.rev
      ? 'work_report.newer_revision'
      : report.state === 'validated'
        ? 'work_report.already_validated_admin'
        : 'work_report.already_sent_back';
  return { messages: [textMessage(ctx.t(key, { revision: report.revision }))] };
}

/** "Descargar el archivo": the report's file, for whoever may read the report. */
export async function workReportFileInChat(ctx: Ctx, value: { report: string }): Promise<Reply> {
  const report = await getWorkReport(ctx.deps.db, ctx.tenant.id, value.report);
  const pairing = report ? await getPairing(ctx.deps.db, ctx.tenant.id, report.pairingId) : undefined;
  if (!report || !pairing) throw new DomainError('record.not_found', { entity: 'work_report' });
  authorize(ctx.actor, 'work_report.view', { kind: 'pairing', pairing });
  const file = await workReportFile(ctx.deps.db, ctx.tenant.id, report.id);
  if (!file) return reply(textMessage(ctx.t('work_report.no_file')));
  const text = ctx.t('work_report.file_text', { name: file.name });
  return reply(message(text).text(text).file(file.name, file.type, file.content).build());
}

/**
 * Whether a shared file is for a work report: a document (not a roster or a logo) from someone
 * who writes one (a reverse program's mentor). Anyone else's goes to the roster import, which
 * says what it reads.
 */
export async function isReportDocument(ctx: Ctx, name: string): Promise<boolean> {
  const extension = name.split('.').at(-1)?.toLowerCase() ?? '';
  if (!(extension in WORK_REPORT_FILES)) return false;
  return authoredPairs(await standingOf(ctx)).some((p) => p.planAuthor === 'mentor');
}

/** A document shared by a reverse program's mentor: joined to the report they already sent. */
export async function attachFromChat(ctx: Ctx, name: string, size: number, read: FileReader): Promise<Reply> {
  const { t } = ctx;
  const max = WORK_REPORT_FILE_MAX / 1_000_000;
  const pairing = await reportPair(ctx);
  const report = await workReportOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
  if (!report) return reply(textMessage(t('work_report.attach_first')));
  if (size > WORK_REPORT_FILE_MAX) return reply(textMessage(t('work_report.file_too_big', { name, max })));
  const bytes = await read(WORK_REPORT_FILE_MAX);
  if (bytes === 'too_large') return reply(textMessage(t('work_report.file_too_big', { name, max })));
  if (!bytes) return reply(textMessage(t('upload.unreadable', { name })));
  const type = WORK_REPORT_FILES[name.split('.').at(-1)?.toLowerCase() ?? ''] as string;
  const done = await attachWorkReportFile(ctx.deps, ctx.acting, pairing.id, { name, type, content: bytes });
  // A report already waiting: its reviewers get the file with a download button.
  if (done.report.state === 'submitted')
    for (const adminId of await planReviewers(ctx, pairing))
      await notify(ctx, adminId, ({ t: theirs }) => {
        const text = theirs('work_report.attached_told', { name: ctx.person.name, file: name });
        return message(text)
          .text(text)
          .buttons([reportFileKind.button(theirs('work_report.review.download'), { report: done.report.id })])
          .build();
      });
  return reply(
    textMessage(
      t(done.report.state === 'submitted' ? 'work_report.attached' : 'work_report.attached_resend', { name }),
    ),
  );
}

/** A reverse program's work report: written at closing, validated or sent back by the program. */
export const workReportFeature: Feature = {
  name: 'work-report',
  commands: [
    command<{ pairing?: string }>({
      name: 'work_report',
      words: [
        'informe',
        'informe de trabajo',
        'mi informe',
        'reporte de trabajo',
        'work report',
        'my work report',
      ],
      rule: 'work_report.write',
      help: ['plan_mentor'],
      menu: { plan_mentor: 6 },
      pairArg: (pairing) => ({ pairing }),
      run: (ctx, { pairing }) => workReportForm(ctx, pairing),
    }),
  ],
  actions: [
    onClick(validateReportKind, (ctx, v) => validateWorkReport(ctx, v)),
    onClick(requestReportChangesKind, (ctx, v) => openWorkReportChanges(ctx, v)),
    onClick(reportFileKind, (ctx, v) => workReportFileInChat(ctx, v)),
  ],
  forms: [
    onSubmit(workReportFormKind, (ctx, v, fields) => submitWorkReportForm(ctx, v, fields)),
    onSubmit(requestReportChangesKind, (ctx, v, fields) =>
      requestWorkReportChanges(ctx, v, typeof fields.comment === 'string' ? fields.comment : null),
    ),
  ],
  // A document (PDF, Word…) shared by a reverse program's mentor joins their work report.
  files: [
    {
      takes: (ctx, name) => isReportDocument(ctx, name),
      run: (ctx, file) => attachFromChat(ctx, file.name, file.size, file.read),
    },
  ],
};
