import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, DEMO_ADMIN, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/** The monitor organisation's analyst: network data is for analysts and coordination, not every caseworker. */
const ANALYST = { email: 'analyst@monitor-compound-watch.demo.refuge.example', password: DEMO_ADMIN.password };
const DEMO_WALLET = 'TDemoWa11etFict10nalAddre55xxxxxx';

function unexpectedErrors(e2e: E2E, page: Page): string[] {
  return e2e
    .consoleErrors(page)
    .filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

describe('networks in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('screens a name, opens the entity, expands its network, finds a path, links by hand and traces a wallet', async () => {
    const page = await e2e.newPage();
    await signIn(page, ANALYST.email, ANALYST.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Networks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Networks' }).waitFor();

    // Screen the boss's Chinese alias: the demo's sanctioned person comes first, with the reason.
    await page.locator('#screen-name').fill('龚拉维');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const first = page.locator('.screen-results > li').first();
    await expect.poll(() => first.textContent()).toContain('Quon Ravelle');
    expect(await first.textContent()).toContain('possible match');
    expect(await first.textContent()).toContain('Sanctioned');
    await screenshot(page, 'networks-screen-1280');

    // Open the entity: properties, sanctions, relations and the network around it.
    await first.getByRole('link', { name: 'Quon Ravelle' }).click();
    await page.getByRole('heading', { level: 1, name: /Quon Ravelle/ }).waitFor();
    const size = page.getByTestId('network-size');
    await expect.poll(() => size.textContent()).toMatch(/^[2-9]\d* entities shown$/);
    const before = Number((await size.textContent())!.match(/\d+/)![0]);
    // Expand the holding company: the company it owns appears.
    const nodes = page.getByRole('list', { name: 'Entities in the network view' });
    await nodes.locator('li', { hasText: 'Ravelle Lantern Holdings' }).getByRole('button', { name: 'Expand' }).click();
    await expect.poll(async () => Number((await size.textContent())!.match(/\d+/)![0])).toBeGreaterThan(before);
    await nodes.getByRole('link', { name: 'Golden Fortune Development Co., Ltd.' }).waitFor();
    await screenshot(page, 'networks-entity-expanded-1280');

    // Find a path from the boss to the property manager the fixer directs: boss — associate — fixer — director.
    await page.locator('#path-to').fill('Sea Crest Property Management');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('button', { name: 'Path to Sea Crest Property Management' }).click();
    const result = page.getByTestId('path-result');
    await expect.poll(() => result.textContent()).toContain('Linked in 2 steps');
    expect(await result.locator('li a').evaluateAll((as) => as.map((a) => a.textContent))).toEqual([
      'Quon Ravelle',
      'Tobin Arkwade',
      'Sea Crest Property Management',
    ]);
    await screenshot(page, 'networks-path-1280');

    // Add a link by hand: refused with the reason when it names no stored entity, saved with a source otherwise.
    await page.locator('details.add-link > summary').click();
    await page.locator('#link-kind').selectOption('owns');
    await page.locator('#link-existing').fill('no-such-entity');
    await page.locator('#link-sources').fill('https://news.example/fictional-registry');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('.hand-entity-form [role=alert]').textContent()).toContain('no-such-entity');
    await page.locator('#link-existing').fill('');
    await page.locator('#link-schema').selectOption('Company');
    await page.locator('#link-name').fill('Harbour Fictional Trading');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('link', { name: 'Harbour Fictional Trading' }).first().waitFor();
    await nodes.getByRole('link', { name: 'Harbour Fictional Trading' }).waitFor();
    await screenshot(page, 'networks-hand-link-1280');
    await page.getByRole('link', { name: 'Harbour Fictional Trading' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Harbour Fictional Trading/ }).waitFor();
    expect(await page.locator('.entity-sources').textContent()).toContain('https://news.example/fictional-registry');
    expect(await page.getByText('Added by analysts').count()).toBe(1);
    // Edit it: an alias added, a property the schema does not have refused with its name, nothing saved then.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const props = page.locator('#edit-properties');
    await props.fill(`${await props.inputValue()}\nshoeSize: 44`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.hand-entity-form [role=alert]').textContent()).toContain('shoeSize');
    await props.fill((await props.inputValue()).replace('shoeSize: 44', 'alias: 港湾虚构贸易'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#edit-properties').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.entity-properties').textContent()).toContain('港湾虚构贸易');
    await screenshot(page, 'networks-hand-edit-1280');

    // Wallet transfers: import a CSV on the networks page, then trace the demo wallet's flows.
    await page.goto('/networks');
    const csv = [
      'chain,tx,from,to,amount,time,asset',
      `tron,e2e-1,TVictimE2E,TMuleE2E,2500,2026-01-05T10:00:00Z,USDT`,
      `tron,e2e-2,TMuleE2E,${DEMO_WALLET},2400,2026-01-06T10:00:00Z,USDT`,
      `tron,e2e-3,${DEMO_WALLET},TExchangeE2E,2000,2026-01-07T10:00:00Z,USDT`,
      'tron,e2e-4,TMuleE2E,TOtherE2E,lots,2026-01-07T10:00:00Z,USDT',
    ].join('\n');
    await page
      .locator('#transfers-file')
      .setInputFiles({ name: 'case.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('3 imported, 0 already stored, 1 lines rejected.').waitFor();
    expect(await page.getByText('Line 5: amount must be a non-negative decimal number').count()).toBe(1);
    await page.locator('#trace-address').fill('TVictimE2E');
    await page.getByRole('button', { name: 'Trace flows' }).click();
    await page.getByTestId('trace-summary').waitFor();
    await page.locator('#trace-hops').selectOption('3');
    await expect.poll(() => page.getByTestId('trace-summary').textContent()).toContain('3 transfers, 2 flagged');
    expect(await page.locator('.trace-transfers tr.flagged').count()).toBe(2);
    expect(await page.locator('.trace-wallets tr.flagged').textContent()).toContain('Wallet of Quon RavelleSanctioned');
    await screenshot(page, 'networks-wallet-trace-1280');
    expect(unexpectedErrors(e2e, page)).toEqual([]);
  });

  it('refuses network data to a caseworker', async () => {
    const caseworker = await apiClient(e2e, 'caseworker@ngo-lantern-reach.demo.refuge.example', DEMO_ADMIN.password);
    for (const url of [
      '/api/networks/entities/demo-person-boss',
      '/api/networks/path?from=demo-person-boss&to=demo-company-seacrest',
      `/api/networks/transfers/trace?address=${DEMO_WALLET}`,
    ])
      expect((await caseworker.request('GET', url)).status, url).toBe(403);
  });
});
