import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/core/demo/index.ts';
import { PHONE, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * Field intake with no connection (issue #15), in Chromium with the service worker: register three people offline
 * (one with an urgent need), close the page, reopen it offline from the worker's cache, a wrong PIN opens nothing, the
 * right one does, back online the queue syncs — with the first answer lost on the way, so the registration is sent
 * twice — and the server holds exactly three. A replay of the whole queue changes nothing. IndexedDB holds no name.
 */
const NGO = 'ngo-lantern-reach';
const EMAIL = `caseworker2@${NGO}.demo.refuge.example`;
const PIN = '482913';
const stamp = Date.now().toString(36).toUpperCase();
const NAMES = [`Offline Mai ${stamp}`, `Offline Somchai ${stamp}`, `ອອຟລາຍ ${stamp}`];

async function count(e2e: E2E, table: 'survivors' | 'needs' | 'idempotency_keys'): Promise<number> {
  const row = await e2e.server.runtime.app.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const unsynced = async (page: Page) => Number(await page.getByTestId('outbox-indicator').getAttribute('data-unsynced'));

async function waitUnsynced(page: Page, n: number) {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=outbox-indicator]')?.getAttribute('data-unsynced') === String(want),
    n,
  );
}

/** Everything the outbox database holds, as text (vault and every stored record). */
async function rawOutbox(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('refuge-field');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['vault', 'items'], 'readonly');
          const vault = tx.objectStore('vault').getAll();
          const items = tx.objectStore('items').getAll();
          tx.oncomplete = () => resolve(JSON.stringify({ vault: vault.result, items: items.result }));
        };
      }),
  );
}

