import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import type { Cycle, ParticipantRole } from '../domain/model.ts';
import { message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { reportChartAlt } from '../reports/chart.ts';
import { type CycleReport, cycleReport } from '../reports/cycle-report.ts';
import { diplomaCounts } from '../reports/figures.ts';
import { buildReportFile, type Known } from '../reports/files.ts';
import { participantResults } from '../reports/participants.ts';
import { reportMessage } from '../reports/report-message.ts';
import { approveDownload, approveDownloadKind } from '../services/downloads.ts';
import type { LinkKind } from '../services/links.ts';
import { erasePerson, exportPerson } from '../services/privacy.service.ts';
import { getDownloadRequest } from '../store/download.store.ts';
import { findPersonByEmail } from '../store/person.store.ts';
import { emailIn, wordsAfter } from './commands.ts';
import { adminRun, type Ctx, type Reply, reply } from './context.ts';
import { actionKind, command, type Feature, onClick } from './registry.ts';
import { cycleNamed } from './standing.ts';
import { capped } from './views.ts';

/** The "it was me" button: the browser that opened the person's link may download. */
export async function approveDownloadInChat(ctx: Ctx, nonce: string): Promise<Reply> {
  if (await approveDownload(ctx.deps, ctx.tenant.id, nonce, ctx.person.id)) {
    return { messages: [], replaceOriginal: textMessage(ctx.t('download.approved')) };
  }
  const request = await getDownloadRequest(ctx.deps.db, ctx.tenant.id, nonce);
  if (!request || request.personId !== ctx.person.id) {
    return reply(textMessage(ctx.t('errors.auth.forbidden')));
  }
  return reply(textMessage(ctx.t(request.approvedAt ? 'download.already' : 'download.expired')));
}

/** "Erase": the person and the address the admin confirmed (it may name someone else later). */
const eraseKind = actionKind(
  'privacy.erase',
  z.object({ person: z.string().max(64), email: z.string().max(254) }),
  {
    p: 'person',
    e: 'email',
  },
);
const SHOWN = 30;

/** A signed, expiring link to a report file, made for the person asking (when the server has a public address). */
function linkFor(ctx: Ctx, kind: LinkKind, cycle: Cycle): { url: string; until: Date } | undefined {
  const links = ctx.deps.links;
  if (!links) return undefined;
  const until = new Date(ctx.now.getTime() + links.ttlHours * 3_600_000);
  const token = links.signer.sign({
    t: ctx.tenant.id,
    p: ctx.person.id,
    k: kind,
    c: cycle.id,
    e: Math.floor(until.getTime() / 1000),
  });
  return { url: `${links.baseUrl}/files/${token}`, until };
}

/** Attaches a report file to a message, with its personal link where links are configured. */
async function attach(
  ctx: Ctx,
  builder: ReturnType<typeof message>,
  cycle: Cycle,
  kind: LinkKind,
  known: Known = {},
): Promise<void> {
  const file = await buildReportFile(
    ctx.deps,
    {
      acting: ctx.acting,
      cycle,
      kind,
      reader: { locale: ctx.person.locale, gender: ctx.person.gender, timezone: ctx.person.timezone },
      verifyBase: ctx.deps.links?.baseUrl,
      now: ctx.now,
    },
    known,
  );
  const link = linkFor(ctx, kind, cycle);
  builder.file(
    file.name,
    file.mimeType,
    file.content,
    link?.url,
    kind === 'chart.png' && known.report ? { alt: reportChartAlt(known.report, ctx.t) } : {},
  );
  if (link) builder.context(ctx.t('results.link', { name: file.name, until: ctx.fmt.dateTime(link.until) }));
}

/** Who can earn the diploma in this program, as a group ("personas mentoradas"). */
function whoEarns(ctx: Ctx, roles: ParticipantRole[]): string {
  return ctx.t(`diplomas.who.${roles.length === 1 ? roles[0] : 'both'}`);
}

/** `admin resultados [ciclo]`: each participant's results as Excel and CSV, for admins and directors. */
export async function resultsInChat(ctx: Ctx, cycleName: string): Promise<Reply> {
  authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(ctx.t('report.no_cycle')));
  const results = await participantResults(ctx.deps, ctx.acting, cycle);
  // The diploma figure counts the people whose role can earn it (the program's setting).
  const people = new Set(results.rows.map((r) => r.personId));
  const diplomas = diplomaCounts(new Map(results.rows.map((r) => [r.personId, r])));
  const title = ctx.t('results.title', { cycle: cycle.name });
  const builder = message(title)
    .text(title)
    .text(
      ctx.t('results.summary', {
        count: people.size,
        who: whoEarns(ctx, results.program.settings.diplomaRoles),
        eligible: diplomas.eligible,
        total: diplomas.eligible + diplomas.not_eligible,
      }),
    )
    .context(ctx.t('results.files'));
  await attach(ctx, builder, cycle, 'results.xlsx', { results });
  await attach(ctx, builder, cycle, 'results.csv', { results });
  return reply(builder.build());
}

