/**
 * Browser-test harness: a real Refuge server in-process (fresh temporary data dir, demo loaded: a copy of the run's)
 * and Debian's Chromium driven by playwright-core. Never downloads a browser.
 *
 *   const e2e = await startE2E();            // beforeAll
 *   const page = await e2e.newPage();         // a fresh context: own cookies and localStorage
 *   await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
 *   await screenshot(page, 'home');           // test-artifacts/home.png
 *   await e2e.stop();                         // afterAll
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../src/core/demo/index.ts';
import { readConfig } from '../src/server/config.ts';
import type { TestClient } from '../src/testing/test-server.ts';
import { defaultWebRoot, startServer, type RunningServer } from '../src/server/serve.ts';

export const DEMO_ADMIN = { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } as const;
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '..', 'test-artifacts');
export const CHROMIUM_PATH = process.env.REFUGE_CHROMIUM ?? '/usr/bin/chromium';

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 780 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export interface E2E {
  /** Base URL of the server, e.g. http://localhost:41234 */
  url: string;
  server: RunningServer;
  browser: Browser;
  /**
   * A page in a fresh browser context (own cookies and storage) whose console errors are collected. The app's service
   * worker is blocked unless the options allow it (`serviceWorkers: 'allow'`, as the offline tests do): in every
   * fresh context it precached the whole build (about 4 MB), a fifth of a browser test's time.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Console errors and failed requests seen by a page made with newPage (CSP violations show up here). */
  consoleErrors(page: Page): string[];
  stop(): Promise<void>;
}

/**
 * A data directory with the demo loaded, made once per test run and copied by every browser test: loading the demo
 * (3,000 survivors) took 15–60 s per file, most of the browser tests' time. The first caller builds it under the
 * run's temporary directory (vitest.global-setup.ts) while any other worker waits for it; without that directory
 * (a file run on its own outside vitest) each start loads its own demo as before.
 */
async function demoTemplate(): Promise<string | null> {
  const root = process.env.REFUGE_TEST_RUN_DIR;
  if (!root) return null;
  const dir = join(root, 'e2e-demo');
  const ready = join(root, 'e2e-demo.ready');
  const failed = join(root, 'e2e-demo.failed');
  try {
    mkdirSync(join(root, 'e2e-demo.lock')); // atomic: exactly one builder
  } catch {
    for (let waited = 0; waited < 600_000; waited += 250) {
      if (existsSync(ready)) return dir;
      if (existsSync(failed)) return null;
      await new Promise((r) => setTimeout(r, 250));
    }
    return null;
  }
  try {
    const server = await startServer(
      readConfig({ ...process.env, PORT: '0', REFUGE_DATA_DIR: dir, REFUGE_DEMO: '1', DATABASE_URL: '' }),
      () => {},
    );
    await server.stop();
    writeFileSync(ready, '');
    return dir;
  } catch (error) {
    writeFileSync(failed, String(error));
    return null;
  }
}

/** Starts the server (demo loaded by default) and Chromium. The web app must be built (npm run build:web). */
export async function startE2E(options: { demo?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<E2E> {
  if (!defaultWebRoot()) throw new Error('dist/web is missing: run `npm run build:web` (npm test does it in pretest)');
  const dataDir = mkdtempSync(join(tmpdir(), 'refuge-e2e-'));
  // A copy of the run's demo, unless the test asks for no demo or its own environment (keys, settings).
  const template = options.demo !== false && !options.env ? await demoTemplate() : null;
  if (template) cpSync(template, dataDir, { recursive: true });
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer(
      readConfig({
        ...process.env,
        ...options.env,
        PORT: '0',
        REFUGE_DATA_DIR: dataDir,
        REFUGE_DEMO: options.demo === false ? '0' : '1',
        DATABASE_URL: '',
      }),
      () => {},
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    });
  } catch (error) {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const chrome = browser;
  const errors = new WeakMap<Page, string[]>();
  return {
    url: running.url,
    server: running,
    browser: chrome,
    async newPage(contextOptions = DESKTOP) {
      const context = await chrome.newContext({ baseURL: running.url, serviceWorkers: 'block', ...contextOptions });
      const page = await context.newPage();
      const seen: string[] = [];
      errors.set(page, seen);
      page.on('console', (msg) => {
        if (msg.type() === 'error') seen.push(msg.text());
      });
      page.on('pageerror', (error) => seen.push(error.message));
      return page;
    },
    consoleErrors: (page) => errors.get(page) ?? [],
    async stop() {
      await chrome.close().catch(() => {});
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form (password step only) and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#field-email').fill(email);
  await page.locator('#field-password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('header.app-header').waitFor();
}

/**
 * Signs in over HTTP (no browser) and returns a client with the session cookie and CSRF token, the
 * same shape as the in-process test client, so a test can set up its own data with the fixtures in
 * src/testing before it opens a page.
 */
export async function apiClient(e2e: E2E, email: string, password: string): Promise<TestClient> {
  const signIn = await fetch(`${e2e.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed for ${email}: ${signIn.status} ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken: csrf } = (await signIn.json()) as { csrfToken: string };
  return {
    cookie,
    csrf,
    async request(method, url, body) {
      const res = await fetch(`${e2e.url}${url}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json, headers: Object.fromEntries(res.headers), body: text };
    },
  };
}

/** Writes test-artifacts/<name>.png (the whole page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each ("rule: target — help").
 * Evaluated through the DevTools protocol, so the app's Content-Security-Policy does not stop it.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
  });
  return found;
}
