// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import i18next from 'i18next';
import { consent, register } from '../../../testing/casework-fixtures.ts';
import { drainJobs } from '../../../testing/jobs.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/** Words of the core's English reason sentences ("dob: … are the same date with day and month swapped"). */
const ENGLISH = /\b(same|swapped|identical|differ|different|number|record|similar|spacing|missing|share)\b/i;

const person = (name: string, dateOfBirth: string, phone: string) => ({
  names: [{ value: name, script: 'Latn', preferred: true }],
  nationalities: ['ID'],
  dateOfBirth,
  ageBand: undefined,
  contacts: [{ channel: 'phone', value: phone }],
  consent: consent(),
});

/** The reasons of a possible match: a level worded in the reader's language, and the values as written. */
describe('match reasons in the reader’s language', () => {
  let t: TestServer;
  let worker: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    worker = await t.userIn('match-words-ngo', 'caseworker', 'cw@match-words.test');
    await register(worker, person('Dewi Lestari', '1995-03-12', '+62 812 3456 7890'));
    await register(worker, person('DEWI LESTARI', '1995-12-03', '0812 3456 7890'));
    // Registration queues the duplicate check; the job runner does it, as in the server.
    await drainJobs(t);
    expect((await worker.request('GET', '/api/matching/proposals')).json.items).toHaveLength(1);
  });
  afterEach(async () => {
    localStorage.removeItem('refuge.language');
    await i18next.changeLanguage('en');
  });
  afterAll(async () => {
    await t?.close();
  });

  const reasons = async () => {
    const card = (await screen.findAllByRole('article'))[0]!;
    return [...card.querySelectorAll('details li')].map((li) => li as HTMLElement);
  };

  it('reads in Simplified Chinese, with the two dates quoted and no English sentence', async () => {
    localStorage.setItem('refuge.language', 'zh');
    await renderApp(t, worker, '/matching');
    const items = await reasons();
    expect(items.length).toBe(5);
    const dob = items.find((li) => li.textContent!.startsWith('出生日期'))!;
    expect(dob.textContent).toMatch(
      /^出生日期: 日和月颠倒 — 1995-(12-03 \/ 1995-03-12|03-12 \/ 1995-12-03) \(\+\d+\.\d\)$/,
    );
    for (const li of items) {
      expect(li.textContent).toMatch(/[\u4E00-\u9FFF]/);
      expect(li.textContent).not.toMatch(ENGLISH);
      expect(li.title).toBe('');
    }
    expect(items.map((li) => li.textContent).join(' ')).toContain('Dewi Lestari');
  });

  it('reads in Khmer', async () => {
    localStorage.setItem('refuge.language', 'km');
    await renderApp(t, worker, '/matching');
    const items = await reasons();
    expect(items.length).toBe(5);
    for (const li of items) {
      expect(li.textContent).toMatch(/[\u1780-\u17FF]/);
      expect(li.textContent).not.toMatch(ENGLISH);
    }
    expect(items.some((li) => li.textContent!.includes('ថ្ងៃ និងខែ ត្រូវបានប្តូរកន្លែង'))).toBe(true);
  });

  it('in English shows the same label, and keeps the core’s sentence as a tooltip', async () => {
    await renderApp(t, worker, '/matching');
    const dob = (await reasons()).find((li) => li.textContent!.startsWith('Date of birth'))!;
    expect(dob.textContent).toContain('Day and month swapped');
    expect(dob.title).toMatch(/day and month swapped/);
  });
});
