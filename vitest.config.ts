import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, one run (`npm test`, what CI runs); `npm run test:unit`, `test:int` and `test:e2e` run one each.
 *
 * - unit: pure tests (`*.test.ts`): no server, database or browser.
 * - integration: `*.int.test.ts` (the app over SQLite, and PostgreSQL when TEST_DATABASE_URL is set), the command
 *   line run as a child process (test/cli) and the hostile-input fuzzing (test/hostile).
 * - e2e: the Chromium journeys (test/e2e), against the built console.
 *
 * Unit and integration suites share their worker's modules (`isolate: false`): the app is imported once per
 * worker instead of once per file. That is safe because every suite builds its own application, whose state is
 * keyed by its AppContext (WeakMaps), and what is process-wide is either immutable (reference data, the jieba
 * dictionary, the built-in calendar) or set again by each app it serves (the background failure log); vitest
 * resets `vi.setConfig` and mocks between files. The browser journeys keep a process each.
 *
 * Unit and integration suites run first, side by side in at least two workers, on two cores as well: a suite leaves
 * its core partly idle while it waits for the command line's child processes, the database and timers. The browser
 * journeys run after them, on their own (each step waits for the page within a time limit that a machine busy with
 * other suites could make them miss), in as many workers as the machine has cores to spare.
 */
const INTEGRATION = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts', 'test/cli/**/*.test.ts', 'test/hostile/**/*.test.ts'];
const E2E = ['test/e2e/**/*.test.ts'];
const SPARE_CORES = Math.max(1, os.availableParallelism() - 1);

export default defineConfig({
  test: {
    exclude: ['node_modules', 'dist', 'web/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['node_modules', 'dist', 'web/**', ...INTEGRATION, ...E2E],
          isolate: false,
          maxWorkers: Math.max(2, SPARE_CORES),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          isolate: false,
          maxWorkers: Math.max(2, SPARE_CORES),
          sequence: { groupOrder: 0 },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          maxWorkers: SPARE_CORES,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
