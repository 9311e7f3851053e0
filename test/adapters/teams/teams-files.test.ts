import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/messages/model.ts';
import { findIdentity, getPerson } from '../../../src/store/person.store.ts';
import { findTenant } from '../../../src/store/tenant.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { eventually } from '../../support/eventually.ts';
import { activity, interceptConnector, type Posted, send, startTeams, TENANT } from '../../support/teams.ts';
import { buildWorld } from '../../support/world.ts';

/** Charts and files for Teams people: a chat that takes no file from a bot. */

const members: Record<string, { name: string; email: string }> = {
  '29:ana': { name: 'Ana', email: 'ana@example.org' },
  '29:carmen': { name: 'Carmen', email: 'carmen@example.org' },
};
// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
type Json = any;

/** Every element of the posted cards, depth first. */
function elementsOf(p: Posted): Json[] {
  const out: Json[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string') out.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(p.activity.attachments ?? []);
  return out;
}
const textOf = (p: Posted) =>
  elementsOf(p)
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text)
    .join('\n');

const PUBLIC_URL = 'https://mentoria.test';

/** An .ics invitation as the session flow sends it, with its Outlook link. */
const invitation: OutboundMessage = {
  summary: 'Sesión confirmada',
  blocks: [
    { type: 'text', text: 'Sesión confirmada con Luis.' },
    {
      type: 'file',
      name: 'sesion-mentoria.ics',
      mimeType: 'text/calendar',
      content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    },
  ],
};

async function setUp(env: Record<string, string>) {
  const db = await openMigratedPGlite();
  await buildWorld(db.db, TENANT, 'teams');
  const posted: Posted[] = [];
  const teams = await startTeams(db, {
    TEAMS_ANONYMOUS: 'true',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    ...env,
  });
  const say = async (from: string, text: string): Promise<Posted> => {
    const n = posted.length;
    expect((await send(teams.url, activity(from, { text }))).status).toBe(200);
    await eventually(() => posted.slice(n).find((p) => p.conversation === `a:conv-${from}`));
    // A reply may take several cards: all of them, once posted.
    await new Promise((r) => setTimeout(r, 100));
    const mine = posted.slice(n).filter((p) => p.conversation === `a:conv-${from}`);
    return {
      conversation: `a:conv-${from}`,
      activity: { attachments: mine.flatMap((p) => p.activity.attachments ?? []) },
    };
  };
  const recipient = async (from: string) => {
    const tenant = await findTenant(db.db, 'teams', TENANT);
    const identity = await findIdentity(db.db, tenant?.id ?? '', 'teams', from);
    const person = await getPerson(db.db, tenant?.id ?? '', identity?.personId ?? '');
    if (!identity || !person) throw new Error(`${from} has not written yet`);
    return { person, identity };
  };
  return { db, posted, teams, say, recipient };
}

describe('Teams without a public address: the chart in the card, and how to get the files', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp({});
    interceptConnector(s.posted, members);
    await s.say('29:carmen', 'hola');
  });
  afterAll(async () => {
    await new Promise((r) => s?.teams.server.close(r));
    await s?.db.close();
    nock.cleanAll();
  });

  it('shows the report’s chart as an image inside the card, with its figures as alt text', async () => {
    const card = await s.say('29:carmen', 'admin reporte');
    const images = elementsOf(card).filter((e) => e.type === 'Image');
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(JSON.stringify(card.activity).length).toBeLessThan(28_000);
    // Every figure the chart draws, in words: 3 women and 1 man in the world's cycle.
    expect(image.altText).toContain('Por género: mujer 3, hombre 1, otro 0, prefiere no decir 0');
    expect(image.altText).toContain('Sesiones 1:1: Propuestas 0, Realizadas 0');
    expect(textOf(card)).not.toContain('📎');
  });

  it('says how to get a file it cannot attach (an export), instead of a bare name', async () => {
    const card = await s.say('29:carmen', 'admin exportar ana@example.org');
    expect(textOf(card)).toContain(
      'No puedo adjuntar datos-ana@example.org.json en este chat, y este servidor no tiene dirección pública',
    );
  });

  it('tells a person to use «Agregar al calendario» where the invitation cannot be attached', async () => {
    await s.say('29:ana', 'hola');
    const n = s.posted.length;
    await s.teams.router.send(await s.recipient('29:ana'), invitation);
    const card = await eventually(() => s.posted.slice(n).find((p) => p.conversation === 'a:conv-29:ana'));
    expect(textOf(card)).toContain(
      'No puedo adjuntar la invitación (sesion-mentoria.ics) en este chat: si la sesión sigue en pie, usa «Agregar al calendario (Outlook)»',
    );
  });
});

