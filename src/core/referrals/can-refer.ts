/**
 * May this survivor be referred to that organisation? Only with recorded consent, or an audited
 * override. Consent covers the receiver when:
 *  - the survivor named the receiving organisation, or
 *  - the receiver is an embassy serving one of the survivor's nationalities and the survivor
 *    consented to share with their own embassy.
 * Otherwise the referral is refused unless the user holds REFERRAL_OVERRIDE_PERMISSION and writes
 * a reason (life-saving care for someone unable to consent, for example). The caller must audit
 * every { override: true } result with its reason.
 */
import type { OrganisationKind } from '../vocabulary.ts';
import type { ConsentFlags } from '../consent/versioned.ts';
import { servedNationalities } from '../consent/embassy-scope.ts';

/**
 * The (action, resource) pair of src/core/permissions ('override_consent' on 'referral') written as
 * "action:resource": callers pass the permissions the user holds in this form, e.g.
 * `can(roles, 'override_consent', 'referral') ? [REFERRAL_OVERRIDE_PERMISSION] : []`.
 */
export const REFERRAL_OVERRIDE_PERMISSION = 'override_consent:referral';

export interface ReferralReceiver {
  readonly id: string;
  readonly kind: OrganisationKind;
  /** For embassies: ISO 3166-1 alpha-2 codes served. Ignored for other kinds. */
  readonly servesNationalities?: readonly string[];
}

export interface CanReferInput {
  readonly consent: ConsentFlags;
  readonly survivorNationalities: readonly string[];
  readonly toOrganisation: ReferralReceiver;
  readonly userPermissions: readonly string[];
  readonly overrideReason?: string;
}

export type ConsentBasis = 'named_organisation' | 'own_embassy';

export type CanReferResult =
  | { readonly ok: true; readonly override: false; readonly basis: ConsentBasis }
  | { readonly ok: true; readonly override: true; readonly overrideReason: string }
  | { readonly ok: false; readonly reason: string };

/** Which consent covers the receiver, if any. */
export function consentBasisFor(
  consent: ConsentFlags,
  survivorNationalities: readonly string[],
  to: ReferralReceiver,
): ConsentBasis | undefined {
  if (consent.shareWithOrganisationIds.includes(to.id)) return 'named_organisation';
  if (
    to.kind === 'embassy' &&
    consent.shareWithOwnEmbassy &&
    servedNationalities(to.servesNationalities ?? [], survivorNationalities).length > 0
  ) {
    return 'own_embassy';
  }
  return undefined;
}

export function canRefer(input: CanReferInput): CanReferResult {
  const basis = consentBasisFor(input.consent, input.survivorNationalities, input.toOrganisation);
  if (basis) return { ok: true, override: false, basis };
  const reason = input.overrideReason?.trim() ?? '';
  const mayOverride = input.userPermissions.includes(REFERRAL_OVERRIDE_PERMISSION);
  if (mayOverride && reason !== '') return { ok: true, override: true, overrideReason: reason };
  if (mayOverride)
    return {
      ok: false,
      reason: 'the survivor has not consented to this organisation; an override needs a written reason',
    };
  return { ok: false, reason: 'the survivor has not consented to sharing with this organisation' };
}
