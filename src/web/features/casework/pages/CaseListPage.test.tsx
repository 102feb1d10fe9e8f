// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** Finding someone who comes back, from the case list, by a writing of the name other than the one registered. */
describe('the case search box', () => {
  let t: TestServer;
  let caseworker: TestClient;
  let chen: string;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    caseworker = await t.userIn('search-ngo', 'caseworker', 'cw@search.test');
    chen = (await register(caseworker, { names: [{ value: '陈美玲', script: 'Hans', preferred: true }] })).caseId;
    await register(caseworker, { names: [{ value: 'Siti Rahayu', script: 'Latn', preferred: true }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is focused with "/", finds 陈美玲 from "Chen Meiling" and links to the case', async () => {
    const { user } = await renderApp(t, caseworker, '/casework/cases');
    await screen.findByText('Siti Rahayu');
    const box = screen.getByRole('searchbox', { name: 'Find a person' });
    expect(document.activeElement).not.toBe(box);
    await user.keyboard('/');
    expect(document.activeElement).toBe(box);
    expect((box as HTMLInputElement).value).toBe('');
    await user.keyboard('Chen Meiling{Enter}');
    await screen.findByText('陈美玲');
    expect(screen.queryByText('Siti Rahayu')).toBeNull();
    const list = screen.getByTestId('case-list');
    expect(
      within(list)
        .getByRole('link', { name: /陈美玲/ })
        .getAttribute('href'),
    ).toBe(`/casework/cases/${chen}`);
  });

  it('says plainly when nobody is found, and clearing the box brings the list back', async () => {
    const { user } = await renderApp(t, caseworker, '/casework/cases');
    await screen.findByText('Siti Rahayu');
    const box = screen.getByRole('searchbox', { name: 'Find a person' });
    await user.type(box, 'Zofia Wiśniewska{Enter}');
    expect(await screen.findByRole('heading', { name: 'Nobody found for “Zofia Wiśniewska”' })).toBeTruthy();
    expect(screen.queryByTestId('case-list')).toBeNull();
    await user.clear(box);
    await screen.findByText('Siti Rahayu');
    expect(screen.getByText('陈美玲')).toBeTruthy();
  });
});
