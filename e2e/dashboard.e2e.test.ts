import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/core/demo/scenario.ts';
import { DESKTOP, PHONE, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * The reports dashboard in Chromium on the demo data, at desk width and on a 375 px phone: every panel draws, nothing
 * runs off the side of the page, the consular bottleneck shows its waiting times, and a nationality figure opens the
 * case list behind it. Screenshots go to test-artifacts/dashboard-*.png.
 */
const email = (role: string, org: string) => `${role}@${org}.demo.refuge.example`;
const NGO = 'ngo-lantern-reach';

/** Whether anything is wider than the viewport (a page a phone must scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the reports dashboard in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 180_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  for (const [name, options] of [
    ['desktop', DESKTOP],
    ['375', PHONE],
  ] as const)
    it(`lays out an organisation's dashboard (${name})`, async () => {
      const page = await e2e.newPage(options);
      // In English (the demo caseworker reads Khmer), so the screenshots can be read by anyone reviewing them.
      await page.addInitScript(() => localStorage.setItem('refuge.language', 'en'));
      await signIn(page, email('caseworker', NGO), DEMO_PASSWORD);
      await page.goto('/reports');
      const consular = page.getByTestId('dash-consular');
      await consular.waitFor();
      await page.getByTestId('dash-by-location').waitFor();
      // The total row: people and their median and 90th-percentile waits, in whatever language the demo user reads.
      expect((await consular.locator('tfoot td').allTextContents()).every((c) => /\d|–/.test(c))).toBe(true);
      // Charts have drawn their bars (recharts measures the container first).
      await page.locator('[data-testid=dash-nationality] .recharts-bar-rectangle').first().waitFor();
      await screenshot(page, `dashboard-${name}`);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      // The sign-in page asks for a session first (401); nothing else may fail.
      expect(e2e.consoleErrors(page).filter((e) => !/status of 401/.test(e))).toEqual([]);
    }, 120_000);

  it('opens the case list behind a nationality figure', async () => {
    const page = await e2e.newPage(DESKTOP);
    await signIn(page, email('caseworker', NGO), DEMO_PASSWORD);
    await page.goto('/reports');
    const link = page.getByTestId('dash-nationality').locator('table a').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/casework\/cases\?nationality=[A-Z]{2}$/);
    await link.click();
    await page.getByTestId('case-list').waitFor();
    expect(await page.getByTestId('case-list-figure').textContent()).toBeTruthy();
  }, 120_000);

  it("lays out a coordination cell's suppressed dashboard at 375 px, without links", async () => {
    const page = await e2e.newPage(PHONE);
    await signIn(page, email('admin', 'coord-exit-cell'), DEMO_PASSWORD);
    await page.goto('/reports');
    await page.getByTestId('dash-consular').waitFor();
    // Survivor figures hold no link: the cell holds no records (its monitoring panels may still open monitoring).
    for (const id of ['nationality', 'months', 'sex-age', 'consular', 'by-need'])
      expect(await page.getByTestId(`dash-${id}`).locator('a').count()).toBe(0);
    await screenshot(page, 'dashboard-coordination-375');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  }, 120_000);
});
