import { authorize } from '../domain/authz.ts';
import type { Gender } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { genderContext } from '../i18n/index.ts';
import { message, textMessage } from '../messages/model.ts';
import { csvText } from '../services/csv.ts';
import {
  type CycleListing,
  peopleOfCycle,
  programDirectory,
  withdrawnFromCycle,
} from '../services/directory.service.ts';
import { argAfter } from './commands.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { command, type Feature } from './registry.ts';
import { cycleNamed, noCycleText } from './standing.ts';
import { capped } from './views.ts';

/** How many people a group shows in the message; the CSV has them all. */
const SHOWN = 40;

function cycleLine(ctx: Ctx, c: CycleListing, program?: string): string {
  const { t, fmt } = ctx;
  return t('directory.cycle_line', {
    name: c.cycle.name,
    program: program ? ` (${program})` : '',
    from: fmt.date(c.cycle.enrollmentStarts),
    to: fmt.date(c.cycle.ends),
    phase: t(`phase.${c.phase}`),
    mentors: t('directory.mentors', { count: c.mentors }),
    mentees: t('directory.mentees', { count: c.mentees }),
    pairs: t('directory.pairs', { count: c.pairs }),
  });
}

/** `admin programas`: every program, its settings and its cycles, for admins and directors. */
export async function programsInChat(ctx: Ctx): Promise<Reply> {
  authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const { t } = ctx;
  const directory = await programDirectory(ctx.deps, ctx.tenant.id);
  if (directory.length === 0) return reply(textMessage(t('cycles.no_program')));
  const title = t('directory.programs_title', { count: directory.length });
  const builder = message(title).text(`*${title}*`);
  for (const { program, cycles } of directory) {
    builder.divider().text(
      t('directory.program_line', {
        name: program.name,
        kind: t(`directory.kind.${program.kind}`),
        capacity: program.settings.mentorCapacity,
        sessions: program.settings.minSessions,
      }),
    );
    builder.text(cycles.length ? cycles.map((c) => cycleLine(ctx, c)).join('\n') : t('directory.no_cycles'));
  }
  return reply(builder.build());
}

/** `admin ciclos`: the cycles, newest first, with dates, today's phase and people. */
export async function cyclesInChat(ctx: Ctx): Promise<Reply> {
  authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const { t } = ctx;
  const cycles = (await programDirectory(ctx.deps, ctx.tenant.id))
    .flatMap((d) => d.cycles.map((c) => ({ ...c, program: d.program.name })))
    .sort((a, b) => b.cycle.enrollmentStarts.localeCompare(a.cycle.enrollmentStarts));
  if (cycles.length === 0) return reply(textMessage(t('cycles.none')));
  const title = t('directory.cycles_title', { count: cycles.length });
  return reply(
    message(title)
      .text(`*${title}*`)
      .text(cycles.map((c) => cycleLine(ctx, c, c.program)).join('\n'))
      .build(),
  );
}

/** `admin personas [ciclo]`: who is in a cycle, by role, with their pair; all of them as CSV. Admins only (emails). */
export async function peopleInChat(ctx: Ctx, cycleName: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const { t } = ctx;
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  const people = await peopleOfCycle(ctx.deps, ctx.tenant.id, cycle);
  if (people.length === 0) return reply(textMessage(t('directory.nobody', { cycle: cycle.name })));
  const title = t('directory.people_title', { cycle: cycle.name, count: people.length });
  const builder = message(title).text(`*${title}*`);
  for (const role of ['mentor', 'mentee', 'admin', 'director']) {
    const group = people.filter((p) => p.role === role);
    if (!group.length) continue;
    const lines = group.map(
      (p) =>
        t('directory.person_line', { name: p.name, email: p.email ?? '—' }) +
        (role === 'mentor' || role === 'mentee'
          ? p.partners.length
            ? t('directory.paired_with', { names: p.partners.join(', ') })
            : t('directory.unpaired')
          : ''),
    );
    builder.text(
      `${t(`directory.group.${role}`, { count: group.length })}\n${capped(t, lines, SHOWN).join('\n')}`,
    );
  }
  // Who left keeps a line: the coordinator sees who, since when and why.
  const withdrawn = await withdrawnFromCycle(ctx.deps, ctx.tenant.id, cycle);
  const leftOn = (at: Date) => ctx.fmt.date(localDate(at, ctx.person.timezone));
  if (withdrawn.length)
    builder.text(
      `${t('directory.group.withdrawn', { count: withdrawn.length })}\n${capped(
        t,
        withdrawn.map((w) =>
          t('directory.withdrawn_line', {
            name: w.name,
            email: w.email ?? '—',
            role: t(`directory.roles.${w.role}`, genderContext(w.gender as Gender | null)),
            date: leftOn(w.withdrawnAt),
            reason: w.reason || '—',
          }),
        ),
        SHOWN,
      ).join('\n')}`,
    );
  const rows = [
    // The role as a column heading reads the same for everyone (not in the reader's gender).
    ...people.map((p) => [
      t(`directory.roles.${p.role}`, genderContext(null)),
      p.name,
      p.email ?? '',
      p.partners.join('; '),
    ]),
    ...withdrawn.map((w) => [
      t('directory.withdrawn_role', {
        role: t(`directory.roles.${w.role}`, genderContext(w.gender as Gender | null)),
        date: leftOn(w.withdrawnAt),
      }),
      w.name,
      w.email ?? '',
      '',
    ]),
  ];
  builder
    .context(t('directory.csv'))
    .file(
      `${t('directory.file', { cycle: cycle.name }).replace(/[^\p{L}\p{N}._-]+/gu, '-')}.csv`,
      'text/csv; charset=utf-8',
      `\uFEFF${csvText([t('directory.columns').split(','), ...rows], '\r\n')}`,
      undefined,
      { permission: 'admin.manage' },
    );
  return reply(builder.build());
}

/** Finding names: programs, cycles, and who is in a cycle. */
export const directoryFeature: Feature = {
  name: 'directory',
  commands: [
    command({
      name: 'programs',
      words: ['admin programas', 'admin programs'],
      readOnly: true,
      rule: 'report.view',
      help: ['admin', 'director'],
      run: (ctx) => programsInChat(ctx),
    }),
    command({
      name: 'cycles',
      words: ['admin ciclos', 'admin cycles'],
      readOnly: true,
      rule: 'report.view',
      run: (ctx) => cyclesInChat(ctx),
    }),
    command<{ arg: string }>({
      name: 'people',
      // `admin personas 2027-1`: the cycle's name as written.
      parse: (words, typed) => {
        const arg = argAfter(words, typed, ['admin personas', 'admin people']);
        return arg === undefined ? undefined : { arg };
      },
      readOnly: true,
      rule: 'report.view',
      run: (ctx, { arg }) => peopleInChat(ctx, arg),
    }),
  ],
};
