import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/text.render.ts';
import { baseActionId, filesOf, renderMessages, renderModal } from '../../adapters/slack/block-kit.render.ts';
import { renderCards, renderFormCard } from '../../adapters/teams/adaptive-card.render.ts';
import { proposalMessage } from '../../src/flows/session.flow.ts';
import { reviewRequest } from '../../src/flows/views.ts';
import { formatter, translator } from '../../src/i18n/index.ts';
import { type Form, message, type OutboundMessage } from '../../src/messages/model.ts';

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
