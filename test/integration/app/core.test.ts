import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../../src/flows/bot.ts';
import { Core } from '../../../src/flows/core.ts';
import { Inbox } from '../../../src/services/inbox.ts';
import { pauseWorkspace } from '../../../src/services/workspace-pause.service.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { insertNudges } from '../../../src/store/nudge.store.ts';
import { createPerson, findIdentity, getPerson, upsertIdentity } from '../../../src/store/person.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { eventually } from '../../support/eventually.ts';

/** The core port adapters come in by, on a real database: what moved out of the Slack and Teams adapters. */
describe('core port', () => {
  let db: OpenDatabase;
  let now = new Date('2026-12-06T12:00:00Z');
  const clock = { now: () => now };
  let bot: Bot;
  beforeAll(async () => {
    db = await openMigratedPGlite();
    bot = new Bot({
      db: db.db,
      clock,
      chat: { send: async () => null, update: async () => {} },
      defaults: { locale: 'es', timezone: 'America/Santiago' },
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('makes a platform’s tenant once and finds it again; an unknown one is not made by finding it', async () => {
    const core = new Core({ bot });
    expect(await core.findTenant('slack', 'T:T404')).toBeUndefined();
    const made = await core.tenant('slack', 'T:T1', 'Servicio Civil');
    expect(made).toMatchObject({
      platform: 'slack',
      name: 'Servicio Civil',
      defaultTimezone: 'America/Santiago',
    });
    expect((await new Core({ bot }).tenant('slack', 'T:T1')).id).toBe(made.id);
    expect((await core.findTenant('slack', 'T:T1'))?.id).toBe(made.id);
    // The same key on another platform is another tenant.
    expect((await core.tenant('teams', 'T:T1')).id).not.toBe(made.id);
  });

  it('keeps a read with "on its way" in the reader’s language; an inbox that fails says "try again" and keeps nothing', async () => {
    const inbox = new Inbox({ db: db.db, clock, worker: 'core-test', leaseMs: 30_000, onError: () => {} });
    const answered: unknown[] = [];
    const core = new Core({ bot, inbox });
    core.onRead('slack', async (payload) => {
      answered.push(payload);
    });
    const kept = await core.acceptRead('slack', 'cmd:1', { text: 'ayuda' }, 'en-US');
    expect(kept).toEqual({ stored: true, text: 'One moment: my answer is on its way.' });
    const broken = new Core({
      bot,
      inbox: { accept: async () => Promise.reject(new Error('database down')), register: () => {} } as never,
    });
    const refused = await broken.acceptRead('slack', 'cmd:2', { text: 'ayuda' }, undefined);
    expect(refused.stored).toBe(false);
    expect(refused.text).toBe(
      'Algo falló de nuestro lado y no se guardó nada. Inténtalo de nuevo en un momento.',
    );
    // The kept read is answered (here, by this process); the refused one never reaches a handler.
    expect(await eventually(() => (answered.length ? answered : undefined))).toEqual([{ text: 'ayuda' }]);
    inbox.start();
    await inbox.stop();
    expect(answered).toHaveLength(1);
  });

  it('stores a read with its tenant when this process knows the workspace, without looking it up otherwise', async () => {
    const inbox = new Inbox({ db: db.db, clock, worker: 'core-test', leaseMs: 30_000, onError: () => {} });
    const core = new Core({ bot, inbox });
    // Answering waits until the rows are read here (an answered read leaves the table).
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    core.onRead('slack', () => gate);
    const known = await core.tenant('slack', 'T:T7');
    expect((await core.acceptRead('slack', 'cmd:7', {}, undefined, 'T:T7')).stored).toBe(true);
    // A workspace this process has not seen yet: acknowledged all the same, its tenant unknown.
    expect((await core.acceptRead('slack', 'cmd:8', {}, undefined, 'T:T8')).stored).toBe(true);
    const rows = await db.db.selectFrom('inbox').select(['key', 'tenant_id']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'slack:cmd:7', tenant_id: known.id },
      { key: 'slack:cmd:8', tenant_id: null },
    ]);
    release();
    await inbox.stop();
  });

  it('makes the first installer an admin, a re-installing workspace admin too, and anyone else only linked', async () => {
    const core = new Core({ bot });
    const tenant = await core.tenant('slack', 'T:T2');
    await core.installationAdded({
      tenantId: tenant.id,
      platform: 'slack',
      user: { externalId: 'U_FIRST', name: 'Paula Rojas', email: 'paula@example.cl', locale: 'en-US' },
      first: true,
      workspaceAdmin: false,
    });
    await core.installationAdded({
      tenantId: tenant.id,
      platform: 'slack',
      user: { externalId: 'U_MEMBER', name: 'Tomás Vera' },
      first: false,
      workspaceAdmin: false,
    });
    await core.installationAdded({
      tenantId: tenant.id,
      platform: 'slack',
      user: { externalId: 'U_OWNER', name: 'Rosa Díaz' },
      first: false,
      workspaceAdmin: true,
    });
    const roleOf = async (externalId: string) => {
      const identity = await findIdentity(db.db, tenant.id, 'slack', externalId);
      return identity ? (await getPerson(db.db, tenant.id, identity.personId))?.tenantRole : 'no identity';
    };
    expect(await roleOf('U_FIRST')).toBe('admin');
    expect(await roleOf('U_MEMBER')).toBeNull();
    expect(await roleOf('U_OWNER')).toBe('admin');
    const first = await findIdentity(db.db, tenant.id, 'slack', 'U_FIRST');
    expect((await getPerson(db.db, tenant.id, first?.personId ?? ''))?.locale).toBe('en');
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['tenant.admin', 'tenant.admin']);
  });

  it('withdraws an installation once per delivery: a retry changes nothing, an unknown workspace nothing at all', async () => {
    const core = new Core({ bot });
    const { tenantId } = await core.installations('slack').save({
      key: 'T:T3',
      tenantName: 'Ministerio',
      teamId: 'T3',
      enterpriseId: null,
      isEnterpriseInstall: false,
      installerUserId: 'U1',
      installation: { bot: { token: 'xoxb-3' } },
    });
    const person = await createPerson(db.db, tenantId, { name: 'Ana', locale: 'es', timezone: 'UTC' });
    await upsertIdentity(db.db, {
      tenantId,
      personId: person.id,
      platform: 'slack',
      externalId: 'U9',
      conversationRef: null,
      now,
    });
    const event = { platform: 'slack' as const, key: 'T:T3', eventId: 'Ev3', reason: 'app_uninstalled' };
    expect(await core.installationRemoved(event)).toEqual({ tenantId, identities: 1 });
    expect(await core.installations('slack').forTenant(tenantId)).toBeUndefined();
    expect(await core.installationRemoved(event)).toBeUndefined();
    expect(await core.installationRemoved({ ...event, key: 'T:T404' })).toBeUndefined();
    expect((await findIdentity(db.db, tenantId, 'slack', 'U9'))?.active).toBe(false);
  });

  it('a reinstall ends a paused workspace: its admins and whoever reinstalled hear since when, why and what waited', async () => {
    const core = new Core({ bot });
    const tenant = await core.tenant('slack', 'T:T7');
    const notices = async () =>
      (
        await db.db
          .selectFrom('nudges as n')
          .innerJoin('people as p', (j) =>
            j.onRef('p.tenant_id', '=', 'n.tenant_id').onRef('p.id', '=', 'n.recipient_id'),
          )
          .select(['p.name', 'n.payload'])
          .where('n.tenant_id', '=', tenant.id)
          .where('n.kind', '=', 'notice')
          .orderBy('p.name')
          .execute()
      ).map((r) => {
        const m = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as {
          blocks: { text: string }[];
        };
        return { name: r.name, text: m.blocks.map((b) => b.text).join('\n') };
      });
    await core.installationAdded({
      tenantId: tenant.id,
      platform: 'slack',
      user: { externalId: 'U_PAULA', name: 'Paula Rojas', locale: 'es-CL', timezone: 'America/Santiago' },
      first: true,
      workspaceAdmin: false,
    });
    // Installing, with nothing paused, tells nobody anything.
    expect(await notices()).toEqual([]);
    const paula = await findIdentity(db.db, tenant.id, 'slack', 'U_PAULA');
    const pausedAt = new Date('2026-12-07T13:00:00Z');
    expect(
      await pauseWorkspace({ db: db.db, clock: { now: () => pausedAt } }, tenant.id, 'invalid_auth'),
    ).toBe(true);
    // A pause already on keeps its start and its code.
    const later = { db: db.db, clock: { now: () => new Date('2026-12-07T14:00:00Z') } };
    expect(await pauseWorkspace(later, tenant.id, 'token_revoked')).toBe(false);
    // A reminder that met the refusal, back in the queue for a quarter of an hour later.
    await insertNudges(
      db.db,
      [
        {
          tenantId: tenant.id,
          kind: 'goal_drafting',
          subjectId: 'c1',
          slot: 'w1',
          recipientId: paula?.personId ?? '',
          dueAt: new Date('2026-12-07T17:15:00Z'),
        },
      ],
      pausedAt,
    );
    await db.db
      .updateTable('nudges')
      .set({ last_error: 'invalid_auth' })
      .where('tenant_id', '=', tenant.id)
      .execute();
    now = new Date('2026-12-07T17:05:00Z');
    // Tomás, a member, reinstalls the app (a new token): he is linked, not made admin, and told too.
    await core.installationAdded({
      tenantId: tenant.id,
      platform: 'slack',
      user: { externalId: 'U_TOMAS', name: 'Tomás Vera', locale: 'en-US', timezone: 'America/Bogota' },
      first: false,
      workspaceAdmin: false,
    });
    expect(await notices()).toEqual([
      {
        name: 'Paula Rojas',
        text: [
          'Mentoría vuelve a escribir en este espacio de trabajo de Slack. Desde el lunes, 7 de diciembre, 10:00 (GMT-3) hasta el lunes, 7 de diciembre, 14:05 (GMT-3) no pudo: la credencial de la aplicación dejó de ser válida. Mientras tanto nadie recibió mensajes del bot ni se perdió nada.',
          '1 recordatorio esperó y sale ahora.',
          'Si vuelve a pasar, pide a quien administra el espacio de trabajo que reinstale la aplicación, o avisa a quien opera Mentoría.',
        ].join('\n'),
      },
      {
        name: 'Tomás Vera',
        text: [
          'Mentoría can write in this Slack workspace again. From Monday, December 7, 8:00 AM (GMT-5) until Monday, December 7, 12:05 PM (GMT-5) it could not: the app’s credentials stopped being valid. Meanwhile nobody got messages from the bot, and nothing was lost.',
          '1 reminder waited and goes out now.',
          'If it happens again, ask whoever administers the workspace to reinstall the app, or tell whoever runs Mentoría.',
        ].join('\n'),
      },
    ]);
    // What waited goes now, not a quarter of an hour later.
    const reminder = await db.db
      .selectFrom('nudges')
      .select(['due_at', 'last_error'])
      .where('tenant_id', '=', tenant.id)
      .where('kind', '=', 'goal_drafting')
      .executeTakeFirstOrThrow();
    expect(reminder).toEqual({ due_at: now, last_error: null });
    const paused = await db.db
      .selectFrom('tenants')
      .select(['paused_since', 'paused_code'])
      .where('id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(paused).toEqual({ paused_since: null, paused_code: null });
    // Another reinstall, nothing paused: nobody is told again.
    await core.installationAdded({
      tenantId: tenant.id,
      platform: 'slack',
      user: { externalId: 'U_TOMAS', name: 'Tomás Vera' },
      first: false,
      workspaceAdmin: false,
    });
    expect(await notices()).toHaveLength(2);
    now = new Date('2026-12-06T12:00:00Z');
  });

  it('reports a paused workspace once a day, with a notice for each admin account on that platform', async () => {
    const core = new Core({ bot });
    const tenant = await core.tenant('slack', 'T:T4');
    const admin = await createPerson(db.db, tenant.id, { name: 'Carmen', locale: 'en', timezone: 'UTC' });
    await db.db.updateTable('people').set({ tenant_role: 'admin' }).where('id', '=', admin.id).execute();
    await upsertIdentity(db.db, {
      tenantId: tenant.id,
      personId: admin.id,
      platform: 'slack',
      externalId: 'UA',
      conversationRef: null,
      now,
    });
    await upsertIdentity(db.db, {
      tenantId: tenant.id,
      personId: admin.id,
      platform: 'teams',
      externalId: 'TA',
      conversationRef: null,
      now,
    });
    const member = await createPerson(db.db, tenant.id, { name: 'Luis', locale: 'es', timezone: 'UTC' });
    await upsertIdentity(db.db, {
      tenantId: tenant.id,
      personId: member.id,
      platform: 'slack',
      externalId: 'UM',
      conversationRef: null,
      now,
    });
    const pause = {
      tenantId: tenant.id,
      platform: 'slack' as const,
      code: 'missing_scope',
      tell: {
        key: 'workspace.missing_scope',
        vars: () => ({ scope: 'files:write', where: 'https://bot.example/slack/install' }),
      },
    };
    const notices = await core.workspacePaused(pause);
    expect(notices?.map((n) => n.to.identity.externalId)).toEqual(['UA']);
    expect(notices?.[0]?.message.summary).toContain('files:write');
    expect(await core.workspacePaused(pause)).toBeUndefined();
    // Another code the same day, or the same code the next day, is reported again.
    expect(await core.workspacePaused({ ...pause, code: 'token_revoked', tell: undefined })).toEqual([]);
    now = new Date('2026-12-07T12:00:00Z');
    expect(await core.workspacePaused(pause)).toHaveLength(1);
  });
});
