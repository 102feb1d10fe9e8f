// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/**
 * A survivor of sexual violence: the intake screening does not ask the violence question (the protocol leaves it to a
 * clinician) and the rest saves; without the flag the question is asked as usual.
 */
describe('screening under a protection protocol', () => {
  let t: TestServer;
  let worker: TestClient;
  beforeAll(async () => {
    t = await createTestServer('pglite');
    worker = await t.userIn('protocol-ngo', 'caseworker');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves the withheld question out of the form and saves the others', async () => {
    const { caseId } = await register(worker, { protection: { sexualViolence: true } });
    const { user } = await renderApp(t, worker, `/casework/cases/${caseId}`);
    const form = await screen.findByTestId('screening-form');
    const violence = form.querySelector('[data-indicator="physical_sexual_violence"]') as HTMLElement;
    expect(within(violence).getByTestId('indicator-withheld').textContent).toMatch(
      /leaves this question to a clinician/,
    );
    expect(within(violence).queryAllByRole('radio')).toHaveLength(0);
    const deception = form.querySelector('[data-indicator="deception"]') as HTMLElement;
    await user.click(within(deception).getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Save screening' }));
    await waitFor(async () => {
      const stored = await worker.request('GET', `/api/cases/${caseId}`);
      expect(stored.json.screening?.answers.deception.answer).toBe('yes');
      expect(stored.json.screening?.answers.physical_sexual_violence.answer).toBe('unknown');
    });
  });

  it('asks the question when no protocol withholds it', async () => {
    const { caseId } = await register(worker);
    await renderApp(t, worker, `/casework/cases/${caseId}`);
    const form = await screen.findByTestId('screening-form');
    const violence = form.querySelector('[data-indicator="physical_sexual_violence"]') as HTMLElement;
    expect(within(violence).getAllByRole('radio')).toHaveLength(3);
    expect(within(violence).queryByTestId('indicator-withheld')).toBeNull();
  });
});
