// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** The triage board as a caseworker drives it from the keyboard on an exit day. */
describe('the triage board', () => {
  let t: TestServer;
  let caseworker: TestClient;
  const needs: Record<string, { caseId: string; needId: string }> = {};

  beforeAll(async () => {
    t = await createTestServer('pglite');
    caseworker = await t.userIn('triage-ngo', 'caseworker', 'cw@triage.test');
    // Food for an adult, then urgent medical for a minor: the minor's urgent care must come first.
    for (const [label, kind, ageBand] of [
      ['food', 'food', '25_34'],
      ['urgent', 'medical_urgent', 'under_18'],
    ] as const) {
      const { caseId } = await register(caseworker, {
        names: [{ value: `Triage ${label}`, preferred: true }],
        ageBand,
      });
      const need = await caseworker.request('POST', `/api/cases/${caseId}/needs`, { kind, priority: 'normal' });
      expect(need.status).toBe(201);
      needs[label] = { caseId, needId: need.json.id };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = () => within(screen.getByTestId('triage-board')).getAllByRole('row').slice(1);
  const needStatus = async (label: string) => {
    const detail = await caseworker.request('GET', `/api/cases/${needs[label]!.caseId}`);
    return (detail.json.needs as { id: string; status: string }[]).find((n) => n.id === needs[label]!.needId)?.status;
  };

  it('puts urgent medical care first and takes on the selected need with j then a', async () => {
    const { user } = await renderApp(t, caseworker, '/casework/triage');
    await screen.findByTestId('triage-board');
    expect(rows().map((r) => within(r).getAllByRole('cell')[0]!.querySelector('strong')?.textContent)).toEqual([
      'Urgent medical',
      'Food',
    ]);
    expect(rows()[0]!.getAttribute('aria-selected')).toBe('true');

    await user.keyboard('j');
    expect(rows()[1]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('a');
    await waitFor(async () => expect(await needStatus('food')).toBe('in_progress'));
    expect(await needStatus('urgent')).toBe('open');
  });

  it('shows only under-18s after u, and says so when a filter leaves nothing', async () => {
    const { user } = await renderApp(t, caseworker, '/casework/triage');
    await screen.findByTestId('triage-board');
    await user.keyboard('u');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('Urgent medical');
    await user.click(screen.getByRole('checkbox', { name: 'Food' }));
    expect(await screen.findByText('No open need matches these filters')).toBeTruthy();
  });
});
