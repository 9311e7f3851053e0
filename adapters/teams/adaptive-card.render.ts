import { z } from 'zod';
import type { Block, Button, Form, FormField, OutboundMessage } from '../../src/messages/model.ts';

// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON is Microsoft's schema, checked by the tests.
export type CardElement = Record<string, any>;

/** Teams' size limit for a message with a card is about 28 KB; stay well under it. */
export const CARD_MAX_BYTES = 24_000;
/** Form submissions travel as Action.Execute with this verb prefix, buttons with their action id. */
export const FORM_VERB_PREFIX = 'form:';

/** Teams shows about six actions and hides the rest behind "…": a card carries at most five. */
export const MAX_ACTIONS = 5;

/**
 * One TextBlock per line: a single line break does not hold in every Teams client (the
 * desktop client runs lines together), a block per line does.
 */
function lines(text: string, style: CardElement = {}): CardElement[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => ({
      type: 'TextBlock',
      text: line,
      wrap: true,
      ...(i > 0 ? { spacing: 'Small' } : {}),
      ...style,
    }));
}

function facts(fields: { label: string; value: string }[]): CardElement[] {
  const out: CardElement[] = [];
  let set: { title: string; value: string }[] = [];
  const flush = () => {
    if (set.length) out.push({ type: 'FactSet', facts: set });
    set = [];
  };
  for (const f of fields) {
    if (!f.value.includes('\n')) {
      set.push({ title: f.label, value: f.value });
      continue;
    }
    // A value of several lines (milestones, dates by phase) is a label and one block per line.
    flush();
    out.push({ type: 'TextBlock', text: f.label, weight: 'Bolder', wrap: true }, ...lines(f.value));
  }
  flush();
  return out;
}

function action(b: Button): CardElement {
  // A link opens its page in the browser; nothing reaches the bot.
  if (b.url) return { type: 'Action.OpenUrl', title: b.label, url: b.url };
  return {
    type: 'Action.Execute',
    title: b.label,
    verb: b.actionId,
    data: { value: b.value },
    ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function element(block: Block): CardElement[] {
  switch (block.type) {
    case 'text':
      // Adaptive Cards read **bold**; the core's light markdown uses *bold*.
      return lines(block.text.replace(/\*(.+?)\*/g, '**$1**'));
    case 'fields':
      return facts(block.fields);
    case 'buttons': {
      // The primary action first, where it is seen before any overflow.
      const ordered = [
        ...block.buttons.filter((b) => b.style === 'primary'),
        ...block.buttons.filter((b) => b.style !== 'primary'),
      ];
      return [{ type: 'ActionSet', actions: ordered.map(action) }];
    }
    case 'context':
      return lines(block.text, { isSubtle: true, size: 'Small' });
    case 'divider':
      return [{ type: 'TextBlock', text: ' ', separator: true, spacing: 'Medium' }];
    case 'image':
      return [{ type: 'Image', url: block.url, altText: block.alt }];
    case 'file':
      return fileElements(block);
    case 'form':
      return formElements(block.form);
  }
}

/**
 * The largest image carried inside its card, as a data URI: with a line of text it still fits
 * the card size limit. A larger one is shown from its short-lived address, when it has one.
 */
export const IMAGE_INLINE_MAX = 22_000;

/**
 * A file, as a card can carry one (a bot cannot send files into a personal chat without a
 * consent card): an image shown in the card (inline, else from its address, else its figures
 * in words), and a signed download link when there is one.
 */
function fileElements(block: Extract<Block, { type: 'file' }>): CardElement[] {
  const out: CardElement[] = [];
  const image = /^image\/(png|jpeg|gif)$/.test(block.mimeType);
  if (image) {
    const inline = block.encoding === 'base64' ? `data:${block.mimeType};base64,${block.content}` : undefined;
    const url = inline && inline.length <= IMAGE_INLINE_MAX ? inline : block.image;
    const alt = block.alt ?? block.name;
    if (url) out.push({ type: 'Image', url, altText: alt, size: 'Stretch', msteams: { allowExpand: true } });
    else out.push(...lines(alt, { isSubtle: true }));
  }
  // A shown image needs no name under it; its download link, where there is one, still helps.
  if (block.link) out.push({ type: 'TextBlock', text: `📎 [${block.name}](${block.link})`, wrap: true });
  else if (!image)
    out.push({ type: 'TextBlock', text: `📎 ${block.name}`, wrap: true, isSubtle: true, size: 'Small' });
  return out;
}

function input(field: FormField, requiredText: string | undefined, typed: string | undefined): CardElement {
  const base = {
    id: field.id,
    label: field.label,
    isRequired: field.required,
    // Shown by the client's own check of an empty required field.
    ...(field.required ? { errorMessage: requiredText ?? field.label } : {}),
  };
  // What the person typed, when the form comes back with problems, else the form's own value.
  const initial = typed ?? (typeof field.initial === 'string' ? field.initial : undefined);
  const initialList =
    typed !== undefined ? undefined : Array.isArray(field.initial) ? field.initial : undefined;
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
        ...(initialList ? { value: initialList.join(',') } : initial ? { value: initial } : {}),
      };
  }
}

