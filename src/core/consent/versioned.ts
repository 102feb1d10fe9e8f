/**
 * Consent flags, versioned. A survivor's consent is never edited in place: each change appends a
 * new version with who recorded it, when, and how it was given, so any past referral can be
 * checked against the consent in force at the time (consentAt). Before any version exists the
 * survivor has consented to nothing (NO_CONSENT): sharing is opt-in.
 */
import { toDate, toIso, type Instant } from '../cases/clock.ts';

export interface ConsentFlags {
  /** Share with the embassy of any of the survivor's own nationalities. */
  readonly shareWithOwnEmbassy: boolean;
  /** Organisations named by the survivor (ids), sorted, no duplicates. */
  readonly shareWithOrganisationIds: readonly string[];
  /** May be counted in anonymised statistics. */
  readonly useInStatistics: boolean;
  /**
   * May be compared with records registered by other organisations (blind cross-organisation
   * matching, core/matching/blind.ts). Opt-in like every flag: records that predate the flag have it
   * off (migration 0007).
   */
  readonly crossOrganisationMatching: boolean;
  /**
   * Consent per nationality (dual nationals, issue #10): the nationalities whose consular service may see them when
   * shareWithOwnEmbassy is on. Absent or null: every nationality they hold (the rule before this flag existed).
   */
  readonly embassyNationalities?: readonly string[] | null;
  /**
   * May hand a de-identified account of what they lived through to monitoring (a restricted testimony
   * evidence item about the compound, services/casework/testimony.service.ts). Opt-in; records that
   * predate the flag have it off (migration 0014).
   */
  readonly testimonyToMonitoring: boolean;
}

export const NO_CONSENT: ConsentFlags = Object.freeze({
  shareWithOwnEmbassy: false,
  shareWithOrganisationIds: Object.freeze([]),
  useInStatistics: false,
  crossOrganisationMatching: false,
  testimonyToMonitoring: false,
});

export const CONSENT_METHODS = ['verbal', 'written', 'digital', 'guardian'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface ConsentChange {
  readonly shareWithOwnEmbassy?: boolean;
  readonly addOrganisationIds?: readonly string[];
  readonly removeOrganisationIds?: readonly string[];
  readonly useInStatistics?: boolean;
  readonly crossOrganisationMatching?: boolean;
  /** Which nationalities' consular services may see them; null resets to all of them; absent keeps the current. */
  readonly embassyNationalities?: readonly string[] | null;
  readonly testimonyToMonitoring?: boolean;
  /** How the survivor gave or withdrew consent. */
  readonly method: ConsentMethod;
}

export interface ConsentActor {
  readonly userId: string;
  readonly organisationId: string;
}

export interface ConsentVersion {
  /** 1, 2, 3 … in order. */
  readonly version: number;
  readonly flags: ConsentFlags;
  readonly actor: ConsentActor;
  /** ISO-8601 instant the change was recorded. */
  readonly at: string;
  readonly method: ConsentMethod;
  /** Plain-English lines describing what changed from the previous version. */
  readonly changes: readonly string[];
}

export type ConsentHistory = readonly ConsentVersion[];

export type ConsentChangeResult =
  | { readonly ok: true; readonly history: ConsentHistory; readonly current: ConsentVersion }
  | { readonly ok: false; readonly reason: string };

export function currentConsent(history: ConsentHistory): ConsentFlags {
  return history.at(-1)?.flags ?? NO_CONSENT;
}

/** The consent in force at an instant (the last version recorded at or before it). */
export function consentAt(history: ConsentHistory, at: Instant): ConsentFlags {
  const t = toDate(at).getTime();
  let flags = NO_CONSENT;
  for (const v of history) {
    if (Date.parse(v.at) <= t) flags = v.flags;
    else break;
  }
  return flags;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function applyConsentChange(
  history: ConsentHistory,
  change: ConsentChange,
  actor: ConsentActor,
  at: Instant,
): ConsentChangeResult {
  const atIso = toIso(at);
  const last = history.length ? history[history.length - 1] : undefined;
  if (last && Date.parse(last.at) > Date.parse(atIso)) {
    return { ok: false, reason: `a consent change cannot be recorded before the latest version (${last.at})` };
  }
  const add = change.addOrganisationIds ?? [];
  const remove = change.removeOrganisationIds ?? [];
  if ([...add, ...remove].some((id) => id.trim() === ''))
    return { ok: false, reason: 'organisation ids must not be blank' };
  const both = add.filter((id) => remove.includes(id));
  if (both.length) return { ok: false, reason: `cannot both add and remove ${both.join(', ')}` };

  const prev = currentConsent(history);
  const orgs = new Set(prev.shareWithOrganisationIds);
  const changes: string[] = [];
  for (const id of add)
    if (!orgs.has(id)) {
      orgs.add(id);
      changes.push(`share with organisation ${id}: yes`);
    }
  for (const id of remove) if (orgs.delete(id)) changes.push(`share with organisation ${id}: no`);
  const shareWithOwnEmbassy = change.shareWithOwnEmbassy ?? prev.shareWithOwnEmbassy;
  const useInStatistics = change.useInStatistics ?? prev.useInStatistics;
  const crossOrganisationMatching = change.crossOrganisationMatching ?? prev.crossOrganisationMatching;
  if (shareWithOwnEmbassy !== prev.shareWithOwnEmbassy)
    changes.unshift(`share with own embassy: ${yesNo(shareWithOwnEmbassy)}`);
  if (useInStatistics !== prev.useInStatistics) changes.push(`use in statistics: ${yesNo(useInStatistics)}`);
  if (crossOrganisationMatching !== prev.crossOrganisationMatching)
    changes.push(`cross-organisation matching: ${yesNo(crossOrganisationMatching)}`);
  const norm = (xs: readonly string[] | null | undefined): string[] | null =>
    xs == null ? null : [...new Set(xs.map((x) => x.trim().toUpperCase()))].sort();
  const embassyNationalities =
    change.embassyNationalities === undefined ? norm(prev.embassyNationalities) : norm(change.embassyNationalities);
  if (embassyNationalities?.some((n) => !/^[A-Z]{2}$/.test(n)))
    return { ok: false, reason: 'embassy nationalities are ISO 3166-1 alpha-2 codes' };
  if (JSON.stringify(embassyNationalities) !== JSON.stringify(norm(prev.embassyNationalities)))
    changes.push(
      `embassy of nationalities: ${embassyNationalities === null ? 'all' : embassyNationalities.join(', ') || 'none'}`,
    );
  const testimonyToMonitoring = change.testimonyToMonitoring ?? prev.testimonyToMonitoring;
  if (testimonyToMonitoring !== prev.testimonyToMonitoring)
    changes.push(`testimony to monitoring: ${yesNo(testimonyToMonitoring)}`);
  if (changes.length === 0) return { ok: false, reason: 'the change does not alter the current consent' };

  const flags: ConsentFlags = Object.freeze({
    shareWithOwnEmbassy,
    shareWithOrganisationIds: Object.freeze([...orgs].sort()),
    useInStatistics,
    crossOrganisationMatching,
    ...(embassyNationalities === null ? {} : { embassyNationalities: Object.freeze(embassyNationalities) }),
    testimonyToMonitoring,
  });
  const current: ConsentVersion = Object.freeze({
    version: (last?.version ?? 0) + 1,
    flags,
    actor: Object.freeze({ ...actor }),
    at: atIso,
    method: change.method,
    changes: Object.freeze(changes),
  });
  return { ok: true, history: Object.freeze([...history, current]), current };
}
