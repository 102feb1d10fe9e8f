import { cleanup } from '@testing-library/react';
import i18next from 'i18next';
import { afterAll, beforeAll, vi } from 'vitest';

/**
 * Component files share their worker's modules and jsdom window (`isolate: false` in vitest.config.ts: a fresh
 * process and jsdom per file was most of these files' time). So each file starts from what a fresh page has: the
 * real fetch (renderApp and some files replace it), no stubbed globals or fake timers, empty storage (the remembered
 * language) and the app's language back to English (i18next is one instance per worker).
 */
const shared = globalThis as { refugeRealFetch?: typeof fetch };
shared.refugeRealFetch ??= globalThis.fetch;

beforeAll(async () => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  globalThis.fetch = shared.refugeRealFetch!;
  if (typeof window !== 'undefined') {
    window.localStorage.clear();
    window.sessionStorage.clear();
  }
  if (i18next.isInitialized) await i18next.changeLanguage('en');
});

/**
 * Component files leave their last render mounted (renderApp unmounts the previous one when it starts). Unmount it
 * and let React's queued work run before the next file (or jsdom's teardown): otherwise the scheduler can fire
 * after teardown ("window is not defined", an unhandled error that fails the run).
 */
afterAll(async () => {
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 50));
});
