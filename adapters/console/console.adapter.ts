import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { DateTime } from 'luxon';
import type { OffsetClock } from '../../src/clock.ts';
import type { Tenant } from '../../src/domain/model.ts';
import { FLOW_ACTION } from '../../src/flows/flow.ts';
import type { ChatPort, CorePort, Recipient, Reply } from '../../src/flows/ports.ts';
import type { Form, FormField, OutboundMessage } from '../../src/messages/model.ts';
import { type NumberedButton, renderText } from './text.render.ts';

interface PendingForm {
  form: Form;
  index: number;
  values: Record<string, string | string[]>;
  /** The button that opened the form: its message is the one the answer updates. */
  origin: NumberedButton | undefined;
}

/**
 * The terminal as a chat platform: several people share one keyboard (`/as ana`), what the bot
 * sends to someone else is printed as `→ ana: …`, buttons are numbered, forms ask one field at a
 * time. Works with piped input, line by line, so a whole session can be scripted.
 */
export class ConsoleChat implements ChatPort {
  current: string;
  private counter = 0;
  private readonly buttons = new Map<string, NumberedButton[]>();
  private readonly forms = new Map<string, PendingForm>();
  private fileCount = 0;
  private readonly lastButtons = new Map<string, NumberedButton[]>();
  /** The newest conversation question shown to each person: only its step's buttons are current. */
  private readonly flowQuestion = new Map<string, string>();

  constructor(
    private readonly out: (line: string) => void,
    private readonly filesDir: string,
    initial: string,
  ) {
    this.current = initial;
  }

  async send(to: Recipient, message: OutboundMessage): Promise<string> {
    const handle = to.identity.externalId;
    const ref = randomUUID();
    this.print(handle, message, ref, handle === this.current ? '' : `→ ${handle}: `);
    return ref;
  }

  async update(to: Recipient, ref: string, message: OutboundMessage): Promise<void> {
    const handle = to.identity.externalId;
    this.forget(handle, ref);
    this.print(handle, message, ref, `→ ${handle} (actualizado / updated): `);
  }

  /** Prints a message for a handle and remembers its buttons under that handle. */
  print(handle: string, message: OutboundMessage, ref: string, prefix: string): void {
    const { lines, buttons } = renderText(message, {
      messageRef: ref,
      nextNumber: () => ++this.counter,
      saveFile: (name, content) => this.saveFile(name, content),
    });
    const indent = ' '.repeat(prefix.length);
    for (const [i, line] of lines.entries()) this.out(`${i === 0 ? prefix : indent}${line}`);
    if (buttons.length) this.buttons.set(handle, [...(this.buttons.get(handle) ?? []), ...buttons]);
    this.lastButtons.set(handle, buttons);
    if (buttons.some((b) => b.button.actionId === FLOW_ACTION)) this.flowQuestion.set(handle, ref);
  }

  forget(handle: string, ref: string): void {
    this.buttons.set(
      handle,
      (this.buttons.get(handle) ?? []).filter((b) => b.messageRef !== ref),
    );
  }

  /**
   * The button a line names among this person's buttons: its label (the most recent one), or its
   * number — but a bare number only clicks a button of the last message shown to this person;
   * otherwise "40" or "60" is an answer to the question, not a click. A conversation asks one
   * question at a time, so a label of an earlier question's button ("Listo" when choosing
   * competencies) is not a click once a newer question was asked: the line goes to the bot as
   * text, as it would when typed in Slack or Teams.
   */
  findButton(handle: string, line: string): NumberedButton | undefined {
    const list = this.buttons.get(handle) ?? [];
    const trimmed = line.trim();
    if (/^\d+$/.test(trimmed)) {
      const last = this.lastButtons.get(handle) ?? [];
      return last.find((b) => b.number === Number(trimmed) && list.includes(b));
    }
    const lower = trimmed.toLowerCase();
    const current = this.flowQuestion.get(handle);
    return [...list]
      .reverse()
      .find(
        (b) =>
          b.label.toLowerCase() === lower && (b.button.actionId !== FLOW_ACTION || b.messageRef === current),
      );
  }

  /** Any live button by number, whoever it was sent to: `/pulsar N` tries a click that is not yours. */
  anyButton(number: number): NumberedButton | undefined {
    return [...this.buttons.values()].flat().find((b) => b.number === number);
  }

  pendingForm(handle: string): PendingForm | undefined {
    return this.forms.get(handle);
  }

