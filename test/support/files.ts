import type { Block } from '../../src/messages/model.ts';
import type { Answer } from './conversation.ts';

/** The CSV file an answer carries: its name and its lines (BOM and the last line end removed). */
export function csvOf(answer: Answer): { name: string | undefined; lines: string[] } {
  const file = answer.reply.messages
    .flatMap((m) => m.blocks)
    .find((b): b is Extract<Block, { type: 'file' }> => b.type === 'file');
  return {
    name: file?.name,
    lines: (file?.content ?? '')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n'),
  };
}
