/**
 * The triage board's data: which needs appear, the filters a person can set, and the keyboard
 * shortcuts (data only; the UI binds them). Filters: within one filter any value matches (OR),
 * across filters all must match (AND); an absent or empty filter does not restrict.
 */
import { NEED_KINDS, type AgeBand, type LocationKind, type NeedKind, type NeedStatus } from '../vocabulary.ts';
import { compareSortValues, TRIAGE_SORT_KEYS, triageSortValues, type TriageNeed } from './urgency.ts';

export interface TriageFilters {
  readonly needKinds?: readonly NeedKind[];
  /** ISO 3166-1 alpha-2; a survivor matches if any of their nationalities is listed. */
  readonly nationalities?: readonly string[];
  readonly locationKinds?: readonly LocationKind[];
  readonly ageBands?: readonly AgeBand[];
}

/** Needs still waiting for someone: the board hides met and cancelled ones. */
export const BOARD_NEED_STATUSES: readonly NeedStatus[] = Object.freeze(['open', 'in_progress']);

const restricts = <T>(xs: readonly T[] | undefined): xs is readonly T[] => xs !== undefined && xs.length > 0;

export function matchesTriageFilters(need: TriageNeed, filters: TriageFilters): boolean {
  if (restricts(filters.needKinds) && !filters.needKinds.includes(need.kind)) return false;
  if (restricts(filters.nationalities)) {
    const wanted = new Set(filters.nationalities.map((n) => n.toUpperCase()));
    if (!need.survivor.nationalities.some((n) => wanted.has(n.toUpperCase()))) return false;
  }
  if (restricts(filters.locationKinds)) {
    if (!need.survivor.locationKind || !filters.locationKinds.includes(need.survivor.locationKind)) return false;
  }
  if (restricts(filters.ageBands)) {
    if (!need.survivor.ageBand || !filters.ageBands.includes(need.survivor.ageBand)) return false;
  }
  return true;
}

/**
 * The board: waiting needs that pass the filters, most urgent first. Does not mutate its input.
 * Sorts on precomputed sort-key values (same order as compareNeedsByUrgency, tested) so dates are
 * parsed once per need rather than once per comparison.
 */
export function orderTriageBoard<N extends TriageNeed>(needs: readonly N[], filters: TriageFilters = {}): N[] {
  return needs
    .filter((n) => BOARD_NEED_STATUSES.includes(n.status) && matchesTriageFilters(n, filters))
    .map((need) => ({ need, values: triageSortValues(need) }))
    .sort((a, b) => compareSortValues(TRIAGE_SORT_KEYS, a.values, b.values))
    .map(({ need }) => need);
}

export type TriageAction =
  | 'next'
  | 'previous'
  | 'accept'
  | 'refer'
  | 'mark_met'
  | 'open_case'
  | 'search'
  | 'clear_filters'
  | 'help'
  | 'toggle_under_18'
  | `toggle_kind:${NeedKind}`;

export interface Shortcut {
  readonly key: string;
  readonly action: TriageAction;
  readonly description: string;
}

/** Keys 1–9 and 0 toggle a need-kind filter, in vocabulary order (1 = medical_urgent). */
const kindShortcuts: Shortcut[] = NEED_KINDS.map((kind, i) => ({
  key: String((i + 1) % 10),
  action: `toggle_kind:${kind}` as const,
  description: `Show only ${kind.replaceAll('_', ' ')} needs (toggle)`,
}));

export const TRIAGE_SHORTCUTS: readonly Shortcut[] = Object.freeze([
  { key: 'j', action: 'next', description: 'Move to the next need' },
  { key: 'k', action: 'previous', description: 'Move to the previous need' },
  { key: 'a', action: 'accept', description: 'Accept the selected need (take it on)' },
  { key: 'r', action: 'refer', description: 'Refer the selected need to another organisation' },
  { key: 'm', action: 'mark_met', description: 'Mark the selected need as met' },
  { key: 'o', action: 'open_case', description: "Open the survivor's case" },
  { key: '/', action: 'search', description: 'Search' },
  { key: 'u', action: 'toggle_under_18', description: 'Show only survivors under 18 (toggle)' },
  { key: 'Escape', action: 'clear_filters', description: 'Clear all filters' },
  { key: '?', action: 'help', description: 'Show these shortcuts' },
  ...kindShortcuts,
]);
