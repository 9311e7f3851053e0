#!/usr/bin/env node
// The command line runs the TypeScript sources directly through tsx: no build step to forget.
// On an unsupported Node.js, one line before anything else loads (tsx is imported after this).
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `Mentoría needs Node.js 24 (LTS); this is Node.js ${process.versions.node}. Run npm run mentoria, which runs the Node.js that npm ci installed, or install Node.js 24.`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');

register();
const { runCli } = await import('../src/cli.ts');
// The chat platforms come from the adapters' registry: the composition happens here, not in src/.
const { PLATFORMS } = await import('../adapters/platforms.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  platforms: PLATFORMS,
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  // A progress bar only where someone watches: not when stderr goes to a file or a pipe.
  ...(process.stderr.isTTY ? { progress: (text) => process.stderr.write(text) } : {}),
});
