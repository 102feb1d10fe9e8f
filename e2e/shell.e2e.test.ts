import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeSummary } from '../src/contracts/home.ts';
import { createOrganisation, createUser } from '../src/services/accounts.service.ts';
import { currentTotpCode } from '../src/services/second-factor.service.ts';
import { issueAccountCode } from '../src/services/auth.service.ts';
import { DEMO_ADMIN, PHONE, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/** The API as the signed-in page sees it (same cookies), to compare the screen with real numbers. */
async function homeFromApi(page: Page): Promise<HomeSummary> {
  return page.evaluate(async () => (await fetch('/api/home')).json());
}

/**
 * Console errors other than the API's deliberate 4xx answers (401 before sign-in, a wrong code):
 * script errors, CSP violations and 5xx land here.
 */
function unexpectedErrors(e2e: E2E, page: Page): string[] {
  return e2e
    .consoleErrors(page)
    .filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

async function survivorCount(page: Page): Promise<number> {
  const text = await page.getByTestId('stat-survivors').locator('.stat-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** Switches to the organisation with the most survivors (the demo admin's first one is a coordination cell). */
async function switchToBusiestOrganisation(page: Page): Promise<string> {
  const session = (await page.evaluate(async () => (await fetch('/api/session')).json())) as {
    organisations: { id: string; name: string; kind: string }[];
    currentOrganisationId: string;
  };
  const target =
    session.organisations.find((o) => o.id !== session.currentOrganisationId && o.kind === 'ngo') ??
    session.organisations.find((o) => o.id !== session.currentOrganisationId)!;
  await page.locator('.org-switcher > summary').click();
  await screenshot(page, `org-switcher-open-${page.viewportSize()?.width}`);
  await page.getByRole('button', { name: new RegExp(target.name) }).click();
  await expect.poll(() => page.locator('.org-switcher > summary').innerText()).toContain(target.name);
  await page.locator('.page-heading').getByText(target.name).waitFor();
  return target.name;
}

describe('web shell in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('signs in, shows the real numbers of the organisation, switches organisation', async () => {
    const page = await e2e.newPage();
    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await expect(page.locator('.demo-banner').innerText()).resolves.toBe(
      'Demo data — every person and organisation here is fictional.',
    );
    const before = await homeFromApi(page);
    await page.locator('.page-heading').getByText(before.organisation.name).waitFor();

    const name = await switchToBusiestOrganisation(page);
    const after = await homeFromApi(page);
    expect(after.organisation.name).toBe(name);
    expect(after.survivors).toBeGreaterThan(0);
    await page.getByTestId('stat-survivors').waitFor();
    expect(await survivorCount(page)).toBe(after.survivors);
    // Bars by status and by nationality show the same numbers as the API.
    const statusValues = await page.locator('#by-status + .bar-list .bar-value').allInnerTexts();
    expect(statusValues.map((v) => Number(v.replace(/[^\d]/g, ''))).reduce((a, b) => a + b, 0)).toBe(
      Object.values(after.casesByStatus as Record<string, number>).reduce((a, b) => a + b, 0),
    ); // own organisation: exact counts
    expect(await page.locator('#by-nationality + .bar-list .bar').count()).toBe(after.topNationalities.length);
    await screenshot(page, 'home-1280');
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });

  it('switches the language to Khmer and remembers it', async () => {
    const page = await e2e.newPage();
    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.getByLabel('Language').selectOption('km');
    await page.getByRole('navigation').getByRole('link', { name: 'ទំព័រដើម' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('ទំព័រដើម');
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.locator('.demo-banner').innerText()).toMatch(/ទិន្នន័យសាកល្បង/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'ទំព័រដើម' }).waitFor();
    await screenshot(page, 'home-khmer');
    await page.getByLabel('ភាសា').selectOption('zh');
    await page.getByRole('heading', { level: 1, name: '首页' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    await screenshot(page, 'home-chinese');
    await page.context().close();
  });

  it("follows the account's locale on a device with no remembered choice", async () => {
    // Demo embassy staff use their own language: the Indonesian embassy's consular officer gets Indonesian.
    const page = await e2e.newPage();
    await signIn(page, 'consular@embassy-id.demo.refuge.example', DEMO_ADMIN.password);
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.locator('.demo-banner').innerText()).toBe(
      'Data demo — semua orang dan organisasi di sini fiktif.',
    );
    await page.context().close();
  });

  it('signs in with the keyboard only and shows focus', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    // Signed out: the app sends the person to the sign-in page, focus already in the email field.
    await page.waitForURL(/\/sign-in/);
    await page.locator('#field-email:focus').waitFor();
    await page.keyboard.type(DEMO_ADMIN.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-password');
    await page.keyboard.type(DEMO_ADMIN.password);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await screenshot(page, 'sign-in-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('shows a wrong password and a malformed email next to the form', async () => {
    const page = await e2e.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.keyboard.press('Enter');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Email or password is not right.');
    expect(await summary.getAttribute('aria-live')).toBe('assertive');
    // Focus moved to the summary so keyboard and screen-reader users hear it.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-wrong-password');

    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('x');
    await page.locator('form button[type=submit]').click();
    const fieldError = page.locator('#field-email-error');
    await fieldError.waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Email').getAttribute('aria-describedby')).toContain('field-email-error');
    await screenshot(page, 'sign-in-invalid-email');
    await page.context().close();
  });

  it('works on a 375 px phone: menu button, navigation, coming-soon and 404 pages, sign out', async () => {
    const page = await e2e.newPage(PHONE);
    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await switchToBusiestOrganisation(page);
    await page.getByTestId('stat-survivors').waitFor();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await screenshot(page, 'home-375');

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    expect(await nav.isVisible()).toBe(true);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'nav-open-375');
    // Networks is not built yet, so it is not in the menu.
    expect(await nav.getByRole('link', { name: 'Networks' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await screenshot(page, 'reports-375');

    await page.goto('/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await screenshot(page, 'not-found-375');

    await page.locator('.user-menu > summary').click();
    await page.getByRole('button', { name: /Sign out everywhere/ }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });

  it('sets up a TOTP second step, then asks for it at the next sign-in', async () => {
    const app = e2e.server.runtime.app;
    // This server is a demo deployment, which refuses real organisations: the shelter is a demo one.
    await createOrganisation(app, {
      slug: 'e2e-secure-shelter',
      name: 'E2E Secure Shelter',
      kind: 'shelter',
      requireTotp: true,
      isDemo: true,
    });
    const user = { email: 'tess@e2e-shelter.example', password: 'e2e-shelter-password-2026' };
    await createUser(app, {
      ...user,
      displayName: 'Tess Example',
      memberships: [{ organisation: 'e2e-secure-shelter', role: 'caseworker' }],
    });

    const page = await e2e.newPage(PHONE);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Set up a second step' }).waitFor();
    // The password alone cannot set up the second step: an administrator's one-time enrolment code is needed.
    await page.getByRole('button', { name: 'Show my set-up key' }).click();
    await page.locator('#field-enrolmentCode-error').waitFor();
    const { code: enrolmentCode } = await issueAccountCode(app, null, { email: user.email }, 'totp_enrolment');
    await page.getByLabel('Enrolment code').fill(enrolmentCode);
    await page.getByRole('button', { name: 'Show my set-up key' }).click();
    const secret = (await page.locator('.secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.locator('a.uri').getAttribute('href')).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    await screenshot(page, 'totp-enrolment-375');
    await page.getByLabel('6-digit code').fill('000000' === currentTotpCode(secret, new Date()) ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await page.locator('#field-code-error').waitFor();
    await page.getByLabel('6-digit code').fill(currentTotpCode(secret, new Date()));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    // A single organisation: no switcher.
    expect(await page.locator('.org-current').innerText()).toContain('E2E Secure Shelter');
    await page.getByRole('heading', { name: 'No survivors registered yet' }).waitFor();

    await page.locator('.user-menu > summary').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Second step' }).waitFor();
    // A code is accepted once: the enrolment spent this period's, so use the next period's (accepted one step ahead).
    await page.getByLabel('6-digit code').fill(currentTotpCode(secret, new Date(Date.now() + 30_000)));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });
});
