/**
 * Capacity across organisations (issue #10): shelters and clinics publish what they can offer now (free beds by
 * sex and age group, services, languages), with the time it was last said. Capacity is a fact about an
 * organisation, not about a person, so every signed-in organisation reads it. Needs are facts about people: the
 * coordination view counts them (core/statistics suppression, see needsAgainstCapacity) and sets them against
 * capacity, per area and need category, and suggests where there is room.
 */
import type { AgeBand, NeedKind, Sex } from '../vocabulary.ts';
import { MINIMUM_CELL, suppressEntries, SUPPRESSED, type PublishedCount } from '../statistics/suppression.ts';

export const BED_GROUPS = ['women', 'men', 'girls', 'boys', 'any'] as const;
export type BedGroup = (typeof BED_GROUPS)[number];
/** Organisation kinds that publish capacity. */
export const CAPACITY_KINDS = ['shelter', 'clinic'] as const;
/** How long a published figure is taken at its word; older ones are shown as stale and not suggested. */
export const STALE_AFTER_MS = 24 * 3_600_000;
export const MAX_BEDS = 10_000;

export interface Beds {
  readonly group: BedGroup;
  readonly free: number;
  readonly total: number;
}

export interface Capacity {
  readonly organisationId: string;
  readonly organisationKind: string;
  readonly area: string | null;
  readonly beds: readonly Beds[];
  /** Need kinds this organisation can meet. */
  readonly services: readonly NeedKind[];
  /** ISO 639-1 codes of languages spoken by staff. */
  readonly languages: readonly string[];
  readonly updatedAt: string;
}

/** Refusals, by field path; empty when the figures are consistent. */
export function validateCapacity(c: Pick<Capacity, 'beds' | 'services' | 'languages'>): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<BedGroup>();
  c.beds.forEach((b, i) => {
    if (seen.has(b.group)) errors[`body.beds.${i}.group`] = 'one line per group';
    seen.add(b.group);
    if (!Number.isInteger(b.free) || b.free < 0) errors[`body.beds.${i}.free`] = 'a whole number, 0 or more';
    if (!Number.isInteger(b.total) || b.total < 0 || b.total > MAX_BEDS)
      errors[`body.beds.${i}.total`] = `a whole number from 0 to ${MAX_BEDS}`;
    else if (b.free > b.total) errors[`body.beds.${i}.free`] = 'cannot be more than the total';
  });
  return errors;
}

/** The bed groups a survivor may sleep in: their own group, then a mixed ('any') one. */
export function bedGroupsFor(s: { sex: Sex; ageBand: AgeBand | null }): BedGroup[] {
  const minor = s.ageBand === 'under_18';
  if (s.sex === 'female') return [minor ? 'girls' : 'women', 'any'];
  if (s.sex === 'male') return [minor ? 'boys' : 'men', 'any'];
  return ['any'];
}

export const isStale = (c: Pick<Capacity, 'updatedAt'>, now: Date): boolean =>
  now.getTime() - Date.parse(c.updatedAt) > STALE_AFTER_MS;

export interface Room {
  readonly organisationId: string;
  /** Free beds in groups the survivor fits (0 for a service-only offer). */
  readonly freeBeds: number;
  readonly offersService: boolean;
  readonly sharedLanguages: string[];
  readonly sameArea: boolean;
  readonly stale: boolean;
  readonly updatedAt: string;
}

/**
 * Where there is room for this survivor's needs, best first: fresh figures before stale ones, then a fitting free
 * bed (when a bed is asked for), the service offered, the same area as the referrer, a shared language, most beds.
 * Organisations with nothing to offer for these needs are left out.
 */
export function roomFor(
  survivor: { sex: Sex; ageBand: AgeBand | null; languages: readonly string[] },
  needs: readonly NeedKind[],
  capacities: readonly Capacity[],
  options: { area?: string | null; now: Date; exclude?: string },
): Room[] {
  const groups = bedGroupsFor(survivor);
  const wantsBed = needs.includes('shelter');
  const rooms = capacities
    .filter((c) => c.organisationId !== options.exclude)
    .map((c): Room => {
      const freeBeds = c.beds.filter((b) => groups.includes(b.group)).reduce((n, b) => n + b.free, 0);
      return {
        organisationId: c.organisationId,
        freeBeds,
        offersService: needs.some((k) => k !== 'shelter' && c.services.includes(k)),
        sharedLanguages: survivor.languages.filter((l) => c.languages.includes(l)),
        sameArea: !!options.area && c.area === options.area,
        stale: isStale(c, options.now),
        updatedAt: c.updatedAt,
      };
    })
    .filter((r) => (wantsBed && r.freeBeds > 0) || r.offersService);
  const score = (r: Room): number[] => [
    r.stale ? 1 : 0,
    wantsBed && r.freeBeds > 0 ? 0 : 1,
    r.offersService ? 0 : 1,
    r.sameArea ? 0 : 1,
    r.sharedLanguages.length ? 0 : 1,
    -r.freeBeds,
  ];
  return rooms.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
    return a.organisationId < b.organisationId ? -1 : 1;
  });
}

