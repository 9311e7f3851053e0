/**
 * The neutral message model: what the core says, before any platform renders it.
 * Slack renders Block Kit and modals, Teams Adaptive Cards, the console plain text.
 */

export type ButtonStyle = 'primary' | 'danger';

/** A button carries an action id and a small JSON value the core parses (with zod) when clicked. */
export interface Button {
  actionId: string;
  label: string;
  value: string;
  style?: ButtonStyle;
  /** A link: the platform opens this address (https only) and the click reaches nobody. */
  url?: string;
}

/** The action id of a link button: clicked, it changes nothing (Slack still reports the click). */
export const LINK_ACTION = 'link';

export type FormFieldKind =
  | 'short_text'
  | 'long_text'
  | 'date'
  | 'time'
  | 'number'
  | 'single_choice'
  | 'multi_choice';

export interface FormField {
  id: string;
  kind: FormFieldKind;
  label: string;
  hint?: string;
  required: boolean;
  initial?: string | string[];
  options?: { value: string; label: string }[];
  maxLength?: number;
  min?: number;
  max?: number;
}

/** A form: a modal in Slack, an inline card in Teams, one question at a time in the console. */
export interface Form {
  actionId: string;
  title: string;
  submitLabel: string;
  /** JSON context returned with the submission (ids the form is about). */
  value: string;
  fields: FormField[];
  /**
   * This form instance, set by the core when it is shown: every platform returns it with the
   * submission, and only one successful submission is accepted per instance (a double click, a
   * resent invoke); a refused one consumes nothing, so the corrected form goes through.
   */
  submissionId?: string;
  /** The label that closes the form without sending it, in the reader's language (set by the core). */
  cancelLabel?: string;
  /** What a required field left empty says, in the reader's language (set by the core). */
  requiredText?: string;
  /**
   * A button that shows this form again, in the reader's language (set by the core): a platform
   * that can only open a form from a click (a Slack modal needs a trigger) offers it instead.
   */
  reopen?: Button;
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'form'; form: Form }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'image'; url: string; alt: string }
  | {
      type: 'file';
      name: string;
      mimeType: string;
      /** Text, or base64 when `encoding` says so (spreadsheets, PDFs, images). */
      content: string;
      encoding?: 'base64';
      /** A signed download link, for platforms that cannot receive the file itself. */
      link?: string;
      /** An image's figures in words, for screen readers and wherever it cannot be shown. */
      alt?: string;
      /** An image's short-lived, non-personal address, for cards that show it but take no file. */
      image?: string;
      /** What its reader must still be allowed to do when they download it later. */
      permission?: 'admin.manage' | 'report.view';
    };

export interface OutboundMessage {
  blocks: Block[];
  /** A short plain-text version for notifications and screen readers. */
  summary: string;
}

/** Where a sent message lives, so it can be updated later (opaque to the core). */
export type MessageRef = string;

/** Builds messages without repeating the block literals everywhere. */
export class MessageBuilder {
  private readonly blocks: Block[] = [];
  constructor(private readonly summaryText: string) {}

  text(text: string): this {
    this.blocks.push({ type: 'text', text });
    return this;
  }
  fields(fields: { label: string; value: string }[]): this {
    if (fields.length) this.blocks.push({ type: 'fields', fields });
    return this;
  }
  buttons(buttons: Button[]): this {
    if (buttons.length) this.blocks.push({ type: 'buttons', buttons });
    return this;
  }
  form(form: Form): this {
    this.blocks.push({ type: 'form', form });
    return this;
  }
  context(text: string): this {
    this.blocks.push({ type: 'context', text });
    return this;
  }
  divider(): this {
    this.blocks.push({ type: 'divider' });
    return this;
  }
  file(
    name: string,
    mimeType: string,
    content: string | Buffer,
    link?: string,
    more: { alt?: string; permission?: 'admin.manage' | 'report.view' } = {},
  ): this {
    this.blocks.push({
      type: 'file',
      name,
      mimeType,
      ...(typeof content === 'string'
        ? { content }
        : { content: content.toString('base64'), encoding: 'base64' as const }),
      ...(link ? { link } : {}),
      ...more,
    });
    return this;
  }
  build(): OutboundMessage {
    return { blocks: [...this.blocks], summary: this.summaryText };
  }
}

export function message(summary: string): MessageBuilder {
  return new MessageBuilder(summary);
}

/** A message of one text block. */
export function textMessage(text: string): OutboundMessage {
  return { blocks: [{ type: 'text', text }], summary: text };
}

/** A button that opens an https address (a calendar's compose page, a download). */
export function linkButton(label: string, url: string): Button {
  if (!url.startsWith('https://')) throw new Error('link buttons open https addresses only');
  return { actionId: LINK_ACTION, label, value: '{}', url };
}

export function button(actionId: string, label: string, value: unknown = {}, style?: ButtonStyle): Button {
  return { actionId, label, value: JSON.stringify(value), ...(style ? { style } : {}) };
}
