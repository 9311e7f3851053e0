import { spawn } from 'node:child_process';
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

  const lockFromChild = (dir: string, then = '') =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('${join(process.cwd(), 'src/store/data-dir-lock.ts')}').then(async (m) => { await m.lockDataDir(${JSON.stringify(dir)}); ${then} })`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      child.on('exit', (status) => resolve({ status, stderr }));
    });

  it('refuses another process, naming the holder; the lock dies with its process', async () => {
    const dir = tempDir();
    const holder = await lockDataDir(dir);
    const refused = await lockFromChild(dir);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`is in use by another Mentoría process (pid ${process.pid})`);
    holder.release();
    // A process killed while holding the lock (no exit handler runs) leaves a socket nobody
    // answers on: the next process takes it over.
    const killed = await lockFromChild(dir, 'process.kill(process.pid, "SIGKILL");');
    expect(killed.status).toBe(null);
    expect(existsSync(join(dir, 'mentoria.lock.sock'))).toBe(true);
    const taken = await lockDataDir(dir);
    taken.release();
  });

  it('ignores a pid file of an earlier version, even one naming a live pid (ours, pid 1) or another host', async () => {
    for (const holder of [
      { pid: process.pid, host: hostname() },
      { pid: 1, host: hostname() },
      { pid: 4242, host: 'another-container' },
    ]) {
      const dir = tempDir();
      writeFileSync(join(dir, 'mentoria.lock'), JSON.stringify(holder));
      const lock = await lockDataDir(dir);
      expect(existsSync(join(dir, 'mentoria.lock'))).toBe(false);
      lock.release();
    }
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
