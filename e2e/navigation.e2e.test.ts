import type { Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccounts } from '../src/contracts/home.ts';
import { ORGANISATION_KINDS } from '../src/core/vocabulary.ts';
import { accessibilityViolations, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/** What a refusal looks like on screen: the services' 403 details ("you are not allowed…", "your role may not…"). */
const REFUSAL = /not allowed|may not|forbidden/i;

/** Watches a page's API calls: how many are in flight, and every 403 with the screen it was asked from. */
function watchApi(page: Page): { inFlight: () => number; refused: string[] } {
  let inFlight = 0;
  const refused: string[] = [];
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (r) => {
    if (isApi(r.url())) inFlight++;
  });
  const done = (url: string) => {
    if (isApi(url)) inFlight--;
  };
  page.on('requestfinished', (r) => done(r.url()));
  page.on('requestfailed', (r) => done(r.url()));
  page.on('response', (r: Response) => {
    if (r.status() === 403 && isApi(r.url())) refused.push(`403 ${new URL(r.url()).pathname} on ${page.url()}`);
  });
  return { inFlight: () => inFlight, refused };
}

/**
 * Opens a page and collects what would make it a dead end or shut someone out: an error panel, a refusal sentence (the
 * API's 403s are collected by watchApi) or a serious accessibility violation. Every main page loads its data on arrival, so a page the seat may not use shows one of these.
 */
async function deadEnds(page: Page, api: ReturnType<typeof watchApi>, link: Locator): Promise<string[]> {
  // Mark what is on screen now, so the wait below is for the new page and not the one being left (unless the link
  // is to the page already open: then it stays).
  const href = await link.getAttribute('href');
  if (new URL(page.url()).pathname !== href)
    await page
      .locator('main h1, main .error-state')
      .evaluateAll((els) => els.forEach((e) => e.setAttribute('data-left', '')));
  await link.click();
  // Settled: the new page's heading or an error panel is up, nothing is loading and no API call is pending.
  await expect
    .poll(
      async () => {
        const shown = await page.locator('main h1:not([data-left]), main .error-state:not([data-left])').count();
        const loading = await page.locator('main .loading-state').count();
        return shown > 0 && loading === 0 && api.inFlight() === 0;
      },
      { timeout: 30_000, message: `${href} settles` },
    )
    .toBe(true);
  const alerts = await page.locator('main .error-state, main [role="alert"]').allInnerTexts();
  const body = await page.locator('main').innerText();
  // Every main page, for every seat: no serious or critical accessibility violation (axe-core).
  const axe = await accessibilityViolations(page);
  return [
    ...alerts.map((a) => `alert: ${a}`),
    ...(REFUSAL.test(body) ? [`text: ${REFUSAL.exec(body)}`] : []),
    ...axe.map((a) => `axe ${a}`),
  ];
}

/**
 * Each demo organisation kind's own account signs in, opens every entry of its menu (and each casework tab) and meets
 * no refusal: the menu lists only what the seat may use (core/permissions/seats.ts, the table the server uses).
 */
describe('navigation fits the role, in Chromium', () => {
  let e2e: E2E;
  let demo: DemoAccounts;
  beforeAll(async () => {
    e2e = await startE2E();
    demo = (await (await fetch(`${e2e.url}/api/demo`)).json()) as DemoAccounts;
  }, 300_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('the sign-in page offers one demo account per organisation kind', async () => {
    expect(demo.accounts.slice(1).map((a) => a.kind)).toEqual([...ORGANISATION_KINDS]);
    const page = await e2e.newPage();
    await page.goto('/sign-in');
    await page.locator('.demo-accounts > summary').click();
    expect(await page.locator('.demo-accounts li').count()).toBe(demo.accounts.length);
    // Each choice says whose seat it is: the all-round administrator is not labelled as one organisation's admin.
    const labels = await page.locator('.demo-accounts li button').allInnerTexts();
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toMatch(/^Administrator of one organisation of every kind/);
    await screenshot(page, 'sign-in-demo-accounts');
    await page.context().close();
  });

  for (const kind of ORGANISATION_KINDS) {
    it(`a ${kind} account meets no refusal anywhere in its menu`, async () => {
      const seat = demo.accounts.slice(1).find((a) => a.kind === kind);
      expect(seat, `a demo account for ${kind}`).toBeDefined();
      const page = await e2e.newPage();
      const api = watchApi(page);
      await signIn(page, seat!.email, demo.password!);
      // The account button's accessible name starts with the initials it shows (axe label-content-name-mismatch).
      const account = page.locator('.user-menu > summary');
      const initials = await account.locator('.avatar').innerText();
      // (Demo staff use their own interface language, so "Account" may be in Khmer: check the initials lead.)
      expect(await account.ariaSnapshot()).toContain(`${initials} `);
      // The demo banner is inside a landmark (the header's banner), not loose in the page.
      expect(await page.locator('.demo-banner').evaluate((b) => !!b.closest('header, nav, main, aside, footer'))).toBe(
        true,
      );
      const nav = page.locator('#main-nav');
      const entries = await nav
        .getByRole('link')
        .evaluateAll((links) => links.map((l) => ({ href: l.getAttribute('href')!, name: l.textContent ?? '' })));
      // Networks is in the menu only for roles that may read entities; the walk below opens it like every entry.
      const problems: string[] = [];
      for (const entry of entries) {
        problems.push(
          ...(await deadEnds(page, api, nav.locator(`a[href="${entry.href}"]`))).map((p) => `${entry.href}: ${p}`),
        );
        if (entry.href === '/casework') {
          const tabs = await page.locator('.cw-tabs a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
          for (const tab of tabs)
            problems.push(
              ...(await deadEnds(page, api, page.locator(`.cw-tabs a[href="${tab}"]`))).map((p) => `${tab}: ${p}`),
            );
        }
        if (entry.href === '/') {
          // The home page's "start here" (shown when the organisation has no survivors yet) points into the menu.
          const start = page.getByTestId('home-start');
          if (await start.count()) expect(entries.map((e) => e.href)).toContain(await start.getAttribute('href'));
        }
      }
      await nav.locator('a[href="/"]').click();
      await page.locator('main h1').first().waitFor();
      await screenshot(page, `nav-${kind}`);
      expect([...api.refused, ...problems]).toEqual([]);
      await page.context().close();
    });
  }
});
