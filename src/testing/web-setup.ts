import { cleanup } from '@testing-library/react';
import { afterAll } from 'vitest';

/**
 * Component files leave their last render mounted (renderApp unmounts the previous one when it starts). Unmount it
 * before jsdom is torn down and let React's queued work run while `window` still exists: otherwise the scheduler
 * can fire after teardown ("window is not defined", an unhandled error that fails the run).
 */
afterAll(async () => {
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 50));
});
