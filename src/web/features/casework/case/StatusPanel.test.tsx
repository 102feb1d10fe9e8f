// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** Two caseworkers on one case: the one who saves second is told, and does not overwrite the first. */
describe('an edit of a case someone else changed meanwhile', () => {
  let t: TestServer;
  let alice: TestClient, bob: TestClient;
  beforeAll(async () => {
    t = await createTestServer('pglite');
    alice = await t.userIn('conflict-ngo', 'caseworker', 'alice@conflict.test');
    bob = await t.userIn('conflict-ngo', 'caseworker', 'bob@conflict.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is refused with a message, the page shows the other change, and the stored risk is the other one', async () => {
    const { caseId } = await register(alice);
    const { user } = await renderApp(t, alice, `/casework/cases/${caseId}`);
    const select = await screen.findByLabelText('Risk level');
    // Bob raises the risk while Alice has the page open (on version 1).
    const bobs = await bob.request(
      'PATCH',
      `/api/cases/${caseId}/risk`,
      { riskLevel: 'critical' },
      { 'if-match': '"1"' },
    );
    expect(bobs.status).toBe(200);
    await user.selectOptions(select, 'high');
    await user.click(screen.getByRole('button', { name: 'Change risk' }));
    expect((await screen.findByTestId('edit-conflict')).textContent).toMatch(/someone else changed this record/);
    await waitFor(() => expect(screen.getByTestId('case-risk').textContent).toMatch(/Critical/));
    const stored = await alice.request('GET', `/api/cases/${caseId}`);
    expect(stored.json.case.riskLevel).toBe('critical');
    expect(stored.json.case.version).toBe(2);
  });
});
