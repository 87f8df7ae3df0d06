// One test run: unit and integration tests on the embedded PostgreSQL, the same integration
// tests again on a PostgreSQL server when TEST_DATABASE_URL is set, and browser tests. The
// built server and web app are brought up to date first: process and browser tests use them.
import { defineConfig } from 'vitest/config';

const unitAndIntegration = [
  'apps/*/src/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  'scripts/**/*.test.ts',
];
const serverUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    globalSetup: ['scripts/vitestGlobalSetup.mjs'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'embedded-postgres',
          include: unitAndIntegration,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { FACTDESK_TEST_DB: 'embedded' },
        },
      },
      ...(serverUrl
        ? [
            {
              test: {
                name: 'postgres-server',
                include: ['apps/server/src/**/*.test.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
                env: { FACTDESK_TEST_DB: 'server', TEST_DATABASE_URL: serverUrl },
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
