import type { Clock } from '../clock.ts';
import type { Actor } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { Via } from '../domain/model.ts';
import type { FileBuilder } from '../reports/file-pool.ts';
import type { Db } from '../store/db.ts';
import { getPerson } from '../store/person.store.ts';
import { enrollmentsOf } from '../store/program.store.ts';

/** What every operation of the core needs: the database, the time, and how the request came in. */
export interface Deps {
  db: Db;
  clock: Clock;
  /** Report files are built here, off the event loop, when the server has file workers. */
  files?: FileBuilder | undefined;
}

/** Who acts and through what, for authorization and the audit log. */
export interface Acting {
  actor: Actor;
  via: Via;
}

/**
 * The actor for a person of a tenant: their staff role comes from the tenant-wide role or an
 * admin/director enrollment. Resolved from the store, never from a payload.
 */
export async function resolveActor(db: Db, tenantId: string, personId: string): Promise<Actor> {
  const person = await getPerson(db, tenantId, personId);
  if (!person) throw new DomainError('record.not_found', { entity: 'person' });
  let staffRole = person.tenantRole;
  if (!staffRole) {
    const roles = new Set((await enrollmentsOf(db, tenantId, personId)).map((e) => e.role));
    staffRole = roles.has('admin') ? 'admin' : roles.has('director') ? 'director' : null;
  }
  return { tenantId, personId, staffRole };
}
