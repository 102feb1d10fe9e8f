// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** The registration form as a caseworker uses it under pressure: keyboard, one tap per answer, clear errors. */
describe('registering a survivor', () => {
  let t: TestServer;
  let caseworker: TestClient;
  const caseCount = async () => (await caseworker.request('GET', '/api/cases?limit=100')).json.items.length as number;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    caseworker = await t.userIn('register-ngo', 'caseworker', 'cw@register.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names what is missing, moves focus to it and sends nothing', async () => {
    const { user } = await renderApp(t, caseworker, '/casework/register');
    await screen.findByRole('heading', { name: 'Register a survivor' });
    await user.click(screen.getByRole('button', { name: 'Register and open the case' }));
    expect(await screen.findByText('Write at least one name (a nickname is fine).')).toBeTruthy();
    expect(screen.getByText('Choose what happened to their identity document.')).toBeTruthy();
    expect(document.activeElement?.id).toBe('field-name-0');
    expect(await caseCount()).toBe(0);
  });

  it('registers from the keyboard and opens the new case with its name', async () => {
    const { user, router } = await renderApp(t, caseworker, '/casework/register');
    await user.type(await screen.findByLabelText('Name'), 'Dewi Lestari');
    await user.click(screen.getByLabelText('Taken by the compound'));
    await user.click(screen.getByRole('button', { name: 'Register and open the case' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/casework\/cases\/[0-9a-f-]{36}$/));
    expect(await screen.findByTestId('registered-banner')).toBeTruthy();
    const caseId = router.state.location.pathname.split('/').at(-1);
    const saved = await caseworker.request('GET', `/api/cases/${caseId}`);
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.json)).toContain('Dewi Lestari');
    expect(saved.json.survivor.documentStatus).toBe('confiscated');
    expect(await caseCount()).toBe(1);
  });

  it('moves to the next field on Enter instead of submitting half a form', async () => {
    const { user } = await renderApp(t, caseworker, '/casework/register');
    const name = await screen.findByLabelText('Name');
    await user.type(name, 'Budi{Enter}');
    expect(document.activeElement).not.toBe(name);
    expect(await caseCount()).toBe(1);
  });

  it('shows who in the organisation may already be this person while the name is typed, without a date of birth', async () => {
    const hoa = { names: [{ value: 'Nguyễn Thị Hoa', script: 'Latn', preferred: true }], nationalities: ['VN'] };
    const { caseId } = await register(caseworker, hoa);
    // The same name in another organisation is never hinted at.
    await register(await t.userIn('other-ngo', 'caseworker'), hoa);
    const { user } = await renderApp(t, caseworker, '/casework/register');
    await user.type(await screen.findByLabelText('Name'), 'Nguyen Thi Hoa');
    const hint = await screen.findByTestId('duplicate-hint', {}, { timeout: 5000 });
    const links = within(hint).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Nguyễn Thị Hoa', `/casework/cases/${caseId}`],
    ]);
  });

  it("records protection flags and which of a dual national's embassies may see them", async () => {
    const { user, router } = await renderApp(t, caseworker, '/casework/register');
    await user.type(await screen.findByLabelText('Name'), 'Maya Rahman');
    await user.click(screen.getByLabelText('Taken by the compound'));
    const countries = screen.getByLabelText('Nationalities');
    await user.type(countries, 'Indonesia{Enter}');
    await user.type(countries, 'Malaysia{Enter}');
    // The per-nationality choice appears only for a dual national who shares with their embassy.
    expect(screen.queryByText('Which of their countries may see them')).toBeNull();
    await user.click(screen.getByLabelText('Share with their own embassy'));
    expect(await screen.findByText('Which of their countries may see them')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Malaysia' }));
    await user.click(screen.getByLabelText('Pregnant'));
    await user.click(screen.getByRole('button', { name: 'Register and open the case' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/casework\/cases\/[0-9a-f-]{36}$/));
    const caseId = router.state.location.pathname.split('/').at(-1);
    const saved = (await caseworker.request('GET', `/api/cases/${caseId}`)).json;
    expect(saved.survivor.nationalities).toEqual(['ID', 'MY']);
    expect(saved.survivor.protection).toEqual(['pregnancy']);
    expect(saved.survivor.consent.embassyNationalities).toEqual(['ID']);
    expect(saved.survivor.consent.shareWithOwnEmbassy).toBe(true);
  });

  it('keeps the passport number they give and shows it on the case; a malformed one is named and nothing is saved', async () => {
    const { user, router } = await renderApp(t, caseworker, '/casework/register');
    await user.type(await screen.findByLabelText('Name'), 'Rudi Hartono');
    await user.click(screen.getByLabelText('Has it'));
    const number = screen.getByLabelText('Passport or ID number (if known)');
    await user.type(number, 'C<1234>');
    const before = await caseCount();
    await user.click(screen.getByRole('button', { name: 'Register and open the case' }));
    await waitFor(() => expect(number.getAttribute('aria-invalid')).toBe('true'));
    expect(await caseCount()).toBe(before);
    await user.clear(number);
    await user.type(number, 'C 1234567');
    await user.click(screen.getByRole('button', { name: 'Register and open the case' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/casework\/cases\/[0-9a-f-]{36}$/));
    expect(await screen.findByText('C 1234567')).toBeTruthy();
    const caseId = router.state.location.pathname.split('/').at(-1);
    expect((await caseworker.request('GET', `/api/cases/${caseId}`)).json.survivor.documentNumber).toBe('C 1234567');
  });
});
