import { describe, expect, it } from 'vitest';
import { ensureTenant } from '../../../src/store/tenant.store.ts';
import { testBackends } from '../../support/databases.ts';

/** Platforms are a registry: the database takes any platform name of the right shape, and nothing else. */
describe.each(testBackends())('platform names ($name)', (backend) => {
  it('takes a platform that was not in the first list, and refuses a name that is not one', async () => {
    const db = await backend.open();
    try {
      const tenant = (platform: string) =>
        ensureTenant(db.db, {
          platform,
          externalId: `${platform}-1`,
          name: 'Institución',
          defaultLocale: 'es',
          defaultTimezone: 'America/Bogota',
        });
      // The platforms of the first migration still go in…
      for (const name of ['slack', 'teams', 'console']) expect((await tenant(name)).platform).toBe(name);
      // …and so does a new one, with no migration of its own (the old CHECK refused it).
      expect((await tenant('google-chat')).platform).toBe('google-chat');
      // A name that is not a name is refused, as before.
      for (const bad of ['', 'Slack', 'slack; drop table tenants', 'x'.repeat(40)])
        await expect(tenant(bad), bad).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});
