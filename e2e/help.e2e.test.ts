import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/core/demo/index.ts';
import { HELP_LANGUAGES } from '../src/core/help/help-request.ts';
import { HELP_LANGUAGE_NAMES, loadHelpStrings } from '../src/web/features/help/help-strings.ts';
import type { TestClient } from '../src/testing/test-server.ts';
import { apiClient, PHONE, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * The public help page (issue #15) on a phone, signed out: a request in Khmer, Burmese and Chinese each lands in the
 * organisation's queue in that language (Bengali too), the person sees only a private code, the code shows the status
 * and the next steps the organisation set (where to go, flight date) labelled in their language, and the page
 * leaves no service worker, storage or cookie behind. Screenshots: test-artifacts/help-<lang>.png.
 */
const NGO = 'ngo-lantern-reach';
const REQUESTS = [
  // `flight`: the flight date as the page writes it (Chromium has no Khmer or Burmese date names: those stay ISO).
  {
    lang: 'km',
    name: 'សុខ ចាន់ណា',
    title: 'សុំជំនួយ',
    send: 'ផ្ញើ',
    status: 'សំណើរបស់អ្នកត្រូវបានទទួលហើយ',
    flight: '2026-12-14',
  },
  {
    lang: 'my',
    name: 'မောင်မောင်',
    title: 'အကူအညီ တောင်းရန်',
    send: 'ပို့ရန်',
    status: 'လက်ခံရရှိပါပြီ',
    flight: '2026-12-14',
  },
  { lang: 'zh', name: '王小明', title: '寻求帮助', send: '发送', status: '您的求助已收到', flight: '2026年12月14日' },
  {
    lang: 'bn',
    name: 'রহিম উদ্দিন',
    title: 'সাহায্য চান',
    send: 'পাঠান',
    status: 'আপনার অনুরোধ পাওয়া গেছে',
    flight: '১৪ ডিসেম্বর, ২০২৬',
  },
] as const;

/** The other languages added later: each renders in its own words and the picker names every language in itself. */
const MORE = [
  { lang: 'pt-BR', title: 'Pedir ajuda' },
  { lang: 'hi', title: 'मदद माँगें' },
  { lang: 'sw', title: 'Omba msaada' },
  { lang: 'fr', title: 'Demander de l’aide' },
] as const;

describe('help page in Chromium', () => {
  let e2e: E2E;
  let staff: TestClient;
  beforeAll(async () => {
    e2e = await startE2E();
    staff = await apiClient(e2e, `caseworker@${NGO}.demo.refuge.example`, DEMO_PASSWORD);
  }, 400_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it.each(REQUESTS)(
    'a request in $lang lands in the queue; with the code the person sees status, where to go and flight date in $lang',
    async (r) => {
      // The worker allowed, so "no worker" below means the page registers none.
      const page = await e2e.newPage({ ...PHONE, serviceWorkers: 'allow' });
      await page.goto(`/help/${NGO}?lang=${r.lang}`);
      await page.getByRole('heading', { level: 1, name: r.title }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(r.lang === 'zh' ? 'zh-Hans' : r.lang);
      await page.locator('#help-name').fill(r.name);
      await page.locator('input[name=needs][value=shelter]').check();
      await page.locator('input[name=needs][value=documents]').check();
      // The language bar sticks to the top of the view: scrolled back, it does not cover a line of the full-page image.
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `help-${r.lang}`);
      await page.getByRole('button', { name: r.send }).click();
      const code = (await page.getByTestId('help-code').textContent())!;
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await page.locator('body').textContent()).not.toContain(r.name);
      await screenshot(page, `help-${r.lang}-sent`);

      await page.locator('#help-lookup').fill(code.toLowerCase());
      await page.locator('.help-check-status button[type=submit]').click();
      await expect.poll(() => page.getByTestId('help-status').textContent()).toContain(r.status);

      // Nothing stays on the phone: no worker, no storage, no cookie.
      const traces = await page.evaluate(async () => ({
        workers: (await navigator.serviceWorker.getRegistrations()).length,
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
        manifest: document.querySelector('link[rel=manifest]') !== null,
      }));
      expect(traces).toEqual({ workers: 0, local: 0, session: 0, cookie: '', manifest: false });
      expect(e2e.consoleErrors(page)).toEqual([]);

      const queue = await staff.request('GET', '/api/help-requests');
      expect(queue.status).toBe(200);
      const mine = (queue.json.items as { name: string; language: string; needs: string[]; verified: boolean }[]).find(
        (i) => i.name === r.name,
      );
      expect(mine).toMatchObject({ language: r.lang, needs: ['shelter', 'documents'], verified: false });

      // The organisation says where to go and when the flight is: the person sees both, labelled in their language.
      const place = 'Lantern Reach office, 12 Asia Road, Mae Sot';
      const steps = { place, flightDate: '2026-12-14' };
      const id = (mine as unknown as { id: string }).id;
      expect((await staff.request('PUT', `/api/help-requests/${id}/next-steps`, steps)).status).toBe(200);
      await page.locator('.help-check-status button[type=submit]').click();
      const words = (await loadHelpStrings(r.lang)) as { whereToGo: string; flightDate: string };
      await expect.poll(() => page.getByTestId('help-place').textContent()).toBe(`${words.whereToGo}: ${place}`);
      expect(await page.getByTestId('help-flight').textContent()).toBe(`${words.flightDate}: ${r.flight}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `help-${r.lang}-status`);
      await page.context().close();
    },
    300_000,
  );

  it('Portuguese, Hindi, Swahili and French render, and the picker offers all fourteen languages', async () => {
    const page = await e2e.newPage(PHONE);
    for (const m of MORE) {
      await page.goto(`/help/${NGO}?lang=${m.lang}`);
      await page.getByRole('heading', { level: 1, name: m.title }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(m.lang);
      await screenshot(page, `help-${m.lang}`);
    }
    const offered = await page.locator('.help-language option').allTextContents();
    expect(offered).toEqual(HELP_LANGUAGES.map((l) => HELP_LANGUAGE_NAMES[l]));
    // Choosing another language in the picker switches the page without a reload.
    await page.locator('.help-language select').selectOption('bn');
    await page.getByRole('heading', { level: 1, name: 'সাহায্য চান' }).waitFor();
    expect(e2e.consoleErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('staff set where to go and the flight date on the help requests page; the code holder is told', async () => {
    const res = await fetch(`${e2e.url}/api/help-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: NGO,
        language: 'sw',
        name: 'Amani Juma',
        needs: ['travel_home'],
        contact: { channel: 'phone', value: '+255 700 000 001' },
      }),
    });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    const page = await e2e.newPage();
    await signIn(page, `caseworker@${NGO}.demo.refuge.example`, DEMO_PASSWORD);
    await page.goto('/casework/help-requests');
    const card = page.getByTestId('help-requests').locator('li').filter({ hasText: 'Amani Juma' });
    const form = card.getByTestId('help-next-steps');
    // This demo caseworker works in Khmer: the fields are found by kind, not by their (translated) labels.
    await form.locator('input:not([type=date])').fill('Lantern Reach office, Mae Sot');
    await form.locator('input[type=date]').fill('2026-12-20');
    await form.locator('button[type=submit]').click();
    await expect
      .poll(async () => {
        const r = await fetch(`${e2e.url}/api/help-requests/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
        return r.json();
      })
      .toEqual({ status: 'received', place: 'Lantern Reach office, Mae Sot', flightDate: '2026-12-20' });
    // The contact they gave was sent "received" and then the next steps (the log transport: marked sent). Staff see
    // that each left, in their own language (Khmer: បានផ្ញើ, sent), and not what it said.
    await expect
      .poll(
        async () => {
          await page.reload();
          await card.getByTestId('help-messages').waitFor();
          return card.getByTestId('help-messages').locator('.badge').allTextContents();
        },
        { timeout: 30_000 },
      )
      .toEqual(['បានផ្ញើ', 'បានផ្ញើ']);
    expect(await card.getByTestId('help-messages').textContent()).not.toContain('Lantern Reach');
    await screenshot(page, 'help-requests-next-steps');
    // The 401 of the session check before sign-in is expected; nothing else.
    expect(e2e.consoleErrors(page).filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('quick exit leaves for an ordinary page with nothing to go back to', async () => {
    const page = await e2e.newPage(PHONE);
    // The exit target is outside; answer it locally so the test needs no network.
    await page.route('https://www.google.com/**', (route) => route.fulfill({ status: 200, body: 'search' }));
    await page.goto(`/help/${NGO}?lang=my`);
    await page.locator('#help-name').fill('မောင်မောင်');
    const before = await page.evaluate(() => history.length);
    await page.getByRole('button', { name: 'အမြန်ထွက်ရန်' }).click();
    await page.waitForURL('https://www.google.com/');
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.context().close();
  }, 120_000);
});