  openForm(handle: string, form: Form, origin?: NumberedButton): void {
    this.forms.set(handle, { form, index: 0, values: {}, origin });
    this.out(`  ✎ ${form.title} (${form.fields.length}) — «cancelar» / "cancel"`);
    this.askField(handle);
  }

  closeForm(handle: string): void {
    this.forms.delete(handle);
  }

  askField(handle: string): void {
    const pending = this.forms.get(handle);
    const field = pending?.form.fields[pending.index];
    if (!field) return;
    const options = field.options?.map((o, i) => `${i + 1}) ${o.label}`).join('  ');
    const initial = typeof field.initial === 'string' && field.initial ? ` [${field.initial}]` : '';
    this.out(
      `  ? ${field.label}${field.required ? ' *' : ''}${initial}${field.hint ? ` — ${field.hint}` : ''}`,
    );
    if (options) this.out(`    ${options}${field.kind === 'multi_choice' ? '  (1,3…)' : ''}`);
  }

  private saveFile(name: string, content: Buffer): string {
    mkdirSync(this.filesDir, { recursive: true });
    const path = join(this.filesDir, `${String(++this.fileCount).padStart(3, '0')}-${name}`);
    writeFileSync(path, content);
    return path;
  }
}

/** Reads one answer into the pending form; returns a problem to show, or null when accepted. */
function answerField(field: FormField, raw: string): { value?: string | string[]; problem?: string } {
  const text = raw.trim();
  if (!text) {
    if (typeof field.initial === 'string' && field.initial) return { value: field.initial };
    if (Array.isArray(field.initial)) return { value: field.initial };
    return field.required
      ? { problem: 'obligatorio / required' }
      : { value: field.kind === 'multi_choice' ? [] : '' };
  }
  if (field.options) {
    const pick = (part: string) => {
      const n = Number(part);
      const byNumber = Number.isInteger(n) ? field.options?.[n - 1] : undefined;
      return (
        byNumber ??
        field.options?.find((o) => o.label.toLowerCase() === part.toLowerCase() || o.value === part)
      );
    };
    const parts =
      field.kind === 'multi_choice'
        ? text
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        : [text];
    const picked = parts.map(pick);
    if (picked.some((p) => !p)) return { problem: 'opción desconocida / unknown option' };
    const values = picked.map((p) => p?.value as string);
    return { value: field.kind === 'multi_choice' ? values : (values[0] as string) };
  }
  if (field.maxLength && text.length > field.maxLength) return { problem: `máx. ${field.maxLength}` };
  return { value: text };
}

export interface ConsoleOptions {
  core: CorePort;
  tenant: Tenant;
  chat: ConsoleChat;
  clock: OffsetClock;
  handles: string[];
  input: Readable;
  output: Writable;
  /** Echo each typed line (piped input), so a transcript reads like a chat. */
  echo: boolean;
  /**
   * After every line (and so after `/reloj`): plan and send what is now due — welcomes, pair
   * introductions, plenary announcements, reminders — the same with piped and typed input.
   */
  tick?: () => Promise<void>;
  timezone: string;
}

const HOUR_MS = 3_600_000;

function durationMs(text: string): number | undefined {
  const match = /^\+?(\d+)\s*(m|min|h|d|w|s)$/i.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = (match[2] as string).toLowerCase();
  const ms = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[unit] ?? 0;
  return n * ms;
}

