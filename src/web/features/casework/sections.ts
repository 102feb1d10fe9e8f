import { scopeFor } from '../../../core/permissions/matrix.ts';
import type { Role } from '../../../core/vocabulary.ts';

/** The casework pages; each is a sub-path of /casework. */
export const SECTIONS = ['register', 'cases', 'triage', 'referrals', 'consular', 'coordination', 'followups'] as const;
export type Section = (typeof SECTIONS)[number];

export interface OrganisationSeat {
  kind: string;
  roles: readonly Role[];
}

/**
 * Which casework pages fit the current organisation and roles: an embassy works its consular queue,
 * a clinic or shelter its referrals inbox, a coordination cell the per-nationality view, and NGOs
 * (and international organisations) the whole casework flow. Writing pages need the create right.
 */
export function sectionsFor(seat: OrganisationSeat | undefined): Section[] {
  if (!seat) return [];
  const can = (action: 'read' | 'create', resource: 'survivor' | 'case' | 'referral' | 'need' | 'consular') =>
    scopeFor(seat.roles, action, resource) !== null;
  const out: Section[] = [];
  switch (seat.kind) {
    case 'embassy':
      if (can('read', 'consular')) out.push('consular');
      break;
    case 'clinic':
    case 'shelter':
      if (can('read', 'referral')) out.push('referrals');
      break;
    case 'coordination':
      out.push('coordination', 'followups');
      break;
    case 'ngo':
    case 'international_org':
      if (can('create', 'survivor')) out.push('register');
      if (can('read', 'case')) out.push('cases');
      if (can('read', 'need')) out.push('triage');
      if (can('read', 'referral')) out.push('referrals');
      if (can('read', 'case')) out.push('followups');
      break;
    default:
      break;
  }
  return out;
}

/** May this seat refer without matching consent (with a reason, audited)? */
export const mayOverrideConsent = (roles: readonly Role[]): boolean =>
  scopeFor(roles, 'override_consent', 'referral') !== null;