describe('Teams with a public address: files as personal download links, large images by address', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp({ PUBLIC_URL, LINK_SECRET: 'a-test-secret-of-at-least-32-characters!' });
    interceptConnector(s.posted, members);
    await s.say('29:carmen', 'hola');
  });
  afterAll(async () => {
    await new Promise((r) => s?.teams.server.close(r));
    await s?.db.close();
    nock.cleanAll();
    nock.restore();
  });

  /** The server's own address for a link made under PUBLIC_URL. */
  const local = (link: string) => link.replace(PUBLIC_URL, s.teams.url);
  const linkIn = (p: Posted, path: string): string => {
    const found = new RegExp(`\\((${PUBLIC_URL}/${path}/[^)]+)\\)`).exec(textOf(p));
    if (!found?.[1]) throw new Error(`no /${path}/ link in ${textOf(p)}`);
    return found[1];
  };

  it('gives an admin’s export as a personal link that downloads once they confirm in Teams that it was them', async () => {
    const card = await s.say('29:carmen', 'admin exportar ana@example.org');
    const link = linkIn(card, 'files');
    expect(textOf(card)).toMatch(/enlace personal, vence el/);
    // The first browser waits, and Carmen is asked in Teams.
    const n = s.posted.length;
    const first = await fetch(local(link));
    expect(first.status).toBe(202);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const ask = await eventually(() =>
      s.posted.slice(n).find((p) => p.conversation === 'a:conv-29:carmen' && /datos-ana/.test(textOf(p))),
    );
    const approve = elementsOf(ask).find((e) => e.type === 'Action.Execute' && e.verb === 'download.approve');
    expect(approve).toBeDefined();
    await send(
      s.teams.url,
      activity('29:carmen', {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: approve.verb, data: approve.data } },
      }),
    );
    const file = await fetch(local(link), { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('datos-ana%40example.org.json');
    expect(JSON.parse(await file.text()).person.name).toBe('Ana');
    const audit = await s.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'file.download')
      .execute();
    expect(audit).toHaveLength(1);
    // A changed token opens nothing.
    expect(
      (await fetch(local(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), { headers: { cookie } }))
        .status,
    ).toBe(403);
    // Carmen no longer administers the tenant: the same link, same browser, gives nothing.
    await s.db.db
      .updateTable('people')
      .set({ tenant_role: null })
      .where('email', '=', 'carmen@example.org')
      .execute();
    expect((await fetch(local(link), { headers: { cookie } })).status).toBe(403);
    await s.db.db
      .updateTable('people')
      .set({ tenant_role: 'admin' })
      .where('email', '=', 'carmen@example.org')
      .execute();
    expect((await fetch(local(link), { headers: { cookie } })).status).toBe(200);
  });

  it('sends a session’s invitation as a personal download link with its expiry', async () => {
    await s.say('29:ana', 'hola');
    const n = s.posted.length;
    await s.teams.router.send(await s.recipient('29:ana'), invitation);
    const card = await eventually(() => s.posted.slice(n).find((p) => p.conversation === 'a:conv-29:ana'));
    const link = linkIn(card, 'files');
    expect(textOf(card)).toContain('Descargar sesion-mentoria.ics (enlace personal, vence el');
    expect((await fetch(local(link))).status).toBe(202);
  });

  it('shows an image too large for the card from a short-lived address that only serves that image', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(30_000)]);
    const n = s.posted.length;
    await s.teams.router.send(await s.recipient('29:ana'), {
      summary: 'Gráfico',
      blocks: [
        {
          type: 'file',
          name: 'grafico.png',
          mimeType: 'image/png',
          content: png.toString('base64'),
          encoding: 'base64',
          alt: 'Gráfico. Por género: mujer 3.',
        },
      ],
    });
    const card = await eventually(() => s.posted.slice(n).find((p) => p.conversation === 'a:conv-29:ana'));
    const image = elementsOf(card).find((e) => e.type === 'Image');
    expect(image.url.startsWith(`${PUBLIC_URL}/images/`)).toBe(true);
    expect(image.altText).toBe('Gráfico. Por género: mujer 3.');
    expect(JSON.stringify(card.activity).length).toBeLessThan(28_000);
    // Anyone who sees the card sees the image: no confirmation, no cookie, only that image.
    const shown = await fetch(local(image.url));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(local(`${image.url.slice(0, -2)}xx`))).status).toBe(403);
    // An image address opens no file, and a personal file's link shows no image.
    expect((await fetch(local(image.url.replace('/images/', '/files/')))).status).toBe(403);
    const personal = linkIn(card, 'files');
    expect((await fetch(local(personal.replace('/files/', '/images/')))).status).toBe(403);
  });
});
