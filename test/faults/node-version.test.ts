import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { machineNode } from '../support/node.ts';

/** The built server (`dist/`, what npm start runs) on a Node.js it does not support. */
describe('the server on an unsupported Node.js', () => {
  const old = machineNode();
  it.skipIf(!old)('prints one line naming the version and exits 1, before opening anything', () => {
    const run = spawnSync(old?.path as string, ['dist/src/main.js'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATA_DIR: '/nonexistent/never-created' },
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`this is Node.js ${old?.version}`),
    ]);
  });

  it('starts past the check on the Node.js npm ci installed (it then needs a configuration)', () => {
    const run = spawnSync(process.execPath, ['dist/src/main.js'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port' },
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: ');
    expect(run.stderr).not.toContain('needs Node.js');
  });
});
