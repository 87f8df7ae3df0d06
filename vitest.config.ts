// One test run: unit and integration tests on the embedded PostgreSQL, the same integration
// tests again on a PostgreSQL server when TEST_DATABASE_URL is set, and browser tests. The
// built server and web app are brought up to date first: process and browser tests use them.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const unitAndIntegration = [
  'apps/*/src/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  'scripts/**/*.test.ts',
];
const serverUrl = process.env.TEST_DATABASE_URL;

// Every timeout lives here, none in a test file. They catch a hang, they do not measure speed:
// integration tests open an embedded PostgreSQL, render PDFs in the worker pool, build search
// indexes and spawn the built server and command line as processes (seconds each), on a 2-core
// machine CI shares. The slowest of them (the command-line tests, cli/*.test.ts) set the bound
// of the projects that hold them; vitest has no per-file timeout short of a project of its own.
// Inline projects do not inherit the root's timeouts, so each names its own.
const integrationTimeouts = { testTimeout: 90_000, hookTimeout: 120_000 };
// A worker keeps the modules it has loaded from one test file to the next instead of loading
// the app's module graph again for each (about 2.5 s a file on two cores). Every test file
// builds its own app on its own database; nothing in the server keeps state in a module.
const integrationIsolation = { isolate: false };
// Browser tests drive chromium through whole user journeys.
const browserTimeouts = { testTimeout: 120_000, hookTimeout: 120_000 };

// Integration test files spend most of their time waiting on PostgreSQL, spawned servers and
// worker threads, so two files at a time fit even two cores; vitest's default (one fewer than
// the cores) ran them one at a time there. Browser tests stay one file at a time (each drives
// its own chromium against its own server), after the rest.
const maxWorkers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    maxWorkers,
    globalSetup: ['scripts/vitestGlobalSetup.mjs'],
    projects: [
      {
        test: {
          name: 'embedded-postgres',
          include: unitAndIntegration,
          ...integrationTimeouts,
          ...integrationIsolation,
          env: { FACTDESK_TEST_DB: 'embedded' },
        },
      },
      ...(serverUrl
        ? [
            {
              test: {
                name: 'postgres-server',
                include: ['apps/server/src/**/*.test.ts'],
                ...integrationTimeouts,
                ...integrationIsolation,
                env: { FACTDESK_TEST_DB: 'server', TEST_DATABASE_URL: serverUrl },
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          ...browserTimeouts,
          fileParallelism: false,
        },
      },
    ],
  },
});
