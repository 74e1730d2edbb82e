import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The default output, then the failed tests again as the last lines (after coverage).
    reporters: ['default', './test/helpers/failure-recap-reporter.ts'],
    hookTimeout: 240_000,
    // Two cores: keep workers low so the browser and the builds do not starve each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: 'forks',
    // `npm test` runs with --coverage: src/lib as the unit and e2e tests exercise it in-process
    // (the site build runs in a child process; V8 coverage of it does not reach vitest, so such
    // modules count only where a test imports them). The browser scripts in src/lib/site/client/
    // run only in Chromium, where vitest cannot measure them: the e2e tests check their behaviour
    // and they are left out of the figure rather than counted as untested.
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts'],
      exclude: ['src/lib/**/*.d.ts', 'src/lib/site/client/**'],
      reporter: ['text', 'text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // Print the per-folder table even when a test fails, so a red run still shows coverage.
      reportOnFailure: true,
      // src/lib as a whole: above the 91.6% the project had when coverage joined npm test
      // (measured 94.3% without the browser scripts when this was set).
      thresholds: { lines: 93 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // test/e2e/*.unit.test.ts: unit tests of the e2e helpers (no site build, no browser).
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**/!(*.unit).test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/**/*.unit.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
