import { createRequire } from 'node:module';
import type { Locale } from '../config.ts';
import type { Gender } from '../domain/model.ts';
import { formatter, type T, translator } from '../i18n/index.ts';
import type { Results } from './participants.ts';

const require = createRequire(import.meta.url);

/**
 * One PDF with a certificate page per qualifying person, each in that person's language: name,
 * program, cycle and its dates. DejaVu fonts are embedded, so any name prints correctly.
 */
export async function diplomasPdf(
  results: Results,
  /** The words of whoever asked for the file (a page saying nobody qualifies yet). */
  reader: T = translator('es'),
): Promise<{ pdf: Buffer; people: number }> {
  const { default: PDFDocument } = await import('pdfkit');
  const seen = new Set<string>();
  const qualifying = results.rows.filter((r) => r.diploma && !seen.has(r.personId) && seen.add(r.personId));
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 60,
    autoFirstPage: false,
    info: { Title: 'Diplomas', Author: 'Mentoría' },
  });
  doc.registerFont('regular', require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  doc.registerFont('bold', require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const person of qualifying) {
    const locale: Locale = person.locale === 'en' ? 'en' : 'es';
    const t = translator(locale, person.gender as Gender | null);
    const fmt = formatter(locale, results.cycle.timezone);
    doc.addPage();
    const { width, height } = doc.page;
    doc
      .lineWidth(3)
      .strokeColor('#4C78A8')
      .rect(30, 30, width - 60, height - 60)
      .stroke();
    doc
      .moveDown(3)
      .font('bold')
      .fontSize(36)
      .fillColor('#1f3b63')
      .text(t('diploma.title'), { align: 'center' });
    doc
      .moveDown(1)
      .font('regular')
      .fontSize(16)
      .fillColor('#333')
      .text(t('diploma.granted_to'), { align: 'center' });
    doc.moveDown(0.6).font('bold').fontSize(30).fillColor('#111').text(person.name, { align: 'center' });
    doc
      .moveDown(1)
      .font('regular')
      .fontSize(16)
      .fillColor('#333')
      .text(
        t('diploma.text', {
          role: t(`own_role.${person.role}`),
          program: results.program.name,
          cycle: results.cycle.name,
          from: fmt.date(results.cycle.enrollmentStarts),
          to: fmt.date(results.cycle.ends),
        }),
        { align: 'center' },
      );
    doc.moveDown(3).fontSize(12).fillColor('#666').text(t('diploma.footer'), { align: 'center' });
  }
  if (qualifying.length === 0) {
    // A clear page for the admin who asked, rather than an empty document.
    doc
      .addPage()
      .font('regular')
      .fontSize(14)
      .text(reader('diplomas.nobody', { cycle: results.cycle.name }), { align: 'center' });
  }
  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), people: qualifying.length };
}
