// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { importFtmLines } from '../../../testing/networks-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

const LINES = [
  { id: 'w-chen', schema: 'Person', properties: { name: ['陈志'], alias: ['Trần Chí'], topics: ['sanction'] } },
  { id: 'w-lotus', schema: 'Company', properties: { name: ['Golden Lotus Holding Group'] } },
  { id: 'w-own', schema: 'Ownership', properties: { owner: ['w-chen'], asset: ['w-lotus'] } },
  { id: 'w-aide', schema: 'Person', properties: { name: ['Tobin Arkwade'] } },
  { id: 'w-assoc', schema: 'Associate', properties: { person: ['w-lotus'], associate: ['w-aide'] } },
].map((l) => JSON.stringify(l));

/** The networks page against the real server: screening, the entity page and expanding its network. */
describe('the networks page', () => {
  let t: TestServer;
  let analyst: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('web-watch', 'monitor');
    analyst = await t.userIn('web-watch', 'analyst');
    await importFtmLines(t, LINES, 'web');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('screens a name in another script and ranks the person first with its reasons', async () => {
    const { user } = await renderApp(t, analyst, '/networks');
    await user.type(await screen.findByLabelText('Name (any script)'), 'Chen Zhi');
    await user.click(screen.getByRole('button', { name: 'Screen' }));
    const results = await screen.findByRole('region', { name: 'Candidates' });
    const first = within(results).getAllByRole('listitem')[0]!;
    expect(within(first).getByRole('link').textContent).toBe('陈志');
    expect(first.textContent).toContain('possible match');
    expect(first.textContent).toMatch(/Name \(\+0\.97\): same_reading/);
  });

  it('opens an entity with its relations and expands its network on request', async () => {
    const { user } = await renderApp(t, analyst, '/networks/entities/w-chen');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain('陈志');
    expect(screen.getByText('Sanctioned')).toBeTruthy();
    const nodes = await screen.findByRole('list', { name: 'Entities in the network view' });
    await within(nodes).findByText('Golden Lotus Holding Group');
    expect(within(nodes).queryByText('Tobin Arkwade')).toBeNull();
    const lotus = within(nodes).getByText('Golden Lotus Holding Group').closest('li')!;
    await user.click(within(lotus).getByRole('button', { name: 'Expand' }));
    await within(nodes).findByText('Tobin Arkwade');
    expect(screen.getByTestId('network-size').textContent).toBe('3 entities shown');
  });

  it('is not in a caseworker’s navigation, and the page refuses them', async () => {
    const caseworker = await t.userIn('web-ngo', 'caseworker');
    await renderApp(t, caseworker, '/networks');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Networks' })).toBeNull();
    expect(await screen.findByText(/analysts, monitors and coordination/)).toBeTruthy();
  });
});
