import type { KnownBlock } from '@slack/types';
import type { Block, Form, FormField, OutboundMessage } from '../../src/messages/model.ts';

/** Slack's published limits (Block Kit reference). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  contextText: 3000,
  modalTitle: 24,
  modalButton: 24,
  optionText: 75,
  optionsPerSelect: 100,
  inputLabel: 2000,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON is Slack's shape; typed by the tests against fixtures.
export type SlackBlock = Record<string, any>;

/** Slack mrkdwn needs &, < and > escaped; our text already uses *bold* the way Slack does. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text a person typed in a message or a slash command, as Slack delivers it — `&amp; &lt; &gt;`
 * escaped, links as `<url|label>`, `<mailto:…|…>`, mentions as `<@U…>` — turned into the plain
 * text they see, once, at the edge. (Text typed in modals arrives plain already.)
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_all, target: string, label: string | undefined) => {
      if (target.startsWith('@')) return `@${label || target.slice(1)}`;
      if (target.startsWith('#')) return `#${label || target.slice(1)}`;
      // <!here>, <!channel>, <!subteam^S1|@team>, <!date^…|fallback>
      if (target.startsWith('!')) return label || `@${target.slice(1).split('^')[0]}`;
      if (target.startsWith('mailto:')) return label || target.slice('mailto:'.length);
      if (!label || label === target || `http://${label}` === target || `https://${label}` === target)
        return target;
      return `${label} (${target})`;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Shortens to a limit with an ellipsis, never mid-surrogate. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${Array.from(text.slice(0, max - 1)).join('')}…`;
}

/** Splits long text into chunks under a limit, at line breaks where possible. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest) out.push(rest);
  return out;
}

/** Action ids must be unique within a message: the element's index is appended, and removed on the way back. */
export function slackActionId(base: string, index: number): string {
  return `${base}|${index}`;
}

export function baseActionId(slackId: string): string {
  return slackId.split('|')[0] ?? slackId;
}

const plain = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: true });

function renderBlock(block: Block, counter: { n: number }): SlackBlock[] {
  switch (block.type) {
    case 'text':
      return chunks(escapeMrkdwn(block.text), SLACK_LIMITS.sectionText).map((text) => ({
        type: 'section',
        text: { type: 'mrkdwn', text },
      }));
    case 'fields': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += SLACK_LIMITS.fieldsPerSection) {
        out.push({
          type: 'section',
          fields: block.fields.slice(i, i + SLACK_LIMITS.fieldsPerSection).map((f) => ({
            type: 'mrkdwn',
            text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
          })),
        });
      }
      return out;
    }
    case 'buttons': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += SLACK_LIMITS.elementsPerActions) {
        out.push({
          type: 'actions',
          elements: block.buttons.slice(i, i + SLACK_LIMITS.elementsPerActions).map((b) => ({
            type: 'button',
            action_id: slackActionId(b.actionId, counter.n++),
            text: plain(b.label, SLACK_LIMITS.buttonText),
            value: b.value.slice(0, SLACK_LIMITS.buttonValue),
            ...(b.style ? { style: b.style } : {}),
            // A link button opens its page; Slack still reports the click, which changes nothing.
            ...(b.url ? { url: b.url } : {}),
          })),
        });
      }
      return out;
    }
    case 'context':
      return [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: clip(escapeMrkdwn(block.text), SLACK_LIMITS.contextText) }],
        },
      ];
    case 'divider':
      return [{ type: 'divider' }];
    case 'image':
      return [{ type: 'image', image_url: block.url, alt_text: clip(block.alt, 2000) }];
    case 'form':
      // Forms open as modals from the click that carries a trigger_id; a form inside a message
      // becomes a note (the adapter adds an "open" button).
      return [
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: clip(escapeMrkdwn(block.form.title), SLACK_LIMITS.contextText) },
          ],
        },
      ];
    case 'file':
      return [];
  }
}

/**
 * A neutral message as Slack messages: Block Kit within Slack's limits. Content past 50 blocks
 * continues in further messages instead of being rejected.
 */
export function renderMessages(
  message: OutboundMessage,
  maxBlocks: number = SLACK_LIMITS.blocksPerMessage,
): { text: string; blocks: KnownBlock[] }[] {
  const counter = { n: 0 };
  const blocks = message.blocks.flatMap((b) => renderBlock(b, counter));
  // The fallback text is mrkdwn too (notifications, screen readers): user text in it is escaped,
  // or a goal title like `<https://phish.example|Aprobar>` would become a live link.
  const text = escapeMrkdwn(clip(message.summary || ' ', SLACK_LIMITS.fallbackText));
  if (blocks.length === 0) return [{ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }];
  const out: { text: string; blocks: KnownBlock[] }[] = [];
  // The builders above follow Block Kit's JSON; the cast is where it meets the SDK's types.
  for (let i = 0; i < blocks.length; i += maxBlocks)
    out.push({ text, blocks: blocks.slice(i, i + maxBlocks) as KnownBlock[] });
  return out;
}

