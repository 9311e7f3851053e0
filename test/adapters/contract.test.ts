import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/text.render.ts';
import { createHttpServer, listen } from '../../adapters/http/server.ts';
import { parseServerConfig } from '../../adapters/platforms.ts';
import { baseActionId, filesOf, renderMessages, renderModal } from '../../adapters/slack/block-kit.render.ts';
import { renderCards, renderFormCard } from '../../adapters/teams/adaptive-card.render.ts';
import { teamsPlatform } from '../../adapters/teams/platform.ts';
import { TeamsAdapter } from '../../adapters/teams/teams.adapter.ts';
import { systemClock } from '../../src/clock.ts';
import { proposalMessage } from '../../src/flows/session.flow.ts';
import { reviewRequest } from '../../src/flows/views.ts';
import { formatter, translator } from '../../src/i18n/index.ts';
import { createLogger } from '../../src/log.ts';
import { button, type Form, message, type OutboundMessage, textMessage } from '../../src/messages/model.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { RecordingCore } from '../support/core.ts';
import { openMigratedPGlite } from '../support/databases.ts';

/** What an adapter makes of a neutral message, reduced to what the contract checks. */
interface Rendered {
  text: string;
  buttons: { actionId: string; value: string }[];
  files: string[];
}

interface AdapterUnderContract {
  name: string;
  render(message: OutboundMessage): Rendered;
  formFields(form: Form): string[];
}

const adapters: AdapterUnderContract[] = [
  {
    name: 'console',
    render(m) {
      const files: string[] = [];
      let n = 0;
      const { lines, buttons } = renderText(m, {
        messageRef: 'r',
        nextNumber: () => ++n,
        saveFile: (name) => {
          files.push(name);
          return name;
        },
      });
      return {
        text: lines.join('\n'),
        buttons: buttons.map((b) => ({ actionId: b.button.actionId, value: b.button.value })),
        files,
      };
    },
    formFields: (form) => form.fields.map((f) => f.id),
  },
  {
    name: 'slack',
    render(m) {
      const parts = renderMessages(m);
      const blocks = parts.flatMap((p) => p.blocks) as {
        type: string;
        elements?: { action_id?: string; value?: string }[];
      }[];
      const buttons = blocks
        .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
        .map((e) => ({ actionId: baseActionId(e.action_id ?? ''), value: e.value ?? '' }));
      const text = JSON.stringify(blocks).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      return { text, buttons, files: filesOf(m).map((f) => f.name) };
    },
    formFields: (form) => renderModal(form, {}, 'x').blocks.map((b: { block_id: string }) => b.block_id),
  },
  {
    name: 'teams',
    render(m) {
      const cards = renderCards(m);
      const actions = cards.flatMap((c) =>
        c.body.flatMap((e: { type: string; actions?: { verb: string; data: { value: string } }[] }) =>
          e.type === 'ActionSet' ? (e.actions ?? []) : [],
        ),
      );
      return {
        text: JSON.stringify(cards).replace(/\*\*/g, '*'),
        buttons: actions.map((a: { verb: string; data: { value: string } }) => ({
          actionId: a.verb,
          value: a.data.value,
        })),
        files: m.blocks.flatMap((b) =>
          b.type === 'file' && JSON.stringify(cards).includes(b.name) ? [b.name] : [],
        ),
      };
    },
    formFields: (form) =>
      renderFormCard(form)
        .body.filter((e: { id?: string }) => e.id)
        .map((e: { id: string }) => e.id),
  },
];