/** A form shown again after the server found problems: what was typed, and each problem. */
export interface FormReturn {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The form's own description rides with its submit action, small enough, to be shown again. */
const EMBED_MAX_CHARS = 8_000;

function attention(text: string): CardElement[] {
  return lines(text, { color: 'attention', size: 'Small', spacing: 'None' });
}

function formElements(form: Form, back?: FormReturn): CardElement[] {
  const ids = new Set(form.fields.map((f) => f.id));
  const loose = Object.entries(back?.errors ?? {}).filter(([id]) => !ids.has(id));
  const spec = JSON.stringify({ ...form, fields: form.fields.map(({ initial: _, ...f }) => f) });
  return [
    { type: 'TextBlock', text: form.title, weight: 'Bolder', size: 'Medium', wrap: true },
    ...loose.flatMap(([, text]) => attention(text)),
    ...form.fields.flatMap((f) => [
      input(f, form.requiredText, back?.values[f.id]),
      ...(back?.errors[f.id] ? attention(back.errors[f.id] as string) : []),
    ]),
    {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: form.submitLabel,
          verb: `${FORM_VERB_PREFIX}${form.actionId}`,
          data: {
            value: form.value,
            ...(form.submissionId ? { submission: form.submissionId } : {}),
            ...(spec.length <= EMBED_MAX_CHARS ? { form: spec } : {}),
          },
          style: 'positive',
        },
      ],
    },
  ];
}

const fieldSchema = z.object({
  id: z.string().max(64),
  kind: z.enum(['short_text', 'long_text', 'date', 'time', 'number', 'single_choice', 'multi_choice']),
  label: z.string().max(300),
  hint: z.string().max(1_000).optional(),
  required: z.boolean(),
  options: z
    .array(z.object({ value: z.string().max(200), label: z.string().max(300) }))
    .max(200)
    .optional(),
  maxLength: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
const formSchema = z.object({
  actionId: z.string().max(64),
  title: z.string().max(300),
  submitLabel: z.string().max(100),
  value: z.string().max(2_000),
  fields: z.array(fieldSchema).max(40),
  submissionId: z.string().max(64).optional(),
  cancelLabel: z.string().max(100).optional(),
  requiredText: z.string().max(300).optional(),
});

/** The form a submitted card described (see `formElements`), or undefined when it carried none. */
export function submittedForm(data: Record<string, unknown>): Form | undefined {
  if (typeof data.form !== 'string' || data.form.length > EMBED_MAX_CHARS) return undefined;
  try {
    const parsed = formSchema.safeParse(JSON.parse(data.form));
    return parsed.success ? (parsed.data as Form) : undefined;
  } catch {
    return undefined;
  }
}

function card(body: CardElement[]): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
}

const actionsIn = (el: CardElement): number => (el.type === 'ActionSet' ? el.actions.length : 0);

/**
 * A neutral message as Adaptive Cards 1.5. Content past Teams' size limit, and actions past
 * five, continue in further cards instead of being rejected or hidden.
 */
export function renderCards(message: OutboundMessage): CardElement[] {
  const elements = message.blocks.flatMap(element).flatMap((el) => {
    if (actionsIn(el) <= MAX_ACTIONS) return [el];
    const sets: CardElement[] = [];
    for (let i = 0; i < el.actions.length; i += MAX_ACTIONS)
      sets.push({ ...el, actions: el.actions.slice(i, i + MAX_ACTIONS) });
    return sets;
  });
  if (elements.length === 0) elements.push({ type: 'TextBlock', text: message.summary, wrap: true });
  const cards: CardElement[] = [];
  let current: CardElement[] = [];
  let actions = 0;
  for (const el of elements) {
    const size = Buffer.byteLength(JSON.stringify(card([...current, el])));
    if (current.length && (size > CARD_MAX_BYTES || actions + actionsIn(el) > MAX_ACTIONS)) {
      cards.push(card(current));
      current = [];
      actions = 0;
    }
    current.push(el);
    actions += actionsIn(el);
  }
  cards.push(card(current));
  return cards;
}

/** A form as a card; `back`, when the server found problems, shows what was typed and each problem under its field. */
export function renderFormCard(form: Form, back?: FormReturn): CardElement {
  return card(formElements(form, back));
}

/**
 * Values of a submitted card, as strings: Teams sends inputs as strings (numbers too) and
 * multi-choices comma-joined, which the core accepts.
 */
export function formValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (['value', 'verb', 'msteams', 'submission', 'form'].includes(key)) continue;
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}
