/**
 * Who may see where a survivor is. Locations are never public; the rule depends on the kind:
 *  - shelter, clinic, embassy (a place run by an organisation): that organisation itself, and any
 *    organisation whose referral to that place is currently accepted (it sent the person there
 *    and is working with the place). A completed or revoked referral no longer gives access.
 *  - street, own_address, detention (a private or exposed place): only the case owner organisation.
 *  - unknown, or a place with no recorded organisation: nobody (there is nothing safe to show).
 * Referrals passed in are this survivor's; only accepted ones count, whatever the caller passes.
 */
import type { LocationKind, ReferralState } from '../vocabulary.ts';

export interface SurvivorLocationRef {
  readonly kind: LocationKind;
  /** The shelter, clinic or embassy organisation the survivor is at, when it is one. */
  readonly placeOrganisationId?: string | null;
  readonly caseOwnerOrganisationId: string;
}

export interface ReferralLink {
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
  readonly state: ReferralState;
  /** A referral the survivor's current consent no longer covers gives nothing. */
  readonly frozen?: boolean;
}

export const PLACE_LOCATION_KINDS: readonly LocationKind[] = Object.freeze(['shelter', 'clinic', 'embassy']);
export const OWNER_ONLY_LOCATION_KINDS: readonly LocationKind[] = Object.freeze(['street', 'own_address', 'detention']);

export function mayViewLocation(
  viewerOrganisationId: string,
  location: SurvivorLocationRef,
  referrals: readonly ReferralLink[],
): boolean {
  if (PLACE_LOCATION_KINDS.includes(location.kind)) {
    const place = location.placeOrganisationId;
    if (!place) return false;
    if (viewerOrganisationId === place) return true;
    return referrals.some(
      (r) =>
        r.state === 'accepted' &&
        !r.frozen &&
        r.toOrganisationId === place &&
        r.fromOrganisationId === viewerOrganisationId,
    );
  }
  if (OWNER_ONLY_LOCATION_KINDS.includes(location.kind))
    return viewerOrganisationId === location.caseOwnerOrganisationId;
  return false;
}