const reader = { t: translator('es', 'f'), fmt: formatter('es', 'America/Santiago') };
const goal = {
  tenantId: 't',
  id: 'g1',
  pairingId: 'p',
  cycleId: 'c',
  menteeId: 'm',
  state: 'submitted' as const,
  title: 'Mejorar la comunicación <equipo> & área',
  specific: 'Organizar reuniones',
  measurable: '12 reuniones',
  achievable: 'Sí',
  relevant: 'Sí',
  dueDate: '2026-06-30',
  competencies: ['leadership'],
  milestones: [{ title: 'Primer hito', dueDate: '2026-04-30' }],
  revision: 2,
  version: 3,
  submittedAt: new Date('2026-03-10T16:00:00Z'),
  approvedAt: null,
};
const session = {
  tenantId: 't',
  id: 's1',
  pairingId: 'p',
  state: 'proposed' as const,
  startsAt: new Date('2026-03-17T21:00:00Z'),
  durationMinutes: 60,
  place: 'Sala 3',
  agenda: 'Plan',
  proposedBy: 'x',
  notes: null,
  agreements: null,
  reason: null,
  sequence: 0,
  version: 1,
};
const samples: [string, OutboundMessage][] = [
  [
    'a review request',
    reviewRequest(
      reader,
      goal,
      'Ana',
      [{ key: 'leadership', nameEs: 'Liderazgo', nameEn: 'Leadership', category: 'general' }],
      'Antes',
    ),
  ],
  ['a session proposal', proposalMessage(reader, session, 'Luis', false)],
  [
    'a message with a file',
    message('ics').text('Invitación').file('sesion.ics', 'text/calendar', 'BEGIN:VCALENDAR').build(),
  ],
];

describe.each(adapters)('adapter contract: $name', (adapter) => {
  it.each(samples)('renders %s without losing text, buttons or files', (_name, m) => {
    const rendered = adapter.render(m);
    const expectedButtons = m.blocks
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .map((b) => ({ actionId: b.actionId, value: b.value }));
    // Every click comes back to the core with the action id and value it was given.
    expect(rendered.buttons).toEqual(expectedButtons);
    for (const block of m.blocks) {
      if (block.type === 'text') expect(rendered.text).toContain(block.text.split('\n')[0]);
      if (block.type === 'fields') for (const f of block.fields) expect(rendered.text).toContain(f.label);
    }
    expect(rendered.files).toEqual(m.blocks.flatMap((b) => (b.type === 'file' ? [b.name] : [])));
  });

  it('offers every field of a form', () => {
    const form: Form = {
      actionId: 'goal.request_changes',
      title: 'Pedir cambios',
      submitLabel: 'Enviar',
      value: '{"g":"g1","r":2}',
      fields: [
        { id: 'comment', kind: 'long_text', label: 'Comentario', required: true },
        { id: 'when', kind: 'date', label: 'Fecha', required: false },
      ],
    };
    expect(adapter.formFields(form)).toEqual(['comment', 'when']);
  });
});

/**
 * Inbound: recorded-shape Teams activities (Action.Execute invokes as the Teams client posts
 * them) through the real adapter into a recording core: the events the core receives, and the
 * invoke answers the client shows.
 */