async function unlock(page: Page, pin: string) {
  await page.locator('#field-unlock-pin').fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Presses "Sync now" until nothing waits (each press waits for the sync it started to end). */
async function syncUntilDone(page: Page) {
  for (let i = 0; i < 10 && (await unsynced(page)) > 0; i++) {
    const button = page.getByRole('button', { name: /Sync now|Syncing/ });
    await button.and(page.locator(':enabled')).waitFor();
    await button.click();
    await page.getByRole('button', { name: 'Sync now' }).and(page.locator(':enabled')).waitFor();
  }
  await waitUnsynced(page, 0);
}

describe('field intake offline in Chromium', () => {
  let e2e: E2E;
  let context: BrowserContext;
  let page: Page;
  let before: { survivors: number; needs: number };

  beforeAll(async () => {
    e2e = await startE2E();
    before = { survivors: await count(e2e, 'survivors'), needs: await count(e2e, 'needs') };
    page = await e2e.newPage({ ...PHONE, serviceWorkers: 'allow' });
    context = page.context();
  }, 400_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('registers three people offline, keeps them encrypted, and survives closing the page', async () => {
    await signIn(page, EMAIL, DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('outbox-indicator').textContent()).toBe('All synced');
    await page.goto('/field');
    // The service worker controls the page before the connection goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('#field-pin').fill(PIN);
    await page.locator('#field-pin-again').fill(PIN);
    await page.getByRole('button', { name: 'Set PIN' }).click();
    await page.locator('#field-name').waitFor();

    await context.setOffline(true);
    for (const [i, name] of NAMES.entries()) {
      await page.locator('#field-name').fill(name);
      await page.locator('#field-sex').selectOption(i === 1 ? 'male' : 'female');
      await page.locator('#field-nationality').fill(i === 1 ? 'TH' : 'VN');
      if (i === 0) await page.locator('#field-need').selectOption('medical_urgent');
      await page.getByRole('button', { name: 'Save on this device' }).click();
      await waitUnsynced(page, i === 0 ? 2 : i + 2);
    }
    expect(await unsynced(page)).toBe(4); // three registrations and one urgent need
    expect(await page.getByTestId('outbox-list').locator('li').count()).toBe(4);
    await screenshot(page, 'field-offline-queue');

    const raw = await rawOutbox(page);
    expect(raw).toContain('"state":"pending"');
    for (const name of NAMES) {
      expect(raw).not.toContain(name);
      expect(raw).not.toContain(name.split(' ')[1]!);
    }
    expect(raw).not.toContain(PIN);
    expect(raw).not.toContain('medical_urgent');
    expect(await count(e2e, 'survivors')).toBe(before.survivors);

    await page.close();
    page = await context.newPage();
    await page.goto('/field'); // still offline: the shell comes from the service worker
    await page.locator('#field-unlock-pin').waitFor();
    expect(await unsynced(page)).toBe(4); // the count shows before the PIN
    await unlock(page, '000000');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong PIN');
    expect(await page.getByTestId('outbox-list').count()).toBe(0);
    await unlock(page, PIN);
    await page.getByTestId('outbox-list').waitFor();
    for (const name of NAMES) expect(await page.getByTestId('outbox-list').textContent()).toContain(name);
  }, 300_000);

  it('syncs when the connection returns, a lost answer included, and the server holds exactly three', async () => {
    // The first registration reaches the server, but its answer is lost: the device must send it again.
    let lost = 0;
    await page.route(
      '**/api/survivors',
      async (route) => {
        await route.fetch();
        lost++;
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await context.setOffline(false);
    await syncUntilDone(page);
    expect(lost).toBe(1);
    expect(await count(e2e, 'survivors')).toBe(before.survivors + 3);
    expect(await count(e2e, 'needs')).toBe(before.needs + 1);
    const states = await page
      .getByTestId('outbox-list')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
    expect(states).toEqual(['synced', 'synced', 'synced', 'synced']);
    await screenshot(page, 'field-synced');
  }, 300_000);

  it('a replay of the whole queue (every answer lost) still leaves exactly three', async () => {
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('refuge-field');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction('items', 'readwrite');
            const store = tx.objectStore('items');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const item of all.result) {
                item.queue = { ...item.queue, state: 'pending', nextAttemptAt: 0, result: undefined };
                store.put(item);
              }
            };
            tx.oncomplete = () => resolve();
          };
        }),
    );
    await page.reload();
    await unlock(page, PIN);
    await page.getByTestId('outbox-list').waitFor();
    await syncUntilDone(page);
    expect(await count(e2e, 'survivors')).toBe(before.survivors + 3);
    expect(await count(e2e, 'needs')).toBe(before.needs + 1);
  }, 300_000);
  it('signing out with a record not synced warns and exports it; another device imports it with its PIN and sends it', async () => {
    const name = `Exported Linh ${stamp}`;
    // Nothing reaches the server from this device any more: every registration attempt is cut before it leaves.
    await page.route('**/api/survivors', (route) => route.abort('connectionreset'));
    await page.locator('#field-name').fill(name);
    await page.getByRole('button', { name: 'Save on this device' }).click();
    await waitUnsynced(page, 1);

    await page.goto('/');
    await page.locator('.user-menu > summary').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('Records not yet on the server: 1.');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export an encrypted file' }).click();
    const file = await (await download).path();
    const exported = readFileSync(file, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ format: 'refuge-field-outbox', version: 1 });
    expect(exported).not.toContain(name);
    expect(exported).not.toContain('Linh');
    await dialog.getByRole('button', { name: 'Go on anyway' }).click();
    await page.waitForURL('**/sign-in');

    // A second device (fresh browser profile), another PIN.
    const other = await e2e.newPage({ ...PHONE, serviceWorkers: 'allow' });
    await signIn(other, EMAIL, DEMO_PASSWORD);
    await other.goto('/field');
    await other.locator('#field-pin').fill('135790');
    await other.locator('#field-pin-again').fill('135790');
    await other.getByRole('button', { name: 'Set PIN' }).click();
    await other.locator('#field-import-pin').fill('999999');
    await other.getByTestId('outbox-import').setInputFiles(file);
    await expect.poll(() => other.getByRole('status').last().textContent()).toContain('Wrong PIN');
    await other.locator('#field-import-pin').fill(PIN);
    await other.getByTestId('outbox-import').setInputFiles(file);
    await expect.poll(() => other.getByRole('status').last().textContent()).toContain('Records imported: 1.');
    expect(await other.getByTestId('outbox-list').textContent()).toContain(name);
    const survivors = await count(e2e, 'survivors');
    await syncUntilDone(other);
    expect(await count(e2e, 'survivors')).toBe(survivors + 1);
  }, 300_000);
});
