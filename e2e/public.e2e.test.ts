import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMUM_CELL } from '../src/core/statistics/suppression.ts';
import { createOrganisation, createUser } from '../src/services/accounts.service.ts';
import { DEMO_ADMIN, PHONE, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * The public page, signed out: survivors with unique markers in their names, contacts, locations and compound are
 * registered first, a coordinator publishes a release, and a fresh browser with no session must show the release
 * without any marker, any rare nationality or any count in (0, k).
 */
const markers: string[] = [];
const mark = (what: string) => {
  const m = `E2EPUB${what}${markers.length}Q${Date.now().toString(36)}`;
  markers.push(m);
  return m;
};

/** POST as the page's session (cookie and CSRF token from /api/session). */
async function post(page: Page, url: string, body: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ([u, b]) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch(u as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(b),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [url, body],
  );
}

function survivor(nationality: string) {
  return {
    names: [{ value: `${mark('Name')} ${mark('Family')}`, script: 'Latn', preferred: true }],
    sex: 'female',
    ageBand: '25_34',
    nationalities: [nationality],
    languages: [],
    contacts: [{ channel: 'telegram', value: `@${mark('contact')}` }],
    documentStatus: 'lost',
    location: { kind: 'street', detail: mark('Location') },
    compound: mark('Compound'),
    exitMode: 'escaped',
    consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
  };
}

describe('the public page in Chromium, signed out', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const app = e2e.server.runtime.app;
    await createOrganisation(app, { slug: 'e2e-public-ngo', name: 'E2E Public NGO', kind: 'ngo', isDemo: true });
    const user = { email: 'pat@e2e-public.example', password: 'e2e-public-password-2026' };
    await createUser(app, {
      ...user,
      displayName: 'Pat Example',
      memberships: [{ organisation: 'e2e-public-ngo', role: 'caseworker' }],
    });
    const page = await e2e.newPage();
    await signIn(page, user.email, user.password);
    // Twelve of one nationality (a publishable row), two of a rare one (never named).
    for (const nationality of [...Array<string>(12).fill('TL'), 'NR', 'NR'])
      expect((await post(page, '/api/survivors', survivor(nationality))).status).toBe(201);
    await page.context().close();
  }, 180_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('is linked from the sign-in page, shows the demo release, and the next one once a coordinator publishes it', async () => {
    const visitor = await e2e.newPage();
    await visitor.goto('/sign-in');
    await visitor.getByRole('link', { name: 'Public statistics (no sign-in)' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Public statistics' }).waitFor();
    // The demo load published release 1 (from the fictional population, before this test registered anyone).
    await visitor.getByText(/^Release 1, published/).waitFor();

    // The demo admin's first organisation is a coordination cell: it publishes.
    const coordinator = await e2e.newPage();
    await signIn(coordinator, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const created = await post(coordinator, '/api/public/releases', {});
    expect(created.status).toBe(201);
    // The coordinator's dashboard: cross-organisation figures, suppressed, with no planted marker either.
    await coordinator.goto('/reports');
    await coordinator.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await coordinator.getByTestId('dash-total').waitFor();
    await coordinator.getByTestId('filters-not-applied').waitFor();
    const dashboard = await coordinator.locator('body').innerText();
    for (const m of markers) expect(dashboard).not.toContain(m);
    await screenshot(coordinator, 'reports-dashboard-coordination');
    await coordinator.context().close();

    await visitor.reload();
    await visitor.getByText(/^Release 2, published/).waitFor();
    const text = await visitor.locator('body').innerText();
    const html = await visitor.content();
    for (const m of markers) {
      expect(text).not.toContain(m);
      expect(html).not.toContain(m);
    }
    expect(text).not.toContain('Nauru');
    expect(text).toContain('Timor-Leste');
    // Every count on the page is "hidden", zero, or at least 11.
    const cells = await visitor.locator('.public-table td, .bar-value, [data-testid=public-total]').allInnerTexts();
    expect(cells.length).toBeGreaterThan(10);
    for (const c of cells) {
      if (c.trim() === 'hidden') continue;
      const n = Number(c.replace(/[^\d]/g, ''));
      expect(n === 0 || n >= MINIMUM_CELL, `a published count of ${c}`).toBe(true);
    }
    expect(await visitor.evaluate(() => document.cookie)).toBe('');
    // The map draws exactly the listed compounds that have a point, and its popups link nowhere signed-in.
    const listed = await visitor.locator('.public-compound-list > li').count();
    expect(listed).toBeGreaterThan(0);
    await visitor.locator('.public-map .map-canvas[data-map-state="ready"][data-compounds]').waitFor();
    const drawn = Number(await visitor.locator('.public-map .map-canvas').getAttribute('data-compounds'));
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(listed);
    expect(await visitor.locator('a[href^="/monitoring"]').count()).toBe(0);
    await screenshot(visitor, 'public-page');
    const unexpected = e2e.consoleErrors(visitor).filter((e) => !/status of 4\d\d/.test(e));
    expect(unexpected).toEqual([]);
  });

  it("shows an organisation's own dashboard with filters that apply, and links figures to their records", async () => {
    const page = await e2e.newPage();
    await signIn(page, 'pat@e2e-public.example', 'e2e-public-password-2026');
    await page.goto('/reports');
    await page.getByTestId('dash-total').waitFor();
    expect(await page.getByTestId('dash-total').innerText()).toBe('14');
    await page.getByLabel('Nationality (code)').fill('NR');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('dash-total').innerText()).toBe('2');
    expect(page.url()).toContain('nationality=NR');
    await screenshot(page, 'reports-dashboard-organisation');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('dash-total').innerText()).toBe('14');
    await page.getByTestId('dash-status').getByRole('link').first().click();
    await page.waitForURL(/\/casework\/cases\?status=open/);
    await page.context().close();
  });

  it('fits a phone', async () => {
    const phone = await e2e.newPage(PHONE);
    await phone.goto('/public');
    await phone.getByTestId('public-release').waitFor();
    await phone.locator('.public-table').first().waitFor();
    // Against the layout width, not window.innerWidth: an emulated phone zooms out to a page wider than the screen,
    // and innerWidth grows with it (the nationality table made this page 806 px wide unnoticed).
    const [scrollWidth, layoutWidth] = await phone.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(layoutWidth).toBe(PHONE.viewport!.width);
    expect(scrollWidth).toBeLessThanOrEqual(layoutWidth);
    await screenshot(phone, 'public-page-phone');
  });
});
