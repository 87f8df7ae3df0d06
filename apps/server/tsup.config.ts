import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Bundles the server and the command line (workspace packages included); migrations are
// copied beside the bundle where db/migrate.ts looks for them.
export default defineConfig({
  // The worker pool's threads load heavyWorker.js from beside main.js and cli.js (HeavyWorkPool).
  entry: {
    main: 'src/main.ts',
    cli: 'src/cli/main.ts',
    heavyWorker: 'src/heavyWork/heavyWorker.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: [/^@factdesk\//],
  banner: { js: '#!/usr/bin/env node' },
  onSuccess: async () => {
    cpSync('src/db/migrations', 'dist/migrations', { recursive: true });
  },
});
