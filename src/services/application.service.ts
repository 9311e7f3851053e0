import { authorize } from '../domain/authz.ts';
import type { Cycle, Person, Tenant } from '../domain/model.ts';
import {
  type Application,
  decideApplication,
  insertApplication,
  setApplicationWindow,
  setEndorsement,
  setSupervisor,
  withdrawApplication,
} from '../store/application.store.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Tx } from '../store/db.ts';
import { createPerson, findPersonByEmail, updatePersonProfile } from '../store/person.store.ts';
import { enroll } from '../store/program.store.ts';
import type { Acting, Deps } from './deps.ts';

/**
 * Applications to a cycle: the call an admin opens and closes, the application and its
 * supervisor's endorsement, and the selection. Each change and its audit line are one
 * transaction; a change that finds the application already moved changes nothing.
 */

async function audit(
  tx: Tx,
  acting: Acting,
  at: Date,
  line: { action: string; subjectType: string; subjectId: string; data?: Record<string, unknown> },
): Promise<void> {
  await recordAudit(tx, {
    tenantId: acting.actor.tenantId,
    at,
    actorId: acting.actor.personId,
    via: acting.via,
    ...line,
  });
}

/** Opens the call until that instant, or closes it (`null`). */
export async function setApplicationWindowAs(
  deps: Deps,
  acting: Acting,
  cycle: Cycle,
  until: Date | null,
): Promise<void> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: cycle.tenantId });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await setApplicationWindow(tx, cycle.tenantId, cycle.id, until);
    await audit(tx, acting, now, {
      action: until ? 'applications.open' : 'applications.close',
      subjectType: 'cycle',
      subjectId: cycle.id,
      ...(until ? { data: { until: until.toISOString() } } : {}),
    });
  });
}

/**
 * The supervisor named by email: a person of the tenant, created when they never wrote to the
 * bot (found on the platform when told).
 */
async function supervisorByEmail(tx: Tx, tenant: Tenant, email: string): Promise<Person> {
  return (
    (await findPersonByEmail(tx, tenant.id, email)) ??
    (await createPerson(tx, tenant.id, {
      name: email,
      email,
      locale: tenant.defaultLocale,
      timezone: tenant.defaultTimezone,
    }))
  );
}

/** The acting person applies; undefined when they already applied to this cycle. */
export async function submitApplicationAs(
  deps: Deps,
  acting: Acting,
  tenant: Tenant,
  input: Pick<Application, 'cycleId' | 'role' | 'motivation' | 'topics'> & { supervisorEmail: string },
): Promise<{ application: Application; supervisor: Person } | undefined> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const supervisor = await supervisorByEmail(tx, tenant, input.supervisorEmail);
    const application = await insertApplication(tx, {
      tenantId: tenant.id,
      cycleId: input.cycleId,
      personId: acting.actor.personId,
      role: input.role,
      motivation: input.motivation,
      topics: input.topics,
      supervisorId: supervisor.id,
      createdAt: now,
    });
    if (!application) return undefined;
    await audit(tx, acting, now, {
      action: 'application.submit',
      subjectType: 'application',
      subjectId: application.id,
      data: { role: input.role },
    });
    return { application, supervisor };
  });
}

/**
 * The supervisor endorses or declines (`paper`: an admin enters the endorsement from a paper
 * form, audited on behalf of the supervisor). False when it was answered already.
 */
export async function endorseAs(
  deps: Deps,
  acting: Acting,
  application: Application,
  endorse: boolean,
  paper = false,
): Promise<boolean> {
  if (paper) authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: application.tenantId });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const changed = await setEndorsement(
      tx,
      application.tenantId,
      application.id,
      paper ? null : acting.actor.personId,
      endorse ? 'endorsed' : 'declined',
      now,
    );
    if (!changed) return false;
    await audit(tx, paper ? { ...acting, via: 'on_behalf' } : acting, now, {
      action: `application.${endorse ? 'endorse' : 'decline'}`,
      subjectType: 'application',
      subjectId: application.id,
      ...(paper ? { data: { paper: true, supervisor: application.supervisorId } } : {}),
    });
    return true;
  });
}

/**
 * Another supervisor for an application still waiting for its endorsement: `same` when it is
 * the one asked already, `moved` when the application is no longer waiting.
 */
export async function changeSupervisorAs(
  deps: Deps,
  acting: Acting,
  tenant: Tenant,
  application: Application,
  email: string,
): Promise<{ supervisor: Person; outcome: 'changed' | 'same' | 'moved' }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const supervisor = await supervisorByEmail(tx, tenant, email);
    if (supervisor.id === application.supervisorId) return { supervisor, outcome: 'same' as const };
    if (!(await setSupervisor(tx, tenant.id, application.id, supervisor.id, now)))
      return { supervisor, outcome: 'moved' as const };
    await audit(tx, acting, now, {
      action: 'application.supervisor',
      subjectType: 'application',
      subjectId: application.id,
      data: { from: application.supervisorId, to: supervisor.id },
    });
    return { supervisor, outcome: 'changed' as const };
  });
}

/** The applicant withdraws an undecided application; false when it was decided already. */
export async function withdrawApplicationAs(
  deps: Deps,
  acting: Acting,
  application: Application,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    if (!(await withdrawApplication(tx, application.tenantId, application.id, acting.actor.personId)))
      return false;
    await audit(tx, acting, now, {
      action: 'application.withdraw',
      subjectType: 'application',
      subjectId: application.id,
      data: { cycle: application.cycleId, role: application.role, supervisor: application.supervisorId },
    });
    return true;
  });
}

/**
 * An admin selects (the person is enrolled with the role they applied for, their topics kept) or
 * rejects an application; false when it was decided already.
 */
export async function decideApplicationAs(
  deps: Deps,
  acting: Acting,
  application: Application,
  applicant: Person,
  cycle: Cycle,
  select: boolean,
): Promise<boolean> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: application.tenantId });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const state = select ? 'selected' : 'rejected';
    if (
      !(await decideApplication(tx, application.tenantId, application.id, state, acting.actor.personId, now))
    )
      return false;
    if (select) {
      await enroll(tx, {
        tenantId: application.tenantId,
        cycleId: cycle.id,
        personId: applicant.id,
        role: application.role,
      });
      const topics = [...new Set([...applicant.topics, ...application.topics])].slice(0, 20);
      await updatePersonProfile(tx, application.tenantId, applicant.id, { topics }, now);
    }
    await audit(tx, acting, now, {
      action: `application.${select ? 'select' : 'reject'}`,
      subjectType: 'application',
      subjectId: application.id,
    });
    return true;
  });
}
