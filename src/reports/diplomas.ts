import { createRequire } from 'node:module';
import type { Locale } from '../config.ts';
import type { Gender } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { type Formatter, formatter, type T, translator } from '../i18n/index.ts';
import type { Results } from './participants.ts';

const require = createRequire(import.meta.url);

/** What a program's diplomas carry besides the person: who grants them, their logo, who signs. */
export interface DiplomaDesign {
  institution: string;
  signatories: { name: string; position: string }[];
  logo: Buffer | null;
}

/** A certificate issued to one person: the number anyone can check, and when it was issued. */
export interface IssuedCertificate {
  number: string;
  issuedAt: Date;
}

/** One page's content, in its holder's words. */
interface Page {
  t: T;
  fmt: Formatter;
  name: string;
  role: 'mentor' | 'mentee';
  program: string;
  cycle: string;
  from: string;
  to: string;
  issuedOn: string;
  number: string;
}

type Doc = PDFKit.PDFDocument;

const BLUE = '#1f3b63';
const INK = '#111111';
const GREY = '#555555';

/** The largest size (down to `min`) at which `text` fits `width` on one line. */
function fitted(doc: Doc, text: string, size: number, width: number, min: number): number {
  let s = size;
  while (s > min && doc.fontSize(s).widthOfString(text) > width) s -= 1;
  return s;
}

/**
 * One certificate page, A4 landscape (842 × 595 pt), drawn at fixed positions so that every page
 * looks the same whatever the name's length: the logo and institution on top, the title, the
 * person, what they did, the signatories side by side, and the issue date and number that
 * anyone can check at the verification address.
 */
function drawPage(
  doc: Doc,
  page: Page,
  design: DiplomaDesign | undefined,
  verifyBase: string | undefined,
): void {
  const { t } = page;
  doc.addPage();
  const { width, height } = doc.page;
  const inner = width - 160;
  const center = (text: string, y: number, font: 'regular' | 'bold', size: number, color: string) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, 80, y, { width: inner, align: 'center', lineBreak: true });
  doc
    .lineWidth(3)
    .strokeColor('#4C78A8')
    .rect(30, 30, width - 60, height - 60)
    .stroke();
  doc
    .lineWidth(0.8)
    .strokeColor('#9db4d3')
    .rect(38, 38, width - 76, height - 76)
    .stroke();
  let y = 58;
  if (design?.logo) {
    doc.image(design.logo, width / 2 - 110, y, { fit: [220, 70], align: 'center', valign: 'center' });
    y += 78;
  } else y += 30;
  if (design?.institution) {
    doc.font('bold');
    const size = fitted(doc, design.institution, 17, inner, 10);
    center(design.institution, y, 'bold', size, BLUE);
  }
  center(t('diploma.title'), y + 32, 'bold', 32, BLUE);
  center(t('diploma.granted_to'), y + 80, 'regular', 15, '#333333');
  doc.font('bold');
  center(page.name, y + 104, 'bold', fitted(doc, page.name, 28, inner, 14), INK);
  center(
    t('diploma.text', {
      role: t(`own_role.${page.role}`),
      program: page.program,
      cycle: page.cycle,
      from: page.from,
      to: page.to,
    }),
    y + 150,
    'regular',
    14,
    '#333333',
  );
  const signers = design?.signatories ?? [];
  if (signers.length) {
    const column = inner / signers.length;
    const lineY = height - 150;
    signers.forEach((s, i) => {
      const x = 80 + i * column;
      doc
        .lineWidth(0.8)
        .strokeColor(GREY)
        .moveTo(x + 20, lineY)
        .lineTo(x + column - 20, lineY)
        .stroke();
      doc
        .font('bold')
        .fontSize(12)
        .fillColor(INK)
        .text(s.name, x, lineY + 6, { width: column, align: 'center' });
      doc
        .font('regular')
        .fontSize(10)
        .fillColor(GREY)
        .text(s.position, x, lineY + 22, { width: column, align: 'center' });
    });
  }
  const issued = t('diploma.issued', { date: page.issuedOn, number: page.number });
  const check = verifyBase
    ? t('diploma.verify_at', { url: `${verifyBase.replace(/\/+$/, '')}/verify/${page.number}` })
    : design?.institution
      ? t('diploma.verify_with', { institution: design.institution })
      : t('diploma.footer');
  center(issued, height - 86, 'regular', 10, GREY);
  center(check, height - 72, 'regular', 9, GREY);
}

