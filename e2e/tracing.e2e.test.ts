import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/core/demo/index.ts';
import { consent, register } from '../src/testing/casework-fixtures.ts';
import { apiClient, DESKTOP, screenshot, signIn, startE2E, type E2E } from './harness.ts';

const EMBASSY = 'embassy-id';
const SHELTER = 'shelter-harbour-house';
const email = (role: string, org: string) => `${role}@${org}.demo.refuge.example`;

/**
 * Issue #10 tracing on screen: an embassy records a family's tracing request; the shelter holding a survivor who
 * resembles the person sees the proposal and answers with the survivor's consent; the embassy reads only the answer.
 */
describe('tracing in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 600_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('a request, a proposal decided with the survivor, an answer', async () => {
    const shelterApi = await apiClient(e2e, email('caseworker', SHELTER), DEMO_PASSWORD);
    await register(shelterApi, {
      names: [{ value: 'Kirana Wulandari', script: 'Latn', preferred: true }],
      nationalities: ['ID'],
      dateOfBirth: '1996-08-21',
      ageBand: undefined,
      contacts: [{ channel: 'phone', value: '+62 857 2211 9087' }],
      consent: consent({ crossOrganisationMatching: true }),
    });

    const embassy = await e2e.newPage(DESKTOP);
    await embassy.addInitScript(() => localStorage.setItem('refuge.language', 'en'));
    await signIn(embassy, email('consular', EMBASSY), DEMO_PASSWORD);
    await embassy.goto('/casework/tracing');
    await embassy.getByTestId('tracing-form').waitFor();
    await embassy.locator('#field-requester\\.name').fill('Sulastri Wulandari');
    await embassy.locator('#field-requester\\.relationship').fill('mother');
    await embassy.locator('#field-sought\\.names').fill('Kirana Wulandari');
    await embassy.locator('#field-sought\\.dateOfBirth').fill('1996-08-21');
    await embassy.locator('#field-sought\\.phone').fill('0857 2211 9087');
    await screenshot(embassy, 'tracing-request-form');
    await embassy.getByTestId('tracing-form').locator('button[type=submit]').click();
    await embassy.getByTestId('tracing-requests').waitFor();
    await expect(embassy.getByTestId('tracing-requests').innerText()).resolves.toContain('Searching');

    // The server's job runner matches in the background; the shelter sees the proposal when it has.
    const shelter = await e2e.newPage(DESKTOP);
    await shelter.addInitScript(() => localStorage.setItem('refuge.language', 'en'));
    await signIn(shelter, email('caseworker', SHELTER), DEMO_PASSWORD);
    const proposal = shelter.getByTestId('tracing-proposal').filter({ hasText: 'Kirana Wulandari' });
    for (let i = 0; i < 30 && (await proposal.count()) === 0; i++) {
      await shelter.goto('/casework/tracing');
      await shelter.getByRole('heading', { level: 1, name: 'Tracing' }).waitFor();
      if ((await proposal.count()) === 0) await shelter.waitForTimeout(1000);
    }
    await expect(proposal.innerText()).resolves.toContain('mother');
    await proposal.getByLabel('This person: share what they agree to').check();
    await proposal
      .getByLabel('A contact route they agree to give')
      .fill('Call Harbour House reception, ask for Kirana');
    await screenshot(shelter, 'tracing-holder-decides');
    await proposal.getByRole('button', { name: 'Record the decision' }).click();
    await proposal.getByText('Shared', { exact: true }).waitFor();
    await shelter.context().close();

    await embassy.reload();
    await embassy.getByTestId('tracing-answer').waitFor();
    await expect(embassy.getByTestId('tracing-answer').innerText()).resolves.toContain('Alive and safe');
    await screenshot(embassy, 'tracing-answered');
    await embassy.context().close();
  }, 600_000);
});
