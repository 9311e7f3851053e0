import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CERTIFICATE_RANDOM_BYTES,
  type CertificateDesignInput,
  certificateDesignSchema,
  certificateNumber,
  normaliseCertificateNumber,
  pngLogoInfo,
} from '../domain/certificate.ts';
import type { Program } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { formatter, translator } from '../i18n/index.ts';
import {
  type DiplomaDesign,
  drawableImage,
  type IssuedCertificate,
  qualifying,
} from '../reports/diplomas.ts';
import type { Results } from '../reports/participants.ts';
import { recordAudit } from '../store/audit.store.ts';
import {
  type CertificateDesign,
  type CertificateFound,
  findCertificate,
  getCertificateDesign,
  issueCertificates,
  saveCertificateDesign,
} from '../store/certificate.store.ts';
import type { Db } from '../store/db.ts';
import type { AdminRun } from './admin.service.ts';
import type { Deps } from './deps.ts';

export type { CertificateDesign, CertificateFound };

/** A program's design as the diploma draws it; undefined when the program never set one. */
export async function diplomaDesign(
  db: Db,
  tenantId: string,
  programId: string,
): Promise<DiplomaDesign | undefined> {
  return getCertificateDesign(db, tenantId, programId);
}

/**
 * The institution and signatories of a program's diplomas, checked as a whole (nothing is
 * written unless all is right) and audited with before and after (the logo by its size).
 */
export async function saveDesignAs(
  deps: Deps,
  run: AdminRun,
  program: Program,
  input: CertificateDesignInput,
): Promise<{ design: CertificateDesign | undefined; problems: { path: string; code: string }[] }> {
  const checked = certificateDesignSchema.safeParse(input);
  const before = await getCertificateDesign(deps.db, run.tenantId, program.id);
  if (!checked.success)
    return {
      design: before,
      problems: checked.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })),
    };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await saveCertificateDesign(tx, run.tenantId, program.id, checked.data, now);
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'certificate.design',
      subjectType: 'program',
      subjectId: program.id,
      data: {
        before: before ? { institution: before.institution, signatories: before.signatories } : null,
        after: checked.data,
      },
    });
  });
  return { design: await getCertificateDesign(deps.db, run.tenantId, program.id), problems: [] };
}

export type LogoProblem = 'not_png' | 'too_big' | 'dimensions' | 'unreadable' | 'no_design';

/**
 * A program's logo: a PNG that pdfkit can draw (tried before it is kept, so a damaged file can
 * never break every diploma), or null to remove it. The design must exist (the institution's
 * name comes first). Audited with the image's size, not its bytes.
 */
export async function setLogoAs(
  deps: Deps,
  run: AdminRun,
  program: Program,
  logo: Buffer | null,
): Promise<{ ok: true; width?: number; height?: number } | { ok: false; problem: LogoProblem }> {
  const design = await getCertificateDesign(deps.db, run.tenantId, program.id);
  if (!design) return { ok: false, problem: 'no_design' };
  let size: { width: number; height: number } | undefined;
  if (logo) {
    const info = pngLogoInfo(logo);
    if (!info.ok) return { ok: false, problem: info.problem };
    if (!(await drawableImage(logo))) return { ok: false, problem: 'unreadable' };
    size = { width: info.width, height: info.height };
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await saveCertificateDesign(
      tx,
      run.tenantId,
      program.id,
      { institution: design.institution, signatories: design.signatories, logo },
      now,
    );
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: logo ? 'certificate.logo' : 'certificate.logo_removed',
      subjectType: 'program',
      subjectId: program.id,
      data: logo ? { bytes: logo.length, ...size } : {},
    });
  });
  return { ok: true, ...size };
}

/**
 * The certificates of everyone who qualifies in a results file: those issued before keep their
 * number and date, the rest are issued now with fresh random numbers. A certificate is issued
 * once per person and cycle, whoever builds the file and however often.
 */
export async function issueFor(deps: Deps, results: Results): Promise<Map<string, IssuedCertificate>> {
  const people = qualifying(results).map((r) => ({
    personId: r.personId,
    number: certificateNumber(randomBytes(CERTIFICATE_RANDOM_BYTES)),
  }));
  if (!people.length) return new Map();
  return deps.db
    .transaction()
    .execute((tx) =>
      issueCertificates(tx, results.cycle.tenantId, results.cycle.id, people, deps.clock.now()),
    );
}

/** A certificate by its number as typed; `malformed` when the text cannot be a number at all. */
export async function verifyCertificate(
  db: Db,
  typed: string,
): Promise<CertificateFound | 'malformed' | undefined> {
  const number = normaliseCertificateNumber(typed);
  if (!number) return 'malformed';
  return findCertificate(db, number);
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * GET /verify/<number>: whether a certificate exists, and only whose it is, for which cycle and
 * program, which institution issued it and when. In the browser's language (Spanish unless it
 * prefers English). The server limits how often one address may ask.
 */
export function verifyHandler(deps: { db: Db }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }).end();
      return;
    }
    const accept = String(req.headers['accept-language'] ?? '');
    const locale = /^\s*en\b/i.test(accept) ? 'en' : 'es';
    const t = translator(locale);
    let typed = '';
    try {
      typed = decodeURIComponent((req.url ?? '').split('?')[0]?.replace(/^\/verify\//, '') ?? '');
    } catch {
      typed = '';
    }
    const found = typed.length <= 40 ? await verifyCertificate(deps.db, typed) : 'malformed';
    const lines: string[] = [];
    let title: string;
    if (found && found !== 'malformed') {
      const fmt = formatter(locale, found.timezone);
      title = t('certificates.page.valid');
      lines.push(
        t(found.institution ? 'certificates.page.holder' : 'certificates.page.holder_no_institution', {
          name: found.holder,
          cycle: found.cycle,
          program: found.program,
          institution: found.institution ?? '',
          date: fmt.date(localDate(found.issuedAt, found.timezone)),
        }),
        t('certificates.page.number', { number: found.number }),
      );
    } else {
      title = t('certificates.page.unknown');
      lines.push(t(found === 'malformed' ? 'certificates.page.malformed' : 'certificates.page.not_found'));
    }
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:38rem;margin:3rem auto;padding:0 1rem;color:#1f2937}h1{color:${found && found !== 'malformed' ? '#1f6b3a' : '#8a1c1c'};font-size:1.5rem}p{line-height:1.5}</style></head><body><h1>${escapeHtml(title)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`;
    res.writeHead(found && found !== 'malformed' ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-language': locale,
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
}
