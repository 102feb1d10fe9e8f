// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { ApiError } from '../api-error.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { register } from '../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../testing/render-app.tsx';

/** English sentences the server writes beside its messages: none may show once the reader chose another language. */
const ENGLISH =
  /\b(need|priority|waiting|raised from|Presumed|Rule \d holds|Answered yes|Still unknown|fields are not valid|must be|is required)\b/;

/** Server-made text in the reader's language: the same API answers, worded by the web from key + params. */
describe('server-made text in the reader’s language', () => {
  let t: TestServer;
  let worker: TestClient;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    worker = await t.userIn('words-ngo', 'caseworker', 'cw@words.test');
    ({ caseId } = await register(worker, { ageBand: 'under_18' }));
    const need = await worker.request('POST', `/api/cases/${caseId}/needs`, { kind: 'food', priority: 'normal' });
    expect(need.status).toBe(201);
    const screening = await worker.request(
      'PUT',
      `/api/cases/${caseId}/screening`,
      { answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } } },
      { 'idempotency-key': 'words-screening-1' },
    );
    expect(screening.status).toBe(200);
  });
  afterEach(async () => {
    localStorage.removeItem('refuge.language');
    await i18next.changeLanguage('en');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a triage row explains its urgency in Khmer', async () => {
    localStorage.setItem('refuge.language', 'km');
    await renderApp(t, worker, '/casework/triage');
    const row = within(await screen.findByTestId('triage-board')).getAllByRole('row')[1]!;
    const explanation = row.querySelector('td .small.muted')!.textContent!;
    // "food need; priority high (raised from normal: under 18); waiting 0 h", in Khmer.
    expect(explanation).toMatch(/[\u1780-\u17FF]/);
    expect(explanation).toContain('អាយុក្រោម ១៨ ឆ្នាំ');
    expect(explanation).not.toMatch(ENGLISH);
  });

  it('the screening reasons read in Simplified Chinese, indicators included', async () => {
    localStorage.setItem('refuge.language', 'zh');
    await renderApp(t, worker, `/casework/cases/${caseId}`);
    const reasons = within(await screen.findByTestId('screening-reasons')).getAllByRole('listitem');
    expect(reasons[0]!.textContent).toBe('推定为人口贩运受害者。');
    expect(reasons[1]!.textContent).toMatch(/^符合规则 1：被迫犯罪，同时存在.+。$/);
    for (const r of reasons) expect(r.textContent).not.toMatch(ENGLISH);
  });

  it('a refused form lists its field reasons in Khmer (from the server’s codes), English where it has none', async () => {
    localStorage.setItem('refuge.language', 'km');
    await i18next.changeLanguage('km');
    // A real validation answer: a need without its kind and with an unknown member.
    const res = await worker.request('POST', `/api/cases/${caseId}/needs`, { priority: 'normal', colour: 'red' });
    expect(res.status).toBe(400);
    const p = res.json;
    const error = new ApiError(res.status, p.title, p.detail, p.invalidParams, p.requestId, undefined, p);
    render(<ErrorSummary error={error} />);
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('វាលមួយចំនួនមិនត្រឹមត្រូវ។');
    expect(summary.textContent).toContain('ត្រូវតែបំពេញ');
    expect(summary.textContent).not.toMatch(ENGLISH);
    // A code this app does not know falls back to the English words.
    const unknown = new ApiError(
      400,
      'Bad request',
      'something new',
      [{ name: 'body.x', reason: 'is odd', code: 'brand_new' }],
      undefined,
      undefined,
      { code: 'brand_new' },
    );
    render(<ErrorSummary error={unknown} />);
    expect(screen.getAllByRole('alert')[1]!.textContent).toContain('something new');
    expect(screen.getAllByRole('alert')[1]!.textContent).toContain('is odd');
  });
});
