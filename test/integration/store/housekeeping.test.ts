import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markProcessed } from '../../../src/store/conversation.store.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { createDownloadRequest } from '../../../src/store/download.store.ts';
import { pruneExpired } from '../../../src/store/housekeeping.store.ts';
import { keepFile } from '../../../src/store/kept-file.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

describe('tables that would grow forever are pruned by age', () => {
  let db: OpenDatabase;
  let world: World;
  beforeAll(async () => {
    db = await openMigratedPGlite();
    world = await buildWorld(db.db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('forgets old delivery ids, expired download confirmations and kept files, keeps recent ones', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const t = world.tenant.id;
    await markProcessed(db.db, t, 'slack:old', daysAgo(60));
    await markProcessed(db.db, t, 'form:recent', daysAgo(10));
    for (const [id, expires] of [
      ['expired', daysAgo(3)],
      ['live', daysAgo(-1)],
    ] as const) {
      await createDownloadRequest(db.db, {
        tenantId: t,
        id: `00000000-0000-4000-8000-00000000000${id === 'live' ? 1 : 2}`,
        personId: world.carmen.id,
        tokenHash: id,
        file: 'results.xlsx',
        expiresAt: expires,
      });
    }
    for (const [id, expires] of [
      ['gone', daysAgo(0)],
      ['kept', daysAgo(-1)],
    ] as const)
      await keepFile(db.db, {
        tenantId: t,
        id,
        personId: null,
        name: `${id}.png`,
        mimeType: 'image/png',
        content: Buffer.from('png'),
        permission: null,
        expiresAt: expires,
      });
    expect(await pruneExpired(db.db, now)).toEqual({ events: 1, downloads: 1, files: 1 });
    // A kept file goes the moment its link expires.
    expect((await db.db.selectFrom('kept_files').select('id').execute()).map((f) => f.id)).toEqual(['kept']);
    const keys = await db.db
      .selectFrom('processed_events')
      .select('key')
      .where('tenant_id', '=', t)
      .execute();
    expect(keys.map((k) => k.key)).toEqual(['form:recent']);
    const left = await db.db.selectFrom('download_requests').select('token_hash').execute();
    expect(left.map((r) => r.token_hash)).toEqual(['live']);
    // A second run finds nothing more.
    expect(await pruneExpired(db.db, now)).toEqual({ events: 0, downloads: 0, files: 0 });
  });
});