/** Runs the console chat until the input ends or `/salir`. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { chat, core, tenant, output } = options;
  const write = (line: string) => output.write(`${line}\n`);
  const rl = createInterface({ input: options.input, terminal: false });
  const prompt = () => {
    if (!options.echo) output.write(`${chat.current}> `);
  };

  const show = (reply: Reply, origin?: NumberedButton) => {
    if (reply.replaceOriginal) {
      if (origin) chat.forget(chat.current, origin.messageRef);
      chat.print(
        chat.current,
        reply.replaceOriginal,
        origin?.messageRef ?? randomUUID(),
        '  (actualizado / updated) ',
      );
    }
    for (const message of reply.messages) chat.print(chat.current, message, randomUUID(), '');
    if (reply.openForm) chat.openForm(chat.current, reply.openForm, origin);
  };

  const dispatch = async (event: Parameters<CorePort['handle']>[0], origin?: NumberedButton) => {
    show(await core.handle(event), origin);
  };
  const base = () => ({
    eventId: randomUUID(),
    tenantId: tenant.id,
    platform: 'console' as const,
    user: { externalId: chat.current },
  });

  prompt();
  for await (const raw of rl) {
    const line = raw.replace(/\r$/, '');
    if (options.echo) write(`${chat.current}> ${line}`);
    const trimmed = line.trim();
    try {
      if (/^\/(salir|exit|quit)$/i.test(trimmed)) break;
      const as = /^\/(as|como)\s+(\S+)$/i.exec(trimmed);
      if (as) {
        const handle = (as[2] as string).toLowerCase();
        if (!options.handles.includes(handle))
          write(`  ? ${handle}: no existe / unknown (${options.handles.join(', ')})`);
        else {
          chat.current = handle;
          write(`— ${handle} —`);
        }
      } else if (/^\/(reloj|clock)\b/i.test(trimmed)) {
        const arg = trimmed.split(/\s+/).slice(1).join(' ');
        const ms = durationMs(arg);
        if (ms) {
          // In steps (an hour, or a 24th of a long jump), planning and sending at each, as the
          // server's planner runs along the way: what falls due meanwhile goes out at a step in
          // its person's day, not at the end of the jump in their night.
          const step = Math.max(HOUR_MS, Math.ceil(ms / 24));
          for (let left = ms; left > 0; left -= step) {
            options.clock.advance(Math.min(step, left));
            if (left > step) await options.tick?.();
          }
        } else if (arg) write('  ? /reloj +30m | +3h | +1d | +2w');
        write(
          `  🕒 ${DateTime.fromJSDate(options.clock.now(), { zone: options.timezone }).toFormat('yyyy-LL-dd HH:mm ZZZZ')}`,
        );
      } else if (/^\/(pulsar|click)\s+\S/i.test(trimmed)) {
        // `/pulsar 12` or `/pulsar luis Aprobar`: press a button sent to anyone, as the current person.
        const [, first = '', ...rest] = trimmed.split(/\s+/);
        const button = /^\d+$/.test(first)
          ? chat.anyButton(Number(first))
          : chat.findButton(first.toLowerCase(), rest.join(' '));
        if (!button) write('  ? botón desconocido / unknown button');
        else
          await dispatch({
            ...base(),
            kind: 'action',
            actionId: button.button.actionId,
            value: button.button.value,
          });
      } else if (/^\/(archivo|file)\s+\S/i.test(trimmed)) {
        // `/archivo nomina.csv`: share a file with the bot, as Slack and Teams let an admin do.
        const path = trimmed.split(/\s+/).slice(1).join(' ');
        const size = statSync(path).size;
        await dispatch({
          ...base(),
          kind: 'file',
          name: basename(path),
          size,
          read: async (max) => (size > max ? 'too_large' : readFileSync(path)),
        });
      } else if (/^\/(quien|who)$/i.test(trimmed)) {
        write(`  ${options.handles.join(', ')}`);
      } else if (chat.pendingForm(chat.current)) {
        const pending = chat.pendingForm(chat.current) as PendingForm;
        if (/^(cancelar|cancel)$/i.test(trimmed)) {
          chat.closeForm(chat.current);
          write('  ✎ ✗');
        } else {
          const field = pending.form.fields[pending.index] as FormField;
          const answer = answerField(field, trimmed);
          if (answer.problem) {
            write(`  ! ${answer.problem}`);
            chat.askField(chat.current);
          } else {
            pending.values[field.id] = answer.value as string | string[];
            pending.index++;
            if (pending.index < pending.form.fields.length) chat.askField(chat.current);
            else {
              chat.closeForm(chat.current);
              await dispatch(
                {
                  ...base(),
                  kind: 'form',
                  actionId: pending.form.actionId,
                  value: pending.form.value,
                  fields: pending.values,
                  submissionId: pending.form.submissionId,
                },
                pending.origin,
              );
            }
          }
        }
      } else {
        const button = trimmed ? chat.findButton(chat.current, trimmed) : undefined;
        if (button)
          await dispatch(
            { ...base(), kind: 'action', actionId: button.button.actionId, value: button.button.value },
            button,
          );
        else if (trimmed) await dispatch({ ...base(), kind: 'message', text: trimmed });
      }
      await options.tick?.();
    } catch (error) {
      write(`  ! ${error instanceof Error ? error.message : String(error)}`);
    }
    prompt();
  }
  rl.close();
}
