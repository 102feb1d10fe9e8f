import type { OrganisationKind, Role, Scope } from '../vocabulary.ts';

/**
 * Who may do what: (role, action, resource) → scope. `own` = records the user created or is
 * assigned to, `organisation` = the current organisation's records, `shared` = records shared
 * with the organisation (referrals, consenting nationals for embassies), `all` = everything.
 * The migration-time sync copies this table into `permissions` so the database can show it.
 */
export const ACTIONS = ['read', 'create', 'update', 'manage', 'export', 'override_consent', 'verify'] as const;
export type Action = (typeof ACTIONS)[number];

export const RESOURCES = [
  'organisation',
  'user',
  'survivor',
  'case',
  'referral',
  'consular',
  'screening',
  'need',
  'audit',
  'compound',
  'evidence',
  'evidence_metadata',
  'entity',
  'match',
  'report',
  'job',
  'capacity',
  // Tracing requests and their proposals (core/tracing), deaths reported (core/deaths): issue #10.
  'tracing',
  'death',
] as const;
export type Resource = (typeof RESOURCES)[number];

export interface PermissionRule {
  role: Role;
  action: Action;
  resource: Resource;
  scope: Scope;
}

const rules = (
  role: Role,
  scope: Scope,
  actions: readonly Action[],
  resources: readonly Resource[],
): PermissionRule[] => actions.flatMap((action) => resources.map((resource) => ({ role, action, resource, scope })));

const CASEWORK: readonly Resource[] = ['survivor', 'case', 'referral', 'screening', 'need', 'match'];
const MONITORING: readonly Resource[] = ['compound', 'evidence', 'entity'];
/** What caseworkers read of monitoring: compounds and evidence, not networks (entities are for analysts and admins). */
const MONITORING_FOR_CASEWORK: readonly Resource[] = ['compound', 'evidence'];

