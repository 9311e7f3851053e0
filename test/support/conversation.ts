import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../src/clock.ts';
import type { Tenant } from '../../src/domain/model.ts';
import { Bot } from '../../src/flows/bot.ts';
import type { CoreDeps, Reply } from '../../src/flows/context.ts';
import type { ChatPort, Recipient } from '../../src/flows/ports.ts';
import type { InboundEvent } from '../../src/messages/inbound.ts';
import type { Button, Form, OutboundMessage } from '../../src/messages/model.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { seedDemo } from '../../src/services/demo.service.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { openMigratedPGlite, type TestBackend } from './databases.ts';
import { FAST_LIMITS } from './nudges.ts';

/** Everything a message says, as plain text: what a person reads. */
export function plain(message: OutboundMessage): string {
  return message.blocks
    .map((b) => {
      switch (b.type) {
        case 'text':
        case 'context':
          return b.text;
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        case 'buttons':
          return b.buttons.map((x) => `[${x.label}]`).join(' ');
        case 'file':
          return `(file ${b.name})`;
        case 'form':
          return `(form ${b.form.title})`;
        default:
          return '';
      }
    })
    .join('\n');
}

export function buttonsOf(message: OutboundMessage): Button[] {
  return message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
}

/** A working in-memory chat port: what the bot sent to whom, in order. */
export class MemoryChat implements ChatPort {
  readonly sent: { handle: string; message: OutboundMessage; ref: string }[] = [];
  async send(to: Recipient, message: OutboundMessage): Promise<string> {
    const ref = randomUUID();
    this.sent.push({ handle: to.identity.externalId, message, ref });
    return ref;
  }
  async update(): Promise<void> {}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventBody = DistributiveOmit<InboundEvent, 'eventId' | 'tenantId' | 'platform' | 'user'> & {
  eventId?: string;
};

interface Seen {
  message: OutboundMessage;
  /** Replaced by a later answer (its buttons are gone). */
  replaced: boolean;
}

/**
 * A conversation with the bot on the console tenant's demo people, read like a chat:
 * `chat.as('ana').says('meta nueva')`, `chat.as('luis').clicks('Aprobar')`, `chat.inbox('ana')`.
 */
export class ChatDriver {
  private readonly seen = new Map<string, Seen[]>();
  private readonly forms = new Map<string, { form: Form; origin: Seen | undefined }>();
  private read = 0;

  private constructor(
    readonly db: OpenDatabase,
    public bot: Bot,
    readonly memory: MemoryChat,
    readonly tenant: Tenant,
    readonly clock: ManualClock,
  ) {}

  static async start(
    now = '2026-11-23T16:00:00Z',
    options: {
      adminEmails?: string[];
      links?: CoreDeps['links'];
      aiCoach?: CoreDeps['aiCoach'];
      aiMaxCallsPerDay?: number;
      /** The demo people have already been shown the privacy notice, unless `'pending'` (its own test). */
      privacyNotice?: 'shown' | 'pending';
      /** Where the chat keeps its data: PGlite unless a test runs on each of `testBackends()`. */
      backend?: TestBackend;
    } = {},
  ): Promise<ChatDriver> {
    const { backend, ...settings } = options;
    const db = await (backend?.open ?? openMigratedPGlite)();
    const clock = new ManualClock(now);
    const memory = new MemoryChat();
    const defaults = { locale: 'es' as const, timezone: 'America/Mexico_City' };
    const { tenant } = await seedDemo(db.db, clock.now(), defaults);
    const { privacyNotice = 'shown', ...rest } = settings;
    if (privacyNotice === 'shown')
      await db.db.updateTable('people').set({ privacy_notice_at: clock.now() }).execute();
    const bot = new Bot({
      db: db.db,
      clock,
      chat: memory,
      defaults,
      ...rest,
      onError: (error) => {
        throw error;
      },
    });
    return new ChatDriver(db, bot, memory, tenant, clock);
  }

  /** A new bot on the same database, as another process or a restarted one would be. */
  restart(): void {
    this.bot = new Bot({ ...this.bot.deps });
  }

