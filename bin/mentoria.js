#!/usr/bin/env node
// The command line runs the TypeScript sources directly through tsx: no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  // A progress bar only where someone watches: not when stderr goes to a file or a pipe.
  ...(process.stderr.isTTY ? { progress: (text) => process.stderr.write(text) } : {}),
});
