/**
 * The Node.js majors Mentoría runs on: the current LTS line. `npm ci` installs it (the `node`
 * package), and npm scripts run it ahead of the machine's own.
 */
export const SUPPORTED_NODE_MAJORS = [24];

/** The one line to print when this Node.js is not supported; undefined when it is. */
export function unsupportedNode(version: string = process.versions.node): string | undefined {
  const major = Number(version.split('.')[0]);
  if (SUPPORTED_NODE_MAJORS.includes(major)) return undefined;
  return `Mentoría needs Node.js ${SUPPORTED_NODE_MAJORS.join(' or ')} (LTS); this is Node.js ${version}. Start it with npm start or npm run mentoria, which run the Node.js that npm ci installed, or install Node.js 24.`;
}
