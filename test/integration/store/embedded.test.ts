import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../../src/store/data-dir-lock.ts';
import { openPGlite } from '../../../src/store/db.ts';
import { migrateDown, migrateToLatest } from '../../../src/store/migrate.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mentoria-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database', () => {
  it('persists in its folder across a close and reopen, and releases the lock', async () => {
    const dir = tempDir();
    const first = await openPGlite(dir);
    await migrateToLatest(first.db);
    await sql`insert into tenants (id, platform, external_id, name, default_timezone) values ('t', 'console', 'x', 'X', 'UTC')`.execute(
      first.db,
    );
    await first.close();
    expect(existsSync(join(dir, 'mentoria.lock'))).toBe(false);
    const second = await openPGlite(dir);
    const rows = await second.db.selectFrom('tenants').select('name').execute();
    expect(rows).toEqual([{ name: 'X' }]);
    await second.close();
  });

  it('refuses a second opener of the same folder while the first is alive', async () => {
    const dir = tempDir();
    const first = await openPGlite(dir);
    await expect(openPGlite(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
  });

  it('refuses another process, whose lock names it; takes over a lock left by a dead one', () => {
    const dir = tempDir();
    const holder = lockDataDir(dir);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${join(process.cwd(), 'src/store/data-dir-lock.ts')}').then(m => m.lockDataDir(${JSON.stringify(dir)}))`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain(`is in use by another Mentoría process (pid ${process.pid})`);
    holder.release();
    // A dead pid's lock is stale.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dir, 'mentoria.lock'), JSON.stringify({ pid: dead, host: hostname() }));
    const taken = lockDataDir(dir);
    taken.release();
  });

  it('migrates up, down to nothing and up again', async () => {
    const db = await openPGlite();
    await migrateToLatest(db.db);
    const tables = async () =>
      (await db.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
    expect(await tables()).toEqual(
      expect.arrayContaining(['goals', 'goal_revisions', 'audit_log', 'conversations']),
    );
    let reverted = await migrateDown(db.db);
    while (reverted.applied.length) reverted = await migrateDown(db.db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(db.db);
    expect((await tables()).length).toBeGreaterThan(15);
    await db.close();
  });
});
