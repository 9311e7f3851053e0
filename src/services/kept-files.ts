import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Formatter, T } from '../i18n/index.ts';
import type { Block, OutboundMessage } from '../messages/model.ts';
import type { Db } from '../store/db.ts';
import { keepFile } from '../store/kept-file.store.ts';
import type { LinkSigner } from './links.ts';

export interface FileLinks {
  signer: LinkSigner;
  baseUrl: string;
  ttlHours: number;
}

type FileBlock = Extract<Block, { type: 'file' }>;

/** Who reads the message: the person, in their language and zone. */
export interface FileReader {
  tenantId: string;
  personId: string;
  t: T;
  fmt: Formatter;
}

/**
 * Makes a message's files reachable where the chat takes none. With a public address
 * (`PUBLIC_URL`), each file becomes a personal, signed, expiring download link (the same
 * "was it you?" check in the chat as report links), kept in the database until it expires; an
 * image also gets a short-lived address for nobody in particular, so that a card can show it.
 * Without one, the message says how to get the file instead. Files that already have a link
 * (report files, built fresh at each download) keep it.
 */
export class FileKeeper {
  constructor(private readonly o: { db: Db; clock: Clock; links?: FileLinks | undefined }) {}

  async reachable(reader: FileReader, message: OutboundMessage): Promise<OutboundMessage> {
    if (!message.blocks.some((b) => b.type === 'file')) return message;
    const blocks: Block[] = [];
    for (const block of message.blocks) {
      if (block.type !== 'file') {
        blocks.push(block);
        continue;
      }
      blocks.push(...(await this.fileBlocks(reader, block)));
    }
    return { ...message, blocks };
  }

  private async fileBlocks(reader: FileReader, block: FileBlock): Promise<Block[]> {
    const { links } = this.o;
    const image = block.mimeType.startsWith('image/');
    if (!links) {
      // An image still shows inside a card (as data) when it is small enough; other files cannot.
      if (image || block.link) return [block];
      const why = block.mimeType.startsWith('text/calendar')
        ? 'files.unavailable_calendar'
        : 'files.unavailable';
      return [block, { type: 'context', text: reader.t(why, { name: block.name }) }];
    }
    const now = this.o.clock.now();
    const until = new Date(now.getTime() + links.ttlHours * 3_600_000);
    const out: FileBlock = { ...block };
    const extra: Block[] = [];
    if (image && !block.image) out.image = await this.keep(reader, block, null, until, 'image');
    if (!block.link) {
      out.link = await this.keep(reader, block, reader.personId, until, 'kept');
      extra.push({
        type: 'context',
        text: reader.t('results.link', { name: block.name, until: reader.fmt.dateTime(until) }),
      });
    }
    return [out, ...extra];
  }

  private async keep(
    reader: FileReader,
    block: FileBlock,
    personId: string | null,
    until: Date,
    kind: 'kept' | 'image',
  ): Promise<string> {
    const links = this.o.links as FileLinks;
    const id = randomBytes(18).toString('base64url');
    await keepFile(this.o.db, {
      tenantId: reader.tenantId,
      id,
      personId,
      name: block.name,
      mimeType: block.mimeType,
      content: Buffer.from(block.content, block.encoding === 'base64' ? 'base64' : 'utf8'),
      permission: personId ? (block.permission ?? null) : null,
      expiresAt: until,
    });
    const token = links.signer.sign({
      t: reader.tenantId,
      p: personId ?? '',
      k: kind,
      c: id,
      e: Math.floor(until.getTime() / 1000),
    });
    return `${links.baseUrl}/${kind === 'image' ? 'images' : 'files'}/${token}`;
  }
}
