// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { register } from '../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/**
 * Publishing the public page's release from the dashboard, against the real server: the refusal with its reason when
 * too few people are counted, then a published release; organisations that may not publish do not see the action.
 */
describe('publishing a public release from the dashboard', () => {
  let t: TestServer;
  let lead: TestClient;
  let ngo: TestClient;
  let ngoAdmin: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('publish-lead', 'coordination');
    lead = await t.userIn('publish-lead', 'admin');
    ngo = await t.userIn('publish-ngo', 'caseworker');
    ngoAdmin = await t.userIn('publish-ngo', 'admin');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows the reason when the release is refused, then publishes once enough people are counted', async () => {
    const { user } = await renderApp(t, lead, '/reports');
    const panel = await screen.findByTestId('publish-release');
    await user.click(within(panel).getByRole('button', { name: 'Publish a new release' }));
    expect((await within(panel).findByRole('alert')).textContent).toMatch(/fewer than 11/);

    for (let i = 0; i < 12; i++) await register(ngo);
    await user.click(within(panel).getByRole('button', { name: 'Publish a new release' }));
    expect((await within(panel).findByRole('status')).textContent).toMatch(/^Release 1 is published\./);
    expect(within(panel).getByRole('link', { name: 'Open the public page' }).getAttribute('href')).toBe('/public');
    const stored = await t.anonymous().request('GET', '/api/public/statistics');
    expect(stored.json.release.seq).toBe(1);
  });

  it('is not offered to an organisation that may not publish', async () => {
    await renderApp(t, ngoAdmin, '/reports');
    await screen.findByRole('heading', { level: 1, name: 'Reports' });
    expect(screen.queryByTestId('publish-release')).toBeNull();
  });
});
