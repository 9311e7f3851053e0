import type { Block, Form, FormField, OutboundMessage } from '../../src/messages/model.ts';

// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON is Microsoft's schema, checked by the tests.
export type CardElement = Record<string, any>;

/** Teams' size limit for a message with a card is about 28 KB; stay well under it. */
export const CARD_MAX_BYTES = 24_000;
/** Form submissions travel as Action.Execute with this verb prefix, buttons with their action id. */
export const FORM_VERB_PREFIX = 'form:';

function element(block: Block): CardElement[] {
  switch (block.type) {
    case 'text':
      // Adaptive Cards read **bold**; the core's light markdown uses *bold*.
      return [{ type: 'TextBlock', text: block.text.replace(/\*(.+?)\*/g, '**$1**'), wrap: true }];
    case 'fields':
      return [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: f.label, value: f.value })) }];
    case 'buttons':
      return [
        {
          type: 'ActionSet',
          actions: block.buttons.map((b) => ({
            type: 'Action.Execute',
            title: b.label,
            verb: b.actionId,
            data: { value: b.value },
            ...(b.style === 'primary'
              ? { style: 'positive' }
              : b.style === 'danger'
                ? { style: 'destructive' }
                : {}),
          })),
        },
      ];
    case 'context':
      return [{ type: 'TextBlock', text: block.text, wrap: true, isSubtle: true, size: 'Small' }];
    case 'divider':
      return [{ type: 'TextBlock', text: ' ', separator: true, spacing: 'Medium' }];
    case 'image':
      return [{ type: 'Image', url: block.url, altText: block.alt }];
    case 'file':
      // Files in a personal chat need a consent card: a signed download link when there is one.
      return block.link
        ? [{ type: 'TextBlock', text: `📎 [${block.name}](${block.link})`, wrap: true }]
        : [{ type: 'TextBlock', text: `📎 ${block.name}`, wrap: true, isSubtle: true, size: 'Small' }];
    case 'form':
      return formElements(block.form);
  }
}

function input(field: FormField): CardElement {
  const base = {
    id: field.id,
    label: field.label,
    isRequired: field.required,
    ...(field.required ? { errorMessage: field.label } : {}),
  };
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  switch (field.kind) {
    case 'short_text':
    case 'long_text':
      return {
        type: 'Input.Text',
        ...base,
        isMultiline: field.kind === 'long_text',
        ...(field.hint ? { placeholder: field.hint } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(initial ? { value: initial } : {}),
      };
    case 'date':
      return { type: 'Input.Date', ...base, ...(initial ? { value: initial } : {}) };
    case 'time':
      return { type: 'Input.Time', ...base, ...(initial ? { value: initial } : {}) };
    case 'number':
      return {
        type: 'Input.Number',
        ...base,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(initial ? { value: Number(initial) } : {}),
      };
    case 'single_choice':
    case 'multi_choice':
      return {
        type: 'Input.ChoiceSet',
        ...base,
        isMultiSelect: field.kind === 'multi_choice',
        style: 'compact',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(Array.isArray(field.initial)
          ? { value: field.initial.join(',') }
          : initial
            ? { value: initial }
            : {}),
      };
  }
}

function formElements(form: Form): CardElement[] {
  return [
    { type: 'TextBlock', text: form.title, weight: 'Bolder', size: 'Medium', wrap: true },
    ...form.fields.map(input),
    {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: form.submitLabel,
          verb: `${FORM_VERB_PREFIX}${form.actionId}`,
          data: { value: form.value, ...(form.submissionId ? { submission: form.submissionId } : {}) },
          style: 'positive',
        },
      ],
    },
  ];
}

function card(body: CardElement[]): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
}

/**
 * A neutral message as Adaptive Cards 1.5. Content past Teams' size limit continues in further
 * cards instead of being rejected.
 */
export function renderCards(message: OutboundMessage): CardElement[] {
  const elements = message.blocks.flatMap(element);
  if (elements.length === 0) elements.push({ type: 'TextBlock', text: message.summary, wrap: true });
  const cards: CardElement[] = [];
  let current: CardElement[] = [];
  for (const el of elements) {
    const size = Buffer.byteLength(JSON.stringify(card([...current, el])));
    if (size > CARD_MAX_BYTES && current.length) {
      cards.push(card(current));
      current = [];
    }
    current.push(el);
  }
  cards.push(card(current));
  return cards;
}

export function renderFormCard(form: Form): CardElement {
  return card(formElements(form));
}

/**
 * Values of a submitted card, as strings: Teams sends inputs as strings (numbers too) and
 * multi-choices comma-joined, which the core accepts.
 */
export function formValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'value' || key === 'verb' || key === 'msteams' || key === 'submission') continue;
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}
