import { authorize } from '../domain/authz.ts';
import type { TenantRole } from '../domain/model.ts';
import { genderContext } from '../i18n/index.ts';
import { textMessage } from '../messages/model.ts';
import { changeTenantRoleAs } from '../services/people.service.ts';
import { findPersonByEmail } from '../store/person.store.ts';
import { emailIn } from './commands.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { command, type Feature } from './registry.ts';

/**
 * `admin agregar admin|director <email>`: an admin names another admin or a director of the
 * tenant (someone already in it: on the roster, or who wrote to the bot).
 */
export function grantRole(ctx: Ctx, role: TenantRole, email: string): Promise<Reply> {
  return changeRole(ctx, role, email, 'grant');
}

/** `admin quitar admin|director <email>`: the person goes back to being a participant. */
export function revokeRole(ctx: Ctx, role: TenantRole, email: string): Promise<Reply> {
  return changeRole(ctx, role, email, 'revoke');
}

async function changeRole(
  ctx: Ctx,
  role: TenantRole,
  email: string,
  change: 'grant' | 'revoke',
): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  // Nobody changes their own role: the tenant always keeps the admin who acted.
  if (person.id === ctx.person.id) return reply(textMessage(ctx.t('admin.self')));
  // The role in the gender of the person named, not the reader's.
  const roleName = ctx.t(`admin.role.${role}`, genderContext(person.gender));
  if (change === 'grant' && person.tenantRole === role) {
    return reply(textMessage(ctx.t('admin.already', { name: person.name, role: roleName })));
  }
  if (change === 'revoke' && person.tenantRole !== role) {
    return reply(textMessage(ctx.t('admin.not_role', { name: person.name, role: roleName })));
  }
  if (change === 'revoke' && role === 'admin' && ctx.deps.adminEmails?.includes(email.toLowerCase())) {
    // ADMIN_EMAILS would make them an admin again at their next message.
    return reply(textMessage(ctx.t('admin.configured', { name: person.name })));
  }
  await changeTenantRoleAs(ctx.deps, ctx.acting, person, change === 'grant' ? role : null);
  const told = change === 'grant' ? 'admin.granted_told' : 'admin.revoked_told';
  await notify(ctx, person.id, ({ t }) =>
    textMessage(t(told, { name: ctx.person.name, role: t(`admin.role.${role}`) })),
  );
  const done = change === 'grant' ? 'admin.granted' : 'admin.revoked';
  return reply(textMessage(ctx.t(done, { name: person.name, role: roleName })));
}

type RoleChange = { role: TenantRole; email: string };

/** `admin agregar|quitar admin|director <correo>`: the tenant's staff. */
function roleChange(words: string, verbs: RegExp): RoleChange | undefined {
  const m = /^admin (agregar|anadir|add|quitar|remove) (admin|director|directora)\s+(\S+)$/.exec(words);
  // Slack writes an address as <mailto:ana@x.org|ana@x.org>; Teams as plain text.
  const email = m && verbs.test(m[1] as string) ? emailIn(m[3]) : undefined;
  return email ? { role: m?.[2] === 'admin' ? 'admin' : 'director', email } : undefined;
}

/** Who administers the tenant and who reads its reports. */
export const adminRolesFeature: Feature = {
  name: 'admin-roles',
  commands: [
    command<RoleChange>({
      name: 'grant',
      parse: (words) => roleChange(words, /^(agregar|anadir|add)$/),
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { role, email }) => grantRole(ctx, role, email),
    }),
    command<RoleChange>({
      name: 'revoke',
      parse: (words) => roleChange(words, /^(quitar|remove)$/),
      rule: 'admin.manage',
      run: (ctx, { role, email }) => revokeRole(ctx, role, email),
    }),
  ],
};