export const PERMISSIONS: readonly PermissionRule[] = [
  ...rules(
    'admin',
    'organisation',
    ['read', 'create', 'update', 'manage'],
    [...CASEWORK, 'consular', 'organisation', 'user', 'job'],
  ),
  ...rules('admin', 'organisation', ['read'], ['audit', 'report']),
  ...rules('admin', 'organisation', ['export'], ['report', 'consular']),
  ...rules('admin', 'organisation', ['override_consent'], ['referral']),
  ...rules('admin', 'all', ['read', 'create', 'update', 'verify'], MONITORING),
  ...rules('caseworker', 'organisation', ['read', 'create', 'update'], CASEWORK),
  ...rules('caseworker', 'organisation', ['read'], ['report', 'job']),
  ...rules('caseworker', 'all', ['read'], MONITORING_FOR_CASEWORK),
  // Everyone who meets a survivor registers them (issue #10): an embassy's walk-in and a clinic's walk-in are the
  // registering organisation's own records (scope organisation), worked like any casework. An embassy still reaches
  // consenting nationals of other organisations through its consular scope (`shared`: loadVisibleCase, RLS), and a
  // clinic or shelter the cases referred to it only through the referral's curated care view (core/disclosure
  // receiver-care), never the case rows.
  ...rules('consular_officer', 'organisation', ['read', 'create', 'update'], ['survivor', 'case', 'referral']),
  ...rules('consular_officer', 'shared', ['read', 'update'], ['consular']),
  // A flight manifest of the embassy's own consenting nationals (services/exports/manifest.service.ts).
  ...rules('consular_officer', 'shared', ['export'], ['consular']),
  ...rules('consular_officer', 'organisation', ['read', 'create', 'update'], ['need', 'screening']),
  ...rules('consular_officer', 'organisation', ['read'], ['report', 'match', 'job']),
  ...rules(
    'medic',
    'organisation',
    ['read', 'create', 'update'],
    ['survivor', 'case', 'referral', 'need', 'screening'],
  ),
  ...rules('medic', 'organisation', ['read'], ['report', 'job']),
  ...rules('analyst', 'all', ['read', 'create', 'update', 'verify'], MONITORING),
  ...rules('analyst', 'organisation', ['read', 'export'], ['report']),
  // Analysts follow their own entity imports' progress (GET /api/jobs/:id); RLS keeps jobs to the organisation.
  ...rules('analyst', 'organisation', ['read'], ['job']),
  ...rules('viewer', 'organisation', ['read'], ['report']),
  ...rules('viewer', 'all', ['read'], ['compound']),
  // Capacity (issue #10) is about organisations, not people: every working role reads everyone's; a shelter's or
  // clinic's staff publish their own (the service and RLS add the organisation-kind condition).
  ...rules('admin', 'all', ['read'], ['capacity']),
  ...rules('caseworker', 'all', ['read'], ['capacity']),
  ...rules('medic', 'all', ['read'], ['capacity']),
  ...rules('consular_officer', 'all', ['read'], ['capacity']),
  ...rules('viewer', 'all', ['read'], ['capacity']),
  // Tracing (core/tracing): whoever registers survivors records requests for families and answers proposals about
  // its own survivors; the service adds the organisation-kind condition (REGISTERING_KINDS), RLS the organisation.
  ...rules('admin', 'organisation', ['read', 'create', 'update'], ['tracing']),
  ...rules('caseworker', 'organisation', ['read', 'create', 'update'], ['tracing']),
  ...rules('consular_officer', 'organisation', ['read', 'create', 'update'], ['tracing']),
  ...rules('medic', 'organisation', ['read', 'create', 'update'], ['tracing']),
  // Deaths (core/deaths): restricted events of the recording organisation; analysts record what sources report in a
  // compound. Across organisations only suppressed counts (read report).
  ...rules('admin', 'organisation', ['read', 'create'], ['death']),
  ...rules('caseworker', 'organisation', ['read', 'create'], ['death']),
  ...rules('consular_officer', 'organisation', ['read', 'create'], ['death']),
  ...rules('medic', 'organisation', ['read', 'create'], ['death']),
  ...rules('analyst', 'organisation', ['read', 'create'], ['death']),
  ...rules('admin', 'organisation', ['update'], ['capacity']),
  ...rules('caseworker', 'organisation', ['update'], ['capacity']),
  ...rules('medic', 'organisation', ['update'], ['capacity']),
  // Photo metadata (EXIF GPS, device): the uploading organisation, and verifiers of a monitor
  // organisation (core/evidence/metadata-disclosure.ts adds the organisation-kind condition).
  ...rules('admin', 'organisation', ['read'], ['evidence_metadata']),
  ...rules('analyst', 'organisation', ['read'], ['evidence_metadata']),
  ...rules('caseworker', 'organisation', ['read'], ['evidence_metadata']),
  ...rules('verifier', 'all', ['read', 'verify'], ['evidence']),
  ...rules('verifier', 'all', ['read'], ['compound', 'evidence_metadata']),
];

/**
 * The organisation kinds that meet survivors and register them (issue #10); the registering organisation owns the
 * record. Monitors and coordination cells never hold a survivor's record, whatever their members' roles.
 */
export const REGISTERING_KINDS: readonly OrganisationKind[] = Object.freeze([
  'ngo',
  'shelter',
  'clinic',
  'embassy',
  'international_org',
]);

const SCOPE_ORDER: readonly Scope[] = ['own', 'shared', 'organisation', 'all'];

/** The widest scope any of `roles` grants for (action, resource), or null when none does. */
export function scopeFor(
  roles: readonly Role[],
  action: Action,
  resource: Resource,
  table: readonly PermissionRule[] = PERMISSIONS,
): Scope | null {
  let best: Scope | null = null;
  for (const rule of table) {
    if (rule.action !== action || rule.resource !== resource || !roles.includes(rule.role)) continue;
    if (best === null || SCOPE_ORDER.indexOf(rule.scope) > SCOPE_ORDER.indexOf(best)) best = rule.scope;
  }
  return best;
}

export function can(roles: readonly Role[], action: Action, resource: Resource): boolean {
  return scopeFor(roles, action, resource) !== null;
}