/** Blocks for a surface with a single block list (App Home: at most 100). */
export function renderSurface(
  messages: OutboundMessage[],
  maxBlocks: number = SLACK_LIMITS.blocksPerView,
): KnownBlock[] {
  const counter = { n: 0 };
  const blocks: SlackBlock[] = [];
  for (const [i, m] of messages.entries()) {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...m.blocks.flatMap((b) => renderBlock(b, counter)));
  }
  if (blocks.length <= maxBlocks) return blocks as KnownBlock[];
  return [
    ...blocks.slice(0, maxBlocks - 1),
    { type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] },
  ] as KnownBlock[];
}

/** The files a message carries, as bytes (Slack receives them as uploads). */
export function filesOf(
  message: OutboundMessage,
): { name: string; mimeType: string; content: Buffer; alt?: string | undefined }[] {
  return message.blocks.flatMap((b) =>
    b.type === 'file'
      ? [
          {
            name: b.name,
            mimeType: b.mimeType,
            content: Buffer.from(b.content, b.encoding ?? 'utf8'),
            ...(b.alt ? { alt: b.alt } : {}),
          },
        ]
      : [],
  );
}

export const FORM_CALLBACK_ID = 'mentoria_form';

function input(field: FormField): SlackBlock {
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  const options = (field.options ?? [])
    .slice(0, SLACK_LIMITS.optionsPerSelect)
    .map((o) => ({ text: plain(o.label, SLACK_LIMITS.optionText), value: o.value }));
  let element: SlackBlock;
  switch (field.kind) {
    case 'long_text':
    case 'short_text':
      element = {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.kind === 'long_text',
        ...(field.maxLength ? { max_length: Math.min(field.maxLength, 3000) } : {}),
        ...(initial ? { initial_value: initial } : {}),
      };
      break;
    case 'date':
      element = {
        type: 'datepicker',
        action_id: 'value',
        ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}),
      };
      break;
    case 'time':
      element = { type: 'timepicker', action_id: 'value', ...(initial ? { initial_time: initial } : {}) };
      break;
    case 'number':
      element = {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(initial ? { initial_value: initial } : {}),
      };
      break;
    case 'single_choice':
      element = {
        type: 'static_select',
        action_id: 'value',
        options,
        ...(initial ? { initial_option: options.find((o) => o.value === initial) } : {}),
      };
      break;
    case 'multi_choice': {
      const chosen = Array.isArray(field.initial)
        ? options.filter((o) => (field.initial as string[]).includes(o.value))
        : [];
      element = {
        type: 'multi_static_select',
        action_id: 'value',
        options,
        ...(chosen.length ? { initial_options: chosen } : {}),
      };
      break;
    }
  }
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, SLACK_LIMITS.inputLabel),
    ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
    element,
  };
}

/**
 * A message whose question was answered by a click: the same blocks without their buttons, and
 * the label of the button chosen as a context line (Slack's own text, shown as typed).
 */
export function answeredBlocks(blocks: SlackBlock[], chosen: string | undefined): SlackBlock[] {
  const kept = blocks.filter((b) => b.type !== 'actions');
  return chosen
    ? [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: `✓ ${escapeMrkdwn(chosen)}` }] }]
    : kept;
}

/** A form as a Slack modal; `metadata` travels back with the submission (private_metadata). */
export function renderModal(form: Form, metadata: Record<string, unknown>, closeLabel: string): SlackBlock {
  const privateMetadata = JSON.stringify({
    a: form.actionId,
    v: form.value,
    ...(form.submissionId ? { s: form.submissionId } : {}),
    ...metadata,
  });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: privateMetadata.slice(0, SLACK_LIMITS.privateMetadata),
    title: plain(form.title, SLACK_LIMITS.modalTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.modalButton),
    close: plain(closeLabel, SLACK_LIMITS.modalButton),
    blocks: form.fields.slice(0, SLACK_LIMITS.blocksPerView).map(input),
  };
}

/** The values of a submitted modal, by field id. */
// biome-ignore lint/suspicious/noExplicitAny: view_submission state is Slack's shape, checked field by field.
export function modalValues(state: Record<string, Record<string, any>>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(state ?? {})) {
    const v = actions?.value;
    if (!v || typeof v !== 'object') continue;
    if (typeof v.value === 'string') out[blockId] = v.value;
    else if (typeof v.selected_date === 'string') out[blockId] = v.selected_date;
    else if (typeof v.selected_time === 'string') out[blockId] = v.selected_time;
    else if (v.selected_option && typeof v.selected_option.value === 'string')
      out[blockId] = v.selected_option.value;
    else if (Array.isArray(v.selected_options))
      out[blockId] = v.selected_options.map((o: { value: string }) => String(o.value));
    else out[blockId] = '';
  }
  return out;
}