describe('adapter contract: teams inbound', () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8'));
  let core: RecordingCore;
  let db: OpenDatabase;
  let url = '';
  let server: Server;

  beforeAll(async () => {
    db = await openMigratedPGlite();
    nock('https://smba.trafficmanager.net')
      .persist()
      .get(/\/amer\/v3\/conversations\/.+\/members\/.+/)
      .reply(404, { error: { code: 'MemberNotFound' } })
      .post(/\/amer\/v3\/conversations\/.+\/activities.*/)
      .reply(200, { id: 'posted' });
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    const parsed = parseServerConfig({
      LOG_LEVEL: 'silent',
      TEAMS_ANONYMOUS: 'true',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    core = new RecordingCore({
      db: db.db,
      clock: systemClock,
      chat: { send: async () => null, update: async () => {} },
      defaults: { locale: 'es', timezone: 'UTC' },
    });
    const teams = new TeamsAdapter({
      config: parsed.config,
      core,
      clock: systemClock,
      log: createLogger('silent'),
    });
    server = createHttpServer({
      platforms: [{ routes: teamsPlatform.routes, listener: (req, res) => teams.handle(req, res) }],
      health: async () => true,
    });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await db?.close();
    nock.cleanAll();
    nock.restore();
  });

  const post = async (body: object) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the invoke answer's JSON.
    return { status: res.status, body: (await res.json()) as any };
  };
  // biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
  const flat = (card: any): any[] => [
    ...(card.body ?? []),
    ...(card.body ?? []).flatMap((e: { items?: unknown[] }) => e.items ?? []),
  ];

  it('an invoke with errors: the core gets the form, the card comes back filled in with the problem under its field', async () => {
    const submit = fixture('invoke-form-submit');
    core.replies.push({
      messages: [textMessage('Fecha límite: esa fecha no existe.')],
      formErrors: { dueDate: 'Esa fecha no existe (febrero no tiene 30 días).' },
      refused: true,
    });
    const res = await post(submit);
    expect(res.status).toBe(200);
    expect(core.events.at(-1)).toMatchObject({
      kind: 'form',
      platform: 'teams',
      actionId: 'goal.form',
      value: '{"p":"pairing-1"}',
      submissionId: 'form-7c1e',
      fields: { title: 'Reducir el tiempo de respuesta', dueDate: '2026-02-30' },
      eventId: `${submit.conversation.id}:${submit.id}`,
      user: { externalId: submit.from.id, locale: 'es-MX', timezone: 'America/Mexico_City' },
    });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const elements = flat(res.body.value);
    const title = elements.find((e) => e.id === 'title');
    expect(title.value).toBe('Reducir el tiempo de respuesta');
    const at = elements.findIndex((e) => e.id === 'dueDate');
    expect(elements[at + 1]).toMatchObject({
      type: 'TextBlock',
      text: 'Esa fecha no existe (febrero no tiene 30 días).',
    });
    // Adaptive Card enum values are case-insensitive.
    expect(String(elements[at + 1].color).toLowerCase()).toBe('attention');
  });

  it('a form resubmitted (corrected, a new activity, the same form instance): the same submission id reaches the core, the card becomes the outcome', async () => {
    const again = fixture('invoke-form-resubmit');
    core.replies.push({
      messages: [textMessage('Listo: envié «Reducir el tiempo de respuesta» a revisión.')],
    });
    const res = await post(again);
    const [first, second] = core.events.slice(-2);
    expect(second).toMatchObject({
      kind: 'form',
      submissionId: 'form-7c1e',
      fields: { dueDate: '2026-06-30' },
    });
    expect(second?.eventId).not.toBe(first?.eventId);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(res.body.value);
    expect(text).toContain('Listo: envié «Reducir el tiempo de respuesta» a revisión.');
    expect(text).not.toContain('Action.Execute');
    expect(text).not.toContain('Input.');
  });

  it('a click in a list: the core gets the button’s value as given, the clicked card is answered with the refreshed list', async () => {
    const click = fixture('invoke-list-click');
    core.replies.push({
      messages: [],
      replaceOriginal: message('Metas de Ana Torres')
        .text('Metas de Ana Torres')
        .text('• *Reducir el tiempo de respuesta* — Aprobada (30 jun 2026)')
        .text('• *Capacitar al equipo* — En revisión (31 jul 2026)')
        .buttons([button('goal.approve', 'Aprobar', { g: 'goal-2', r: 1, l: 1 }, 'primary')])
        .build(),
    });
    const res = await post(click);
    expect(core.events.at(-1)).toMatchObject({
      kind: 'action',
      actionId: 'goal.approve',
      value: '{"g":"goal-1","r":1,"l":1}',
    });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const texts = flat(res.body.value)
      .filter((e) => e.type === 'TextBlock')
      .map((e) => e.text);
    expect(texts).toEqual([
      'Metas de Ana Torres',
      '• **Reducir el tiempo de respuesta** — Aprobada (30 jun 2026)',
      '• **Capacitar al equipo** — En revisión (31 jul 2026)',
    ]);
  });
});
