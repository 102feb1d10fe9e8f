/** The second sign-in step: TOTP codes (each usable once), and enrolling an authenticator app. */
import * as OTPAuth from 'otpauth';
import { claimTotpStep, consumeAccountToken, findUserById, setTotp } from '../db/repositories/accounts.repository.ts';
import { clearRateLimit, hitRateLimit } from '../db/repositories/rate-limits.repository.ts';
import { updateSession } from '../db/repositories/sessions.repository.ts';
import { asSystem } from '../db/transaction.ts';
import { encryptionContext } from '../db/encrypted-columns.ts';
import { audit } from './audit.service.ts';
import type { AppContext } from './context.ts';
import { conflict, ServiceError, TooManyRequests } from './errors.ts';
import { LOCKOUT_AFTER_FAILURES, LOCKOUT_MINUTES, normaliseCode } from './auth.service.ts';
import { hashToken, type ResolvedSession } from './sessions.service.ts';

const totpFor = (secretBase32: string, email: string) =>
  new OTPAuth.TOTP({
    issuer: 'Refuge',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });

const TOTP_PERIOD_SECONDS = 30;

/**
 * Checks a TOTP code and spends its time step: a code (or any earlier one) that was accepted once is
 * refused afterwards, so a code seen over a shoulder or in a log cannot be replayed within its window.
 */
async function spendTotpCode(
  app: AppContext,
  user: { id: string; email: string },
  secret: string,
  code: string,
): Promise<boolean> {
  const now = app.now().getTime();
  const delta = totpFor(secret, user.email).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
  return asSystem(app.database, (trx) => claimTotpStep(trx, user.id, step));
}

/** Second sign-in step: a TOTP code from the user's authenticator app, usable once. Throttled like passwords. */
export async function verifySecondFactor(app: AppContext, resolved: ResolvedSession, code: string): Promise<void> {
  const now = app.now();
  const limit = await asSystem(app.database, (trx) =>
    hitRateLimit(trx, `totp:${resolved.user.id}`, LOCKOUT_MINUTES * 60, now),
  );
  if (limit.hits > LOCKOUT_AFTER_FAILURES)
    throw new TooManyRequests(LOCKOUT_MINUTES * 60, 'too many wrong codes; try again later');
  if (!resolved.user.totpEnabled || !resolved.user.totpSecretEnc)
    throw conflict('this account has no second factor set up');
  const secret = app.cipher.decrypt(
    resolved.user.totpSecretEnc,
    encryptionContext('users', 'totp_secret_enc', resolved.user.id),
  );
  if (!(await spendTotpCode(app, resolved.user, secret, code))) {
    await asSystem(app.database, (trx) =>
      audit(
        trx,
        app,
        { userId: resolved.user.id, organisationId: null, requestId: null },
        'auth.totp_failed',
        'user',
        resolved.user.id,
      ),
    );
    throw new ServiceError(
      401,
      'wrong_code',
      'that code is not right',
      { code: 'the code does not match or was used already; wait for the next one' },
      undefined,
      {},
    );
  }
  await asSystem(app.database, async (trx) => {
    await clearRateLimit(trx, `totp:${resolved.user.id}`);
    await updateSession(trx, resolved.session.tokenHash, { secondFactorPassed: true });
    await audit(
      trx,
      app,
      { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
      'auth.totp_passed',
      'user',
      resolved.user.id,
    );
  });
}

/**
 * Starts TOTP enrolment: stores a new secret (not yet active) and returns it for the authenticator
 * app. A user whose organisation requires a second factor and who has none yet must present a
 * one-time enrolment code from an administrator: otherwise whoever learnt the password alone could
 * bind their own authenticator to the account. The code is spent here.
 */
export async function beginTotpEnrolment(
  app: AppContext,
  resolved: ResolvedSession,
  enrolmentCode?: string,
): Promise<{ secret: string; uri: string }> {
  if (resolved.user.totpEnabled) throw conflict('a second factor is already set up');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await asSystem(app.database, async (trx) => {
    if (resolved.view.secondFactor === 'enrolment_required') {
      const now = app.now();
      const limit = await hitRateLimit(trx, `enrol:${resolved.user.id}`, LOCKOUT_MINUTES * 60, now);
      if (limit.hits > LOCKOUT_AFTER_FAILURES)
        throw new TooManyRequests(LOCKOUT_MINUTES * 60, 'too many wrong enrolment codes; try again later');
      const used = enrolmentCode
        ? await consumeAccountToken(
            trx,
            hashToken(normaliseCode(enrolmentCode)),
            'totp_enrolment',
            now.toISOString(),
            resolved.user.id,
          )
        : null;
      if (!used) {
        throw new ServiceError(
          403,
          'enrolment_code_required',
          'setting up the second step needs the one-time enrolment code your administrator gives you',
          {
            enrolmentCode: enrolmentCode
              ? 'this code is not right, was used already or has expired'
              : 'ask your administrator for an enrolment code',
          },
        );
      }
      await audit(
        trx,
        app,
        { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
        'auth.enrolment_code_used',
        'user',
        resolved.user.id,
      );
    }
    await setTotp(
      trx,
      resolved.user.id,
      app.cipher.encrypt(secret, encryptionContext('users', 'totp_secret_enc', resolved.user.id)),
      false,
    );
  });
  return { secret, uri: totpFor(secret, resolved.user.email).toString() };
}

/** Confirms enrolment with a first code; the session counts as having passed the second factor. */
export async function confirmTotpEnrolment(app: AppContext, resolved: ResolvedSession, code: string): Promise<void> {
  const user = await asSystem(app.database, (trx) => findUserById(trx, resolved.user.id));
  if (!user?.totpSecretEnc || user.totpEnabled) throw conflict('start enrolment first');
  const secret = app.cipher.decrypt(user.totpSecretEnc, encryptionContext('users', 'totp_secret_enc', user.id));
  if (!(await spendTotpCode(app, user, secret, code))) {
    throw new ServiceError(
      422,
      'wrong_code',
      'that code is not right',
      { code: 'the code does not match' },
      undefined,
      {},
    );
  }
  await asSystem(app.database, async (trx) => {
    await setTotp(trx, user.id, user.totpSecretEnc, true);
    await updateSession(trx, resolved.session.tokenHash, { secondFactorPassed: true });
    await audit(
      trx,
      app,
      { userId: user.id, organisationId: resolved.session.organisationId, requestId: null },
      'auth.totp_enrolled',
      'user',
      user.id,
    );
  });
}

/** Generates the current code for a secret: used by tests and by the CLI to help operators. */
export function currentTotpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: at.getTime() });
}
