import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertList, CompoundSummary, CompoundView, MapData } from '../src/contracts/monitoring/index.ts';
import { DEMO_ADMIN, PHONE, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/** The monitor organisation's own analyst (one membership, no switching). */
const ANALYST = { email: 'analyst@monitor-compound-watch.demo.refuge.example', password: DEMO_ADMIN.password };
const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** Script errors, CSP violations (a blocked worker would show here) and 5xx; deliberate 4xx answers aside. */
function unexpectedErrors(e2e: E2E, page: Page): string[] {
  return e2e
    .consoleErrors(page)
    .filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
}

/** Opens /monitoring from the navigation and waits until maplibre fired `load` and drew the compounds. */
async function openMap(page: Page): Promise<MapData> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring' }).click();
  await page.getByRole('heading', { level: 1, name: 'Monitoring' }).waitFor();
  const map = await apiGet<MapData>(page, '/api/monitoring/map');
  await page.locator('.map-canvas[data-map-state="ready"]').waitFor();
  await expect
    .poll(() => page.locator('.map-canvas').getAttribute('data-compounds'))
    .toBe(String(map.compounds.filter((c) => c.point).length));
  await expect
    .poll(() => page.locator('.map-canvas').getAttribute('data-evidence'))
    .toBe(String(map.evidence.id.length));
  return map;
}

const listBadges = (page: Page) =>
  page
    .getByTestId('compound-list')
    .locator('.status-badge')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));

