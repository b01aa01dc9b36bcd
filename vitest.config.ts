// The one test command (`npm test`): Node-side unit tests, renderer tests in jsdom, and end-to-end tests in Chromium.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The records contract tests again, their calls through a core host on a worker thread (serveDesk and
          // CoreHost, as the app's main process reaches its utility process): see createTestService.
          name: 'host',
          environment: 'node',
          include: ['test/unit/core/service/records.test.ts'],
          env: { DESK_TRANSPORT: 'host' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each e2e file starts its own browser and server; two cores do not run several well at once.
          fileParallelism: false,
        },
      },
    ],
  },
});
