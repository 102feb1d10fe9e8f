import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './vitest.summary-reporter.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One more worker than the two cores: browser, process and database tests spend much of their time waiting on
    // another process, and with two workers the machine sat about a quarter idle. Measured on the 2-core machine
    // (2026-12-01, one run each, `npx vitest run --maxWorkers=N`): 2 → 1,430 s, 3 → 1,263 s, 4 → 1,464 s (the CPU
    // busy throughout, but each test slower and polling more).
    maxWorkers: 3,
    projects: [
      {
        // Server, database, core, CLI and browser tests share each worker's module cache: re-importing the whole app
        // for every file was most of the suite's time (import 319 s → 21 s for the route tests). Each file still
        // builds its own server and database, so nothing but immutable modules is shared.
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
          exclude: ['src/web/**'],
          isolate: false,
        },
      },
      {
        // Components keep per-file isolation: they run in jsdom and the web app keeps module-level state
        // (i18n instance, the outbox) that one file must not hand to the next.
        extends: true,
        test: {
          name: 'web',
          include: ['src/web/**/*.test.ts', 'src/web/**/*.test.tsx'],
          setupFiles: ['./src/testing/web-setup.ts'],
        },
      },
    ],
  },
});
