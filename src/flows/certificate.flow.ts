import { z } from 'zod';
import { LOGO_MAX_BYTES, pngLogoInfo } from '../domain/certificate.ts';
import type { Program } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { translator } from '../i18n/index.ts';
import type { FileReader } from '../messages/inbound.ts';
import { type Form, message, textMessage } from '../messages/model.ts';
import { diplomaSamplePdf } from '../reports/diplomas.ts';
import {
  diplomaDesign,
  saveDesignAs,
  setLogoAs,
  verifyCertificate,
} from '../services/certificate.service.ts';
import { getProgram, listCycles, listPrograms } from '../store/program.store.ts';
import { wordsAfter } from './commands.ts';
import { adminRun, type Ctx, type Reply, reply, requireAdmin } from './context.ts';
import { done, type Flow, type FlowTurn, flowButton, goTo, stay } from './flow.ts';
import { programMeant } from './program-admin.flow.ts';
import { actionKind, command, type Feature, onClick, onSubmit } from './registry.ts';

const programValue = z.object({ program: z.string().max(64) });
type ProgramRef = z.infer<typeof programValue>;
/** A program's diploma settings: a button per program when several could be meant, and the form. */
const certificateSettingsKind = actionKind('certificate.settings', programValue);
const certificateSettingsFormKind = actionKind('certificate.settings_form', programValue);
/** A sample diploma of a program. */
const certificateSampleKind = actionKind('certificate.sample', programValue);
/** Takes a program's logo off its diplomas. */
const removeLogoKind = actionKind('certificate.logo_remove', programValue);
const SIGNATORIES = 3;
const PDF = 'application/pdf';

/**
 * `admin diploma ajustes [programa]` / `admin certificate settings [program]`: a form with the
 * institution that grants the program's diplomas and up to three signatories (name and position).
 */
export async function certificateSettingsForm(ctx: Ctx, nameOrId = ''): Promise<Reply> {
  requireAdmin(ctx);
  const meant = await programMeant(ctx, nameOrId, certificateSettingsKind);
  if ('answer' in meant) return meant.answer;
  const { program } = meant;
  const { t } = ctx;
  const design = await diplomaDesign(ctx.deps.db, ctx.tenant.id, program.id);
  const signer = (i: number) => design?.signatories[i];
  const form: Form = {
    actionId: certificateSettingsFormKind.id,
    title: t('certificates.form.title'),
    submitLabel: t('certificates.form.submit'),
    value: certificateSettingsFormKind.value({ program: program.id }),
    fields: [
      {
        id: 'institution',
        kind: 'short_text',
        label: t('certificates.form.institution'),
        hint: t('certificates.form.institution_hint'),
        required: true,
        maxLength: 120,
        initial: design?.institution ?? '',
      },
      ...Array.from({ length: SIGNATORIES }, (_, i) => [
        {
          id: `signer${i + 1}Name`,
          kind: 'short_text' as const,
          label: t('certificates.form.signer_name', { n: i + 1 }),
          required: false,
          maxLength: 80,
          initial: signer(i)?.name ?? '',
        },
        {
          id: `signer${i + 1}Position`,
          kind: 'short_text' as const,
          label: t('certificates.form.signer_position', { n: i + 1 }),
          ...(i === 0 ? { hint: t('certificates.form.signer_hint') } : {}),
          required: false,
          maxLength: 100,
          initial: signer(i)?.position ?? '',
        },
      ]).flat(),
    ],
  };
  return { messages: [], openForm: form };
}

