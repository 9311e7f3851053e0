import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { unsupportedNode } from '../../../src/node-version.ts';
import { machineNode } from '../../support/node.ts';

describe('the Node.js it runs on', () => {
  it('runs on Node.js 24, the one npm ci installs', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(unsupportedNode()).toBeUndefined();
    expect(unsupportedNode('24.11.0')).toBeUndefined();
  });

  it('refuses other majors with one line naming both versions', () => {
    for (const version of ['20.20.2', '22.12.0', '26.1.0']) {
      const line = unsupportedNode(version);
      expect(line).toContain(`this is Node.js ${version}`);
      expect(line).toContain('Node.js 24');
      expect(line?.includes('\n')).toBe(false);
    }
  });

  const old = machineNode();
  it.skipIf(!old)("the mentoria command, started with the machine's older Node.js, says so and stops", () => {
    const run = spawnSync(old?.path as string, ['bin/mentoria.js', 'help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`this is Node.js ${old?.version}`),
    ]);
  });
});
