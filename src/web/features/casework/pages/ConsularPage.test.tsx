// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { consent, register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

interface Item {
  caseId: string;
  record: { emergencyDocumentStatus: string; emergencyDocumentNumber: string | null; exitClearance: string };
}

/** An embassy officer working the consular queue: a table the server filters and searches, steps for many at once. */
describe('the consular queue', () => {
  let t: TestServer;
  let ngo: TestClient;
  let consul: TestClient;
  const ids: Record<string, string> = {};
  const rowOf = async (name: string) => {
    const table = await screen.findByTestId('consular-queue');
    return within(table).getByText(name).closest('tr')!;
  };
  const recordOf = async (name: string) =>
    ((await consul.request('GET', '/api/consular/queue?limit=200')).json.items as Item[]).find(
      (i) => i.caseId === ids[name],
    )!.record;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    ngo = await t.userIn('consular-ngo', 'caseworker', 'cw@consular.test');
    await t.org('emb-id', 'embassy', ['ID']);
    consul = await t.userIn('emb-id', 'consular_officer', 'consul@consular.test');
    for (const name of ['Wulan Sari', 'Agus Salim', 'Dewi Lestari'])
      ids[name] = (
        await register(ngo, {
          names: [{ value: name, preferred: true }],
          nationalities: ['ID'],
          documentStatus: 'held',
          consent: consent({ shareWithOwnEmbassy: true }),
        })
      ).caseId;
    await register(ngo, {
      names: [{ value: 'Refused Embassy', preferred: true }],
      nationalities: ['ID'],
      consent: consent({ shareWithOwnEmbassy: false }),
    });
    await ngo.request('PATCH', `/api/cases/${ids['Agus Salim']}/status`, {
      status: 'lost_contact',
      reason: 'no answer',
    });
    const dewi = ids['Dewi Lestari']!;
    await ngo.request('PUT', `/api/cases/${dewi}/screening`, {
      answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } },
    });
    await ngo.request('PATCH', `/api/cases/${dewi}/status`, { status: 'assessed' });
    await ngo.request('PATCH', `/api/cases/${dewi}/status`, { status: 'awaiting_documents' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a table of the nationals who agreed to share, never the one who refused, with the count', async () => {
    await renderApp(t, consul, '/casework/consular');
    const table = await screen.findByTestId('consular-queue');
    expect(within(table).getAllByRole('row')).toHaveLength(4); // header + three people
    expect(within(table).getByText('Wulan Sari')).toBeTruthy();
    expect((await screen.findByTestId('consular-total')).textContent).toBe('3 people');
    expect(document.body.textContent).not.toContain('Refused Embassy');
  });

  it('searches and filters on the server: a name, then a status of the exit clearance', async () => {
    const { user } = await renderApp(t, consul, '/casework/consular');
    await screen.findByTestId('consular-queue');
    await user.type(screen.getByLabelText('Search the queue'), 'agus salim');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(within(screen.getByTestId('consular-queue')).getAllByRole('row')).toHaveLength(2));
    expect(within(screen.getByTestId('consular-queue')).getByText('Agus Salim')).toBeTruthy();
    expect(screen.getByTestId('consular-total').textContent).toBe('1 person');
    await user.clear(screen.getByLabelText('Search the queue'));
    await user.selectOptions(screen.getByLabelText('Passport'), 'lost');
    expect(await screen.findByText('Nobody matches')).toBeTruthy();
  });

  it('refuses a bulk step for everyone when one person cannot take it, naming that person in words', async () => {
    const { user } = await renderApp(t, consul, '/casework/consular');
    await user.click(within(await rowOf('Wulan Sari')).getByRole('checkbox'));
    await user.click(within(await rowOf('Agus Salim')).getByRole('checkbox'));
    expect(screen.getByRole('heading', { name: 'Book 2 people on one flight' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Exit clearance paid for 2 people' }));
    const refused = await screen.findByTestId('bulk-refused');
    expect(refused.textContent).toContain('Nothing was changed');
    expect(refused.textContent).toContain('Agus Salim: the case is Lost contact');
    expect(refused.textContent).not.toMatch(/caseIds|[0-9a-f]{8}/);
    expect((await recordOf('Wulan Sari')).exitClearance).toBe('pending');
  });

  it('records a bulk step and keeps the confirmation on screen; one person reads "Book 1 person"', async () => {
    const { user } = await renderApp(t, consul, '/casework/consular');
    await user.click(within(await rowOf('Wulan Sari')).getByRole('checkbox'));
    expect(screen.getByRole('heading', { name: 'Book 1 person on one flight' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Exit clearance paid for 1 person' }));
    const notice = await screen.findByTestId('consular-notice');
    expect(notice.textContent).toContain('Recorded: exit clearance paid for 1 person.');
    await waitFor(() => expect(within(screen.getByTestId('consular-queue')).getAllByText('Fine paid').length).toBe(1));
    expect((await recordOf('Wulan Sari')).exitClearance).toBe('paid');
    expect((await recordOf('Dewi Lestari')).exitClearance).toBe('pending');
  });

  it('books a group and the confirmation stays after the choice is cleared; the flight offers its manifest', async () => {
    const { user } = await renderApp(t, consul, '/casework/consular');
    await user.click(within(await rowOf('Dewi Lestari')).getByRole('checkbox'));
    await user.type(screen.getByLabelText('Flight date'), '2026-03-01');
    await user.type(screen.getByLabelText('Flight number'), 'qz 273');
    await user.click(screen.getByRole('button', { name: 'Book the group' }));
    const notice = await screen.findByTestId('consular-notice');
    expect(notice.textContent).toContain('Booked: 1 person on QZ 273 on 2026-03-01.');
    await waitFor(() => expect(screen.queryByTestId('group-flight')).toBeNull());
    expect(screen.getByTestId('consular-notice')).toBe(notice);
    await user.selectOptions(screen.getByLabelText('Flight'), 'QZ 273@2026-03-01');
    await waitFor(() => expect(within(screen.getByTestId('consular-queue')).getAllByRole('row')).toHaveLength(2));
    const pdf = within(screen.getByTestId('manifest-links')).getByRole('link', { name: 'Print (PDF)' });
    expect(pdf.getAttribute('href')).toBe('/api/consular/manifest?flightNumber=QZ+273&date=2026-03-01&format=pdf');
  });

  it('records an issued emergency travel document from the row and confirms it', async () => {
    const { user } = await renderApp(t, consul, '/casework/consular');
    await screen.findByTestId('consular-queue');
    await user.click(screen.getByRole('button', { name: 'Record steps for Wulan Sari' }));
    const steps = await screen.findByTestId('consular-steps');
    await user.selectOptions(within(steps).getByLabelText('Emergency travel document'), 'issued');
    await user.type(within(steps).getByLabelText('Document number'), 'ETD-2026-0042');
    await user.click(within(steps).getByTestId('save-etd'));
    expect(await screen.findByTestId('consular-saved')).toBeTruthy();
    expect(await recordOf('Wulan Sari')).toMatchObject({
      emergencyDocumentStatus: 'issued',
      emergencyDocumentNumber: 'ETD-2026-0042',
    });
  });
});
