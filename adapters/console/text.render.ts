import type { Block, Button, OutboundMessage } from '../../src/messages/model.ts';

/** A button as the console shows it: a number to type, and what clicking it sends. */
export interface NumberedButton {
  number: number;
  label: string;
  button: Button;
  messageRef: string;
}

/**
 * Renders a neutral message as terminal text. Buttons get numbers from `nextNumber`; files are
 * handed to `saveFile`, which says where they went.
 */
export function renderText(
  message: OutboundMessage,
  options: {
    messageRef: string;
    nextNumber: () => number;
    saveFile: (name: string, content: Buffer) => string;
  },
): { lines: string[]; buttons: NumberedButton[] } {
  const lines: string[] = [];
  const buttons: NumberedButton[] = [];
  for (const block of message.blocks) lines.push(...renderBlock(block, options, buttons));
  return { lines, buttons };
}

function renderBlock(
  block: Block,
  options: {
    messageRef: string;
    nextNumber: () => number;
    saveFile: (name: string, content: Buffer) => string;
  },
  buttons: NumberedButton[],
): string[] {
  switch (block.type) {
    case 'text':
      return block.text.split('\n');
    case 'fields':
      return block.fields.flatMap((f) => {
        const [first, ...rest] = f.value.split('\n');
        return [`  ${f.label}: ${first ?? ''}`, ...rest.map((line) => `    ${line}`)];
      });
    case 'buttons': {
      const parts = block.buttons.map((button) => {
        // A link is shown as its address: there is nothing to click in a terminal.
        if (button.url) return `${button.label}: ${button.url}`;
        const number = options.nextNumber();
        buttons.push({ number, label: button.label, button, messageRef: options.messageRef });
        return `[${number}] ${button.label}`;
      });
      return [`  ${parts.join('  ')}`];
    }
    case 'form':
      return [`  (${block.form.title})`];
    case 'context':
      return block.text.split('\n').map((line) => `  · ${line}`);
    case 'divider':
      return ['  ────────'];
    case 'image':
      return [`  [${block.alt}] ${block.url}`];
    case 'file':
      return [
        `  📎 ${block.name} → ${options.saveFile(block.name, Buffer.from(block.content, block.encoding ?? 'utf8'))}`,
      ];
  }
}
