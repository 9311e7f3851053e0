import type { SimulationResult } from './simulate.ts';

const html = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** Bars per day for one series, as an inline SVG. */
function chart(
  title: string,
  days: SimulationResult['days'],
  key: 'reminders' | 'actions' | 'notifications',
  color: string,
): string {
  const width = 960;
  const height = 180;
  const most = Math.max(1, ...days.map((d) => d[key]));
  const step = width / Math.max(1, days.length);
  const bars = days
    .map((d, i) => {
      const h = (d[key] / most) * (height - 30);
      return `<rect x="${(i * step).toFixed(1)}" y="${(height - 20 - h).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${d.day}: ${d[key]}</title></rect>`;
    })
    .join('');
  const months = days
    .map((d, i) =>
      d.day.endsWith('-01')
        ? `<text x="${(i * step).toFixed(1)}" y="${height - 5}" font-size="11">${d.day.slice(0, 7)}</text>`
        : '',
    )
    .join('');
  return `<h2>${html(title)}</h2><svg width="${width + 60}" height="${height}" role="img" aria-label="${html(title)}">${bars}${months}<text x="0" y="12" font-size="11">max ${most}</text></svg>`;
}

/** The simulation's page: checks, reminders by kind, actions, and a chart per series. */
export function simulationPage(result: SimulationResult): string {
  const rows = Object.entries(result.byKind)
    .sort()
    .map(
      ([kind, states]) =>
        `<tr><td>${html(kind)}</td><td>${html(
          Object.entries(states)
            .map(([s, n]) => `${s} ${n}`)
            .join(', '),
        )}</td></tr>`,
    )
    .join('');
  const actions = Object.entries(result.actions)
    .sort()
    .map(([what, n]) => `<tr><td>${html(what)}</td><td>${n}</td></tr>`)
    .join('');
  const checks = result.checks
    .map(
      (c) =>
        `<li class="${c.ok ? 'ok' : 'ko'}">${c.ok ? '✓' : '✗'} ${html(c.name)}${c.ok ? '' : ` — ${html(c.detail)}`}</li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mentoría — simulated cycle</title>
<style>body{font-family:DejaVu Sans,sans-serif;margin:2em;color:#222}td{padding:2px 12px}li.ok{color:#176b2c}li.ko{color:#a11}</style></head><body>
<h1>Simulated cycle: ${result.people} people, ${result.tenants} tenants, ${html(result.from)} to ${html(result.to)}</h1>
<p>Simulated in ${result.seconds} s.</p><h2>Checks</h2><ul>${checks}</ul>
${chart('Reminders sent per day', result.days, 'reminders', '#2b6cb0')}
${chart('People’s actions per day (answers, clicks, forms)', result.days, 'actions', '#2f855a')}
${chart('Notifications per day (the bot telling one person what another did)', result.days, 'notifications', '#b7791f')}
<h2>Reminders by kind (final state of each row)</h2><table>${rows}</table>
<h2>What the simulated people did</h2><table>${actions}</table></body></html>
`;
}