/** The form sent: every field checked and named; nothing saved unless all are right. */
export async function submitCertificateSettingsForm(
  ctx: Ctx,
  value: ProgramRef,
  fields: Record<string, string | string[]>,
): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const program = await getProgram(ctx.deps.db, ctx.tenant.id, value.program);
  if (!program) return reply(textMessage(t('errors.record.not_found')));
  const str = (id: string) => (typeof fields[id] === 'string' ? (fields[id] as string).trim() : '');
  const errors: Record<string, string> = {};
  const institution = str('institution');
  if (institution.length < 2) errors.institution = t('certificates.form.institution_bad');
  const signatories: { name: string; position: string }[] = [];
  for (let i = 1; i <= SIGNATORIES; i++) {
    const name = str(`signer${i}Name`);
    const position = str(`signer${i}Position`);
    if (!name && !position) continue;
    if (name.length < 2) errors[`signer${i}Name`] = t('certificates.form.signer_name_missing');
    if (position.length < 2) errors[`signer${i}Position`] = t('certificates.form.signer_position_missing');
    signatories.push({ name, position });
  }
  if (Object.keys(errors).length) {
    const labels = Object.keys(errors).map((id) => {
      const n = Number(id.match(/\d/)?.[0] ?? 0);
      const label =
        id === 'institution'
          ? t('certificates.form.institution')
          : id.endsWith('Name')
            ? t('certificates.form.signer_name', { n })
            : t('certificates.form.signer_position', { n });
      return `• ${label}: ${errors[id]}`;
    });
    return { messages: [textMessage(`${t('forms.has_errors')}\n${labels.join('\n')}`)], formErrors: errors };
  }
  const saved = await saveDesignAs(ctx.deps, adminRun(ctx), program, { institution, signatories });
  if (saved.problems.length)
    return {
      messages: [
        textMessage(`${t('forms.has_errors')}\n${saved.problems.map((p) => `• ${p.path}`).join('\n')}`),
      ],
      formErrors: Object.fromEntries(saved.problems.map((p) => [p.path, t('forms.has_errors')])),
    };
  return reply(await designSummary(ctx, program, t('certificates.saved', { program: program.name })));
}

/** What a program's diplomas carry now, with a sample and the logo's buttons. */
async function designSummary(ctx: Ctx, program: Program, headline: string) {
  const { t } = ctx;
  const design = await diplomaDesign(ctx.deps.db, ctx.tenant.id, program.id);
  const value = { program: program.id };
  const builder = message(headline)
    .text(headline)
    .fields([
      { label: t('certificates.form.institution'), value: design?.institution ?? '—' },
      {
        label: t('certificates.signatories'),
        value: design?.signatories.length
          ? design.signatories.map((s) => `${s.name} — ${s.position}`).join('\n')
          : t('certificates.no_signatories'),
      },
      {
        label: t('certificates.logo'),
        value: design?.logo ? t('certificates.logo_set') : t('certificates.no_logo'),
      },
    ])
    .context(t('certificates.logo_hint', { max: LOGO_MAX_BYTES / 1024 }))
    .buttons([
      certificateSampleKind.button(t('certificates.sample'), value, 'primary'),
      ...(design?.logo ? [removeLogoKind.button(t('certificates.remove_logo'), value, 'danger')] : []),
    ]);
  return builder.build();
}

/** `admin diploma muestra [programa]` / `admin certificate sample`: one made-up page; nothing is issued. */
export async function certificateSample(ctx: Ctx, nameOrId = ''): Promise<Reply> {
  requireAdmin(ctx);
  const meant = await programMeant(ctx, nameOrId, certificateSampleKind);
  if ('answer' in meant) return meant.answer;
  const { program } = meant;
  const { t } = ctx;
  const design = await diplomaDesign(ctx.deps.db, ctx.tenant.id, program.id);
  const cycle = (await listCycles(ctx.deps.db, ctx.tenant.id))
    .filter((c) => c.programId === program.id)
    .sort((a, b) => b.enrollmentStarts.localeCompare(a.enrollmentStarts))[0];
  const pdf = await diplomaSamplePdf({
    // The sample person has no gender: the role reads inclusively ("persona mentorada").
    t: translator(ctx.person.locale),
    fmt: ctx.fmt,
    program: program.name,
    cycle: cycle ? { name: cycle.name, from: cycle.enrollmentStarts, to: cycle.ends } : undefined,
    today: localDate(ctx.now, ctx.person.timezone),
    design,
    verifyBase: ctx.deps.links?.baseUrl,
  });
  const text = design
    ? t('certificates.sample_text', { program: program.name })
    : t('certificates.sample_no_design', { program: program.name });
  return reply(
    message(text)
      .text(text)
      .file(`${t('certificates.sample_file')}.pdf`, PDF, pdf)
      .build(),
  );
}

