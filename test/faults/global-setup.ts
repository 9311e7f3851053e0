import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** Builds the server once (the processes run `dist/`, as `npm start` does) and finds PostgreSQL. */
export default function setup(project: TestProject): () => void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('pgUrl', given);
    return () => {};
  }
  const installed =
    spawnSync('bash', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb || command -v initdb'], { stdio: 'ignore' })
      .status === 0;
  if (!installed) {
    console.warn(
      'test:faults: PostgreSQL is not installed here, so the suites that run server processes on it are skipped (.ci/run installs it).',
    );
    project.provide('pgUrl', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'mentoria-faults-pg-'));
  execFileSync('chmod', ['755', dir]);
  const url = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', dir], { encoding: 'utf8' }).trim();
  project.provide('pgUrl', url);
  return () => {
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir]);
  };
}
