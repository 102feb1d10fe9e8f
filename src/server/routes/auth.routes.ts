import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AccountCode,
  AccountCodeRequest,
  LoginRequest,
  LogoutRequest,
  MemberParams,
  PasswordChangeRequest,
  PasswordChangeResult,
  PasswordResetRequest,
  SessionView,
  SwitchOrganisationRequest,
  TotpEnrolment,
  TotpEnrolmentRequest,
  TotpRequest,
} from '../../contracts/auth.ts';
import { Ok } from '../../contracts/common.ts';
import { beginTotpEnrolment, confirmTotpEnrolment, verifySecondFactor } from '../../services/second-factor.service.ts';
import { changePassword, issueAccountCode, login, resetPassword } from '../../services/auth.service.ts';
import { logout, resolveSession, switchOrganisation } from '../../services/sessions.service.ts';
import type { ServerDeps } from '../deps.ts';
import {
  clearSessionCookie,
  requireActor,
  requireSession,
  SESSION_COOKIE,
  setSessionCookie,
} from '../plugins/session.ts';

export const authRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['session'];
    const reload = async (token: string | undefined, requestId: string) => {
      const s = await resolveSession(deps.app, token, requestId);
      if (!s) throw new Error('session vanished');
      return s.view;
    };

    app.post(
      '/api/session',
      {
        schema: {
          tags,
          summary: 'Sign in with email and password',
          body: LoginRequest,
          response: { 200: SessionView },
        },
      },
      async (request, reply) => {
        const { token, view } = await login(deps.app, {
          ...request.body,
          ip: request.ip,
          previousToken: request.cookies[SESSION_COOKIE],
          requestId: request.id,
        });
        setSessionCookie(request, reply, token, deps.secureCookies);
        return view;
      },
    );

    app.get(
      '/api/session',
      { schema: { tags, summary: 'The current session', response: { 200: SessionView } } },
      async (request) => requireSession(request).view,
    );

    app.post(
      '/api/session/totp',
      {
        schema: {
          tags,
          summary: 'Second sign-in step with a TOTP code',
          body: TotpRequest,
          response: { 200: SessionView },
        },
      },
      async (request) => {
        await verifySecondFactor(deps.app, requireSession(request), request.body.code);
        return reload(request.cookies[SESSION_COOKIE], request.id);
      },
    );

    app.post(
      '/api/session/totp/enrolment',
      {
        schema: {
          tags,
          summary:
            'Start setting up a TOTP second factor (with the enrolment code ' +
            'from an administrator when the organisation requires one)',
          body: TotpEnrolmentRequest,
          response: { 200: TotpEnrolment },
        },
      },
      async (request) => beginTotpEnrolment(deps.app, requireSession(request), request.body?.enrolmentCode),
    );

    app.put(
      '/api/session/password',
      {
        schema: {
          tags,
          summary: 'Change my password (knowing the current one); signs out my other sessions',
          body: PasswordChangeRequest,
          response: { 200: PasswordChangeResult },
        },
      },
      async (request) => {
        const s = requireSession(request);
        requireActor(request);
        return changePassword(deps.app, s, { ...request.body, ip: request.ip });
      },
    );

    app.post(
      '/api/password-reset',
      {
        schema: {
          tags,
          summary: 'Set a new password with a one-time reset code from an administrator',
          body: PasswordResetRequest,
          response: { 200: Ok },
        },
      },
      async (request) => {
        await resetPassword(deps.app, { ...request.body, ip: request.ip });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/members/:userId/account-codes',
      {
        schema: {
          tags,
          summary:
            'Administrators: issue a one-time TOTP enrolment or password ' +
            'reset code for a member of the current organisation',
          params: MemberParams,
          body: AccountCodeRequest,
          response: { 200: AccountCode },
        },
      },
      async (request) => {
        const { code, expiresAt } = await issueAccountCode(
          deps.app,
          requireActor(request),
          { userId: request.params.userId },
          request.body.purpose,
        );
        return { code, expiresAt };
      },
    );

    app.post(
      '/api/session/totp/enrolment/confirm',
      {
        schema: {
          tags,
          summary: 'Confirm the TOTP set-up with a first code',
          body: TotpRequest,
          response: { 200: SessionView },
        },
      },
      async (request) => {
        await confirmTotpEnrolment(deps.app, requireSession(request), request.body.code);
        return reload(request.cookies[SESSION_COOKIE], request.id);
      },
    );

    app.put(
      '/api/session/organisation',
      {
        schema: {
          tags,
          summary: 'Switch the current organisation',
          body: SwitchOrganisationRequest,
          response: { 200: SessionView },
        },
      },
      async (request) => {
        await switchOrganisation(deps.app, requireSession(request), request.body.organisationId);
        return reload(request.cookies[SESSION_COOKIE], request.id);
      },
    );

    app.delete(
      '/api/session',
      {
        schema: {
          tags,
          summary: 'Sign out (optionally everywhere)',
          querystring: LogoutRequest,
          response: { 200: Ok },
        },
      },
      async (request, reply) => {
        await logout(deps.app, requireSession(request), request.query.everywhere);
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );
  };
