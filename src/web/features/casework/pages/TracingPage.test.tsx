// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { consent, register } from '../../../../testing/casework-fixtures.ts';
import { drainJobs } from '../../../../testing/jobs.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** The tracing page as a family desk and a shelter use it: the request, the proposal, the survivor's answer. */
describe('tracing', () => {
  let t: TestServer;
  let desk: TestClient;
  let shelter: TestClient;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('tracing-shelter', 'shelter');
    desk = await t.userIn('family-desk', 'caseworker', 'desk@tracing.test');
    shelter = await t.userIn('tracing-shelter', 'caseworker', 'cw@tracing.test');
    await register(shelter, {
      names: [{ value: 'Ratna Sari', script: 'Latn', preferred: true }],
      nationalities: ['ID'],
      dateOfBirth: '1995-04-17',
      ageBand: undefined,
      contacts: [{ channel: 'phone', value: '+62 812 3456 7788' }],
      consent: consent({ crossOrganisationMatching: true }),
    });
    await drainJobs(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a family desk records a request, the shelter decides with the survivor, the desk reads only the answer', async () => {
    const first = await renderApp(t, desk, '/casework/tracing');
    await first.user.type(await screen.findByLabelText('Name of the person asking'), 'Sri Wahyuni');
    await first.user.type(screen.getByLabelText('Relationship to the person sought'), 'sister');
    await first.user.type(screen.getByLabelText('Name of the person sought'), 'Ratna Sari');
    const dob = screen.getByLabelText('Their date of birth');
    await first.user.type(dob, '1995-04-17');
    await first.user.type(screen.getByLabelText('Their phone number'), '0812 3456 7788');
    await first.user.click(screen.getByRole('button', { name: 'Record the request' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    const mine = await screen.findByTestId('tracing-requests');
    expect(within(mine).getByText('Searching: nothing to tell yet')).toBeTruthy();
    cleanup();

    await drainJobs(t);
    const second = await renderApp(t, shelter, '/casework/tracing');
    const proposal = await screen.findByTestId('tracing-proposal');
    expect(within(proposal).getByText('Someone is being sought who may be Ratna Sari')).toBeTruthy();
    expect(within(proposal).getByText(/sister/)).toBeTruthy();
    // Who recorded it and how to reach the requester are not shown to the holder.
    expect(proposal.textContent).not.toContain('family-desk');
    expect(proposal.textContent).not.toContain('Wahyuni');
    await second.user.click(within(proposal).getByLabelText('This person: share what they agree to'));
    await second.user.type(
      within(proposal).getByLabelText('A contact route they agree to give'),
      'call the shelter desk',
    );
    await second.user.click(within(proposal).getByRole('button', { name: 'Record the decision' }));
    await waitFor(() => expect(within(screen.getByTestId('tracing-proposal')).getByText('Shared')).toBeTruthy());
    cleanup();

    await renderApp(t, desk, '/casework/tracing');
    const answer = await screen.findByTestId('tracing-answer');
    expect(within(answer).getByText('Alive and safe')).toBeTruthy();
    expect(within(answer).getByText('call the shelter desk')).toBeTruthy();
    expect(screen.getByTestId('tracing-requests').textContent).not.toContain('tracing-shelter');
  });
});