/** The "Remove logo" button. */
export async function removeLogo(ctx: Ctx, value: ProgramRef): Promise<Reply> {
  requireAdmin(ctx);
  const program = await getProgram(ctx.deps.db, ctx.tenant.id, value.program);
  if (!program) return reply(textMessage(ctx.t('errors.record.not_found')));
  const design = await diplomaDesign(ctx.deps.db, ctx.tenant.id, program.id);
  if (!design?.logo)
    return {
      messages: [],
      replaceOriginal: await designSummary(ctx, program, ctx.t('certificates.no_logo_to_remove')),
    };
  await setLogoAs(ctx.deps, adminRun(ctx), program, null);
  return {
    messages: [],
    replaceOriginal: await designSummary(
      ctx,
      program,
      ctx.t('certificates.logo_removed', { program: program.name }),
    ),
  };
}

/** `admin verificar <número>` / `admin verify <number>`: whose certificate a number is, in this institution. */
export async function verifyInChat(ctx: Ctx, typed: string): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  if (!typed.trim()) return reply(textMessage(t('certificates.verify_usage')));
  const found = await verifyCertificate(ctx.deps.db, typed);
  if (found === 'malformed') return reply(textMessage(t('certificates.page.malformed')));
  // Another institution's certificate is checked on the public page, not told here.
  if (!found || found.tenantId !== ctx.tenant.id) return reply(textMessage(t('certificates.page.not_found')));
  return reply(
    textMessage(
      `${t('certificates.page.valid')}: ${t(
        found.institution ? 'certificates.page.holder' : 'certificates.page.holder_no_institution',
        {
          name: found.holder,
          cycle: found.cycle,
          program: found.program,
          institution: found.institution ?? '',
          date: ctx.fmt.date(localDate(found.issuedAt, ctx.person.timezone)),
        },
      )} ${t('certificates.page.number', { number: found.number })}`,
    ),
  );
}

export const LOGO_FLOW = 'logo';
const logoData = z.object({ name: z.string(), png: z.string().max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 4) });

/**
 * An admin shares a PNG: it becomes a program's diploma logo once they say which program (a
 * button per program whose diplomas have an institution set). Checked before anything is asked:
 * a PNG, small enough, one pdfkit can draw.
 */
export async function startLogoUpload(
  ctx: Ctx,
  name: string,
  size: number,
  read: FileReader,
): Promise<FlowTurn> {
  requireAdmin(ctx);
  const { t } = ctx;
  const max = LOGO_MAX_BYTES / 1024;
  if (size > LOGO_MAX_BYTES)
    return done(reply(textMessage(t('certificates.logo_problem.too_big', { name, max }))));
  const bytes = await read(LOGO_MAX_BYTES);
  if (bytes === 'too_large')
    return done(reply(textMessage(t('certificates.logo_problem.too_big', { name, max }))));
  if (!bytes) return done(reply(textMessage(t('upload.unreadable', { name }))));
  const info = pngLogoInfo(bytes);
  if (!info.ok)
    return done(reply(textMessage(t(`certificates.logo_problem.${info.problem}`, { name, max }))));
  const programs = await listPrograms(ctx.deps.db, ctx.tenant.id);
  const designed = (
    await Promise.all(
      programs.map(async (p) => ((await diplomaDesign(ctx.deps.db, ctx.tenant.id, p.id)) ? p : undefined)),
    )
  ).filter((p): p is Program => p !== undefined);
  if (!designed.length) return done(reply(textMessage(t('certificates.logo_problem.no_design'))));
  const text = t('certificates.logo_which', { name, width: info.width, height: info.height });
  return goTo(
    'program',
    { name, png: bytes.toString('base64') },
    reply(
      message(text)
        .text(text)
        .buttons([
          ...designed
            .slice(0, 20)
            .map((p) =>
              flowButton(
                LOGO_FLOW,
                'program',
                p.id,
                t('certificates.use_for', { program: p.name }).slice(0, 75),
              ),
            ),
          flowButton(LOGO_FLOW, 'program', 'cancel', t('common.cancel')),
        ])
        .build(),
    ),
  );
}

