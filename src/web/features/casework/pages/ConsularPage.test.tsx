// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { consent, register } from '../../../../testing/casework-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../../testing/render-app.tsx';

/** An embassy officer working the consular queue: only consenting nationals, steps recorded in place. */
describe('the consular queue', () => {
  let t: TestServer;
  let consul: TestClient;
  let consenting: string;

  beforeAll(async () => {
    t = await createTestServer('pglite');
    const ngo = await t.userIn('consular-ngo', 'caseworker', 'cw@consular.test');
    await t.org('emb-id', 'embassy', ['ID']);
    consul = await t.userIn('emb-id', 'consular_officer', 'consul@consular.test');
    consenting = (
      await register(ngo, {
        names: [{ value: 'Wulan Sari', preferred: true }],
        nationalities: ['ID'],
        consent: consent({ shareWithOwnEmbassy: true }),
      })
    ).caseId;
    await register(ngo, {
      names: [{ value: 'Refused Embassy', preferred: true }],
      nationalities: ['ID'],
      consent: consent({ shareWithOwnEmbassy: false }),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the national who agreed to share and never the one who refused', async () => {
    await renderApp(t, consul, '/casework/consular');
    const queue = await screen.findByTestId('consular-queue');
    expect(within(queue).getByText('Wulan Sari')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Refused Embassy');
  });

  it('records an issued emergency travel document from the card and confirms it', async () => {
    const { user } = await renderApp(t, consul, '/casework/consular');
    await user.click(await screen.findByTestId('record-steps'));
    const steps = await screen.findByTestId('consular-steps');
    await user.selectOptions(within(steps).getByLabelText('Emergency travel document'), 'issued');
    await user.type(within(steps).getByLabelText('Document number'), 'ETD-2026-0042');
    await user.click(within(steps).getByTestId('save-etd'));
    expect(await screen.findByTestId('consular-saved')).toBeTruthy();
    const queue = await consul.request('GET', '/api/consular/queue?limit=50');
    const item = (
      queue.json.items as {
        caseId: string;
        record: { emergencyDocumentStatus: string; emergencyDocumentNumber: string | null };
      }[]
    ).find((i) => i.caseId === consenting);
    expect(item?.record).toMatchObject({ emergencyDocumentStatus: 'issued', emergencyDocumentNumber: 'ETD-2026-0042' });
  });
});
