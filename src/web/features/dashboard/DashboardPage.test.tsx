// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCasesInStatus } from '../../../testing/case-state.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/**
 * Every dashboard figure the viewer may open leads to the records behind it, against the real server: an
 * organisation's nationality bar opens its case list on that nationality and the page's filters, a consular queue count
 * opens the cases in that stage, an embassy's nationality opens its consular queue; a viewer who may not open records
 * (a viewer role, a coordination organisation) gets figures and no links.
 */
const panel = (id: string) => screen.findByTestId(`dash-${id}`);
const links = (el: HTMLElement) =>
  within(el)
    .queryAllByRole('link')
    .map((a) => a.getAttribute('href'));

describe('clicking through the dashboard', () => {
  let t: TestServer;
  let ngo: TestClient;
  let viewer: TestClient;
  let lead: TestClient;
  let consul: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('click-lead', 'coordination');
    await t.org('click-embassy', 'embassy', ['ID']);
    ngo = await t.userIn('click-ngo', 'caseworker');
    viewer = await t.userIn('click-ngo', 'viewer');
    lead = await t.userIn('click-lead', 'admin');
    consul = await t.userIn('click-embassy', 'consular_officer');
    const stats = consent({ useInStatistics: true, shareWithOwnEmbassy: true });
    const th: string[] = [];
    for (let i = 0; i < 3; i++)
      th.push(
        (await register(ngo, { nationalities: ['TH'], sex: i === 0 ? 'male' : 'female', consent: stats })).caseId,
      );
    for (let i = 0; i < 12; i++) await register(ngo, { nationalities: ['ID'], consent: stats });
    // Two Thai survivors wait for documents.
    await putCasesInStatus(t, [th[0]!, th[1]!], 'awaiting_documents');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("opens the organisation's case list on a nationality, with the page's filters", async () => {
    const { user } = await renderApp(t, ngo, '/reports?sex=female');
    const nationality = await panel('nationality');
    expect(screen.getByRole('form', { name: 'Filters for the whole page' })).toBeTruthy();
    const thai = within(nationality).getByRole('link', { name: 'Thailand' });
    expect(thai.getAttribute('href')).toBe('/casework/cases?nationality=TH&sex=female');
    await user.click(thai);
    const list = await screen.findByTestId('case-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByTestId('case-list-figure').textContent).toMatch(/Thailand · Female/);
  });

  it('opens the cases waiting in one consular stage from the bottleneck, and shows how long they waited', async () => {
    const { user } = await renderApp(t, ngo, '/reports');
    const consular = await panel('consular');
    const row = within(consular).getByTestId('consular-row-TH');
    // Two people, waiting 0 days at the median and the 90th percentile (their cases opened today).
    expect([...row.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)).toEqual(['2', '0', '0']);
    const count = within(row).getByRole('link', { name: '2' });
    expect(count.getAttribute('href')).toBe('/casework/cases?status=awaiting_documents&nationality=TH');
    await user.click(count);
    const list = await screen.findByTestId('case-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getAllByText('Awaiting documents')).toHaveLength(2);
  });

  it('gives a viewer who may not open cases the figures without links', async () => {
    await renderApp(t, viewer, '/reports');
    const nationality = await panel('nationality');
    expect(within(nationality).getByText('Thailand')).toBeTruthy();
    for (const id of ['nationality', 'status', 'months', 'sex-age', 'consular'])
      expect(links(await panel(id))).toEqual([]);
  });

  it('gives a coordination organisation, which holds no records, no links', async () => {
    await renderApp(t, lead, '/reports');
    const nationality = await panel('nationality');
    expect(within(nationality).getByText('Indonesia')).toBeTruthy();
    for (const id of ['nationality', 'months', 'sex-age', 'consular']) expect(links(await panel(id))).toEqual([]);
    // Its figures are fixed tables: no filters are offered, the page says why.
    expect(screen.queryByRole('form', { name: 'Filters for the whole page' })).toBeNull();
    expect(screen.getByTestId('filters-not-applied')).toBeTruthy();
  });

  it("opens an embassy's consular queue on a nationality it serves", async () => {
    const { user } = await renderApp(t, consul, '/reports');
    const nationality = await panel('nationality');
    const id = within(nationality).getByRole('link', { name: 'Indonesia' });
    expect(id.getAttribute('href')).toBe('/casework/consular?nationality=ID');
    // The pooled row (Thai survivors are too few to name, and the embassy does not serve them) is not a link.
    expect(links(nationality)).toEqual(['/casework/consular?nationality=ID']);
    await user.click(id);
    expect((await screen.findByTestId('consular-figure')).textContent).toMatch(/Indonesia/);
  });
});
