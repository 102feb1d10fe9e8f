// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/**
 * jsdom has no IndexedDB, like a browser in some private modes: the field page must say that records cannot be kept
 * on this device rather than offer a PIN and fail with a record in hand.
 */
describe('field intake without device storage', () => {
  let t: TestServer;
  let worker: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    worker = await t.userIn('field-nostore', 'caseworker');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('explains that nothing can be queued here and offers no PIN set-up', async () => {
    expect(typeof (globalThis as { indexedDB?: unknown }).indexedDB).toBe('undefined');
    await renderApp(t, worker, '/field');
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot keep records on the device/);
    expect(screen.queryByLabelText(/PIN/)).toBeNull();
  });
});
