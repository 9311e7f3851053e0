import type { Locale } from '../config.ts';
import { authorize } from '../domain/authz.ts';
import type { Person, TenantRole } from '../domain/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import { setTenantRole, updatePersonPreferences } from '../store/person.store.ts';
import type { Acting, Deps } from './deps.ts';

/** A person's tenant-wide role, changed by an admin; the change and its audit line are one transaction. */
export async function changeTenantRoleAs(
  deps: Deps,
  acting: Acting,
  person: Person,
  to: TenantRole | null,
): Promise<void> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: person.tenantId });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await setTenantRole(tx, person.tenantId, person.id, to, now);
    await recordAudit(tx, {
      tenantId: person.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'tenant.role',
      subjectType: 'person',
      subjectId: person.id,
      data: { from: person.tenantRole, to },
    });
  });
}

/** The acting person's language (audited: it changes what everyone writes to them). */
export async function setOwnLanguage(deps: Deps, acting: Acting, locale: Locale): Promise<void> {
  const { tenantId, personId } = acting.actor;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await updatePersonPreferences(tx, tenantId, personId, { locale }, now);
    await recordAudit(tx, {
      tenantId,
      at: now,
      actorId: personId,
      via: acting.via,
      action: 'person.language',
      subjectType: 'person',
      subjectId: personId,
      data: { locale },
    });
  });
}

/** The acting person's pause from reminders until an instant, or none (`null`). */
export async function setOwnSnooze(deps: Deps, acting: Acting, until: Date | null): Promise<void> {
  const { tenantId, personId } = acting.actor;
  await updatePersonPreferences(deps.db, tenantId, personId, { snoozedUntil: until }, deps.clock.now());
}
