/**
 * Consular coverage per nationality (issue #10): who serves a survivor's nationality here. Many countries whose
 * nationals leave the compounds keep no embassy in the host country; their nationals are served from a
 * neighbouring capital (an embassy in Bangkok accredited to Cambodia), by an honorary consul, or, failing all of
 * these, by an international organisation acting as fallback (IOM-like). A survivor who consented to share with
 * their own embassy lands in exactly one covering organisation's consular queue per consented nationality, or,
 * when nothing covers any of them, in the visible "no consular path" list: never silently nowhere.
 *
 * Resolution, per nationality: a resident embassy (an `embassy` organisation whose nationalities_served lists it
 * and no coverage row of its own describes it otherwise) first; otherwise the coverage rows in mode order (non_resident, honorary, international_org), then by rank, then
 * by organisation id. The database function refuge_org_served() (migrations 0013, 0042) states the same rule in SQL;
 * src/db/org-served.db.test.ts keeps the two in agreement on both engines.
 */

export const COVERAGE_MODES = ['resident', 'non_resident', 'honorary', 'international_org'] as const;
export type CoverageMode = (typeof COVERAGE_MODES)[number];
/** Modes a coverage row may carry: a resident embassy is its organisation's nationalities_served. */
export const COVERAGE_ROW_MODES = ['non_resident', 'honorary', 'international_org'] as const;
export type CoverageRowMode = (typeof COVERAGE_ROW_MODES)[number];

export interface CoverageRow {
  /** ISO 3166-1 alpha-2. */
  readonly nationality: string;
  readonly organisationId: string;
  readonly mode: CoverageRowMode;
  /** Where the service works from (e.g. Bangkok), shown to caseworkers. */
  readonly seat: string | null;
  /** Lower first among rows of the same mode. */
  readonly rank: number;
}

export interface ResidentEmbassy {
  readonly id: string;
  readonly nationalitiesServed: readonly string[];
}

export type CoverageResolution =
  | {
      readonly nationality: string;
      readonly mode: CoverageMode;
      readonly organisationId: string;
      readonly seat: string | null;
    }
  | { readonly nationality: string; readonly mode: 'none'; readonly organisationId: null; readonly seat: null };

const norm = (code: string): string => code.trim().toUpperCase();

export function resolveCoverage(
  nationality: string,
  embassies: readonly ResidentEmbassy[],
  rows: readonly CoverageRow[],
): CoverageResolution {
  const n = norm(nationality);
  // An embassy serving the nationality is resident unless a coverage row says how else it serves it (from Bangkok,
  // as honorary consul).
  const resident = embassies
    .filter((e) => e.nationalitiesServed.map(norm).includes(n))
    .filter((e) => !rows.some((r) => r.organisationId === e.id && norm(r.nationality) === n))
    .map((e) => e.id)
    .sort()[0];
  if (resident) return { nationality: n, mode: 'resident', organisationId: resident, seat: null };
  const best = rows
    .filter((r) => norm(r.nationality) === n)
    .sort(
      (a, b) =>
        COVERAGE_MODES.indexOf(a.mode) - COVERAGE_MODES.indexOf(b.mode) ||
        a.rank - b.rank ||
        (a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0),
    )[0];
  if (best) return { nationality: n, mode: best.mode, organisationId: best.organisationId, seat: best.seat };
  return { nationality: n, mode: 'none', organisationId: null, seat: null };
}

/** The nationalities an organisation covers after resolution (what its consular queue holds). */
export function nationalitiesCoveredBy(
  organisationId: string,
  embassies: readonly ResidentEmbassy[],
  rows: readonly CoverageRow[],
): string[] {
  const candidates = new Set([
    ...embassies.filter((e) => e.id === organisationId).flatMap((e) => e.nationalitiesServed.map(norm)),
    ...rows.filter((r) => r.organisationId === organisationId).map((r) => norm(r.nationality)),
  ]);
  return [...candidates].filter((n) => resolveCoverage(n, embassies, rows).organisationId === organisationId).sort();
}

export interface ConsularPathSurvivor {
  readonly nationalities: readonly string[];
  readonly shareWithOwnEmbassy: boolean;
  /** The nationalities whose consular service may see them (consent per nationality); null: all of them. */
  readonly embassyNationalities?: readonly string[] | null;
}

/** The nationalities whose consular service the survivor consented to (none without the consent). */
export function consentedNationalities(s: ConsularPathSurvivor): string[] {
  if (!s.shareWithOwnEmbassy) return [];
  const own = [...new Set(s.nationalities.map(norm))].filter((n) => n !== '');
  if (s.embassyNationalities == null) return own;
  const chosen = new Set(s.embassyNationalities.map(norm));
  return own.filter((n) => chosen.has(n));
}

export type ConsularPath =
  | { readonly kind: 'not_consented' }
  | { readonly kind: 'covered'; readonly by: CoverageResolution[] }
  | { readonly kind: 'no_path'; readonly nationalities: string[] };

/**
 * Where a survivor lands: not in any queue (no consent: their choice, respected), in the queues covering their
 * consented nationalities, or on the "no consular path" list when no consented nationality is covered.
 */
export function consularPath(
  s: ConsularPathSurvivor,
  embassies: readonly ResidentEmbassy[],
  rows: readonly CoverageRow[],
): ConsularPath {
  if (!s.shareWithOwnEmbassy) return { kind: 'not_consented' };
  const consented = consentedNationalities(s);
  // Consented, but no nationality known (or none chosen that they hold): visible on the list, never nowhere.
  if (!consented.length) return { kind: 'no_path', nationalities: [] };
  const resolved = consented.map((n) => resolveCoverage(n, embassies, rows));
  const by = resolved.filter((r) => r.mode !== 'none');
  if (by.length) return { kind: 'covered', by };
  return { kind: 'no_path', nationalities: consented };
}
