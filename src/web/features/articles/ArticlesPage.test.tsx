// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { FIXTURES } from '../../../testing/article-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/** The reports-and-news page against the real server: sources side by side, a review, and who may not see it. */
describe('the reports and news page', () => {
  let t: TestServer;
  let analyst: TestClient;
  let caseworker: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('news-watch', 'monitor');
    await t.org('news-ngo', 'ngo');
    analyst = await t.userIn('news-watch', 'analyst');
    caseworker = await t.userIn('news-ngo', 'caseworker');
    await analyst.request('POST', '/api/monitoring/articles', {
      text: FIXTURES.harbourWire,
      publisher: 'Harbour Wire',
      publishedAt: '2025-11-12',
    });
    await analyst.request('POST', '/api/monitoring/articles', {
      text: FIXTURES.mekongDaily,
      publisher: 'Mekong Daily',
      publishedAt: '2025-11-12',
    });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it("shows each source's figure and quote side by side, flagged, and the story's claims", async () => {
    const { user } = await renderApp(t, analyst, '/monitoring/articles');
    const groups = await screen.findAllByTestId('figure-group');
    const sites = groups.find((g) => g.textContent?.includes('scam_site'))!;
    expect(within(sites).getByText('Differ')).toBeDefined();
    const values = within(sites)
      .getAllByTestId('figure-value')
      .map((v) => v.textContent);
    expect(values.sort()).toEqual(['at least 10', 'at least 17']);
    expect(within(sites).getByText('at least 17 scam zones')).toBeDefined();
    const stories = screen.getAllByTestId('story');
    expect(stories).toHaveLength(1);
    await user.click(within(stories[0]!).getByRole('link'));
    const claims = await screen.findAllByTestId('claim');
    const tran = claims.find((c) => c.querySelector('q')?.textContent === 'Tran Chi')!;
    expect(tran.textContent).toContain('also written Chen Zhi');
    // Rejecting the "at least 10" claim ends that disagreement.
    const ten = claims.find((c) => c.querySelector('q')?.textContent === 'at least 10 compounds')!;
    await user.click(within(ten).getByRole('button', { name: 'Reject' }));
    expect(await within(ten).findByText('Rejected')).toBeDefined();
  });

  it('tells an NGO caseworker that articles are monitoring data', async () => {
    await renderApp(t, caseworker, '/monitoring/articles');
    expect(await screen.findByText(/monitor and coordination organisations/)).toBeDefined();
  });
});
