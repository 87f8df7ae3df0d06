// Refuses, in one sentence, a Node.js older than the root package.json's engines field:
// the alternative is an obscure syntax or module error from deep inside a dependency.
import { readFileSync } from 'node:fs';

/** The lowest version the engines field (">=MAJOR.MINOR[.PATCH]") allows, as numbers. */
export function minimumNode(engines) {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines.trim());
  if (!match) throw new Error(`engines.node must read ">=X.Y", got "${engines}"`);
  return match.slice(1).map((part) => Number(part ?? 0));
}

/** Whether `version` ("20.19.2" or "v20.19.2") satisfies `engines` (">=20.19"). */
export function satisfiesEngines(version, engines) {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = minimumNode(engines);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== need[i]) return (have[i] ?? 0) > need[i];
  }
  return true;
}

/** Exits with a clear message when this Node.js is too old for Factdesk. */
export function checkNode() {
  const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const engines = root.engines.node;
  if (!satisfiesEngines(process.versions.node, engines)) {
    process.stderr.write(
      `factdesk: Node.js ${engines.replace('>=', '')} or newer is needed; this is ${process.version}. ` +
        'Install a current Node.js 20 or 22 (https://nodejs.org) and run the command again.\n',
    );
    process.exit(1);
  }
}
