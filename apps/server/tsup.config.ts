import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The server and the command line are bundled with the workspace packages (@factdesk/*), which
// export TypeScript sources; every other package stays an import resolved at run time from
// apps/server/node_modules, so CommonJS libraries, native addons and packages that read files
// beside themselves (pdfkit's metrics, the DejaVu fonts) load as their authors intended.
// That only works if this package depends on everything the bundled workspace packages import:
// the build checks it, so a dependency added to a package cannot silently break the server.

type Manifest = { name: string; dependencies?: Record<string, string> };
const readManifest = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8'));

const server = readManifest('package.json');
const workspacePackages = readdirSync('../../packages').map((name) =>
  readManifest(`../../packages/${name}/package.json`),
);
const runtimeDependencies = new Set(Object.keys(server.dependencies ?? {}));
const missing = workspacePackages.flatMap((pkg) =>
  Object.keys(pkg.dependencies ?? {})
    .filter((dep) => !dep.startsWith('@factdesk/') && !runtimeDependencies.has(dep))
    .map((dep) => `${dep} (imported by ${pkg.name})`),
);
if (missing.length > 0) {
  throw new Error(
    `apps/server/package.json must list these in "dependencies": the bundle imports them at run time: ${missing.join(', ')}`,
  );
}

export default defineConfig({
  // Worker threads load heavyWorker.js and syncWorker.js (HeavyWorkPool) and pgliteWorker.js
  // (PgliteThread) from beside main.js and cli.js.
  entry: {
    main: 'src/main.ts',
    cli: 'src/cli/main.ts',
    heavyWorker: 'src/heavyWork/heavyWorker.ts',
    syncWorker: 'src/heavyWork/syncWorker.ts',
    pgliteWorker: 'src/db/pgliteWorker.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: [/^@factdesk\//],
  external: [...runtimeDependencies],
  banner: { js: '#!/usr/bin/env node' },
  onSuccess: async () => {
    // Beside the bundle, where db/migrate.ts looks for them.
    cpSync('src/db/migrations', 'dist/migrations', { recursive: true });
  },
});
