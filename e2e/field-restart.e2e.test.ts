import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/core/demo/index.ts';
import { createDeployment, type Deployment } from '../src/testing/crash-rounds.ts';
import { freePort, HttpClient, startServerProcess, type ServerProcess } from '../src/testing/test-process.ts';
import { CHROMIUM_PATH, PHONE, screenshot } from './harness.ts';

/**
 * Issue #15's "done when", end to end: with the network off, fifty people are registered through the field form; the
 * browser is closed and opened again on the same profile (as after a phone restart); a wrong PIN reads nothing; back
 * online the queue syncs, and the server process is killed (SIGKILL) in the middle of it, right after it applied a
 * registration whose answer never reached the phone. Started again on the same data and port, the rest syncs, and the
 * organisation holds exactly fifty: none twice, none lost. The server is a real `refuge serve` process so it can die.
 */
const NGO = 'ngo-lantern-reach';
const EMAIL = `caseworker2@${NGO}.demo.refuge.example`;
const PIN = '604219';
const COUNT = 50;
/** The registration that the server applies and then dies with, its answer lost. */
const KILL_AT = 20;
/** A token only this run's names carry, to count them with the case search. */
const TAG = `Zq${Date.now().toString(36)}`;
const nameOf = (i: number) => `Person${String(i).padStart(2, '0')} ${TAG}`;

const unsynced = async (page: Page) => Number(await page.getByTestId('outbox-indicator').getAttribute('data-unsynced'));
const waitUnsynced = (page: Page, n: number) =>
  page.waitForFunction(
    (want) => document.querySelector('[data-testid=outbox-indicator]')?.getAttribute('data-unsynced') === String(want),
    n,
  );

async function openBrowser(profile: string, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    baseURL,
    ...PHONE,
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** Cases of the organisation whose survivor carries this run's tag, counted by the server's own search. */
async function onServer(url: string): Promise<number> {
  const staff = new HttpClient(url);
  expect((await staff.request('POST', '/api/session', { email: EMAIL, password: DEMO_PASSWORD })).status).toBe(200);
  const res = await staff.request<{ items: unknown[] }>('GET', `/api/cases?q=${TAG}&limit=200`);
  expect(res.status).toBe(200);
  return res.json.items.length;
}

describe('fifty registrations offline, a browser restart and a server killed mid-sync', () => {
  const profile = mkdtempSync(join(tmpdir(), 'refuge-field-profile-'));
  let deployment: Deployment | undefined;
  let env: Record<string, string>;
  let server: ServerProcess;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // A small demo (the same organisations and accounts) loaded by the CLI: seconds instead of the full demo's minute.
    deployment = await createDeployment('pglite', {
      demoSurvivors: 20,
      // The browser's origin (and so its service worker and IndexedDB) must be the same after the restart.
      extra: { DATABASE_URL: '', PORT: String(await freePort()) },
    });
    env = deployment.env;
    server = await startServerProcess(env);
  }, 400_000);
  afterAll(async () => {
    await context?.close().catch(() => {});
    await server?.kill();
    await deployment?.dispose();
    rmSync(profile, { recursive: true, force: true });
  });

  it('registers fifty offline, keeps them through a browser restart, and syncs exactly fifty across a server crash', async () => {
    let { context: ctx, page } = await openBrowser(profile, server.url);
    context = ctx;
    await page.goto('/sign-in');
    await page.locator('#field-email').fill(EMAIL);
    await page.locator('#field-password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('header.app-header').waitFor();
    await page.goto('/field');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('#field-pin').fill(PIN);
    await page.locator('#field-pin-again').fill(PIN);
    await page.getByRole('button', { name: 'Set PIN' }).click();
    // Setting up asks the server who is signed in; going offline before that answer would refuse the set-up.
    await page.locator('#field-name').waitFor();

    await ctx.setOffline(true);
    const name = page.locator('#field-name');
    for (let i = 1; i <= COUNT; i++) {
      await name.fill(nameOf(i));
      await name.press('Enter');
      await waitUnsynced(page, i);
    }
    expect(await onServer(server.url)).toBe(0);

    // The browser goes away entirely (a phone restart), and comes back on the same profile, still offline.
    await ctx.close();
    ({ context: ctx, page } = await openBrowser(profile, server.url));
    context = ctx;
    await ctx.setOffline(true);
    await page.goto('/field');
    await page.locator('#field-unlock-pin').waitFor();
    expect(await unsynced(page)).toBe(COUNT);

    // A wrong PIN opens nothing: no list, no name anywhere on the page or in the device's database.
    await page.locator('#field-unlock-pin').fill('111111');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong PIN');
    expect(await page.getByTestId('outbox-list').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(TAG);
    const raw = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const req = indexedDB.open('refuge-field');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('items', 'readonly').objectStore('items').getAll();
            all.onsuccess = () => resolve(JSON.stringify(all.result));
          };
        }),
    );
    expect(JSON.parse(raw)).toHaveLength(COUNT);
    expect(raw).not.toContain(TAG);
    expect(raw).not.toContain('Person');

    // Back online. The server applies registration KILL_AT, then dies before its answer leaves.
    let posted = 0;
    let killed = false;
    await page.route('**/api/survivors', async (route) => {
      if (route.request().method() !== 'POST' || killed) return route.continue();
      if (++posted < KILL_AT) return route.continue();
      await route.fetch();
      killed = true;
      await server.kill('SIGKILL');
      await route.abort('connectionreset');
    });
    await ctx.setOffline(false);
    await page.locator('#field-unlock-pin').fill(PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('outbox-list').waitFor();
    await expect.poll(() => killed, { timeout: 120_000 }).toBe(true);
    await page.getByRole('button', { name: 'Sync now' }).and(page.locator(':enabled')).waitFor();
    // Interrupted: the phone knows of KILL_AT - 1 answers; the rest (the one whose answer was lost too) still wait.
    expect(await unsynced(page)).toBe(COUNT - KILL_AT + 1);
    await screenshot(page, 'field-restart-interrupted');

    server = await startServerProcess(env);
    for (let i = 0; i < 10 && (await unsynced(page)) > 0; i++) {
      await page.getByRole('button', { name: 'Sync now' }).and(page.locator(':enabled')).click();
      await page.getByRole('button', { name: 'Sync now' }).and(page.locator(':enabled')).waitFor();
    }
    await waitUnsynced(page, 0);
    expect(await onServer(server.url)).toBe(COUNT);
    const states = await page
      .getByTestId('outbox-list')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
    expect(states).toEqual(Array.from({ length: COUNT }, () => 'synced'));
    await screenshot(page, 'field-restart-synced');
  }, 600_000);
});
