import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { type Action, may } from '../domain/authz.ts';
import type { Cycle } from '../domain/model.ts';
import type { ChatPort } from '../flows/ports.ts';
import { formatter, translator } from '../i18n/index.ts';
import { actionKind } from '../messages/action-kind.ts';
import { message } from '../messages/model.ts';
import { buildReportFile } from '../reports/files.ts';
import { recordAudit } from '../store/audit.store.ts';
import {
  approveDownloadRequest,
  createDownloadRequestUnlessRecent,
  getDownloadRequest,
} from '../store/download.store.ts';
import { getKeptFile } from '../store/kept-file.store.ts';
import { activeIdentities, getPerson } from '../store/person.store.ts';
import { getCycle } from '../store/program.store.ts';
import { type Deps, resolveActor } from './deps.ts';
import type { LinkKind, LinkSigner } from './links.ts';
import { browserOf } from './user-agent.ts';

/** "It was me": the person approves the download their browser asked for (the request's nonce). */
export const approveDownloadKind = actionKind('download.approve', z.object({ request: z.string().max(64) }), {
  n: 'request',
});

/** How long a browser waits for the person to confirm in chat. */
const CONFIRM_MS = 10 * 60_000;
/** At most one "was it you?" per link in this time, however many browsers open it. */
const ASK_AGAIN_AFTER_MS = 5 * 60_000;
const COOKIE = 'mentoria_dl';
const GONE = 'Este enlace venció: pide el archivo de nuevo en el chat. / This link has expired.';

/** A slice of a file written at a time: a file of megabytes in one write holds the event loop. */
const SLICE = 64 * 1024;