export const logoFlow: Flow = {
  name: LOGO_FLOW,
  titleKey: 'flows.logo',

  async onText(ctx, state) {
    return stay(state, reply(textMessage(ctx.t('flow.use_buttons'))));
  },

  async onChoice(ctx, state, choice) {
    requireAdmin(ctx);
    const { t } = ctx;
    if (choice === 'cancel') return done(reply(textMessage(t('certificates.logo_cancelled'))));
    const data = logoData.parse(state.data);
    const program = await getProgram(ctx.deps.db, ctx.tenant.id, choice);
    if (!program) return stay(state, reply(textMessage(t('flow.use_buttons'))));
    const result = await setLogoAs(ctx.deps, adminRun(ctx), program, Buffer.from(data.png, 'base64'));
    if (!result.ok)
      return done(
        reply(
          textMessage(
            t(`certificates.logo_problem.${result.problem}`, { name: data.name, max: LOGO_MAX_BYTES / 1024 }),
          ),
        ),
      );
    return done(
      reply(await designSummary(ctx, program, t('certificates.logo_saved', { program: program.name }))),
    );
  },
};

/** Diplomas an institution signs: their settings, a sample, the logo, and verifying a number. */
export const certificateFeature: Feature = {
  name: 'certificates',
  commands: [
    command<{ arg: string }>({
      name: 'certificate_settings',
      // `admin diploma ajustes [programa]`: the program as written.
      parse: (words, typed) =>
        /^admin (?:diploma|diplomas|certificate|certificates) (?:ajustes|settings)(?: .+)?$/.test(words)
          ? { arg: wordsAfter(typed, 3) }
          : undefined,
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { arg }) => certificateSettingsForm(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'certificate_sample',
      parse: (words, typed) =>
        /^admin (?:diploma|diplomas|certificate|certificates) (?:muestra|ejemplo|sample|preview)(?: .+)?$/.test(
          words,
        )
          ? { arg: wordsAfter(typed, 3) }
          : undefined,
      readOnly: true,
      rule: 'admin.manage',
      run: (ctx, { arg }) => certificateSample(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'verify_certificate',
      parse: (words) => {
        const m = /^admin (?:verificar|verify)(?: (?:diploma|certificado|certificate))?(?: (.+))?$/.exec(
          words,
        );
        return m ? { arg: m[1] ?? '' } : undefined;
      },
      readOnly: true,
      rule: 'admin.manage',
      run: (ctx, { arg }) => verifyInChat(ctx, arg),
    }),
  ],
  actions: [
    onClick(certificateSettingsKind, (ctx, v) => certificateSettingsForm(ctx, v.program)),
    onClick(certificateSampleKind, (ctx, v) => certificateSample(ctx, v.program)),
    onClick(removeLogoKind, (ctx, v) => removeLogo(ctx, v)),
  ],
  forms: [
    onSubmit(certificateSettingsFormKind, (ctx, v, fields) => submitCertificateSettingsForm(ctx, v, fields)),
  ],
  flows: [logoFlow],
  // A PNG shared by an admin is a diploma logo.
  files: [
    {
      takes: (_ctx, name) => /\.png$/i.test(name),
      run: async (ctx, file, dispatch) =>
        dispatch.start(ctx, LOGO_FLOW, await startLogoUpload(ctx, file.name, file.size, file.read)),
    },
  ],
};
