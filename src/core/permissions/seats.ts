import { scopeFor } from './matrix.ts';
import type { Role } from '../vocabulary.ts';

/** The casework pages; each is a sub-path of /casework. */
export const SECTIONS = [
  'register',
  'cases',
  'triage',
  'referrals',
  'consular',
  'capacity',
  'coordination',
  'followups',
] as const;
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
  const can = (
    action: 'read' | 'create' | 'update',
    resource: 'survivor' | 'case' | 'referral' | 'need' | 'consular' | 'capacity',
  ) => scopeFor(seat.roles, action, resource) !== null;
  const out: Section[] = [];
  // Everyone who meets survivors registers them and works the records it registered (issue #10).
  const meets = () => {
    if (can('create', 'survivor')) out.push('register');
    if (can('read', 'case')) out.push('cases');
  };
  switch (seat.kind) {
    case 'embassy':
      meets();
      if (can('read', 'consular')) out.push('consular');
      if (can('read', 'referral')) out.push('referrals');
      break;
    case 'clinic':
    case 'shelter':
      meets();
      if (can('read', 'need')) out.push('triage');
      if (can('read', 'referral')) out.push('referrals');
      if (can('update', 'capacity')) out.push('capacity');
      break;
    case 'coordination':
      out.push('coordination', 'followups');
      break;
    case 'ngo':
    case 'international_org':
      meets();
      if (can('read', 'need')) out.push('triage');
      if (can('read', 'referral')) out.push('referrals');
      // An international organisation may cover nationalities without an embassy here (core/consular coverage).
      if (seat.kind === 'international_org' && can('read', 'consular')) out.push('consular');
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

/** The main areas of the signed-in app (besides home, which every seat has), in menu order. */
export const AREAS = ['casework', 'matching', 'monitoring', 'networks', 'reports'] as const;
export type Area = (typeof AREAS)[number];

/**
 * Which main areas this seat may open, from the same table the services authorise with: casework when a casework
 * page fits it, matches with read match, monitoring with read compound across everyone (services/monitoring/access
 * asks for scope `all`: monitoring data is shared), networks with read entity across everyone (analysts and
 * administrators; services/networks/access), reports with read report (the dashboard's own check).
 */
export function areasFor(seat: OrganisationSeat | undefined): Area[] {
  if (!seat) return [];
  const open: Record<Area, boolean> = {
    casework: sectionsFor(seat).length > 0,
    matching: scopeFor(seat.roles, 'read', 'match') !== null,
    monitoring: scopeFor(seat.roles, 'read', 'compound') === 'all',
    networks: scopeFor(seat.roles, 'read', 'entity') === 'all',
    reports: scopeFor(seat.roles, 'read', 'report') !== null,
  };
  return AREAS.filter((a) => open[a]);
}
