// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { consent, register } from '../../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../../testing/render-app.tsx';

/** Two-way referrals: the sender asks, the clinic reads it, records care and replies; the sender reads it on the case. */
describe('the exchange on a referral', () => {
  let t: TestServer;
  let sender: TestClient;
  let clinic: TestClient;
  let caseId: string;
  let clinicId: string;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    sender = await t.userIn('exchange-ngo', 'caseworker', 'cw@exchange.test');
    clinicId = await t.org('exchange-clinic', 'clinic');
    clinic = await t.userIn('exchange-clinic', 'medic', 'medic@exchange.test');
    ({ caseId } = await register(sender, {
      names: [{ value: 'Sari Exchange', preferred: true }],
      consent: consent({ shareWithOrganisationIds: [clinicId] }),
    }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the sender writes what it asks and a message with the referral, from the case page', async () => {
    const { user } = await renderApp(t, sender, `/casework/cases/${caseId}`);
    const form = await screen.findByTestId('refer-form');
    await user.click(await within(form).findByLabelText(/exchange-clinic/));
    await user.type(within(form).getByLabelText('What you ask them to do'), 'Dress the burn on her hand');
    await user.type(within(form).getByLabelText('Message to the receiving organisation'), 'She prefers a woman doctor');
    await user.click(within(form).getByRole('button', { name: 'Send referral' }));
    await within(form).findByRole('status');
    const sent = (await sender.request('GET', '/api/referrals?direction=outgoing')).json.items[0];
    const thread = (await sender.request('GET', `/api/referrals/${sent.id}/messages`)).json;
    expect(thread.items[0]).toMatchObject({ asked: 'Dress the burn on her hand', text: 'She prefers a woman doctor' });
  });

  it('the clinic reads the ask, accepts, records care and replies', async () => {
    const { user } = await renderApp(t, clinic, '/casework/referrals');
    const exchange = await screen.findByTestId('referral-exchange');
    expect(await within(exchange).findByText('Dress the burn on her hand')).toBeTruthy();
    expect(within(exchange).getByText('She prefers a woman doctor')).toBeTruthy();
    expect(within(exchange).queryByRole('button', { name: 'Record the care given' })).toBeNull(); // accept first
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await user.click(await within(exchange).findByRole('button', { name: 'Record the care given' }));
    const care = within(exchange).getByTestId('care-form');
    await user.type(within(care).getByLabelText('Care given'), 'Burn cleaned and dressed');
    await user.selectOptions(within(care).getByLabelText('Outcome'), 'care_given');
    await user.type(within(care).getByLabelText('Next step'), 'Change the dressing on Monday');
    await user.click(within(care).getByRole('button', { name: 'Save the record' }));
    expect(await within(exchange).findByText('Burn cleaned and dressed')).toBeTruthy();
    await user.type(within(exchange).getByLabelText('Reply to exchange-ngo'), 'She can come back any morning');
    await user.click(within(exchange).getByRole('button', { name: 'Send' }));
    expect(await within(exchange).findByText('She can come back any morning')).toBeTruthy();
  });

  it('the sender reads the care and the reply on the case', async () => {
    await renderApp(t, sender, `/casework/cases/${caseId}`);
    const exchange = await screen.findByTestId('referral-exchange');
    await waitFor(() => expect(within(exchange).getByText('Burn cleaned and dressed')).toBeTruthy());
    expect(within(exchange).getByText('Care given', { selector: 'dd' })).toBeTruthy();
    expect(within(exchange).getByText('Change the dressing on Monday')).toBeTruthy();
    expect(within(exchange).getByText('She can come back any morning')).toBeTruthy();
    expect(within(exchange).getByText(/exchange-clinic recorded care/)).toBeTruthy();
  });
});
