import { z } from 'zod';
import { ROLES } from '../core/vocabulary.ts';

export const LoginRequest = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
});

export const TotpRequest = z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') });

export const SwitchOrganisationRequest = z.object({ organisationId: z.uuid() });

export const LogoutRequest = z.object({
  everywhere: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const SessionView = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    locale: z.string(),
    totpEnabled: z.boolean(),
    isDemo: z.boolean(),
  }),
  organisations: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      kind: z.string(),
      roles: z.array(z.enum(ROLES)),
      isDemo: z.boolean(),
      nationalitiesServed: z.array(z.string()),
    }),
  ),
  currentOrganisationId: z.string().nullable(),
  secondFactor: z.enum(['passed', 'required', 'enrolment_required', 'not_needed']),
  csrfToken: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string() });

export const TotpEnrolmentRequest = z.object({ enrolmentCode: z.string().max(64).optional() }).nullish();

export const PasswordChangeRequest = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});
export const PasswordChangeResult = z.object({ endedSessions: z.number().int() });

export const PasswordResetRequest = z.object({
  code: z.string().min(1).max(64),
  newPassword: z.string().min(1).max(1000),
});

export const AccountCodeRequest = z.object({ purpose: z.enum(['totp_enrolment', 'password_reset']) });
export const AccountCode = z.object({ code: z.string(), expiresAt: z.string() });
export const MemberParams = z.object({ userId: z.uuid() });