async function newDocument(title: string): Promise<{ doc: Doc; done: () => Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 60,
    autoFirstPage: false,
    info: { Title: title, Author: 'Mentoría' },
  });
  doc.registerFont('regular', require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  doc.registerFont('bold', require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  return {
    doc,
    done: async () => {
      doc.end();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}

/** The people of a results file who qualify for a diploma, once each. */
export function qualifying(results: Results): Results['rows'] {
  const seen = new Set<string>();
  return results.rows.filter((r) => r.diploma && !seen.has(r.personId) && seen.add(r.personId));
}

/**
 * One PDF with a certificate page per qualifying person, each in that person's language: the
 * institution, name, program, cycle and its dates, the signatories, the issue date and the
 * certificate number (with where to check it). DejaVu fonts are embedded, so any name prints.
 */
export async function diplomasPdf(
  results: Results,
  /** The words of whoever asked for the file (a page saying nobody qualifies yet). */
  reader: T = translator('es'),
  extras: {
    design?: DiplomaDesign | undefined;
    certificates?: Map<string, IssuedCertificate>;
    /** The public address (PUBLIC_URL) whose /verify/<number> page checks a certificate. */
    verifyBase?: string | undefined;
  } = {},
): Promise<{ pdf: Buffer; people: number }> {
  const people = qualifying(results);
  const { doc, done } = await newDocument('Diplomas');
  for (const person of people) {
    const locale: Locale = person.locale === 'en' ? 'en' : 'es';
    const fmt = formatter(locale, results.cycle.timezone);
    const certificate = extras.certificates?.get(person.personId);
    drawPage(
      doc,
      {
        t: translator(locale, person.gender as Gender | null),
        fmt,
        name: person.name,
        role: person.role === 'mentor' ? 'mentor' : 'mentee',
        program: results.program.name,
        cycle: results.cycle.name,
        from: fmt.date(results.cycle.enrollmentStarts),
        to: fmt.date(results.cycle.ends),
        issuedOn: certificate ? fmt.date(localDate(certificate.issuedAt, results.cycle.timezone)) : '',
        number: certificate?.number ?? '',
      },
      extras.design,
      extras.verifyBase,
    );
  }
  if (people.length === 0) {
    // A clear page for the admin who asked, rather than an empty document.
    doc
      .addPage()
      .font('regular')
      .fontSize(14)
      .text(reader('diplomas.nobody', { cycle: results.cycle.name }), { align: 'center' });
  }
  return { pdf: await done(), people: people.length };
}

/**
 * A sample page, to see how a program's diplomas look before issuing any: a made-up name and
 * "SAMPLE" where the number goes. Nothing is issued.
 */
export async function diplomaSamplePdf(input: {
  t: T;
  fmt: Formatter;
  program: string;
  cycle?: { name: string; from: string; to: string } | undefined;
  today: string;
  design: DiplomaDesign | undefined;
  verifyBase?: string | undefined;
}): Promise<Buffer> {
  const { doc, done } = await newDocument('Diploma');
  const { t, fmt } = input;
  drawPage(
    doc,
    {
      t,
      fmt,
      name: t('certificates.sample_name'),
      role: 'mentee',
      program: input.program,
      cycle: input.cycle?.name ?? '—',
      from: input.cycle ? fmt.date(input.cycle.from) : '—',
      to: input.cycle ? fmt.date(input.cycle.to) : '—',
      issuedOn: fmt.date(input.today),
      number: t('certificates.sample_number'),
    },
    input.design,
    input.verifyBase,
  );
  return done();
}

/** Whether pdfkit can draw these bytes as an image (a logo is tried before it is kept). */
export async function drawableImage(bytes: Buffer): Promise<boolean> {
  const { doc, done } = await newDocument('check');
  try {
    doc.addPage();
    doc.image(bytes, 0, 0, { fit: [100, 100] });
    await done();
    return true;
  } catch {
    return false;
  }
}
