import { unsupportedNode } from './node-version.ts';

// Imported first by the entry points: on an unsupported Node.js, one line and exit 1, before
// the libraries that need a newer one load.
const problem = unsupportedNode();
if (problem) {
  console.error(problem);
  process.exit(1);
}
