import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { createProgram } from '../../src/store/program.store.ts';
import { findTenant } from '../../src/store/tenant.store.ts';
import { openFreshPostgres } from '../support/databases.ts';
import {
  DATABASE_PASSWORD,
  eventually,
  type ServerProcess,
  SIGNING_SECRET,
  signedHeaders,
  slackStandIn,
  slashCommand,
  startServer,
  stopServer,
} from './support.ts';

const FORM = 'application/x-www-form-urlencoded';
const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
const CLIENT_SECRET = 'faults-client-secret-0123456789';

/**
 * A server distributed to several workspaces (OAuth), as a real process: installs and
 * re-installs through Slack's redirect, and a modal corrected after its errors.
 */
describe.skipIf(!inject('pgUrl'))('Slack at the edge of a real server (OAuth)', () => {
  let db: OpenDatabase & { url: string };
  let server: ServerProcess;
  let standIn: Awaited<ReturnType<typeof slackStandIn>>;

  beforeAll(async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    standIn = await slackStandIn();
    server = await startServer({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: 'faults-state-secret-0123456789',
      SLACK_API_URL: `${standIn.url}/api/`,
      ENCRYPTION_KEY,
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    if (server) await stopServer(server);
    standIn?.close();
    await db?.close();
  });

  /** The browser's round trip: the install page sets the state cookie, Slack redirects back. */
  const install = async (team: string, user: string) => {
    const start = await fetch(`${server.url}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const back = await fetch(
      `${server.url}/slack/oauth_redirect?code=${encodeURIComponent(`${team}:${user}`)}&state=${encodeURIComponent(state)}`,
      { redirect: 'manual', headers: { cookie } },
    );
    await back.arrayBuffer();
    return back.status;
  };
  const roleOf = async (user: string) =>
    (
      await db.db
        .selectFrom('identities')
        .innerJoin('people', (j) =>
          j
            .onRef('people.tenant_id', '=', 'identities.tenant_id')
            .onRef('people.id', '=', 'identities.person_id'),
        )
        .select('people.tenant_role')
        .where('identities.external_id', '=', user)
        .executeTakeFirst()
    )?.tenant_role;

  it('makes the first installer an admin, a re-installing member nothing more, a workspace admin an admin', async () => {
    expect(await install('T1', 'U_FIRST')).toBeLessThan(400);
    expect(await eventually(() => roleOf('U_FIRST'))).toBe('admin');
    // An ordinary member re-installs (to grant a scope): linked, not an admin.
    expect(await install('T1', 'U_MEMBER')).toBeLessThan(400);
    await eventually(async () => (await roleOf('U_MEMBER')) !== undefined || undefined).catch(
      () => undefined,
    );
    expect(await roleOf('U_MEMBER')).toBeFalsy();
    // The twin: a workspace admin (users.info says so) re-installing becomes one.
    expect(await install('T1', 'U_ADMIN2')).toBeLessThan(400);
    expect(await eventually(() => roleOf('U_ADMIN2'))).toBe('admin');
    // A state that is not the browser's own is refused: nothing installed for T9.
    const forged = await fetch(`${server.url}/slack/oauth_redirect?code=T9:U_X&state=forged`, {
      redirect: 'manual',
    });
    await forged.arrayBuffer();
    const t9 = await db.db
      .selectFrom('slack_installations')
      .select('install_key')
      .where('team_id', '=', 'T9')
      .execute();
    expect(t9).toEqual([]);
    // The workspace's token is stored sealed, not as Slack sent it.
    const rows = await db.db.selectFrom('slack_installations').select('installation').execute();
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toContain('xoxb-installed');
    expect(JSON.stringify(rows)).toContain('mentoria:v1:');
  });

  it('takes a modal corrected after its errors, resubmitted with the same view hash; once', async () => {
    const post = async (body: string) => {
      const res = await fetch(`${server.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM, ...signedHeaders(body, SIGNING_SECRET) },
        body,
      });
      return { status: res.status, text: await res.text() };
    };
    // The workspace has a program (as `mentoria program create` makes it); its admin asks for the
    // new-cycle form.
    const tenant = await findTenant(db.db, 'slack', 'T:T1');
    if (!tenant) throw new Error('no tenant for T1');
    await createProgram(db.db, tenant.id, { name: 'Mentoría Pública', kind: 'classic' });
    const m = standIn.calls.length;
    expect(
      (await post(slashCommand('admin ciclo nuevo', 'U_FIRST', `${standIn.url}/respond/c`))).status,
    ).toBe(200);
    const opened = await eventually(() => standIn.calls.slice(m).find((c) => c.method === 'views.open'));
    const view = JSON.parse(opened.params.view ?? '{}') as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; element: { type: string; initial_option?: { value: string } } }[];
    };
    const program = view.blocks.find((b) => b.block_id === 'program')?.element.initial_option?.value;
    const submission = (starts: string, ends: string) =>
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission',
          team: { id: 'T1', domain: 'ws' },
          user: { id: 'U_FIRST', team_id: 'T1' },
          api_app_id: 'A1',
          is_enterprise_install: false,
          enterprise: null,
          view: {
            // Slack sends a corrected modal with the same id and the same hash.
            id: 'V0FAULTS1',
            hash: '1700000000.abcdef',
            type: 'modal',
            team_id: 'T1',
            callback_id: view.callback_id,
            private_metadata: view.private_metadata,
            state: {
              values: {
                program: { value: { type: 'static_select', selected_option: { value: program } } },
                name: { value: { type: 'plain_text_input', value: '2027-A' } },
                starts: { value: { type: 'datepicker', selected_date: starts } },
                ends: { value: { type: 'datepicker', selected_date: ends } },
              },
            },
          },
        }),
      }).toString();
    const cycles = () => db.db.selectFrom('cycles').select('name').where('name', '=', '2027-A').execute();
    // Ends before it starts: errors shown in the modal, nothing created.
    const refused = await post(submission('2027-06-30', '2027-01-04'));
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toMatchObject({ response_action: 'errors' });
    expect(await cycles()).toEqual([]);
    // Corrected, same view id and hash: accepted.
    const accepted = await post(submission('2027-01-04', '2027-06-30'));
    expect(accepted.status).toBe(200);
    expect(accepted.text).not.toContain('errors');
    expect(await eventually(async () => ((await cycles()).length ? cycles() : undefined))).toHaveLength(1);
    // The same submission again (a retry, a double click): still one cycle.
    expect((await post(submission('2027-01-04', '2027-06-30'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await cycles()).toHaveLength(1);
  });

  it('wrote none of its secrets to its logs', () => {
    expect(server.leaks()).toEqual([]);
    const output = server.output();
    for (const secret of [
      CLIENT_SECRET,
      ENCRYPTION_KEY,
      'xoxb-installed',
      SIGNING_SECRET,
      DATABASE_PASSWORD,
    ]) {
      expect(output.includes(secret), secret).toBe(false);
    }
  });
});