  /** The reminder dispatcher of this chat, on its database and clock, without platform limits. */
  dispatcher(): Dispatcher {
    return new Dispatcher({
      db: this.db.db,
      clock: this.clock,
      chat: this.memory,
      worker: 'w',
      limits: FAST_LIMITS,
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** The database id of a demo person (handles are their email's local part). */
  async idOf(handle: string): Promise<string> {
    const row = await this.db.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', `${handle}@demo.mentoria.invalid`)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  as(handle: string): Person {
    return new Person(this, handle);
  }

  /** Messages the bot sent to this person on its own since the last look (notifications). */
  inbox(handle: string): string[] {
    this.collect();
    return this.memory.sent.filter((s) => s.handle === handle).map((s) => plain(s.message));
  }

  /** Every notification to a person, text only, oldest first. */
  notifications(handle: string): OutboundMessage[] {
    return this.memory.sent.filter((s) => s.handle === handle).map((s) => s.message);
  }

  private collect(): void {
    for (const s of this.memory.sent.slice(this.read)) this.remember(s.handle, s.message);
    this.read = this.memory.sent.length;
  }

  remember(handle: string, message: OutboundMessage): Seen {
    const seen = { message, replaced: false };
    this.seen.set(handle, [...(this.seen.get(handle) ?? []), seen]);
    return seen;
  }

  /** The most recent live button with this label among what a person has received. */
  findButton(handle: string, label: string): { button: Button; seen: Seen } {
    this.collect();
    const list = [...(this.seen.get(handle) ?? [])].reverse();
    for (const seen of list) {
      if (seen.replaced) continue;
      const button = buttonsOf(seen.message).find((b) => b.label === label);
      if (button) return { button, seen };
    }
    const labels = list.filter((s) => !s.replaced).flatMap((s) => buttonsOf(s.message).map((b) => b.label));
    throw new Error(`${handle} has no button "${label}" (has: ${[...new Set(labels)].join(', ')})`);
  }

  async send(handle: string, event: EventBody, origin?: Seen): Promise<Answer> {
    this.collect();
    const reply = await this.bot.handle({
      eventId: event.eventId ?? randomUUID(),
      tenantId: this.tenant.id,
      platform: 'console',
      user: { externalId: handle },
      ...event,
    } as InboundEvent);
    if (reply.replaceOriginal && origin) {
      origin.replaced = true;
      this.remember(handle, reply.replaceOriginal);
    }
    for (const message of reply.messages) this.remember(handle, message);
    if (reply.openForm) this.forms.set(handle, { form: reply.openForm, origin });
    this.collect();
    return new Answer(reply);
  }

  takeForm(handle: string): { form: Form; origin: Seen | undefined } {
    const form = this.forms.get(handle);
    if (!form) throw new Error(`${handle} has no open form`);
    this.forms.delete(handle);
    return form;
  }
}

/** One person typing and clicking. */
export class Person {
  constructor(
    private readonly driver: ChatDriver,
    readonly handle: string,
  ) {}

  says(text: string): Promise<Answer> {
    return this.driver.send(this.handle, { kind: 'message', text });
  }

  /** Clicks the most recent live button with this label that this person received. */
  async clicks(label: string): Promise<Answer> {
    const { button, seen } = this.driver.findButton(this.handle, label);
    return this.driver.send(
      this.handle,
      { kind: 'action', actionId: button.actionId, value: button.value },
      seen,
    );
  }

  /** Clicks a button that was sent to someone else (a forwarded message, a shared screen). */
  async clicksButtonOf(owner: string, label: string): Promise<Answer> {
    const { button } = this.driver.findButton(owner, label);
    return this.driver.send(this.handle, { kind: 'action', actionId: button.actionId, value: button.value });
  }

  /** A raw click, for hostile payloads and double deliveries. */
  clicksRaw(actionId: string, value: string, eventId?: string): Promise<Answer> {
    return this.driver.send(this.handle, {
      kind: 'action',
      actionId,
      value,
      ...(eventId ? { eventId } : {}),
    });
  }

  /** Fills in and submits the form the bot last opened for this person. */
  async fills(values: Record<string, string | string[]>): Promise<Answer> {
    const { form, origin } = this.driver.takeForm(this.handle);
    return this.driver.send(
      this.handle,
      {
        kind: 'form',
        actionId: form.actionId,
        value: form.value,
        fields: values,
        submissionId: form.submissionId,
      },
      origin,
    );
  }
}

/** What the bot answered one turn. */
export class Answer {
  constructor(readonly reply: Reply) {}
  get text(): string {
    return [
      ...(this.reply.replaceOriginal ? [plain(this.reply.replaceOriginal)] : []),
      ...this.reply.messages.map(plain),
    ].join('\n');
  }
  get form(): Form | undefined {
    return this.reply.openForm;
  }
  get buttons(): string[] {
    return this.reply.messages.flatMap(buttonsOf).map((b) => b.label);
  }
}
