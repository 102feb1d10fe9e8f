/**
 * Protection flags (issue #10): under-18s, pregnancy and sexual-violence survivors follow their own protocols from
 * the first minute. Care first: the needs a protocol names are opened at registration, at the protocol's priority,
 * before any interview; restricted fields: what a protocol withholds is never asked at intake and the flags
 * themselves cross no organisation boundary (not in a referral's person view, not to an embassy, never a grouping of
 * any count). Under-18 follows from the age band; pregnancy and sexual violence are recorded only when the survivor
 * tells (never inferred from the screening).
 */
import type { AgeBand, NeedKind, NeedPriority, Role, ScreeningIndicator } from '../vocabulary.ts';

export const PROTECTION_FLAGS = ['under_18', 'pregnancy', 'sexual_violence'] as const;
export type ProtectionFlag = (typeof PROTECTION_FLAGS)[number];

export interface Protocol {
  /** Needs opened at registration when not already there: care before questions. */
  readonly careFirst: readonly { readonly kind: NeedKind; readonly priority: NeedPriority }[];
  /** Fields not asked or recorded at intake under this protocol (they wait for a specialist). */
  readonly restrictedFields: readonly string[];
  /** What the person working the case must know, as a key the web translates. */
  readonly guidance: string;
}

export const PROTOCOLS: { readonly [F in ProtectionFlag]: Protocol } = Object.freeze({
  // A child's care first is the triage boost every need of theirs already gets (core/triage urgency: one step more
  // urgent); no need is opened for them unasked, since what a child needs differs (a parent may be waiting outside).
  under_18: {
    careFirst: [],
    restrictedFields: ['screening.physical_sexual_violence', 'contacts'],
    guidance: 'child_protection',
  },
  pregnancy: {
    careFirst: [{ kind: 'medical', priority: 'urgent' }],
    restrictedFields: [],
    guidance: 'antenatal_care',
  },
  sexual_violence: {
    careFirst: [
      { kind: 'medical_urgent', priority: 'urgent' },
      { kind: 'psychosocial', priority: 'high' },
    ],
    restrictedFields: ['screening.physical_sexual_violence', 'notes'],
    guidance: 'clinical_management_of_rape',
  },
});

export interface ProtectionInput {
  readonly ageBand?: AgeBand | null;
  readonly pregnant?: boolean;
  readonly sexualViolence?: boolean;
}

/** The flags of a survivor, in PROTECTION_FLAGS order. */
export function protectionFlags(s: ProtectionInput): ProtectionFlag[] {
  const flags: ProtectionFlag[] = [];
  if (s.ageBand === 'under_18') flags.push('under_18');
  if (s.pregnant) flags.push('pregnancy');
  if (s.sexualViolence) flags.push('sexual_violence');
  return flags;
}

const PRIORITY_ORDER: readonly NeedPriority[] = ['urgent', 'high', 'normal', 'low'];

/**
 * The needs to open first for these flags, one per kind at the most urgent priority any protocol asks, leaving out
 * kinds already open (the caseworker may have entered them).
 */
export function careFirstNeeds(
  flags: readonly ProtectionFlag[],
  alreadyOpen: readonly NeedKind[] = [],
): { kind: NeedKind; priority: NeedPriority }[] {
  const best = new Map<NeedKind, NeedPriority>();
  for (const f of flags)
    for (const n of PROTOCOLS[f].careFirst) {
      const had = best.get(n.kind);
      if (!had || PRIORITY_ORDER.indexOf(n.priority) < PRIORITY_ORDER.indexOf(had)) best.set(n.kind, n.priority);
    }
  return [...best.entries()]
    .filter(([kind]) => !alreadyOpen.includes(kind))
    .map(([kind, priority]) => ({ kind, priority }));
}

/** Fields no one asks or records at intake for these flags. */
export const restrictedFields = (flags: readonly ProtectionFlag[]): string[] =>
  [...new Set(flags.flatMap((f) => PROTOCOLS[f].restrictedFields))].sort();

/** Who may record what a protocol withholds from intake: clinic staff, in a clinical setting. */
export const PROTOCOL_SPECIALIST_ROLES: readonly Role[] = ['medic'];

/**
 * The screening indicators a person with these roles may not answer for a survivor with these flags (leaving them
 * "unknown" is always allowed: nothing was asked). The server refuses an answer; the form does not ask.
 */
export function withheldIndicators(flags: readonly ProtectionFlag[], roles: readonly Role[]): ScreeningIndicator[] {
  if (roles.some((r) => PROTOCOL_SPECIALIST_ROLES.includes(r))) return [];
  return restrictedFields(flags)
    .filter((f) => f.startsWith('screening.'))
    .map((f) => f.slice('screening.'.length) as ScreeningIndicator);
}
