// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { register } from '../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/**
 * The exports page against the real server: a download reports its rows against the server's count; a refusal is shown.
 */
describe('the exports page', () => {
  let t: TestServer;
  let admin: TestClient;
  let caseworker: TestClient;
  const downloads: string[] = [];

  beforeAll(async () => {
    t = await createTestServer('pglite');
    admin = await t.userIn('exports-page', 'admin');
    caseworker = await t.userIn('exports-page', 'caseworker');
    for (let i = 0; i < 3; i++) await register(caseworker);
    // jsdom has no object URLs or downloads: record the file name the page hands to the browser.
    URL.createObjectURL = () => 'blob:export';
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('downloads the cases as CSV and shows every row received against the count', async () => {
    const { user } = await renderApp(t, admin, '/reports/exports');
    const section = await screen.findByTestId('export-cases');
    await user.click(within(section).getByRole('button', { name: 'Download' }));
    expect((await within(section).findByRole('status')).textContent).toBe('3 of 3 rows received. Done.');
    expect(downloads.at(-1)).toMatch(/^refuge-cases-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('shows the refusal when the role may not export', async () => {
    const { user } = await renderApp(t, caseworker, '/reports/exports');
    const section = await screen.findByTestId('export-deidentified_cases');
    await user.click(within(section).getByRole('button', { name: 'Download' }));
    expect((await within(section).findByRole('alert')).textContent).toMatch(/may not export reports/);
  });

  it('schedules a weekly situation report and lists it with its next run; stopping removes it', async () => {
    const { user } = await renderApp(t, admin, '/reports/exports');
    const panel = await screen.findByTestId('scheduled-reports');
    expect(await within(panel).findByText('No report is scheduled.')).toBeTruthy();
    await user.selectOptions(within(panel).getByLabelText('Day'), 'Wednesday');
    await user.selectOptions(within(panel).getByLabelText('Time'), '7');
    await user.click(within(panel).getByRole('button', { name: 'Schedule' }));
    const row = await within(panel).findByText(/Every Wednesday at 07:00 UTC · next on/);
    expect(row).toBeTruthy();
    const stored = (await admin.request('GET', '/api/reports/schedules')).json.items;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ cadence: 'weekly', weekday: 3, hourUtc: 7 });
    expect(new Date(stored[0].nextRunAt).getUTCDay()).toBe(3);
    await user.click(within(panel).getByRole('button', { name: 'Stop' }));
    expect(await within(panel).findByText('No report is scheduled.')).toBeTruthy();
    expect((await admin.request('GET', '/api/reports/schedules')).json.items).toEqual([]);
  });

  it('shows the refusal when the role may not schedule reports', async () => {
    const { user } = await renderApp(t, caseworker, '/reports/exports');
    const panel = await screen.findByTestId('scheduled-reports');
    await user.click(within(panel).getByRole('button', { name: 'Schedule' }));
    // The refusal is worded by its code (role_may_not) in the reader's language.
    expect((await within(panel).findAllByRole('alert')).map((a) => a.textContent).join(' ')).toMatch(
      /Your role may not do this/,
    );
  });
});
