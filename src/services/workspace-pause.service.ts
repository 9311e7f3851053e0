import type { Person, Platform } from '../domain/model.ts';
import { type Formatter, formatter, type T, translator } from '../i18n/index.ts';
import { message, type OutboundMessage } from '../messages/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import { queueNotices } from '../store/nudge.store.ts';
import { getPerson, tenantAdmins } from '../store/person.store.ts';
import { endPause, markPaused } from '../store/tenant.store.ts';
import type { Deps } from './deps.ts';

/**
 * A workspace whose platform refuses the bot's token is paused: nobody there can be written to,
 * its admins included, so they hear of it the moment the bot can write again — since when, why,
 * and how many reminders waited — while the operator hears of it at once (a log line, the
 * `mentoria_workspaces_paused` gauge).
 */

/** What a platform's refusal code means, as the admins read it. */
const REASONS: Record<string, string> = {
  token_revoked: 'workspace.reason.revoked',
  invalid_auth: 'workspace.reason.invalid',
  not_authed: 'workspace.reason.invalid',
  token_expired: 'workspace.reason.expired',
  account_inactive_workspace: 'workspace.reason.withdrawn',
  team_access_not_granted: 'workspace.reason.withdrawn',
  no_installation: 'workspace.reason.not_installed',
  // Entra refused the Teams bot's own app credentials.
  invalid_client: 'workspace.reason.credentials',
  unauthorized_client: 'workspace.reason.credentials',
};

/** Where the bot writes again, as its people name it. */
const WHERE: Record<string, string> = { slack: 'workspace.where.slack', teams: 'workspace.where.teams' };

/** Starts a tenant's pause (once: a pause already running keeps its start); whether this call did. */
export async function pauseWorkspace(
  { db, clock }: Pick<Deps, 'db' | 'clock'>,
  tenantId: string,
  code: string,
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    if (!(await markPaused(tx, tenantId, code, now))) return false;
    await recordAudit(tx, {
      tenantId,
      at: now,
      actorId: null,
      via: 'system',
      action: 'workspace.paused',
      subjectType: 'tenant',
      subjectId: tenantId,
      data: { code },
    });
    return true;
  });
}

/** The admins' message: the bot writes again, what stopped it and for how long, what waited. */
function resumedMessage(
  reader: { t: T; fmt: Formatter },
  input: { platform: Platform; since: Date; until: Date; code: string; waited: number },
): OutboundMessage {
  const { t, fmt } = reader;
  const reason = REASONS[input.code] ?? 'workspace.reason.other';
  return message(t('workspace.resumed_summary'))
    .text(
      [
        t('workspace.resumed', {
          where: t(WHERE[input.platform] ?? 'workspace.where.other'),
          from: fmt.dateTime(input.since),
          to: fmt.dateTime(input.until),
          reason: t(reason, { code: input.code }),
        }),
        t('workspace.resumed_waited', { count: input.waited }),
        t('workspace.resumed_action'),
      ].join('\n'),
    )
    .build();
}

/**
 * The platform took the bot's token again in a paused tenant (a message went through, the app
 * was reinstalled): the pause ends once across replicas, what waited for it goes out now, and the
 * tenant's admins are told, each in their language and zone. Undefined when it was not paused.
 */
export async function resumeWorkspace(
  { db, clock }: Pick<Deps, 'db' | 'clock'>,
  tenantId: string,
  platform: Platform,
  /** Who made it work again (a reinstall), told as well when not an admin. */
  installerId?: string,
): Promise<{ since: Date; code: string; waited: number; told: number } | undefined> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const ended = await endPause(tx, tenantId);
    if (!ended) return undefined;
    // What met the refusal went back with its code: in hand (going out now) or queued (brought
    // forward, messages written for someone included; the count is of reminders).
    const inHand = await tx
      .selectFrom('nudges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('last_error', '=', ended.code)
      .where('kind', '<>', 'notice')
      .where('status', 'in', ['pending', 'claimed'])
      .executeTakeFirst();
    const waited = Number(inHand?.n ?? 0);
    await tx
      .updateTable('nudges')
      .set({ due_at: now, last_error: null, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('last_error', '=', ended.code)
      .where('status', '=', 'pending')
      .where('due_at', '>', now)
      .execute();
    const told: Person[] = await tenantAdmins(tx, tenantId);
    const installer = installerId && (await getPerson(tx, tenantId, installerId));
    if (installer && !told.some((p) => p.id === installer.id)) told.push(installer);
    await queueNotices(
      tx,
      told.map((admin) => ({
        tenantId,
        recipientId: admin.id,
        message: resumedMessage(
          { t: translator(admin.locale, admin.gender), fmt: formatter(admin.locale, admin.timezone) },
          {
            platform,
            since: ended.since,
            until: now,
            code: ended.code,
            waited,
          },
        ),
      })),
      now,
    );
    await recordAudit(tx, {
      tenantId,
      at: now,
      actorId: null,
      via: 'system',
      action: 'workspace.resumed',
      subjectType: 'tenant',
      subjectId: tenantId,
      data: { code: ended.code, since: ended.since.toISOString(), waited },
    });
    return { ...ended, waited, told: told.length };
  });
}
