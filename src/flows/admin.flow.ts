import { authorize } from '../domain/authz.ts';
import type { TenantRole } from '../domain/model.ts';
import { textMessage } from '../messages/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import { findPersonByEmail, setTenantRole } from '../store/person.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';

/**
 * `admin agregar admin|director <email>`: an admin names another admin or a director of the
 * tenant (someone already in it: on the roster, or who wrote to the bot).
 */
export async function grantRole(ctx: Ctx, role: TenantRole, email: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  if (person.id === ctx.person.id) return reply(textMessage(ctx.t('admin.self')));
  if (person.tenantRole === role)
    return reply(
      textMessage(ctx.t('admin.already', { name: person.name, role: ctx.t(`admin.role.${role}`) })),
    );
  await setTenantRole(ctx.deps.db, ctx.tenant.id, person.id, role, ctx.now);
  await recordAudit(ctx.deps.db, {
    tenantId: ctx.tenant.id,
    at: ctx.now,
    actorId: ctx.person.id,
    via: ctx.acting.via,
    action: 'tenant.role',
    subjectType: 'person',
    subjectId: person.id,
    data: { from: person.tenantRole, to: role },
  });
  await notify(ctx, person.id, ({ t }) =>
    textMessage(t('admin.granted_told', { name: ctx.person.name, role: t(`admin.role.${role}`) })),
  );
  return reply(textMessage(ctx.t('admin.granted', { name: person.name, role: ctx.t(`admin.role.${role}`) })));
}