/** `admin diplomas [ciclo]`: who qualifies, who does not and why, and the certificates as one PDF. */
export async function diplomasInChat(ctx: Ctx, cycleName: string): Promise<Reply> {
  authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(ctx.t('report.no_cycle')));
  const results = await participantResults(ctx.deps, ctx.acting, cycle);
  const byPerson = new Map(results.rows.filter((r) => r.diplomaRole).map((r) => [r.personId, r]));
  const qualifying = [...byPerson.values()].filter((r) => r.diploma);
  const missing = [...byPerson.values()].filter((r) => !r.diploma);
  const { t } = ctx;
  const title = t('diplomas.title', {
    cycle: cycle.name,
    who: whoEarns(ctx, results.program.settings.diplomaRoles),
    count: qualifying.length,
    total: byPerson.size,
  });
  const list = (lines: string[]) => capped(t, lines, SHOWN);
  const builder = message(title).text(title);
  if (qualifying.length) builder.text(list(qualifying.map((r) => `• ${r.name}`)).join('\n'));
  if (missing.length) {
    builder.text(
      `${t('diplomas.not_yet', { count: missing.length })}\n${list(
        missing.map((r) => `• ${r.name}: ${r.missing.map((m) => t(`results.missing.${m}`)).join(', ')}`),
      ).join('\n')}`,
    );
  }
  builder.context(
    t(results.program.kind === 'reverse' ? 'diplomas.rule_reverse' : 'diplomas.rule', {
      sessions: results.program.settings.minSessions,
      attendance: Math.round(results.program.settings.attendanceThreshold * 100),
    }),
  );
  if (qualifying.length) await attach(ctx, builder, cycle, 'diplomas.pdf', { results });
  return reply(builder.build());
}

/** The chart of the cycle report, attached to it. */
export async function reportChart(
  ctx: Ctx,
  cycle: Cycle,
  report: CycleReport,
  shown: OutboundMessage,
): Promise<OutboundMessage> {
  const builder = message(shown.summary);
  await attach(ctx, builder, cycle, 'chart.png', { report });
  return { ...shown, blocks: [...shown.blocks, ...builder.build().blocks] };
}

/** `admin exportar <correo>`: everything stored about one person, as a JSON file (audited). */
export async function exportInChat(ctx: Ctx, email: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  const data = await exportPerson(ctx.deps, adminRun(ctx), email);
  const text = ctx.t('privacy.exported', { name: person.name });
  return reply(
    message(text)
      .text(text)
      .file(
        `datos-${email.replace(/[^\w.@-]+/g, '_')}.json`,
        'application/json',
        JSON.stringify(data, null, 2),
        undefined,
        { permission: 'admin.manage' },
      )
      .build(),
  );
}

/** `admin borrar <correo>`: asks to confirm; the button anonymises the person (audited). */
export async function askErase(ctx: Ctx, email: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  if (person.id === ctx.person.id) return reply(textMessage(ctx.t('privacy.not_yourself')));
  const text = ctx.t('privacy.confirm', { name: person.name, email });
  return reply(
    message(text)
      .text(text)
      .buttons([eraseKind.button(ctx.t('privacy.erase'), { person: person.id, email }, 'danger')])
      .build(),
  );
}

export async function eraseInChat(ctx: Ctx, value: { person: string; email: string }): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, value.email);
  // Already erased (the email is gone), or the address now names someone else: nothing to do.
  if (!person || person.id !== value.person) {
    return { messages: [], replaceOriginal: textMessage(ctx.t('privacy.already')) };
  }
  const erased = await erasePerson(ctx.deps, adminRun(ctx), value.email);
  return {
    messages: [],
    replaceOriginal: textMessage(
      ctx.t('privacy.erased', { name: person.name, goals: erased.goals, sessions: erased.sessions }),
    ),
  };
}

/** `admin reporte [ciclo]`: the cycle's figures, with its chart. */
export async function reportInChat(ctx: Ctx, cycleName: string): Promise<Reply> {
  authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(ctx.t('report.no_cycle')));
  const report = await cycleReport(ctx.deps, ctx.acting, cycle);
  return reply(await reportChart(ctx, cycle, report, reportMessage(ctx, report)));
}

/** `admin exportar|borrar <correo>`: a person's data, as a file or erased. */
function personCommand(words: string, verbs: RegExp): { email: string } | undefined {
  const m = /^admin (exportar|export|borrar|erase) (\S+)$/.exec(words);
  const email = m && verbs.test(m[1] as string) ? emailIn(m[2]) : undefined;
  return email ? { email } : undefined;
}

/** What a cycle gave: the report, results per participant, diplomas; a person's data. */
export const resultsFeature: Feature = {
  name: 'results',
  commands: [
    command<{ arg: string }>({
      name: 'report',
      // The cycle's name as written (names are matched without regard to case).
      parse: (words, typed) => {
        const m = /^(admin reporte|admin report|reporte|report)(\s+.+)?$/.exec(words);
        return m ? { arg: wordsAfter(typed, (m[1] as string).split(' ').length) } : undefined;
      },
      readOnly: true,
      rule: 'report.view',
      help: ['admin', 'director'],
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => reportInChat(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'results',
      parse: (words, typed) =>
        /^admin (resultados|results)(\s+.+)?$/.test(words) ? { arg: wordsAfter(typed, 2) } : undefined,
      rule: 'report.view',
      help: ['admin', 'director'],
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => resultsInChat(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'diplomas',
      parse: (words, typed) =>
        /^admin (diplomas|certificates)(\s+.+)?$/.test(words) ? { arg: wordsAfter(typed, 2) } : undefined,
      rule: 'report.view',
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => diplomasInChat(ctx, arg),
    }),
    command<{ email: string }>({
      name: 'export_person',
      parse: (words) => personCommand(words, /^(exportar|export)$/),
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { email }) => exportInChat(ctx, email),
    }),
    command<{ email: string }>({
      name: 'erase_person',
      parse: (words) => personCommand(words, /^(borrar|erase)$/),
      rule: 'admin.manage',
      run: (ctx, { email }) => askErase(ctx, email),
    }),
  ],
  actions: [
    onClick(approveDownloadKind, (ctx, v) => approveDownloadInChat(ctx, v.request)),
    onClick(eraseKind, (ctx, v) => eraseInChat(ctx, v)),
  ],
};
