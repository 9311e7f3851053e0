import { describe, expect, it } from 'vitest';
import {
  baseActionId,
  fromSlackText,
  modalValues,
  renderMessages,
  renderModal,
  SLACK_LIMITS,
} from '../../../adapters/slack/block-kit.render.ts';
import { button, message } from '../../../src/messages/model.ts';

describe('Block Kit within Slack’s limits', () => {
  it('splits a message past 50 blocks into several messages instead of being rejected', () => {
    const b = message('largo');
    for (let i = 0; i < 120; i++) b.text(`línea ${i}`);
    const parts = renderMessages(b.build());
    expect(parts.map((p) => p.blocks.length)).toEqual([50, 50, 20]);
  });

  it('chunks section text at 3,000 characters and clips button labels at 75', () => {
    const long = `${'palabra '.repeat(1000)}`;
    const [part] = renderMessages(
      message('x')
        .text(long)
        .buttons([button('goal.approve', 'A'.repeat(120), { g: 'x', r: 1 })])
        .build(),
    );
    const sections = part?.blocks.filter((b) => b.type === 'section') ?? [];
    expect(sections.length).toBe(3);
    for (const s of sections)
      expect((s as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(
        SLACK_LIMITS.sectionText,
      );
    const actions = part?.blocks.find((b) => b.type === 'actions') as {
      elements: { text: { text: string }; action_id: string; value: string }[];
    };
    expect(actions.elements[0]?.text.text.length).toBe(75);
    expect(baseActionId(actions.elements[0]?.action_id ?? '')).toBe('goal.approve');
    expect(JSON.parse(actions.elements[0]?.value ?? '')).toEqual({ g: 'x', r: 1 });
  });

  it('escapes what Slack would read as markup, keeps *bold*', () => {
    const [part] = renderMessages(message('x').text('*Meta* <script> & co').build());
    const first = part?.blocks[0] as { text: { text: string } };
    expect(first.text.text).toBe('*Meta* &lt;script&gt; &amp; co');
  });

  it('escapes user text in the notification fallback too, so a title cannot become a live link', () => {
    const title = 'Tablero <https://phish.example/x|Aprobar aquí> & más';
    const [part] = renderMessages(message(`Ana envió «${title}»`).text(`Ana envió «${title}»`).build());
    expect(part?.text).toBe('Ana envió «Tablero &lt;https://phish.example/x|Aprobar aquí&gt; &amp; más»');
    const [plain] = renderMessages({ summary: title, blocks: [] });
    expect(plain?.text).not.toContain('<https://');
    expect(JSON.stringify(plain?.blocks)).not.toContain('<https://');
  });

  it('reads message text as Slack sends it (escaped, with link and mention forms) as plain text', () => {
    // As delivered in message.im and slash commands for "Sala 3 & <Meet> <2>".
    expect(fromSlackText('Sala 3 &amp; <https://meet.example/abc|Meet> &lt;2&gt;')).toBe(
      'Sala 3 & Meet (https://meet.example/abc) <2>',
    );
    expect(fromSlackText('<https://meet.example/abc>')).toBe('https://meet.example/abc');
    expect(fromSlackText('<http://intranet.gob|intranet.gob>')).toBe('http://intranet.gob');
    expect(fromSlackText('escribe a <mailto:rrhh@example.gob|rrhh@example.gob>')).toBe(
      'escribe a rrhh@example.gob',
    );
    expect(fromSlackText('hola <@U024BE7LH> y <#C024BE7LR|general> <!here>')).toBe(
      'hola @U024BE7LH y #general @here',
    );
    expect(fromSlackText('&amp;lt; literal')).toBe('&lt; literal');
    expect(fromSlackText('sin marcas')).toBe('sin marcas');
  });

  it('turns a form into a modal and a submission back into values', () => {
    const view = renderModal(
      {
        actionId: 'goal.form',
        title: 'Nueva meta SMART con un título muy largo',
        submitLabel: 'Enviar',
        value: '{}',
        fields: [
          { id: 'title', kind: 'short_text', label: 'Título', required: true, maxLength: 120 },
          { id: 'dueDate', kind: 'date', label: 'Fecha', required: true },
          {
            id: 'competencies',
            kind: 'multi_choice',
            label: 'Competencias',
            required: false,
            options: [{ value: 'leadership', label: 'Liderazgo' }],
          },
        ],
      },
      { c: 'D1', ts: '1.2' },
      'Cancelar',
    );
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.map((b: { element: { type: string } }) => b.element.type)).toEqual([
      'plain_text_input',
      'datepicker',
      'multi_static_select',
    ]);
    expect(JSON.parse(view.private_metadata)).toEqual({ a: 'goal.form', v: '{}', c: 'D1', ts: '1.2' });
    expect(
      modalValues({
        title: { value: { type: 'plain_text_input', value: 'Mi meta' } },
        dueDate: { value: { type: 'datepicker', selected_date: '2026-06-30' } },
        competencies: { value: { type: 'multi_static_select', selected_options: [{ value: 'leadership' }] } },
      }),
    ).toEqual({ title: 'Mi meta', dueDate: '2026-06-30', competencies: ['leadership'] });
  });
});
