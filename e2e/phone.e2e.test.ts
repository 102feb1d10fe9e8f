import type { BrowserContext, Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccounts } from '../src/contracts/home.ts';
import { ARTIFACTS_DIR, DESKTOP, PHONE, signIn, startE2E, type E2E } from './harness.ts';

const WIDTH = 375;
const HEIGHT = 780;

/** The element's box in the viewport (CSS pixels), after layout. */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box`);
  return b;
}

/**
 * What runs off the right of the screen: nothing when the page does not scroll sideways, else the outermost elements
 * that end past its edge (tag.class and how far), so a failure names the culprit.
 */
const pageOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const past = (el: Element) => el.getBoundingClientRect().right - root.clientWidth > 0.5;
    // Inside a box that scrolls or clips sideways (the tab row, the queue table's frame) is not off the page.
    const clipped = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    return [...document.body.querySelectorAll('*')]
      .filter((el) => past(el) && !clipped(el) && !(el.parentElement && past(el.parentElement)))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} +${Math.round(el.getBoundingClientRect().right - root.clientWidth)}`,
      )
      .concat(`page +${root.scrollWidth - root.clientWidth}`);
  });

/** The first screen only (what a person sees on arrival), at test-artifacts/phone/<name>.png. */
async function firstScreen(page: Page, name: string) {
  const dir = join(ARTIFACTS_DIR, 'phone');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

describe('casework on a 375 px phone, in Chromium', () => {
  let e2e: E2E;
  let demo: DemoAccounts;
  const account = (kind: string) => demo.accounts.find((a) => a.kind === kind && !a.allRound)!;
  // Each account signs in through the form once; later pages start from that session's cookies (signing in is
  // tested elsewhere, and two dozen sign-ins were a fifth of this file's time).
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  async function phoneAs(kind: string, language?: string, options = PHONE): Promise<Page> {
    const storageState = sessions.get(kind);
    const page = await e2e.newPage({ ...options, ...(storageState ? { storageState } : {}) });
    if (language) await page.addInitScript((l) => localStorage.setItem('refuge.language', l), language);
    if (!storageState) {
      await signIn(page, account(kind).email, demo.password!);
      // The cookies only: what the page kept (its language) belongs to that page.
      sessions.set(kind, { cookies: (await page.context().storageState()).cookies, origins: [] });
    }
    return page;
  }
  beforeAll(async () => {
    e2e = await startE2E();
    demo = (await (await fetch(`${e2e.url}/api/demo`)).json()) as DemoAccounts;
  }, 300_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('keeps the casework tabs on the screen, the triage list on the first screen and no keyboard hints', async () => {
    const page = await phoneAs('ngo');
    await page.goto('/casework/triage');
    const firstRow = page.locator('[data-testid="triage-board"] tbody tr').first();
    await firstRow.waitFor();
    expect(await page.evaluate(() => [window.innerWidth, matchMedia('(hover: none)').matches])).toEqual([WIDTH, true]);
    // Nothing runs off the right: the page does not scroll sideways, the tab row ends inside the screen.
    expect(await pageOverflow(page)).toEqual([]);
    const tabs = page.locator('nav.cw-tabs');
    const row = await box(tabs);
    expect(row.x).toBeGreaterThanOrEqual(0);
    expect(row.x + row.width).toBeLessThanOrEqual(WIDTH);
    // Every tab can be reached: scrolled to (the row scrolls sideways), it lies wholly on the screen.
    const links = tabs.locator('a');
    expect(await links.count()).toBeGreaterThan(3);
    for (const link of await links.all()) {
      await link.scrollIntoViewIfNeeded();
      const b = await box(link);
      expect(b.x, `${await link.innerText()} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, `${await link.innerText()} ends on screen`).toBeLessThanOrEqual(WIDTH + 0.5);
    }
    // The list starts on the first screen, the filters folded above it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const first = await box(firstRow);
    expect(first.y).toBeLessThan(HEIGHT - 60);
    expect(await page.locator('details.cw-filters').getAttribute('open')).toBeNull();
    // Keyboard shortcuts are for keyboards: no hint and no shortcut button on a touch screen.
    for (const hint of await page.locator('.cw-keyboard-only, kbd').all()) expect(await hint.isVisible()).toBe(false);
    // Opening the filters still works, and a narrow screen does not lose them.
    await page.locator('details.cw-filters > summary').click();
    await expect.poll(() => page.locator('details.cw-filters').getAttribute('open')).not.toBeNull();
    expect(await pageOverflow(page)).toEqual([]);
  });

  it('asks the date of birth in the interface language, and the pinned submit button hides no field', async () => {
    const page = await phoneAs('ngo', 'km');
    await page.goto('/casework/register');
    const day = page.getByTestId('day-dateOfBirth');
    await day.waitFor();
    // No browser date input (its format is the device's: mm/dd/yyyy on an English phone); Khmer month names.
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    const months = await day.locator('select option').allInnerTexts();
    expect(months).toContain('វិច្ឆិកា');
    expect(months.join(' ')).not.toMatch(/Nov|[A-Za-z]{3}/);
    await day.locator('#field-dateOfBirth').fill('3');
    await day.locator('#field-dateOfBirth-month').selectOption('5');
    await day.locator('#field-dateOfBirth-year').fill('1998');
    expect(await pageOverflow(page)).toEqual([]);
    // Each field in turn, brought to the screen as Tab does, is the element under its own centre (not the button).
    const submit = page.locator('.cw-submit');
    await submit.waitFor();
    const controls = page.locator('main form input:visible, main form select:visible, main form textarea:visible');
    const covered: string[] = [];
    for (const control of await controls.all()) {
      const hit = await control.evaluate((el) => {
        el.scrollIntoView({ block: 'nearest' });
        const r = el.getBoundingClientRect();
        const under = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return under === el || el.contains(under) || (under instanceof HTMLLabelElement && under.control === el)
          ? null
          : `${el.id || el.getAttribute('name')} under ${under?.className}`;
      });
      if (hit) covered.push(hit);
    }
    expect(covered).toEqual([]);
    await firstScreen(page, 'register-km-375');
  });

  it('lets an embassy officer use the consular queue table at 375 px: a click on a row action reaches it', async () => {
    const page = await phoneAs('embassy');
    await page.goto('/casework/consular');
    const table = page.getByTestId('consular-queue');
    await table.waitFor();
    expect(await pageOverflow(page)).toEqual([]);
    const filters = await box(page.locator('.cw-queue-filters'));
    expect(filters.x + filters.width).toBeLessThanOrEqual(WIDTH);
    // The search stays; the other filters fold, so the queue's first person is on the first screen.
    expect((await box(table.locator('tbody tr').first())).y).toBeLessThan(HEIGHT - 60);
    // A row's action, clicked where a finger would: Playwright refuses if anything else would take the click.
    const row = table.locator('tbody tr[data-case-id]').nth(2);
    const record = row.getByTestId('record-steps');
    await record.scrollIntoViewIfNeeded();
    const b = await box(record);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(WIDTH);
    await record.click({ timeout: 5_000 });
    await expect.poll(() => record.getAttribute('aria-expanded')).toBe('true');
    // The row's checkbox too, and then the bulk bar is there.
    const choose = row.locator('input[type="checkbox"]');
    await choose.scrollIntoViewIfNeeded();
    await choose.click({ timeout: 5_000 });
    expect(await choose.isChecked()).toBe(true);
    const open = row.getByRole('link');
    await open.scrollIntoViewIfNeeded();
    await open.click({ timeout: 5_000 });
    await page.waitForURL(/\/casework\/cases\//);
  });

  it('shows the phone and desktop screens in Khmer, Chinese, Burmese and Indonesian (test-artifacts/phone)', async () => {
    // One page per account and size; the language changes in the header, as a person changes it (a fresh page per
    // language loaded the app sixteen times, most of this test's time). First loads in a language are the next test's.
    const languages = ['km', 'zh', 'my', 'id'] as const;
    const choose = async (page: Page, language: string) => {
      await page.locator('#language-select').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${language}`));
    };
    const settled = async (page: Page) => {
      await page.locator('main h1').first().waitFor();
      await page.locator('main .loading-state').waitFor({ state: 'detached' });
    };
    for (const [size, options] of [
      ['375', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const ngo = await phoneAs('ngo', undefined, options);
      await ngo.goto('/casework/triage');
      await settled(ngo);
      for (const language of languages) {
        await choose(ngo, language);
        for (const section of ['triage', 'register', 'cases']) {
          // The next screen through its tab, as a person moves on: the app is not loaded again for each.
          await ngo.locator(`nav.cw-tabs a[href="/casework/${section}"]`).click();
          await ngo.waitForURL(`**/casework/${section}`);
          // The new screen starts at its top, the header on it (focusing the page once scrolled it away).
          expect(await ngo.evaluate(() => window.scrollY), `${section} ${language} ${size} scrolled`).toBe(0);
          await settled(ngo);
          // …and stays there once its list is in (the triage board once scrolled to its first row on a return).
          expect(await ngo.evaluate(() => window.scrollY), `${section} ${language} ${size} jumped`).toBe(0);
          expect(await pageOverflow(ngo), `${section} ${language} ${size}`).toEqual([]);
          // The app's name is whole in the header (the sync pill once widened the menu button and cut it to "R…").
          expect(await ngo.locator('.app-header .brand').evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
          await firstScreen(ngo, `${section}-${language}-${size}`);
        }
        await ngo.locator('main a[href^="/casework/cases/"]').first().click();
        await settled(ngo);
        expect(await pageOverflow(ngo), `case ${language} ${size}`).toEqual([]);
        await firstScreen(ngo, `case-${language}-${size}`);
      }
      await ngo.context().close();
      const embassy = await phoneAs('embassy', undefined, options);
      await embassy.goto('/casework/consular');
      for (const language of languages) {
        await choose(embassy, language);
        await embassy.getByTestId('consular-queue').waitFor();
        await embassy.locator('main .loading-state').waitFor({ state: 'detached' });
        expect(await pageOverflow(embassy), `consular ${language} ${size}`).toEqual([]);
        await firstScreen(embassy, `consular-${language}-${size}`);
      }
      await embassy.context().close();
    }
  }, 300_000);

  it('renders every other interface script on a phone, in its language and without running off the screen', async () => {
    // The registration heading, as only the language's own file writes it.
    const expected: Record<string, RegExp> = {
      th: /[\u0E00-\u0E7F]/,
      ko: /[\uAC00-\uD7AF]/,
      'zh-Hant': /[\u4E00-\u9FFF]/,
      vi: /[à-ỹđ]/i,
      fil: /Magrehistro/,
    };
    for (const [language, script] of Object.entries(expected)) {
      const ngo = await phoneAs('ngo', language);
      for (const section of ['triage', 'register']) {
        await ngo.goto(`/casework/${section}`);
        await ngo.locator('main h1').first().waitFor();
        await ngo.locator('main .loading-state').waitFor({ state: 'detached' });
        expect(await ngo.evaluate(() => document.documentElement.lang)).toBe(language);
        if (section === 'register')
          expect(await ngo.locator('main h1').first().textContent(), language).toMatch(script);
        expect(await pageOverflow(ngo), `${section} ${language}`).toEqual([]);
        await firstScreen(ngo, `${section}-${language}-375`);
      }
      await ngo.context().close();
    }
  }, 180_000);
});