describe('monitoring in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('shows the map, filters by status, replays the map, opens a compound and replays its timeline', async () => {
    const page = await e2e.newPage();
    await signIn(page, ANALYST.email, ANALYST.password);
    const map = await openMap(page);
    expect(map.compounds.length).toBeGreaterThan(5);
    expect(await page.getByTestId('compound-list').locator('li').count()).toBe(map.compounds.length);
    // Nothing is fetched from outside: the basemap and the worker come from our own origin. The basemap loads after
    // the compounds, so wait until it has been fetched before reading what was requested.
    const resources = () => page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    await expect.poll(async () => (await resources()).some((u) => /countries-50m.*\.json/.test(u))).toBe(true);
    const requested = await resources();
    const origin = new URL(page.url()).origin;
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual(
      [],
    );
    expect(requested.some((u) => /countries-50m.*\.json/.test(u))).toBe(true);
    await screenshot(page, 'monitoring-map-1280');

    // Filter: only raided compounds, in the list and on the map.
    const raided = map.compounds.filter((c) => c.status === 'raided');
    expect(raided.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'None' }).click();
    await expect.poll(() => page.getByTestId('compound-list').count()).toBe(0);
    await page.getByRole('checkbox', { name: /^Raided/ }).check();
    await expect.poll(() => listBadges(page)).toEqual(raided.map(() => 'raided'));
    await expect
      .poll(() => page.locator('.map-canvas').getAttribute('data-compounds'))
      .toBe(String(raided.filter((c) => c.point).length));
    await screenshot(page, 'monitoring-map-raided-1280');

    // The map's time slider: at its first day nearly nothing had been reported, so statuses differ from today's.
    await page.getByRole('button', { name: 'All' }).click();
    const slider = page.getByTestId('map-slider').locator('input[type=range]');
    const min = Number(await slider.getAttribute('min'));
    await slider.fill(String(min));
    const past = await apiGet<MapData>(
      page,
      `/api/monitoring/map?at=${new Date(min * DAY_MS).toISOString().slice(0, 10)}`,
    );
    const pastUnknown = past.compounds.filter((c) => c.status === 'unknown').length;
    expect(pastUnknown).toBeGreaterThan(map.compounds.filter((c) => c.status === 'unknown').length);
    await expect.poll(async () => (await listBadges(page)).filter((s) => s === 'unknown').length).toBe(pastUnknown);
    await expect
      .poll(async () => Number(await page.locator('.map-canvas').getAttribute('data-evidence')))
      .toBeLessThan(map.evidence.id.length);
    await screenshot(page, 'monitoring-map-replayed-1280');
    await page.getByRole('button', { name: 'Back to today' }).click();
    await expect
      .poll(async () => (await listBadges(page)).filter((s) => s === 'unknown').length)
      .toBe(map.compounds.filter((c) => c.status === 'unknown').length);

    // Open, with the keyboard, a compound whose timeline has changed status at least once.
    const summaries = await apiGet<{ items: CompoundSummary[] }>(page, '/api/monitoring/compounds?limit=200');
    let target: CompoundView | undefined;
    for (const s of summaries.items.filter((c) => c.eventCount >= 2)) {
      const view = await apiGet<CompoundView>(page, `/api/monitoring/compounds/${s.id}`);
      if (new Set(view.timeline.map((e) => e.status)).size >= 2) {
        target = view;
        break;
      }
    }
    expect(target).toBeDefined();
    const compound = target!;
    await page
      .getByTestId('compound-list')
      .getByRole('link', { name: new RegExp(compound.name) })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: compound.name }).waitFor();
    expect(await page.getByTestId('current-status').getAttribute('data-status')).toBe(compound.status);
    // Names in Khmer, Chinese and English, and the place.
    for (const n of compound.names) expect(await page.locator('.facts').innerText()).toContain(n.name);
    if (compound.province) expect(await page.locator('.facts').innerText()).toContain(compound.province);

    // Replay: the status shown follows the slider, entry by entry.
    const replay = page.getByTestId('replay-status');
    const replaySlider = page.getByTestId('timeline-slider').locator('input[type=range]');
    expect(await replay.getAttribute('data-status')).toBe(compound.status);
    const first = compound.timeline[0]!;
    await replaySlider.fill(String(dayNumber(first.from)));
    await expect.poll(() => replay.getAttribute('data-status')).toBe(first.status);
    const change = compound.timeline.find((e) => e.status !== first.status)!;
    await replaySlider.fill(String(dayNumber(change.from)));
    await expect.poll(() => replay.getAttribute('data-status')).toBe(change.status);
    await replaySlider.fill(String(dayNumber(first.from) - 1));
    await expect.poll(() => replay.getAttribute('data-status')).toBe('unknown');
    await replaySlider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => replay.getAttribute('data-status')).toBe(compound.status);
    await page.getByTestId('evidence-gallery').waitFor();
    if (compound.evidenceCount > 12) {
      expect(await page.getByTestId('evidence-gallery').locator('li').count()).toBe(12);
      await page.getByRole('button', { name: `Show all ${compound.evidenceCount}` }).click();
    }
    await expect
      .poll(() => page.getByTestId('evidence-gallery').locator('li').count())
      .toBe(Math.min(200, compound.evidenceCount));
    // The compound's own map, close enough for its footprint.
    await page.locator('.compound-place .map-canvas[data-map-state="ready"][data-compounds]').waitFor();
    await screenshot(page, 'monitoring-compound-1280');

    // An unverified evidence item (with a file, when the demo has one): a geolocation step by this analyst
    // changes its state.
    const unverified = await apiGet<{ items: { id: string; hasFile: boolean }[] }>(
      page,
      '/api/monitoring/evidence?state=unverified&kind=photo&limit=200',
    );
    const item = unverified.items.find((i) => i.hasFile) ?? unverified.items[0]!;
    expect(item).toBeDefined();
    await page.goto(`/monitoring/evidence/${item.id}`);
    await expect
      .poll(() => page.getByTestId('verification-state').getAttribute('class'))
      .toContain('state--unverified');
    await page.getByLabel('Step', { exact: true }).selectOption('geolocate');
    await page.getByLabel('Reasoning').fill('Gate and water tower match the satellite image.');
    await page.getByRole('button', { name: 'Record step' }).click();
    await expect
      .poll(() => page.getByTestId('verification-state').getAttribute('class'))
      .toContain('state--geolocated');
    await page.getByTestId('verification-steps').getByText('Gate and water tower match').waitFor();
    // The change is kept in the item's edit history, with the values before it.
    await page.getByTestId('edit-history-entry').first().getByText('Verification step').waitFor();
    // The chain of custody lists the step (newest first), by name (never an id).
    await page.getByTestId('custody-log').getByText('The chain is intact.').waitFor();
    await page.getByTestId('custody-entry').first().getByText('Verification step').waitFor();
    expect(await page.getByTestId('custody-log').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await screenshot(page, 'monitoring-evidence-1280');
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });

  it('lists ranked alerts linking to compounds, and acknowledges one', async () => {
    const page = await e2e.newPage();
    await signIn(page, ANALYST.email, ANALYST.password);
    await page.goto('/monitoring/alerts');
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    const open = await apiGet<AlertList>(page, '/api/monitoring/alerts?status=open&limit=200');
    expect(open.items.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('alert').count()).toBe(open.items.length);
    const firstLink = page.getByTestId('alert').first().locator('.alert-title a').first();
    expect(await firstLink.getAttribute('href')).toBe(`/monitoring/compounds/${open.items[0]!.compoundId}`);
    await screenshot(page, 'monitoring-alerts-1280');
    await page.getByTestId('alert').first().getByRole('button', { name: 'Acknowledge for my organisation' }).click();
    await expect.poll(() => page.getByTestId('alert').count()).toBe(open.items.length - 1);
    const after = await apiGet<AlertList>(page, '/api/monitoring/alerts?status=acknowledged&limit=200');
    expect(after.items.map((a) => a.id)).toContain(open.items[0]!.id);
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });

  it('stays usable with 30,000 evidence points (clustered in the worker)', async () => {
    const page = await e2e.newPage();
    await signIn(page, ANALYST.email, ANALYST.password);
    // Today's map data, blown up to 30,000 points around the real ones (days spread over the real range).
    await page.route('**/api/monitoring/map', async (route) => {
      const real = (await (await route.fetch()).json()) as MapData;
      const e = real.evidence;
      const n = e.id.length;
      const big: MapData['evidence'] = { id: [], lon: [], lat: [], kind: [], state: [], compound: [], day: [] };
      for (let i = 0; i < 30_000; i++) {
        const j = i % n;
        big.id.push(`${e.id[j]!.slice(0, 24)}${String(i).padStart(12, '0')}`);
        big.lon.push(e.lon[j]! + ((i * 7919) % 2001) - 1000);
        big.lat.push(e.lat[j]! + ((i * 104_729) % 2001) - 1000);
        big.kind.push(e.kind[j]!);
        big.state.push(e.state[j]!);
        big.compound.push(e.compound[j]!);
        big.day.push(e.day[j]!);
      }
      await route.fulfill({ json: { ...real, evidence: big } });
    });
    const started = Date.now();
    await page.goto('/monitoring');
    await page.locator('.map-canvas[data-map-state="ready"][data-evidence="30000"]').waitFor();
    const loadMs = Date.now() - started;
    // Dragging the slider re-filters and re-clusters client-side.
    const slider = page.getByTestId('map-slider').locator('input[type=range]');
    const [min, max] = [Number(await slider.getAttribute('min')), Number(await slider.getAttribute('max'))];
    const before = Date.now();
    await slider.fill(String(Math.round((min + max) / 2)));
    await expect
      .poll(async () => Number(await page.locator('.map-canvas').getAttribute('data-evidence')))
      .toBeLessThan(30_000);
    const filterMs = Date.now() - before;
    // Zoom in with the keyboard for a second: clustering runs in the worker, so the main thread must
    // keep answering (no long task near a second). Software WebGL caps the frame rate here, not the points.
    await page.locator('.maplibregl-canvas').focus();
    const probe = await page.evaluate(async () => {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      let frames = 0;
      const until = performance.now() + 1000;
      await new Promise<void>((done) => {
        const tick = () => {
          frames++;
          if (performance.now() < until) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
        document
          .querySelector<HTMLElement>('.maplibregl-canvas')
          ?.dispatchEvent(new KeyboardEvent('keydown', { key: '+', keyCode: 187, bubbles: true }));
      });
      observer.disconnect();
      return { frames, longest: Math.max(0, ...longTasks) };
    });
    console.log(
      `30,000 evidence points: map ready in ${loadMs} ms, slider re-filter in ${filterMs} ms; ` +
        `zooming: ${probe.frames} frames in 1 s, longest main-thread task ${Math.round(probe.longest)} ms`,
    );
    // The figures above are printed for a person to read; speed goals live in `npm run bench:geo`.
    expect(probe.frames).toBeGreaterThan(0);
    await screenshot(page, 'monitoring-map-30k-1280');
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });

  it('works on a 375 px phone for the demo admin after switching to the monitor organisation', async () => {
    const page = await e2e.newPage(PHONE);
    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const session = await apiGet<{
      organisations: { id: string; name: string; kind: string }[];
      currentOrganisationId: string;
    }>(page, '/api/session');
    const monitor = session.organisations.find((o) => o.kind === 'monitor')!;
    if (session.currentOrganisationId !== monitor.id) {
      await page.locator('.org-switcher > summary').click();
      await page.getByRole('button', { name: new RegExp(monitor.name) }).click();
      await expect.poll(() => page.locator('.org-switcher > summary').innerText()).toContain(monitor.name);
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    await openMap(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'monitoring-map-375');

    const link = page.getByTestId('compound-list').getByRole('link').first();
    const name = (await link.locator('.compound-name').innerText()).trim();
    await link.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByTestId('replay-status').waitFor();
    await page.locator('.compound-place .map-canvas[data-map-state="ready"][data-compounds]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'monitoring-compound-375');
    expect(unexpectedErrors(e2e, page)).toEqual([]);
    await page.context().close();
  });
});
