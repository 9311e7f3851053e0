import type { Identity, Person, Tenant } from '../domain/model.ts';
import type { ChatPort } from '../flows/ports.ts';
import type { OutboundMessage } from '../messages/model.ts';
import { keepNotice } from '../store/nudge.store.ts';
import { activeIdentities, upsertIdentity } from '../store/person.store.ts';
import type { Deps } from './deps.ts';

/**
 * Where a person can be written to: their active identities, or — for a roster person who never
 * wrote to the bot — the account the platform finds by their email, linked from now on.
 */
export async function reachableIdentities(
  deps: Deps & { chat: ChatPort },
  tenant: Tenant,
  person: Person,
): Promise<Identity[]> {
  const identities = await activeIdentities(deps.db, tenant.id, person.id);
  if (identities.length > 0 || !person.email || !deps.chat.findByEmail) return identities;
  const found = await deps.chat.findByEmail(tenant, person.email).catch(() => null);
  if (!found) return [];
  return [
    await upsertIdentity(deps.db, {
      tenantId: tenant.id,
      personId: person.id,
      platform: tenant.platform,
      externalId: found.externalId,
      conversationRef: found.conversationRef ?? null,
      now: deps.clock.now(),
    }),
  ];
}

/** A message for someone the bot cannot reach yet: it waits until they first write. */
export async function keepUntilReachable(
  deps: Deps,
  tenantId: string,
  recipientId: string,
  message: OutboundMessage,
): Promise<void> {
  await keepNotice(deps.db, { tenantId, recipientId, message }, deps.clock.now());
}
