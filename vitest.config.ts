import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './vitest.summary-reporter.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits on a real browser or server in the e2e tests; its 1 s default failed a language switch (a
    // lazily loaded locale) on a loaded two-core machine. A longer wait changes no assertion, only when it gives up.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Two workers for two cores. Three measured faster on a warm run (1,263 s against 1,430 s, 2026-12-01) but a
    // fresh clone's run then timed out the fuzz test at 60 s on both engines: not worth a flaky suite.
    maxWorkers: 2,
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
        // Components share each worker's modules and jsdom window too (a process and jsdom per file took the web
        // project 147 s against 69 s, 2026-12-01); src/testing/web-setup.ts gives each file a fresh page's state.
        extends: true,
        test: {
          name: 'web',
          include: ['src/web/**/*.test.ts', 'src/web/**/*.test.tsx'],
          setupFiles: ['./src/testing/web-setup.ts'],
          isolate: false,
        },
      },
    ],
  },
});
