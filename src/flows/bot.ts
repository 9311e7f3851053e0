import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Pairing, Platform, Tenant } from '../domain/model.ts';
import { type Formatter, formatter, type T, translator } from '../i18n/index.ts';
import { type InboundEvent, MAX_INPUT_CHARS, SUBMISSION_ID } from '../messages/inbound.ts';
import { type Block, LINK_ACTION, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import {
  acceptDelivery,
  advanceFlow,
  endFlow,
  forgetDelivery,
  markNoticeShown,
  startFlow,
} from '../services/conversation.service.ts';
import { localeOf, whoIsWriting } from '../services/identity.service.ts';
import { FileKeeper } from '../services/kept-files.ts';
import { type ConversationState, getConversation } from '../store/conversation.store.ts';
import { getPeople } from '../store/person.store.ts';
import { getCycle } from '../store/program.store.ts';
import { getTenant } from '../store/tenant.store.ts';
import { behindForHome } from './behind.flow.ts';
import type { CoreDeps, Ctx, Reply } from './context.ts';
import { reply } from './context.ts';
import { errorText } from './errors.ts';
import { featureRegistry } from './features.ts';
import { FLOW_TTL_MS, type Flow, type FlowTurn, flowChoiceKind } from './flow.ts';
import { listGoals } from './goal-review.ts';
import { help, pending, privacyNotice, welcome } from './help.flow.ts';
import {
  cycleChoiceKind,
  type Dispatch,
  MAX_REOPEN_CHARS,
  menuKind,
  type ParsedCommand,
  planPairKind,
  type Registry,
  reopenKind,
} from './registry.ts';
import { listSessions } from './session.flow.ts';
import {
  CycleChoiceNeeded,
  chooseCycle,
  keepCycleChoice,
  PairChoiceNeeded,
  requireOneMenteeCycle,
} from './standing.ts';

/** Help, pending, lists: events that change nothing. */
function isReadOnlyEvent(registry: Registry, event: InboundEvent): boolean {
  if (event.kind === 'command' || event.kind === 'message')
    return registry.isReadOnly({ kind: 'text', text: event.text });
  if (event.kind === 'action')
    return registry.isReadOnly({ kind: 'action', actionId: event.actionId, value: event.value });
  return false;
}

/**
 * The core's single entry: an event from any platform in, a reply out. Messages for other
 * people leave through the chat port. Each platform delivery is processed once.
 */
export class Bot {
  /** Every feature's commands, buttons, forms, conversations and files. */
  readonly registry: Registry = featureRegistry();

  /** What handlers may ask of the dispatcher. */
  private readonly dispatch: Dispatch = {
    registry: this.registry,
    start: (ctx, flow, turn) => this.persist(ctx, flow, turn),
    run: async (ctx, command) => {
      const conversation = await this.conversationOf(ctx);
      return this.command(ctx, command, conversation ? this.registry.flow(conversation.flow) : undefined);
    },
  };

  // Tenants change rarely: a minute of memory saves a query on every event.
  private readonly tenants = new Map<string, { tenant: Tenant; at: number }>();

  /**
   * The conversation read with the sender (the same round trip), for the turn's first look at
   * it; any later look goes to the store, as the turn may have changed it.
   */
  private readonly readWithSender = new WeakMap<Ctx, ConversationState | null>();

  /** Makes files reachable in chats that take none (Teams): links, or how to get them. */
  private readonly files: FileKeeper;

  constructor(readonly deps: CoreDeps) {
    this.files = new FileKeeper(deps);
  }

  private async conversationOf(ctx: Ctx): Promise<ConversationState | undefined> {
    if (this.readWithSender.has(ctx)) {
      const read = this.readWithSender.get(ctx);
      this.readWithSender.delete(ctx);
      return read ?? undefined;
    }
    return getConversation(ctx.deps.db, ctx.tenant.id, ctx.person.id);
  }

  private async tenant(id: string): Promise<Tenant> {
    const cached = this.tenants.get(id);
    if (cached && Date.now() - cached.at < 60_000) return cached.tenant;
    const tenant = await getTenant(this.deps.db, id);
    if (!tenant) throw new DomainError('record.not_found', { entity: 'tenant' });
    if (this.tenants.size > 10_000) this.tenants.clear();
    this.tenants.set(id, { tenant, at: Date.now() });
    return tenant;
  }

  async handle(event: InboundEvent): Promise<Reply> {
    const now = this.deps.clock.now();
    let tenant: Tenant;
    let accepted: Awaited<ReturnType<typeof acceptDelivery>>;
    const key = eventKey(event);
    try {
      tenant = await this.tenant(event.tenantId);
      // The duplicate check and who is writing, in one round trip.
      accepted = await acceptDelivery(this.deps, {
        tenantId: tenant.id,
        key,
        platform: event.platform,
        externalId: event.user.externalId,
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // The database is unreachable (a restart, a failover): say so, keep nothing, stay up.
      this.deps.onError?.(error, `accept ${event.kind}`);
      return reply(
        textMessage(translator(localeOf(event.user.locale, this.deps.defaults.locale))('errors.unexpected')),
      );
    }
    if (!accepted.fresh && !(event.replay && isReadOnlyEvent(this.registry, event))) {
      // A form instance already accepted (a double click, a resent invoke): say so, do nothing.
      if (event.kind === 'form' && key.startsWith('form:'))
        return reply(
          textMessage(
            translator(localeOf(event.user.locale, tenant.defaultLocale))('forms.already_submitted'),
          ),
        );
      return { messages: [] };
    }
    let t: T = translator(localeOf(event.user.locale, tenant.defaultLocale));
    let fmt: Formatter | undefined;
    // A refused form gives its key back: the corrected submission (same form, same Slack view
    // hash) must go through.
    const refused = async (result: Reply): Promise<Reply> => {
      if (event.kind === 'form') await forgetDelivery(this.deps, tenant.id, key).catch(() => {});
      return { ...result, refused: true };
    };
    try {
      const { ctx, firstContact } = await this.context(tenant, event, now, accepted.found);
      if (accepted.found) this.readWithSender.set(ctx, accepted.conversation ?? null);
      t = ctx.t;
      fmt = ctx.fmt;
      const result = await this.reachableFiles(
        ctx,
        event.platform,
        stampForms(await this.route(ctx, event), ctx.t, event),
      );
      if (result.refused || (result.formErrors && Object.keys(result.formErrors).length))
        return refused(result);
      // Once per person, with the first answer they get: what is kept, who sees it, how to ask for it.
      const notice =
        ctx.person.privacyNoticeAt == null && (await markNoticeShown(this.deps, tenant.id, ctx.person.id))
          ? [await privacyNotice(ctx)]
          : [];
      if (
        firstContact &&
        !(event.kind === 'message' && this.registry.parse(event.text)?.spec.name === 'hello')
      ) {
        const hello = await welcome(ctx, this.registry);
        return { ...result, messages: [...hello.messages, ...notice, ...result.messages] };
      }
      return notice.length ? { ...result, messages: [...result.messages, ...notice] } : result;
    } catch (error) {
      if (error instanceof DomainError) {
        const text = errorText(t, error, fmt);
        return refused({
          messages: [textMessage(text)],
          ...(event.kind === 'form' && typeof error.details.field === 'string'
            ? { formErrors: { [error.details.field]: text } }
            : {}),
        });
      }
      // Let a retry of this delivery run again: nothing of it was kept.
      await forgetDelivery(this.deps, tenant.id, key).catch(() => {});
      this.deps.onError?.(error, `handle ${event.kind}`);
      return reply(textMessage(t('errors.unexpected')));
    }
  }

  /** A reply's files as the person's chat can take them. */
  private async reachableFiles(ctx: Ctx, platform: Platform, result: Reply): Promise<Reply> {
    if (!this.deps.fileless?.has(platform)) return result;
    const reader = { tenantId: ctx.tenant.id, personId: ctx.person.id, t: ctx.t, fmt: ctx.fmt };
    const messages = await Promise.all(result.messages.map((m) => this.files.reachable(reader, m)));
    const replaceOriginal = result.replaceOriginal
      ? await this.files.reachable(reader, result.replaceOriginal)
      : undefined;
    return { ...result, messages, ...(replaceOriginal ? { replaceOriginal } : {}) };
  }

  /**
   * What a person's home surface shows (Slack's App Home): what is pending, their goals, their
   * sessions and the main actions, in their language.
   */
  async home(input: {
    tenantId: string;
    platform: InboundEvent['platform'];
    user: InboundEvent['user'];
  }): Promise<OutboundMessage[]> {
    const tenant = await getTenant(this.deps.db, input.tenantId);
    if (!tenant) throw new DomainError('record.not_found', { entity: 'tenant' });
    const event: InboundEvent = { ...input, eventId: 'home', kind: 'message', text: '' };
    const { ctx } = await this.context(tenant, event, this.deps.clock.now());
    const parts = [
      await pending(ctx),
      await listGoals(ctx),
      await listSessions(ctx),
      await help(ctx, this.registry),
    ];
    // An admin also sees who is behind in each cycle running today, with "Remind now".
    return withoutRepeatedButtons([...(await behindForHome(ctx)), ...parts.flatMap((p) => p.messages)]);
  }

  /** Who is writing, as the identity service finds them, and the turn's context. */
  private async context(
    tenant: Tenant,
    event: InboundEvent,
    now: Date,
    prefetched?: Awaited<ReturnType<typeof acceptDelivery>>['found'],
  ): Promise<{ ctx: Ctx; firstContact: boolean }> {
    const { person, actor, firstContact } = await whoIsWriting(
      this.deps,
      tenant,
      { platform: event.platform, user: event.user },
      prefetched,
    );
    const ctx: Ctx = {
      deps: this.deps,
      tenant,
      person,
      actor,
      acting: { actor, via: 'chat' },
      t: translator(person.locale, person.gender),
      fmt: formatter(person.locale, person.timezone),
      now,
    };
    return { ctx, firstContact };
  }

  private async route(ctx: Ctx, event: InboundEvent): Promise<Reply> {
    switch (event.kind) {
      case 'message':
      case 'command':
        return this.onText(ctx, event.text);
      case 'action':
        return this.onAction(ctx, event.actionId, event.value);
      case 'form':
        return this.onForm(ctx, event.actionId, event.value, event.fields);
      case 'file': {
        const handler = await this.registry.fileHandler(ctx, event.name);
        if (!handler) return this.notUnderstood(ctx);
        return handler.run(ctx, { name: event.name, size: event.size, read: event.read }, this.dispatch);
      }
    }
  }

  private async onText(ctx: Ctx, raw: string): Promise<Reply> {
    const text = raw.trim();
    if (text.length > MAX_INPUT_CHARS)
      return reply(textMessage(ctx.t('errors.input.message_too_long', { max: MAX_INPUT_CHARS })));
    const command = text ? this.registry.parse(text) : this.registry.menuCommand('help');
    const conversation = await this.conversationOf(ctx);
    const flow = conversation ? this.registry.flow(conversation.flow) : undefined;
    let note: Reply['messages'] = [];
    if (conversation && (!flow || conversation.expiresAt.getTime() <= ctx.now.getTime())) {
      await endFlow(ctx.deps, ctx.tenant.id, ctx.person.id, conversation.version);
      note = [textMessage(ctx.t('flow.expired', { flow: ctx.t(flow?.titleKey ?? 'flows.unknown') }))];
      if (!command) return { messages: [...note, textMessage(ctx.t('flow.expired_hint'))] };
    } else if (conversation && flow) {
      if (command?.spec.name === 'cancel') {
        await endFlow(ctx.deps, ctx.tenant.id, ctx.person.id);
        return reply(textMessage(ctx.t('flow.cancelled', { flow: ctx.t(flow.titleKey) })));
      }
      if (!command) {
        const turn = await flow.onText(ctx, { step: conversation.step, data: conversation.data }, text);
        return this.persist(ctx, flow.name, turn, conversation.version);
      }
    }
    const result = command
      ? await this.command(ctx, command, conversation && flow ? flow : undefined, text)
      : await this.notUnderstood(ctx);
    return { ...result, messages: [...note, ...result.messages] };
  }

  private async notUnderstood(ctx: Ctx): Promise<Reply> {
    const helpReply = await help(ctx, this.registry);
    return { messages: [textMessage(ctx.t('errors.not_understood')), ...helpReply.messages] };
  }

  /**
   * A command; when it needs a cycle and several could be meant, one button per cycle to say
   * which, each running the same command (as typed, when it said more than its name) on that one.
   */
  private async command(ctx: Ctx, command: ParsedCommand, activeFlow?: Flow, typed?: string): Promise<Reply> {
    const { spec } = command;
    try {
      if (spec.menteeCycle) await requireOneMenteeCycle(ctx);
      const result = await spec.run(ctx, command.args, this.dispatch);
      // A conversation still open goes on after an answer that did not end it.
      return activeFlow && spec.notesOpenFlow
        ? {
            ...result,
            messages: [
              ...result.messages,
              textMessage(ctx.t('flow.still_open', { flow: ctx.t(activeFlow.titleKey) })),
            ],
          }
        : result;
    } catch (error) {
      if (error instanceof PairChoiceNeeded) return this.askPair(ctx, spec.name, error.pairs);
      if (!(error instanceof CycleChoiceNeeded)) throw error;
      const again = typed && !spec.cycleArg && Object.keys(command.args).length > 0 ? { typed } : {};
      const text = ctx.t('cycles.choose');
      return reply(
        message(text)
          .text(text)
          .buttons(
            error.cycles.map((c) =>
              cycleChoiceKind.button(
                `${c.name} (${ctx.fmt.date(c.enrollmentStarts)} – ${ctx.fmt.date(c.ends)})`.slice(0, 75),
                { cmd: spec.name, cycle: c.id, ...again },
              ),
            ),
          )
          .build(),
      );
    }
  }

  /** A reverse program's mentor with several colleagues: whose plan a command is about, one button each. */
  private async askPair(ctx: Ctx, name: string, pairs: Pairing[]): Promise<Reply> {
    const people = await getPeople(
      ctx.deps.db,
      ctx.tenant.id,
      pairs.map((p) => p.menteeId),
    );
    const text = ctx.t('plan.which_pair');
    return reply(
      message(text)
        .text(text)
        .buttons(
          pairs.map((p) =>
            planPairKind.button(
              ctx.t('plan.with', { name: people.get(p.menteeId)?.name ?? '—' }).slice(0, 75),
              {
                cmd: name,
                pairing: p.id,
              },
            ),
          ),
        )
        .build(),
    );
  }

  /** Saves where a conversation stands after a turn; a stale version means another process moved it first. */
  private async persist(
    ctx: Ctx,
    flowName: string,
    turn: FlowTurn,
    expectedVersion?: number,
  ): Promise<Reply> {
    if (!turn.next) {
      await endFlow(ctx.deps, ctx.tenant.id, ctx.person.id, expectedVersion);
      return turn.reply;
    }
    const state = {
      flow: flowName,
      step: turn.next.step,
      data: turn.next.data,
      expiresAt: new Date(ctx.now.getTime() + FLOW_TTL_MS),
    };
    if (expectedVersion === undefined) {
      await startFlow(ctx.deps, ctx.tenant.id, ctx.person.id, state);
      return turn.reply;
    }
    const moved = await advanceFlow(ctx.deps, ctx.tenant.id, ctx.person.id, expectedVersion, state);
    return moved ? turn.reply : reply(textMessage(ctx.t('flow.stale_button')));
  }

  private async onAction(ctx: Ctx, actionId: string, raw: string): Promise<Reply> {
    const bad = (): Reply => ({ ...reply(textMessage(ctx.t('errors.bad_button'))), refused: true });
    switch (actionId) {
      case flowChoiceKind.id: {
        const value = flowChoiceKind.parse(raw);
        if (!value) return bad();
        const conversation = await this.conversationOf(ctx);
        const flow = this.registry.flow(value.flow);
        if (!conversation || !flow || conversation.flow !== value.flow || conversation.step !== value.step) {
          return reply(textMessage(ctx.t('flow.stale_button')));
        }
        if (conversation.expiresAt.getTime() <= ctx.now.getTime()) {
          await endFlow(ctx.deps, ctx.tenant.id, ctx.person.id, conversation.version);
          return reply(
            textMessage(ctx.t('flow.expired', { flow: ctx.t(flow.titleKey) })),
            textMessage(ctx.t('flow.expired_hint')),
          );
        }
        const turn = await flow.onChoice(
          ctx,
          { step: conversation.step, data: conversation.data },
          value.choice,
        );
        const result = await this.persist(ctx, flow.name, turn, conversation.version);
        // The question's buttons go once it is answered (a moved-on conversation answers stale).
        return result.refused || result.formErrors ? result : { ...result, answered: true };
      }
      case reopenKind.id: {
        const value = reopenKind.parse(raw);
        return value ? this.onText(ctx, value.text) : bad();
      }
      case planPairKind.id: {
        // A command about one plan, for the pair chosen.
        const value = planPairKind.parse(raw);
        const spec = value ? this.registry.command(value.cmd) : undefined;
        if (!value || !spec?.pairArg) return bad();
        return this.dispatch.run(ctx, { spec, args: spec.pairArg(value.pairing) as Record<string, unknown> });
      }
      case cycleChoiceKind.id: {
        const value = cycleChoiceKind.parse(raw);
        const cycle = value ? await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle) : undefined;
        const named = value ? this.registry.command(value.cmd) : undefined;
        // The command as typed, the cycle as its argument, or a command of words alone.
        const command = !value
          ? undefined
          : value.typed !== undefined
            ? this.registry.parse(value.typed)
            : named?.cycleArg
              ? { spec: named, args: named.cycleArg(value.cycle) as Record<string, unknown> }
              : this.registry.menuCommand(value.cmd);
        if (!value || !cycle || !command) return bad();
        chooseCycle(ctx, cycle.id);
        const answer = await this.dispatch.run(ctx, command);
        // Refused: nothing remembered. Otherwise later commands mean this cycle too.
        if (!answer.refused) await keepCycleChoice(ctx, cycle.id);
        return answer;
      }
      case LINK_ACTION:
        // A link button opened its page; Slack reports the click anyway. Nothing to do.
        return { messages: [] };
      case menuKind.id: {
        const value = menuKind.parse(raw);
        const command = value ? this.registry.menuCommand(value.cmd) : undefined;
        return command ? this.dispatch.run(ctx, command) : bad();
      }
      default: {
        const handler = this.registry.action(actionId);
        const value = handler?.kind.parse(raw);
        return handler && value !== undefined ? handler.run(ctx, value, this.dispatch) : bad();
      }
    }
  }

  private async onForm(
    ctx: Ctx,
    actionId: string,
    raw: string,
    fields: Record<string, string | string[]>,
  ): Promise<Reply> {
    const bad = (): Reply => ({ ...reply(textMessage(ctx.t('errors.bad_button'))), refused: true });
    for (const value of Object.values(fields)) {
      const length = Array.isArray(value) ? value.join('').length : value.length;
      if (length > MAX_INPUT_CHARS)
        return {
          ...reply(textMessage(ctx.t('errors.input.message_too_long', { max: MAX_INPUT_CHARS }))),
          refused: true,
        };
    }
    const handler = this.registry.form(actionId);
    const value = handler?.kind.parse(raw);
    return handler && value !== undefined ? handler.run(ctx, value, fields, this.dispatch) : bad();
  }
}

/**
 * The duplicate-check key of an event: a form instance for submissions that carry one (one
 * success per form, whatever the platform's delivery ids), else the platform's delivery id.
 * Long ids (Teams conversation ids) are hashed rather than cut, so two never collide.
 */
function eventKey(event: InboundEvent): string {
  const raw =
    event.kind === 'form' && event.submissionId && SUBMISSION_ID.test(event.submissionId)
      ? `form:${event.submissionId}`
      : `${event.platform}:${event.eventId}`;
  if (raw.length <= 200) return raw;
  return `${raw.slice(0, raw.indexOf(':') + 1)}#${createHash('sha256').update(raw).digest('base64url')}`;
}

/** Gives every form the reply opens its instance id, so its submission is accepted once. */
/**
 * One surface made of several answers (the App Home) shows each button once: the first time it
 * appears, where it has its context ("Nueva meta" is in the to-do list, the goal list and help).
 */
export function withoutRepeatedButtons(messages: OutboundMessage[]): OutboundMessage[] {
  const seen = new Set<string>();
  return messages.map((m) => ({
    ...m,
    blocks: m.blocks.flatMap((b): Block[] => {
      if (b.type !== 'buttons') return [b];
      const buttons = b.buttons.filter((button) => {
        const key = `${button.actionId}\u0000${button.value}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return buttons.length ? [{ ...b, buttons }] : [];
    }),
  }));
}

function stampForms(result: Reply, t: T, event: InboundEvent): Reply {
  if (!result.openForm || result.openForm.submissionId) return result;
  const text = event.kind === 'message' || event.kind === 'command' ? event.text.trim() : undefined;
  return {
    ...result,
    openForm: {
      ...result.openForm,
      submissionId: randomUUID(),
      cancelLabel: t('common.cancel'),
      requiredText: t('forms.required'),
      // What was typed opens it again when clicked (a form asked for by a typed message).
      ...(text && text.length <= MAX_REOPEN_CHARS
        ? { reopen: reopenKind.button(t('forms.open'), { text }, 'primary') }
        : {}),
    },
  };
}
