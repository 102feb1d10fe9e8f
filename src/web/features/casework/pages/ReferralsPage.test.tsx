// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { consent, register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** A clinic receiving referrals: it sees only what the referral shares, accepts, and declines with a reason. */
describe('the referral inbox', () => {
  let t: TestServer;
  let sender: TestClient;
  let clinic: TestClient;
  const referrals: string[] = [];

  beforeAll(async () => {
    t = await createTestServer('pglite');
    sender = await t.userIn('referral-ngo', 'caseworker', 'cw@referral.test');
    const clinicId = await t.org('referral-clinic', 'clinic');
    clinic = await t.userIn('referral-clinic', 'medic', 'medic@referral.test');
    for (const name of ['Sari Accepted', 'Dewi Declined']) {
      const { caseId } = await register(sender, {
        names: [{ value: name, preferred: true }],
        location: { kind: 'street', detail: 'behind the bus station' },
        consent: consent({ shareWithOrganisationIds: [clinicId] }),
      });
      const sent = await sender.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId });
      expect(sent.status).toBe(201);
      referrals.push(sent.json.id);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const state = async (id: string) => (await sender.request('GET', `/api/referrals/${id}`)).json.state as string;
  const card = (name: string) => screen.getAllByRole('listitem').find((li) => li.textContent?.includes(name))!;

  it("shows each incoming person with the referral's shared fields only, never the sender's free text", async () => {
    await renderApp(t, clinic, '/casework/referrals');
    const list = await screen.findByTestId('referral-list');
    expect(within(list).getByText('Sari Accepted')).toBeTruthy();
    expect(within(list).getAllByText('From referral-ngo').length).toBe(2);
    expect(document.body.textContent).not.toContain('behind the bus station');
  });

  it('accepts one referral and declines the other with a reason, both recorded on the server', async () => {
    const { user } = await renderApp(t, clinic, '/casework/referrals');
    await screen.findByTestId('referral-list');
    await user.click(within(card('Sari Accepted')).getByRole('button', { name: 'Accept' }));
    await waitFor(async () => expect(await state(referrals[0]!)).toBe('accepted'));

    await user.click(within(card('Dewi Declined')).getByRole('button', { name: 'Decline' }));
    const decline = within(card('Dewi Declined'));
    const submit = decline
      .getAllByRole('button', { name: 'Decline' })
      .find((b) => b.getAttribute('type') === 'submit')!;
    expect((submit as HTMLButtonElement).disabled).toBe(true); // a decline needs a reason
    await user.type(decline.getByLabelText('Reason (Decline)'), 'No paediatric bed tonight');
    await user.click(submit);
    await waitFor(async () => expect(await state(referrals[1]!)).toBe('declined'));
  });
});
