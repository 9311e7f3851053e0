import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../adapters/http/server.ts';
import { type OpenDatabase, ping } from '../../../src/store/db.ts';
import { migrationsCurrent } from '../../../src/store/migrate.ts';
import { openMigratedPGlite } from '../../support/databases.ts';

/** /healthz says the process and its database are alive; /readyz that this build can serve on it. */
describe('health and readiness', () => {
  let db: OpenDatabase;
  let url: string;
  let close: () => void;
  // The database the server asks: the migrated one, or one that has gone away.
  let current: OpenDatabase;
  beforeAll(async () => {
    db = await openMigratedPGlite();
    current = db;
    const server = createHttpServer({
      health: () => ping(current.db),
      ready: async () => (await ping(current.db)) && (await migrationsCurrent(current.db)),
    });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close?.();
    await db?.close();
  });
  const status = async (path: string) => (await fetch(`${url}${path}`)).status;

  it('is ready on a database with every migration of this build', async () => {
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(200);
  });

  it('is alive but not ready while a migration of this build is missing; ready again once it is there', async () => {
    const last = await db.db
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .orderBy('name' as never, 'desc')
      .executeTakeFirstOrThrow();
    await db.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', (last as { name: string }).name as never)
      .execute();
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(503);
    await db.db
      .insertInto('kysely_migration' as never)
      .values(last as never)
      .execute();
    expect(await status('/readyz')).toBe(200);
  });

  it('is neither when the database does not answer', async () => {
    const gone = await openMigratedPGlite();
    await gone.close();
    current = gone;
    try {
      expect(await status('/healthz')).toBe(503);
      expect(await status('/readyz')).toBe(503);
    } finally {
      current = db;
    }
  });
});
