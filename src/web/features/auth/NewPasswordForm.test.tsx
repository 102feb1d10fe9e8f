// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { createTestServer, renderApp, type TestServer } from '../../../testing/render-app.tsx';
import { TEST_PASSWORD } from '../../../testing/test-server.ts';

const NEW_PASSWORD = 'lantern harbour teacup seventeen';

/** Changing and resetting a password share one form; each is driven through the real server. */
describe('setting a new password', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('changes it given the current one (a wrong one is named beside its field), then empties the form', async () => {
    const email = 'change@password-form.test';
    const me = await t.userIn('password-form-org', 'caseworker', email);
    const { user } = await renderApp(t, me, '/account/password');
    const current = await screen.findByLabelText('Current password');
    const fresh = screen.getByLabelText('New password');
    // The user menu has a "Change password" entry too: submit the form's own button.
    const submit = within(current.closest('form')!).getByRole('button', { name: 'Change password' });

    await user.type(current, 'not my password at all');
    await user.type(fresh, NEW_PASSWORD);
    await user.click(submit);
    await screen.findByText((_, el) => el?.id === 'field-currentPassword-error');
    expect(current.getAttribute('aria-invalid')).toBe('true');

    await user.clear(current);
    await user.type(current, TEST_PASSWORD);
    await user.click(submit);
    expect((await screen.findByRole('status')).textContent).toMatch(/Password changed/);
    expect((current as HTMLInputElement).value).toBe('');
    expect((fresh as HTMLInputElement).value).toBe('');
    await expect(t.signIn(email, NEW_PASSWORD)).resolves.toBeTruthy();
  });

  it("resets the password with an administrator's one-time code from the sign-in page", async () => {
    const email = 'reset@password-form.test';
    const member = await t.userIn('password-form-org', 'caseworker', email);
    const userId = (await member.request('GET', '/api/session')).json.user.id as string;
    // The organisation's administrator issues the one-time code (and gives it by phone or in person).
    const admin = await t.userIn('password-form-org', 'admin', 'admin@password-form.test');
    const issued = await admin.request('POST', `/api/members/${userId}/account-codes`, { purpose: 'password_reset' });
    expect(issued.status).toBe(200);
    const code = issued.json.code as string;
    const { user } = await renderApp(t, t.anonymous(), '/sign-in');
    await user.click(await screen.findByRole('button', { name: 'I have a password reset code' }));
    await user.type(screen.getByLabelText('Reset code'), ` ${code} `);
    await user.type(screen.getByLabelText('New password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('status')).textContent).toBe('Your new password is set. Sign in with it.');
    await expect(t.signIn(email, NEW_PASSWORD)).resolves.toBeTruthy();
    await expect(t.signIn(email, TEST_PASSWORD)).rejects.toThrow(/sign-in failed/);
  });
});
