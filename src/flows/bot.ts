import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LOCALES, type Locale } from '../config.ts';
import { type Actor, authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { Identity, Pairing, Person, Platform, Tenant } from '../domain/model.ts';
import { isValidTimeZone } from '../domain/time.ts';
import { type Formatter, formatter, type T, translator } from '../i18n/index.ts';
import { type InboundEvent, MAX_INPUT_CHARS, parseValue, SUBMISSION_ID } from '../messages/inbound.ts';
import {
  type Block,
  button,
  LINK_ACTION,
  message,
  type OutboundMessage,
  textMessage,
} from '../messages/model.ts';
import { cycleReport } from '../reports/cycle-report.ts';
import { reportMessage } from '../reports/report-message.ts';
import { resolveActor } from '../services/deps.ts';
import { FileKeeper, takesFiles } from '../services/kept-files.ts';
import {
  advanceConversation,
  type ConversationState,
  endConversation,
  forgetProcessed,
  getConversation,
  startConversation,
} from '../store/conversation.store.ts';
import {
  acceptEvent,
  createPerson,
  findPersonByEmail,
  getPeople,
  identityWithPerson,
  markPrivacyNotice,
  setPersonEmail,
  setTenantRole,
  settleIdentityProfile,
  updatePersonProfile,
  upsertIdentity,
} from '../store/person.store.ts';
import { getCycle } from '../store/program.store.ts';
import { getTenant } from '../store/tenant.store.ts';
import { grantRole, revokeRole } from './admin.flow.ts';
import {
  applicationForm,
  applicationValue,
  applyFormValue,
  closeApplications,
  decideApplicationInChat,
  endorseApplication,
  listApplicationsInChat,
  openApplications,
  paperEndorsement,
  submitApplicationForm,
  submitSupervisorForm,
  supervisorForm,
  supervisorFormValue,
  withdrawApplicationInChat,
} from './application.flow.ts';
import { auditInChat } from './audit.flow.ts';
import { behindForHome, behindInChat, remindInChat, remindValue } from './behind.flow.ts';
import {
  certificateSample,
  certificateSettingsForm,
  LOGO_FLOW,
  logoFlow,
  programValue,
  removeLogo,
  startLogoUpload,
  submitCertificateSettingsForm,
  verifyInChat,
} from './certificate.flow.ts';
import { answerIssue, checkinFlow, issueValue, openIssueReply, startCheckin } from './checkin.flow.ts';
import {
  acknowledge,
  evaluationFlow,
  evaluationValue,
  release,
  startEvaluation,
  startSurvey,
  surveyFlow,
} from './closing.flow.ts';
import { type Command, isReadOnlyRequest, MENU_COMMANDS, parseCommand } from './commands.ts';
import type { CoreDeps, Ctx, Reply } from './context.ts';
import { reply } from './context.ts';
import { cyclesInChat, peopleInChat, programsInChat } from './directory.flow.ts';
import { errorText } from './errors.ts';
import { FLOW_ACTION, FLOW_TTL_MS, type Flow, type FlowTurn, flowChoiceSchema } from './flow.ts';
import {
  goalDraftingFlow,
  goalForm,
  pairingWithRoom,
  startGoalDrafting,
  startGoalEditing,
  submitGoalForm,
} from './goal-drafting.flow.ts';
import {
  confirmWithdraw,
  decide,
  decisionValue,
  goalValue,
  listGoals,
  openChangesForm,
  withdraw,
} from './goal-review.ts';
import { help, pending, privacyNotice, welcome } from './help.flow.ts';
import { historyInChat } from './history.flow.ts';
import { aiCoachInChat, myData } from './my-data.flow.ts';
import { nudgeValue, remindLater } from './nudge-actions.ts';
import { evaluationOnBehalf, goalOnBehalf, sessionsOnBehalf } from './on-behalf.flow.ts';
import {
  applyPairsInChat,
  applyPairsValue,
  pairInChat,
  replaceInChat,
  replaceValue,
  suggestPairsInChat,
} from './pairing.flow.ts';
import {
  attendFromButton,
  cancelPlenaryInChat,
  confirmCancelPlenary,
  confirmWeekendPlenary,
  editPlenaryForm,
  listPlenariesInChat,
  markInChat,
  myAttendance,
  plenaryForm,
  plenaryFormValue,
  plenaryValue,
  plenaryWeekendValue,
  submitPlenaryForm,
} from './plenary.flow.ts';
import { resume, setLanguage, snooze } from './preferences.ts';
import {
  addToCatalog,
  confirmDeleteCycle,
  cycleDatesForm,
  cycleForm,
  cycleValue,
  deleteCycleInChat,
  listCatalog,
  programForm,
  programSettingsForm,
  programSettingsValue,
  renameInCatalog,
  submitCycleDatesForm,
  submitCycleForm,
  submitProgramForm,
  submitProgramSettingsForm,
} from './program-admin.flow.ts';
import {
  approveDownload,
  askErase,
  diplomasInChat,
  downloadValue,
  eraseInChat,
  eraseValue,
  exportInChat,
  reportChart,
  resultsInChat,
} from './results.flow.ts';
import {
  answerSessionButton,
  askCancelSession,
  keepSession,
  listSessions,
  openSessionForm,
  sessionFlow,
  sessionValue,
  startCounterProposal,
  startSessionProposal,
  submitSessionForm,
} from './session.flow.ts';
import {
  CycleChoiceNeeded,
  chooseCycle,
  cycleNamed,
  keepCycleChoice,
  PairChoiceNeeded,
  requireOneMenteeCycle,
} from './standing.ts';
import { confirmWithdrawal, withdrawalValue, withdrawInChat } from './withdrawal.flow.ts';
import {
  attachFromChat,
  isReportDocument,
  openWorkReportChanges,
  requestWorkReportChanges,
  submitWorkReportForm,
  validateWorkReport,
  workReportFileInChat,
  workReportFileValue,
  workReportForm,
  workReportFormValue,
  workReportOnBehalf,
  workReportValue,
} from './work-report.flow.ts';

/** Commands whose `arg` names the cycle they act on (else the one chosen when several run). */
const CYCLE_COMMANDS = [
  'report',
  'results',
  'diplomas',
  'suggest_pairs',
  'applications',
  'close_applications',
  'new_plenary',
  'plenaries',
  'behind',
] as const;
const isCycleCommand = (name: string): name is (typeof CYCLE_COMMANDS)[number] =>
  (CYCLE_COMMANDS as readonly string[]).includes(name);
/** A cycle chosen for a command: `k` the command, `y` the cycle, `t` the command as typed when it had more to it. */
const cycleChoiceValue = z.object({
  k: z.string().max(40),
  y: z.string().max(64),
  t: z.string().max(500).optional(),
});
/** A pair chosen for a command about a plan (`k`): `new_goal`, `new_goal_form` or `checkin`. */
const pairChoiceValue = z.object({
  k: z.enum(['new_goal', 'new_goal_form', 'checkin', 'work_report']),
  p: z.string().max(64),
});
/** Commands a mentee in several running cycles starts in one of them. */
const MENTEE_CYCLE_COMMANDS = new Set<Command['name']>([
  'new_goal',
  'new_goal_form',
  'new_session',
  'checkin',
]);

import { startUpload, UPLOAD_FLOW, uploadFlow } from './upload.flow.ts';

const FLOWS: Flow[] = [
  goalDraftingFlow,
  sessionFlow,
  checkinFlow,
  evaluationFlow,
  surveyFlow,
  uploadFlow,
  logoFlow,
];
const menuValue = z.object({ c: z.string().max(40) });
const formGoalValue = z.object({
  g: z.string().max(64).optional(),
  m: z.string().max(64).optional(),
  p: z.string().max(64).optional(),
});

/** Help, pending, lists: events that change nothing. */
function isReadOnlyEvent(event: InboundEvent): boolean {
  if (event.kind === 'command' || event.kind === 'message')
    return isReadOnlyRequest({ kind: 'text', text: event.text });
  if (event.kind === 'action')
    return isReadOnlyRequest({ kind: 'action', actionId: event.actionId, value: event.value });
  return false;
}

function localeOf(value: string | undefined, fallback: Locale): Locale {
  const short = value?.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(short ?? '') ? (short as Locale) : fallback;
}

/**
 * The core's single entry: an event from any platform in, a reply out. Messages for other
 * people leave through the chat port. Each platform delivery is processed once.
 */
export class Bot {
  private readonly flows = new Map(FLOWS.map((f) => [f.name, f]));

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
    this.files = new FileKeeper({ db: deps.db, clock: deps.clock, links: deps.links });
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
    const { db } = this.deps;
    const now = this.deps.clock.now();
    let tenant: Tenant;
    let accepted: Awaited<ReturnType<typeof acceptEvent>>;
    const key = eventKey(event);
    try {
      tenant = await this.tenant(event.tenantId);
      // The duplicate check and who is writing, in one round trip.
      accepted = await acceptEvent(db, {
        tenantId: tenant.id,
        key,
        now,
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
    if (!accepted.fresh && !(event.replay && isReadOnlyEvent(event))) {
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
      if (event.kind === 'form') await forgetProcessed(db, tenant.id, key).catch(() => {});
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
        ctx.person.privacyNoticeAt == null && (await markPrivacyNotice(db, tenant.id, ctx.person.id, now))
          ? [await privacyNotice(ctx)]
          : [];
      if (firstContact && !(event.kind === 'message' && parseCommand(event.text)?.name === 'hello')) {
        const hello = await welcome(ctx);
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
      await forgetProcessed(db, tenant.id, key).catch(() => {});
      this.deps.onError?.(error, `handle ${event.kind}`);
      return reply(textMessage(t('errors.unexpected')));
    }
  }

  /** A reply's files as the person's chat can take them. */
  private async reachableFiles(ctx: Ctx, platform: Platform, result: Reply): Promise<Reply> {
    if (takesFiles(platform)) return result;
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
    const parts = [await pending(ctx), await listGoals(ctx), await listSessions(ctx), await help(ctx)];
    // An admin also sees who is behind in each cycle running today, with "Remind now".
    return withoutRepeatedButtons([...(await behindForHome(ctx)), ...parts.flatMap((p) => p.messages)]);
  }

  /** Who is writing: their identity, or a new person linked by email or created on first contact. */
  private async context(
    tenant: Tenant,
    event: InboundEvent,
    now: Date,
    prefetched?: Awaited<ReturnType<typeof identityWithPerson>>,
  ): Promise<{ ctx: Ctx; firstContact: boolean }> {
    const { db } = this.deps;
    const { user } = event;
    let person: Person | undefined;
    let firstContact = false;
    const found = prefetched ?? (await identityWithPerson(db, tenant.id, event.platform, user.externalId));
    const identity = found?.identity;
    let actor: Actor | undefined;
    if (found && identity?.profilePending && !user.profilePending) {
      // The lookup that failed on first contact worked this time: link the account to the roster
      // person with that email, or give its placeholder person the real name and email.
      person = await this.settleProfile(tenant, found.person, identity, user, now);
    } else if (found && identity) {
      person = found.person;
      actor = {
        tenantId: tenant.id,
        personId: found.person.id,
        staffRole: found.person.tenantRole ?? found.enrolledStaff,
      };
      if (
        (user.conversationRef &&
          JSON.stringify(user.conversationRef) !== JSON.stringify(identity.conversationRef)) ||
        !identity.active
      ) {
        await upsertIdentity(db, {
          tenantId: tenant.id,
          personId: identity.personId,
          platform: event.platform,
          externalId: user.externalId,
          conversationRef: user.conversationRef ?? null,
          now,
        });
      }
    }
    if (!person) {
      person = user.email ? await findPersonByEmail(db, tenant.id, user.email) : undefined;
      person ??= await createPerson(db, tenant.id, {
        name: (user.name ?? user.externalId).slice(0, 200),
        email: user.email ?? null,
        locale: localeOf(user.locale, tenant.defaultLocale),
        timezone: user.timezone && isValidTimeZone(user.timezone) ? user.timezone : tenant.defaultTimezone,
      });
      await upsertIdentity(db, {
        tenantId: tenant.id,
        personId: person.id,
        platform: event.platform,
        externalId: user.externalId,
        conversationRef: user.conversationRef ?? null,
        profilePending: Boolean(user.profilePending),
        now,
      });
      firstContact = true;
    }
    if (!person.tenantRole && person.email && this.deps.adminEmails?.includes(person.email.toLowerCase())) {
      // ADMIN_EMAILS: the person administers this tenant from their first message on.
      const promoted: Person = await setTenantRole(db, tenant.id, person.id, 'admin', now);
      person = promoted;
      actor = { tenantId: tenant.id, personId: promoted.id, staffRole: 'admin' };
    }
    actor ??= await resolveActor(db, tenant.id, person.id);
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

  /**
   * An account created while the platform's profile lookup was failing, now looked up: moved to
   * the roster person with its email (the placeholder removed when nothing refers to it), or its
   * placeholder person given the name, email, language and zone the platform reports.
   */
  private async settleProfile(
    tenant: Tenant,
    placeholder: Person,
    identity: Identity,
    user: InboundEvent['user'],
    now: Date,
  ): Promise<Person> {
    return this.deps.db.transaction().execute(async (tx) => {
      const roster = user.email ? await findPersonByEmail(tx, tenant.id, user.email) : undefined;
      if (user.conversationRef) {
        await upsertIdentity(tx, {
          tenantId: tenant.id,
          personId: identity.personId,
          platform: identity.platform,
          externalId: identity.externalId,
          conversationRef: user.conversationRef,
          now,
        });
      }
      if (roster && roster.id !== placeholder.id) {
        await settleIdentityProfile(tx, {
          tenantId: tenant.id,
          identityId: identity.id,
          placeholderId: placeholder.id,
          personId: roster.id,
          now,
        });
        return roster;
      }
      await settleIdentityProfile(tx, {
        tenantId: tenant.id,
        identityId: identity.id,
        placeholderId: placeholder.id,
        personId: placeholder.id,
        now,
      });
      // Only what is still the placeholder's: a name or language the person set is kept.
      const changes: Parameters<typeof updatePersonProfile>[3] = {};
      if (user.name && placeholder.name === identity.externalId) changes.name = user.name.slice(0, 200);
      if (user.timezone && isValidTimeZone(user.timezone) && placeholder.timezone === tenant.defaultTimezone)
        changes.timezone = user.timezone;
      if (user.locale && placeholder.locale === tenant.defaultLocale)
        changes.locale = localeOf(user.locale, tenant.defaultLocale);
      let person = await updatePersonProfile(tx, tenant.id, placeholder.id, changes, now);
      if (user.email && !placeholder.email)
        person = await setPersonEmail(tx, tenant.id, placeholder.id, user.email, now);
      return person;
    });
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
      case 'file':
        // A PNG is a diploma logo; anything else is read as a roster or pairs file.
        if (/\.png$/i.test(event.name))
          return this.persist(ctx, LOGO_FLOW, await startLogoUpload(ctx, event.name, event.size, event.read));
        // A document (PDF, Word…) joins a reverse program mentor's work report.
        if (await isReportDocument(ctx, event.name))
          return attachFromChat(ctx, event.name, event.size, event.read);
        return this.persist(ctx, UPLOAD_FLOW, await startUpload(ctx, event.name, event.size, event.read));
    }
  }

  private async onText(ctx: Ctx, raw: string): Promise<Reply> {
    const text = raw.trim();
    if (text.length > MAX_INPUT_CHARS)
      return reply(textMessage(ctx.t('errors.input.message_too_long', { max: MAX_INPUT_CHARS })));
    const command = text ? parseCommand(text) : { name: 'help' as const };
    const conversation = await this.conversationOf(ctx);
    const flow = conversation ? this.flows.get(conversation.flow) : undefined;
    let note: Reply['messages'] = [];
    if (conversation && (!flow || conversation.expiresAt.getTime() <= ctx.now.getTime())) {
      await endConversation(ctx.deps.db, ctx.tenant.id, ctx.person.id, conversation.version);
      note = [textMessage(ctx.t('flow.expired', { flow: ctx.t(flow?.titleKey ?? 'flows.unknown') }))];
      if (!command) return { messages: [...note, textMessage(ctx.t('flow.expired_hint'))] };
    } else if (conversation && flow) {
      if (command?.name === 'cancel') {
        await endConversation(ctx.deps.db, ctx.tenant.id, ctx.person.id);
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
    const helpReply = await help(ctx);
    return { messages: [textMessage(ctx.t('errors.not_understood')), ...helpReply.messages] };
  }

  /**
   * A command; when it needs a cycle and several could be meant, one button per cycle to say
   * which, each running the same command (as typed, when it said more than its name) on that one.
   */
  private async command(ctx: Ctx, command: Command, activeFlow?: Flow, typed?: string): Promise<Reply> {
    try {
      if (MENTEE_CYCLE_COMMANDS.has(command.name)) await requireOneMenteeCycle(ctx);
      return await this.runCommand(ctx, command, activeFlow);
    } catch (error) {
      if (error instanceof PairChoiceNeeded) return this.askPair(ctx, command.name, error.pairs);
      if (!(error instanceof CycleChoiceNeeded)) throw error;
      const again =
        typed && !isCycleCommand(command.name) && Object.keys(command).length > 1 ? { t: typed } : {};
      const text = ctx.t('cycles.choose');
      return reply(
        message(text)
          .text(text)
          .buttons(
            error.cycles.map((c) =>
              button(
                'cycle.choose',
                `${c.name} (${ctx.fmt.date(c.enrollmentStarts)} – ${ctx.fmt.date(c.ends)})`.slice(0, 75),
                { k: command.name, y: c.id, ...again },
              ),
            ),
          )
          .build(),
      );
    }
  }

  /** A reverse program's mentor with several colleagues: whose plan a command is about, one button each. */
  private async askPair(ctx: Ctx, name: Command['name'], pairs: Pairing[]): Promise<Reply> {
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
            button(
              'plan.pair',
              ctx.t('plan.with', { name: people.get(p.menteeId)?.name ?? '—' }).slice(0, 75),
              {
                k: name,
                p: p.id,
              },
            ),
          ),
        )
        .build(),
    );
  }

  /** The command a "whose plan" button names, for that pair. */
  private async onPairChosen(ctx: Ctx, value: z.infer<typeof pairChoiceValue>): Promise<Reply> {
    switch (value.k) {
      case 'new_goal':
        return this.persist(ctx, 'goal_draft', await startGoalDrafting(ctx, value.p));
      case 'new_goal_form':
        await pairingWithRoom(ctx, value.p);
        return { messages: [], openForm: await goalForm(ctx, undefined, undefined, value.p) };
      case 'work_report':
        return workReportForm(ctx, value.p);
      default:
        return this.persist(ctx, 'checkin', await startCheckin(ctx, value.p));
    }
  }

  private async runCommand(ctx: Ctx, command: Command, activeFlow?: Flow): Promise<Reply> {
    const keepFlowNote = activeFlow
      ? [textMessage(ctx.t('flow.still_open', { flow: ctx.t(activeFlow.titleKey) }))]
      : [];
    const withNote = (r: Reply): Reply => ({ ...r, messages: [...r.messages, ...keepFlowNote] });
    switch (command.name) {
      case 'help':
        return withNote(await help(ctx));
      case 'hello':
        return withNote(await welcome(ctx));
      case 'pending':
        return withNote(await pending(ctx));
      case 'goals':
        return withNote(await listGoals(ctx));
      case 'sessions':
        return withNote(await listSessions(ctx));
      case 'cancel':
        return reply(textMessage(ctx.t('flow.nothing_to_cancel')));
      case 'new_goal':
        return this.persist(ctx, 'goal_draft', await startGoalDrafting(ctx));
      case 'new_goal_form':
        await pairingWithRoom(ctx);
        return { messages: [], openForm: await goalForm(ctx) };
      case 'new_session':
        return this.persist(ctx, 'session_propose', await startSessionProposal(ctx));
      case 'checkin':
        return this.persist(ctx, 'checkin', await startCheckin(ctx));
      case 'evaluate':
        return this.persist(ctx, 'evaluation', await startEvaluation(ctx));
      case 'work_report':
        return workReportForm(ctx);
      case 'my_data':
        return withNote(await myData(ctx));
      case 'ai_coach':
        return aiCoachInChat(ctx, command.arg);
      case 'language':
        return setLanguage(ctx, command.arg);
      case 'snooze':
        return snooze(ctx, command.arg);
      case 'resume':
        return resume(ctx);
      case 'grant':
        return grantRole(ctx, command.role, command.email);
      case 'revoke':
        return revokeRole(ctx, command.role, command.email);
      case 'suggest_pairs':
        return suggestPairsInChat(ctx, command.arg);
      case 'pair':
        return pairInChat(ctx, command.mentor, command.mentee);
      case 'new_program':
        return programForm(ctx);
      case 'results':
        return resultsInChat(ctx, command.arg);
      case 'diplomas':
        return diplomasInChat(ctx, command.arg);
      case 'export_person':
        return exportInChat(ctx, command.email);
      case 'erase_person':
        return askErase(ctx, command.email);
      case 'apply':
        return applicationForm(ctx);
      case 'applications':
        return listApplicationsInChat(ctx, command.arg);
      case 'open_applications':
        return openApplications(ctx, command.arg);
      case 'close_applications':
        return closeApplications(ctx, command.arg);
      case 'new_plenary':
        return plenaryForm(ctx, command.arg);
      case 'plenaries':
        return listPlenariesInChat(ctx, command.arg);
      case 'attendance':
        return myAttendance(ctx);
      case 'mark_attendance':
        return markInChat(ctx, command.n, command.email, command.present, command.cycle);
      case 'program_settings':
        return programSettingsForm(ctx, command.arg);
      case 'certificate_settings':
        return certificateSettingsForm(ctx, command.arg);
      case 'certificate_sample':
        return certificateSample(ctx, command.arg);
      case 'verify_certificate':
        return verifyInChat(ctx, command.arg);
      case 'audit':
        return auditInChat(ctx, command.arg);
      case 'history':
        return historyInChat(ctx, command.email, command.cycle);
      case 'withdraw':
        return confirmWithdrawal(ctx, command.email, command.reason);
      case 'cycle_dates':
        return cycleDatesForm(ctx, command.arg);
      case 'delete_cycle':
        return confirmDeleteCycle(ctx, command.arg);
      case 'edit_plenary':
        return editPlenaryForm(ctx, command.n, command.cycle);
      case 'cancel_plenary':
        return confirmCancelPlenary(ctx, command.n, command.cycle);
      case 'new_cycle':
        return cycleForm(ctx);
      case 'competencies':
        return listCatalog(ctx);
      case 'programs':
        return programsInChat(ctx);
      case 'cycles':
        return cyclesInChat(ctx);
      case 'people':
        return peopleInChat(ctx, command.arg ?? '');
      case 'behind':
        return behindInChat(ctx, command.arg ?? '');
      case 'competency_add':
        return addToCatalog(ctx, command.names);
      case 'competency_rename':
        return renameInCatalog(ctx, command.key, command.names);
      case 'on_behalf':
        if (command.what === 'goal') return goalOnBehalf(ctx, command.email);
        if (command.what === 'sessions') return sessionsOnBehalf(ctx, command.email);
        if (command.what === 'work_report') return workReportOnBehalf(ctx, command.email);
        return this.persist(ctx, 'evaluation', await evaluationOnBehalf(ctx, command.email));
      case 'report': {
        authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
        const cycle = await cycleNamed(ctx, command.arg);
        if (!cycle) return reply(textMessage(ctx.t('report.no_cycle')));
        const report = await cycleReport(ctx.deps, ctx.acting, cycle);
        return reply(await reportChart(ctx, cycle, report, reportMessage(ctx, report)));
      }
    }
  }

  /** Saves where a conversation stands after a turn; a stale version means another process moved it first. */
  private async persist(
    ctx: Ctx,
    flowName: string,
    turn: FlowTurn,
    expectedVersion?: number,
  ): Promise<Reply> {
    const { db } = ctx.deps;
    if (!turn.next) {
      await endConversation(db, ctx.tenant.id, ctx.person.id, expectedVersion);
      return turn.reply;
    }
    const state = {
      flow: flowName,
      step: turn.next.step,
      data: turn.next.data,
      expiresAt: new Date(ctx.now.getTime() + FLOW_TTL_MS),
    };
    if (expectedVersion === undefined) {
      await startConversation(db, ctx.tenant.id, ctx.person.id, state, ctx.now);
      return turn.reply;
    }
    const moved = await advanceConversation(
      db,
      ctx.tenant.id,
      ctx.person.id,
      expectedVersion,
      state,
      ctx.now,
    );
    return moved ? turn.reply : reply(textMessage(ctx.t('flow.stale_button')));
  }

  private async onAction(ctx: Ctx, actionId: string, raw: string): Promise<Reply> {
    const bad = (): Reply => ({ ...reply(textMessage(ctx.t('errors.bad_button'))), refused: true });
    const parse = <S extends z.ZodType>(schema: S) => parseValue(schema, raw) as z.infer<S> | undefined;
    switch (actionId) {
      case FLOW_ACTION: {
        const value = parse(flowChoiceSchema);
        if (!value) return bad();
        const conversation = await this.conversationOf(ctx);
        const flow = this.flows.get(value.f);
        if (!conversation || !flow || conversation.flow !== value.f || conversation.step !== value.s) {
          return reply(textMessage(ctx.t('flow.stale_button')));
        }
        if (conversation.expiresAt.getTime() <= ctx.now.getTime()) {
          await endConversation(ctx.deps.db, ctx.tenant.id, ctx.person.id, conversation.version);
          return reply(
            textMessage(ctx.t('flow.expired', { flow: ctx.t(flow.titleKey) })),
            textMessage(ctx.t('flow.expired_hint')),
          );
        }
        const turn = await flow.onChoice(ctx, { step: conversation.step, data: conversation.data }, value.c);
        const result = await this.persist(ctx, flow.name, turn, conversation.version);
        // The question's buttons go once it is answered (a moved-on conversation answers stale).
        return result.refused || result.formErrors ? result : { ...result, answered: true };
      }
      case REOPEN_ACTION: {
        const value = parse(reopenValue);
        return value ? this.onText(ctx, value.t) : bad();
      }
      case 'work_report.validate': {
        const value = parse(workReportValue);
        return value ? validateWorkReport(ctx, value) : bad();
      }
      case 'work_report.request_changes': {
        const value = parse(workReportValue);
        return value ? openWorkReportChanges(ctx, value) : bad();
      }
      case 'work_report.file': {
        const value = parse(workReportFileValue);
        return value ? workReportFileInChat(ctx, value) : bad();
      }
      case 'plan.pair': {
        const value = parse(pairChoiceValue);
        return value ? this.onPairChosen(ctx, value) : bad();
      }
      case 'behind.remind': {
        const value = parse(remindValue);
        return value ? remindInChat(ctx, value) : bad();
      }
      case 'cycle.choose': {
        const value = parse(cycleChoiceValue);
        const cycle = value ? await getCycle(ctx.deps.db, ctx.tenant.id, value.y) : undefined;
        const command = !value
          ? undefined
          : value.t !== undefined
            ? parseCommand(value.t)
            : isCycleCommand(value.k)
              ? { name: value.k, arg: value.y }
              : MENU_COMMANDS[value.k];
        if (!value || !cycle || !command) return bad();
        chooseCycle(ctx, cycle.id);
        const conversation = await this.conversationOf(ctx);
        const answer = await this.command(
          ctx,
          command,
          conversation ? this.flows.get(conversation.flow) : undefined,
        );
        // Refused: nothing remembered. Otherwise later commands mean this cycle too.
        if (!answer.refused) await keepCycleChoice(ctx, cycle.id);
        return answer;
      }
      case LINK_ACTION:
        // A link button opened its page; Slack reports the click anyway. Nothing to do.
        return { messages: [] };
      case 'menu': {
        const value = parse(menuValue);
        const command = value ? MENU_COMMANDS[value.c] : undefined;
        if (!command) return bad();
        const conversation = await this.conversationOf(ctx);
        return this.command(ctx, command, conversation ? this.flows.get(conversation.flow) : undefined);
      }
      case 'goal.approve': {
        const value = parse(decisionValue);
        return value ? decide(ctx, value, 'approve', null) : bad();
      }
      case 'goal.request_changes': {
        const value = parse(decisionValue);
        return value ? openChangesForm(ctx, value) : bad();
      }
      case 'goal.edit': {
        const value = parse(goalValue);
        return value ? this.persist(ctx, 'goal_draft', await startGoalEditing(ctx, value.g)) : bad();
      }
      case 'goal.withdraw': {
        const value = parse(goalValue);
        return value ? confirmWithdraw(ctx, value.g) : bad();
      }
      case 'goal.withdraw_confirm': {
        const value = parse(goalValue);
        return value ? withdraw(ctx, value.g) : bad();
      }
      case 'goal.open_form':
        return { messages: [], openForm: await goalForm(ctx) };
      case 'session.accept':
      case 'session.cancel_confirm': {
        const value = parse(sessionValue);
        return value
          ? answerSessionButton(
              ctx,
              value.s,
              actionId === 'session.accept' ? 'accept' : 'cancel',
              value.l === 1,
            )
          : bad();
      }
      case 'session.cancel': {
        const value = parse(sessionValue);
        return value ? askCancelSession(ctx, value.s) : bad();
      }
      case 'session.keep': {
        const value = parse(sessionValue);
        return value ? keepSession(ctx, value.s) : bad();
      }
      case 'session.counter': {
        const value = parse(sessionValue);
        return value ? this.persist(ctx, 'session_propose', await startCounterProposal(ctx, value.s)) : bad();
      }
      case 'session.decline':
      case 'session.held':
      case 'session.not_held': {
        const value = parse(sessionValue);
        return value
          ? openSessionForm(
              ctx,
              value.s,
              actionId.slice('session.'.length) as 'decline' | 'held' | 'not_held',
            )
          : bad();
      }
      case 'checkin.reply': {
        const value = parse(issueValue);
        return value ? openIssueReply(ctx, value.u) : bad();
      }
      case 'checkin.resolve': {
        const value = parse(issueValue);
        return value ? answerIssue(ctx, value.u, null, true) : bad();
      }
      case 'evaluation.release': {
        const value = parse(evaluationValue);
        return value ? release(ctx, value.e) : bad();
      }
      case 'evaluation.acknowledge': {
        const value = parse(evaluationValue);
        return value ? this.persist(ctx, 'survey', await acknowledge(ctx, value.e)) : bad();
      }
      case 'download.approve': {
        const value = parse(downloadValue);
        return value ? approveDownload(ctx, value.n) : bad();
      }
      case 'privacy.erase': {
        const value = parse(eraseValue);
        return value ? eraseInChat(ctx, value) : bad();
      }
      case 'application.endorse':
      case 'application.decline': {
        const value = parse(applicationValue);
        return value ? endorseApplication(ctx, value.a, actionId === 'application.endorse') : bad();
      }
      case 'application.select':
      case 'application.reject': {
        const value = parse(applicationValue);
        return value ? decideApplicationInChat(ctx, value.a, actionId === 'application.select') : bad();
      }
      case 'application.withdraw': {
        const value = parse(applicationValue);
        return value ? withdrawApplicationInChat(ctx, value.a) : bad();
      }
      case 'application.supervisor': {
        const value = parse(applicationValue);
        return value ? supervisorForm(ctx, value.a) : bad();
      }
      case 'application.paper_endorse': {
        const value = parse(applicationValue);
        return value ? paperEndorsement(ctx, value.a) : bad();
      }
      case 'plenary.attend': {
        const value = parse(plenaryValue);
        return value ? attendFromButton(ctx, value.p) : bad();
      }
      case 'withdrawal.confirm': {
        const value = parse(withdrawalValue);
        return value ? withdrawInChat(ctx, value) : bad();
      }
      case 'cycle.delete': {
        const value = parse(cycleValue);
        return value ? deleteCycleInChat(ctx, value.cycle) : bad();
      }
      case 'certificate.settings': {
        const value = parse(programValue);
        return value ? certificateSettingsForm(ctx, value.program) : bad();
      }
      case 'certificate.sample': {
        const value = parse(programValue);
        return value ? certificateSample(ctx, value.program) : bad();
      }
      case 'certificate.logo_remove': {
        const value = parse(programValue);
        return value ? removeLogo(ctx, value) : bad();
      }
      case 'program.settings': {
        const value = parse(programSettingsValue);
        return value ? programSettingsForm(ctx, value.program) : bad();
      }
      case 'plenary.cancel': {
        const value = parse(plenaryValue);
        return value ? cancelPlenaryInChat(ctx, value.p) : bad();
      }
      case 'plenary.weekend': {
        const value = parse(plenaryWeekendValue);
        return value ? confirmWeekendPlenary(ctx, value) : bad();
      }
      case 'pairs.apply': {
        const value = parse(applyPairsValue);
        return value ? applyPairsInChat(ctx, value) : bad();
      }
      case 'pairs.replace': {
        const value = parse(replaceValue);
        return value ? replaceInChat(ctx, value) : bad();
      }
      case 'nudge.later': {
        const value = parse(nudgeValue);
        return value ? remindLater(ctx, value.n) : bad();
      }
      case 'survey.start':
        return this.persist(ctx, 'survey', await startSurvey(ctx));
      default:
        return bad();
    }
  }

  private async onForm(
    ctx: Ctx,
    actionId: string,
    raw: string,
    fields: Record<string, string | string[]>,
  ): Promise<Reply> {
    const bad = (): Reply => ({ ...reply(textMessage(ctx.t('errors.bad_button'))), refused: true });
    const parse = <S extends z.ZodType>(schema: S) => parseValue(schema, raw) as z.infer<S> | undefined;
    const text = (id: string) => {
      const value = fields[id];
      return typeof value === 'string' ? value : null;
    };
    for (const value of Object.values(fields)) {
      const length = Array.isArray(value) ? value.join('').length : value.length;
      if (length > MAX_INPUT_CHARS)
        return {
          ...reply(textMessage(ctx.t('errors.input.message_too_long', { max: MAX_INPUT_CHARS }))),
          refused: true,
        };
    }
    switch (actionId) {
      case 'application.form': {
        const value = parse(applyFormValue);
        return value ? submitApplicationForm(ctx, value, fields) : bad();
      }
      case 'application.supervisor_form': {
        const value = parse(supervisorFormValue);
        return value ? submitSupervisorForm(ctx, value, fields) : bad();
      }
      case 'plenary.form': {
        const value = parse(plenaryFormValue);
        return value ? submitPlenaryForm(ctx, value, fields) : bad();
      }
      case 'program.form':
        return submitProgramForm(ctx, fields);
      case 'cycle.dates_form': {
        const value = parse(cycleValue);
        return value ? submitCycleDatesForm(ctx, value, fields) : bad();
      }
      case 'work_report.form': {
        const value = parse(workReportFormValue);
        return value ? submitWorkReportForm(ctx, value, fields) : bad();
      }
      case 'work_report.request_changes': {
        const value = parse(workReportValue);
        return value ? requestWorkReportChanges(ctx, value, text('comment')) : bad();
      }
      case 'certificate.settings_form': {
        const value = parse(programValue);
        return value ? submitCertificateSettingsForm(ctx, value, fields) : bad();
      }
      case 'program.settings_form': {
        const value = parse(programSettingsValue);
        return value ? submitProgramSettingsForm(ctx, value, fields) : bad();
      }
      case 'cycle.form':
        return submitCycleForm(ctx, fields);
      case 'goal.form': {
        const value = parse(formGoalValue);
        return value ? submitGoalForm(ctx, value.g, fields, value.m, value.p) : bad();
      }
      case 'goal.request_changes': {
        const value = parse(decisionValue);
        if (!value) return bad();
        const comment = text('comment')?.trim() ?? '';
        if (!comment)
          return {
            messages: [textMessage(ctx.t('errors.goal.comment_required'))],
            formErrors: { comment: ctx.t('errors.goal.comment_required') },
          };
        return decide(ctx, value, 'request_changes', comment);
      }
      case 'session.decline':
      case 'session.held':
      case 'session.not_held': {
        const value = parse(sessionValue);
        return value
          ? submitSessionForm(
              ctx,
              value.s,
              actionId.slice('session.'.length) as 'decline' | 'held' | 'not_held',
              fields,
            )
          : bad();
      }
      case 'checkin.reply': {
        const value = parse(issueValue);
        return value ? answerIssue(ctx, value.u, text('reply'), false) : bad();
      }
      default:
        return bad();
    }
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
        ? {
            reopen: {
              actionId: REOPEN_ACTION,
              label: t('forms.open'),
              value: JSON.stringify({ t: text }),
              style: 'primary' as const,
            },
          }
        : {}),
    },
  };
}

/** The action of a button that shows a form again: it runs what was typed, once more. */
const REOPEN_ACTION = 'form.reopen';
const MAX_REOPEN_CHARS = 1_000;
const reopenValue = z.object({ t: z.string().min(1).max(MAX_REOPEN_CHARS) });
