import { createRequire } from 'node:module';
import type { T } from '../i18n/index.ts';
import type { CycleReport } from './cycle-report.ts';

const require = createRequire(import.meta.url);

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Bar {
  label: string;
  value: number;
}

/** The chart's groups of bars: participants by gender, goals by state, 1:1 sessions. */
function chartGroups(report: CycleReport, t: T): { title: string; bars: Bar[]; color: string }[] {
  return [
    {
      title: t('report.gender'),
      color: '#4C78A8',
      bars: (['f', 'm', 'x', 'n'] as const).map((g) => ({
        label: t(`results.gender.${g}`),
        value: report.participants.by_gender[g],
      })),
    },
    {
      title: t('report.goals'),
      color: '#59A14F',
      bars: Object.entries(report.goals.by_state).map(([state, value]) => ({
        label: t(`goal.state.${state}`),
        value,
      })),
    },
    {
      title: t('report.sessions'),
      color: '#F28E2B',
      bars: [
        { label: t('chart.proposed'), value: report.sessions.proposed },
        { label: t('chart.held'), value: report.sessions.held },
      ],
    },
  ];
}

/**
 * The chart in words, every figure it shows: its alt text, for screen readers and wherever the
 * image cannot be shown.
 */
export function reportChartAlt(report: CycleReport, t: T): string {
  const groups = chartGroups(report, t).map(
    (g) =>
      `${g.title}: ${g.bars.length ? g.bars.map((b) => `${b.label} ${b.value}`).join(', ') : t('chart.none')}`,
  );
  return t('chart.alt', {
    title: t('report.title', { cycle: report.cycle.name }),
    groups: groups.join('. '),
  });
}

/**
 * The report's main figures as one image: participants by gender, goals by state, and 1:1
 * sessions proposed and held, as labelled horizontal bars. SVG first, then PNG (resvg, with a
 * bundled DejaVu font so that it looks the same on every server).
 */
export function reportChartSvg(report: CycleReport, t: T): string {
  const groups = chartGroups(report, t);
  const width = 720;
  const labelWidth = 210;
  const barArea = width - labelWidth - 80;
  const rowHeight = 26;
  let y = 48;
  const parts: string[] = [
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="30" font-size="20" font-weight="bold" fill="#222">${xml(t('report.title', { cycle: report.cycle.name }))}</text>`,
  ];
  for (const group of groups) {
    y += 18;
    parts.push(
      `<text x="20" y="${y}" font-size="15" font-weight="bold" fill="#333">${xml(group.title)}</text>`,
    );
    y += 8;
    if (!group.bars.length) {
      parts.push(
        `<text x="${labelWidth - 10}" y="${y + 17}" font-size="13" text-anchor="end" fill="#777">${xml(t('chart.none'))}</text>`,
      );
      y += rowHeight;
    }
    const max = Math.max(1, ...group.bars.map((b) => b.value));
    for (const bar of group.bars) {
      const w = Math.round((bar.value / max) * barArea);
      parts.push(
        `<text x="${labelWidth - 10}" y="${y + 17}" font-size="13" text-anchor="end" fill="#444">${xml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(w, 1)}" height="${rowHeight - 8}" rx="3" fill="${group.color}"/>`,
        `<text x="${labelWidth + Math.max(w, 1) + 6}" y="${y + 17}" font-size="13" fill="#222">${bar.value}</text>`,
      );
      y += rowHeight;
    }
  }
  const height = y + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">${parts.join('')}</svg>`;
}

export async function reportChartPng(report: CycleReport, t: T): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const font = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const bold = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
  const resvg = new Resvg(reportChartSvg(report, t), {
    font: { fontFiles: [font, bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: 720 },
  });
  return Buffer.from(resvg.render().asPng());
}