/* ---------- Needs against capacity (coordination) ---------- */

/** The categories coordination plans for tonight, and the need kinds each counts. */
export const NEED_CATEGORIES = {
  bed: ['shelter'],
  urgent_medical: ['medical_urgent'],
  food: ['food'],
  medical: ['medical'],
  psychosocial: ['psychosocial'],
} as const satisfies Record<string, readonly NeedKind[]>;
export type NeedCategory = keyof typeof NEED_CATEGORIES;
export const NEED_CATEGORY_KEYS = Object.keys(NEED_CATEGORIES) as NeedCategory[];

export const categoryOf = (kind: NeedKind): NeedCategory | undefined =>
  NEED_CATEGORY_KEYS.find((c) => (NEED_CATEGORIES[c] as readonly NeedKind[]).includes(kind));

/** People with an open need, per area and category: the viewer's own exactly, everyone else's as one count. */
export interface NeedCount {
  readonly area: string;
  readonly category: NeedCategory;
  readonly own: number;
  readonly others: number;
}

export interface NeedsAgainstCapacityRow {
  readonly area: string;
  readonly category: NeedCategory;
  /** People of the viewer's own organisation with this need open (its own data: exact). */
  readonly own: number;
  /** People of every other organisation: at least k, or suppressed. */
  readonly others: PublishedCount;
  /** Free beds (bed) or organisations offering the service (other categories) in this area, from capacity. */
  readonly capacity: number;
  readonly stale: number;
  /** The organisation with most room here (fresh figures only), or null. */
  readonly suggestedOrganisationId: string | null;
}

/**
 * The coordination table. What is safe to show, decided here:
 *  - capacity is about organisations (beds, services): exact, with each figure's age;
 *  - needs are about people: the viewer's own organisation's count is its own data (exact); every other
 *    organisation's people are counted together and published only at k or more (core/statistics primary
 *    suppression). No totals or margins are published (own + others is never added up here), so no additive line
 *    ties the published entries together and no complement can be recovered by subtraction; the caller counts
 *    each person once per cell, and only survivors who consented to statistics among other organisations'.
 */
export function needsAgainstCapacity(
  counts: readonly NeedCount[],
  capacities: readonly Capacity[],
  now: Date,
  k: number = MINIMUM_CELL,
): NeedsAgainstCapacityRow[] {
  const areas = [
    ...new Set([...counts.map((c) => c.area), ...capacities.map((c) => c.area).filter((a): a is string => !!a)]),
  ].sort();
  const rows: NeedsAgainstCapacityRow[] = [];
  const others: number[] = [];
  for (const area of areas)
    for (const category of NEED_CATEGORY_KEYS) {
      const count = counts.find((c) => c.area === area && c.category === category);
      const here = capacities.filter((c) => c.area === area);
      const fresh = here.filter((c) => !isStale(c, now));
      const offer = (c: Capacity) =>
        category === 'bed'
          ? c.beds.reduce((n, b) => n + b.free, 0)
          : (NEED_CATEGORIES[category] as readonly NeedKind[]).some((kd) => c.services.includes(kd))
            ? 1
            : 0;
      const best = [...fresh].filter((c) => offer(c) > 0).sort((a, b) => offer(b) - offer(a))[0];
      if (!count && !here.some((c) => offer(c) > 0)) continue;
      others.push(count?.others ?? 0);
      rows.push({
        area,
        category,
        own: count?.own ?? 0,
        others: count?.others ?? 0,
        capacity: fresh.reduce((n, c) => n + offer(c), 0),
        stale: here.length - fresh.length,
        suggestedOrganisationId: best?.organisationId ?? null,
      });
    }
  const hidden = suppressEntries(others, [], { k });
  return rows.map((r, i) => (hidden[i] ? { ...r, others: SUPPRESSED } : r));
}
