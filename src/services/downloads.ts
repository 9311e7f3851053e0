import type { IncomingMessage, ServerResponse } from 'node:http';
import { may } from '../domain/authz.ts';
import { formatter, translator } from '../i18n/index.ts';
import { buildReportFile } from '../reports/files.ts';
import { recordAudit } from '../store/audit.store.ts';
import { getPerson } from '../store/person.store.ts';
import { getCycle } from '../store/program.store.ts';
import { type Deps, resolveActor } from './context.ts';
import type { LinkSigner } from './links.ts';

/**
 * GET /files/<token>: a report file through a signed link. Refused when the signature does not
 * match (a changed person, tenant, file or date), when it has expired, or when the person it
 * was made for can no longer read reports. Built fresh at each download and audited.
 */
export function downloadHandler(deps: Deps, signer: LinkSigner) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (status: number, text: string): void => {
      res
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end(text);
    };
    if (req.method !== 'GET') return refuse(405, 'method not allowed');
    const token = decodeURIComponent((req.url ?? '').split('?')[0]?.replace(/^\/files\//, '') ?? '');
    const check = signer.verify(token, deps.clock.now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? refuse(410, 'Este enlace venció: pide el reporte de nuevo en el chat. / This link has expired.')
        : refuse(403, 'Enlace no válido. / Invalid link.');
    }
    const { t: tenantId, p: personId, k: kind, c: cycleId } = check.claims;
    const person = await getPerson(deps.db, tenantId, personId);
    const actor = person ? await resolveActor(deps.db, tenantId, personId).catch(() => undefined) : undefined;
    if (!person || !actor || !may(actor, 'report.view', { kind: 'tenant', tenantId }))
      return refuse(403, 'Este enlace ya no da acceso. / This link no longer grants access.');
    const cycle = await getCycle(deps.db, tenantId, cycleId);
    if (!cycle) return refuse(404, 'not found');
    const file = await buildReportFile(deps, { actor, via: 'chat' }, cycle, kind, {
      t: translator(person.locale, person.gender),
      fmt: formatter(person.locale, person.timezone),
    });
    await recordAudit(deps.db, {
      tenantId,
      at: deps.clock.now(),
      actorId: personId,
      via: 'chat',
      action: 'report.download',
      subjectType: 'cycle',
      subjectId: cycleId,
      data: { file: kind },
    });
    res
      .writeHead(200, {
        'content-type': file.mimeType,
        'content-length': file.content.length,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .end(file.content);
  };
}