/** Writes a large body a slice at a time, waiting whenever the client has not taken the last one. */
async function writeInSlices(res: ServerResponse, content: Buffer): Promise<void> {
  for (let at = 0; at < content.length && !res.destroyed; at += SLICE) {
    if (!res.write(content.subarray(at, at + SLICE)))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
  }
  res.end();
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * GET /files/<token>: a report file through a signed link, for the person it was made for only.
 * The signature must match (a changed person, tenant, file or date breaks it), the link must not
 * have expired, and the person must still read reports. Then the browser must be the person's:
 * the first visit sends them a "was it you?" button in Slack or Teams, and the page waits; once
 * they confirm there, that browser gets the file. A forwarded link only asks its owner again.
 * Every download is built fresh and audited.
 */
export function downloadHandler(
  deps: Deps & { chat?: ChatPort | undefined },
  signer: LinkSigner,
  options: {
    secureCookies?: boolean;
    /** PUBLIC_URL: diplomas name its /verify/ page. */
    publicUrl?: string | undefined;
  } = {},
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (status: number, text: string): void => {
      res
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end(text);
    };
    if (req.method !== 'GET') return refuse(405, 'method not allowed');
    let token: string;
    try {
      token = decodeURIComponent((req.url ?? '').split('?')[0]?.replace(/^\/files\//, '') ?? '');
    } catch {
      return refuse(403, 'Enlace no válido. / Invalid link.');
    }
    const now = deps.clock.now();
    const check = signer.verify(token, now);
    if (!check.ok) {
      return check.reason === 'expired'
        ? refuse(410, 'Este enlace venció: pide el reporte de nuevo en el chat. / This link has expired.')
        : refuse(403, 'Enlace no válido. / Invalid link.');
    }
    const { t: tenantId, p: personId, k: kind, c: subject } = check.claims;
    // A card's image is for nobody in particular: it is served under /images/, never here.
    if (kind === 'image') return refuse(403, 'Enlace no válido. / Invalid link.');
    const person = await getPerson(deps.db, tenantId, personId);
    const actor = person ? await resolveActor(deps.db, tenantId, personId).catch(() => undefined) : undefined;
    if (!person || !actor)
      return refuse(403, 'Este enlace ya no da acceso. / This link no longer grants access.');
    // A kept file (an invitation, an export) is its person's; a report file needs report rights.
    const kept = kind === 'kept' ? await getKeptFile(deps.db, tenantId, subject, now) : undefined;
    if (kind === 'kept') {
      if (!kept || kept.personId !== personId) return refuse(410, GONE);
      if (kept.permission && !may(actor, kept.permission as Action, { kind: 'tenant', tenantId }))
        return refuse(403, 'Este enlace ya no da acceso. / This link no longer grants access.');
    } else if (!may(actor, 'report.view', { kind: 'tenant', tenantId }))
      return refuse(403, 'Este enlace ya no da acceso. / This link no longer grants access.');
    const cycle = kept ? undefined : await getCycle(deps.db, tenantId, subject);
    if (!kept && !cycle) return refuse(404, 'not found');
    const t = translator(person.locale, person.gender);
    const fmt = formatter(person.locale, person.timezone);
    const tokenHash = createHash('sha256').update(token).digest('base64url');
    const nonce = cookieOf(req);
    const pending =
      nonce && /^[\w-]{20,64}$/.test(nonce) ? await getDownloadRequest(deps.db, tenantId, nonce) : undefined;
    const ours =
      pending && pending.personId === personId && pending.tokenHash === tokenHash && pending.expiresAt > now;

    if (ours && pending.approvedAt) {
      const file = kept
        ? { name: kept.name, mimeType: kept.mimeType, content: kept.content }
        : await buildReportFile(deps, {
            acting: { actor, via: 'chat' },
            cycle: cycle as Cycle,
            kind: kind as LinkKind,
            reader: { locale: person.locale, gender: person.gender, timezone: person.timezone },
            verifyBase: options.publicUrl,
            now,
          });
      await recordAudit(deps.db, {
        tenantId,
        at: now,
        actorId: personId,
        via: 'chat',
        action: kept ? 'file.download' : 'report.download',
        subjectType: kept ? 'file' : 'cycle',
        subjectId: subject,
        data: { file: kept ? kept.name : kind },
      });
      res.writeHead(200, {
        'content-type': file.mimeType,
        'content-length': file.content.length,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      await writeInSlices(res, file.content);
      return;
    }

    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    };
    if (!ours) {
      // A new browser (or an old request that expired): ask the link's person in chat, unless
      // they were asked about this link a moment ago (a forwarded link opened again and again).
      const id = randomBytes(24).toString('base64url');
      const created = await createDownloadRequestUnlessRecent(
        deps.db,
        { tenantId, id, personId, tokenHash, file: kind, expiresAt: new Date(now.getTime() + CONFIRM_MS) },
        new Date(now.getTime() + CONFIRM_MS - ASK_AGAIN_AFTER_MS),
      );
      if (!created) {
        res
          .writeHead(429, { ...headers, 'retry-after': String(ASK_AGAIN_AFTER_MS / 1000) })
          .end(page(person.locale, t('download.throttled'), false));
        return;
      }
      headers['set-cookie'] =
        `${COOKIE}=${id}; Path=/files; HttpOnly; SameSite=Lax; Max-Age=${CONFIRM_MS / 1000}${options.secureCookies ? '; Secure' : ''}`;
      const seen = browserOf(req.headers['user-agent']);
      const browser = seen
        ? seen.system
          ? t('download.browser', { browser: seen.browser, system: seen.system })
          : seen.browser
        : t('download.unknown_browser');
      const ask = message(t('download.confirm_summary'))
        .text(
          kept
            ? t('download.confirm_file', { file: kept.name, when: fmt.dateTime(now), browser })
            : t('download.confirm', {
                file: t(`files.${kind.split('.')[0]}`),
                cycle: cycle?.name ?? '',
                when: fmt.dateTime(now),
                browser,
              }),
        )
        .buttons([approveDownloadKind.button(t('download.approve'), { request: id }, 'primary')])
        .build();
      for (const identity of await activeIdentities(deps.db, tenantId, personId)) {
        await deps.chat?.send({ person, identity }, ask).catch(() => {});
      }
    }
    res.writeHead(202, headers).end(page(person.locale, t('download.waiting'), true));
  };
}

/**
 * GET /images/<token>: a card's image (the report's chart in Teams), kept for nobody in
 * particular until the link expires. Only image links name it, and it is served as an image
 * only: anything else, tampered or expired, is refused.
 */
export function imageHandler(deps: Deps, signer: LinkSigner) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (status: number): void => {
      res
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end();
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405);
    let token: string;
    try {
      token = decodeURIComponent((req.url ?? '').split('?')[0]?.replace(/^\/images\//, '') ?? '');
    } catch {
      return refuse(403);
    }
    const now = deps.clock.now();
    const check = signer.verify(token, now);
    if (!check.ok) return refuse(check.reason === 'expired' ? 410 : 403);
    const { t: tenantId, p: personId, k: kind, c: id } = check.claims;
    if (kind !== 'image' || personId !== '') return refuse(403);
    const image = await getKeptFile(deps.db, tenantId, id, now);
    if (!image || image.personId !== null || !/^image\/(png|jpeg|gif)$/.test(image.mimeType))
      return refuse(410);
    res
      .writeHead(200, {
        'content-type': image.mimeType,
        'content-length': image.content.length,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
      })
      .end(req.method === 'HEAD' ? undefined : image.content);
  };
}

/** The page a waiting browser sees; the text is ours (catalog), never the visitor's. */
function page(locale: string, text: string, refresh: boolean): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">${refresh ? '<meta http-equiv="refresh" content="3">' : ''}<title>Mentoría</title></head>` +
    `<body style="font-family:sans-serif;max-width:36em;margin:4em auto"><h1>Mentoría</h1><p>${text}</p></body></html>`
  );
}

/** "It was me": the person lets the browser that asked download; false once done or expired. */
export function approveDownload(
  deps: Deps,
  tenantId: string,
  requestId: string,
  personId: string,
): Promise<boolean> {
  return approveDownloadRequest(deps.db, tenantId, requestId, personId, deps.clock.now());
}
